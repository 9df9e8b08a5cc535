import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkerUnderstander } from "../../src/nlu/worker-understander.js";
import { nluPaths, readDevSet, realNlu } from "../testing/nlu.js";

describe("understanding in a worker thread", () => {
  let worker: WorkerUnderstander;
  const errors: unknown[] = [];
  const files = () => {
    const { artifact, kb } = realNlu();
    return { modelsDir: dirname(artifact.dir), hash: artifact.hash, topicsFile: nluPaths.topicsFile, intents: kb.intents.map((i) => i.id) };
  };

  beforeAll(async () => {
    worker = await WorkerUnderstander.start(files(), { onError: (e) => errors.push(e) });
  });
  afterAll(() => worker.close());

  it("understands exactly as the engine in this thread does, many requests at once", async () => {
    const { engine } = realNlu();
    const now = new Date("2026-12-07T09:00:00+08:00");
    const texts = [...readDevSet().map((e) => e.text), "社保卡", "asdfgh", "上个月30号离职的", "110105199104120132"];
    const results = await Promise.all(texts.map((t) => worker.understand(t, now)));
    for (const [i, u] of results.entries()) expect(u).toEqual(engine.understand(texts[i] as string, now));
  });

  it("starts a new worker when one dies, failing only what it had in hand", async () => {
    const now = new Date();
    // The worker is stopped before it can answer: terminate first, then ask (without waiting).
    const dying = (worker as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    const inHand = worker.understand("养老金怎么算", now);
    await dying;
    await expect(inHand).rejects.toThrow(/stopped/);
    await expect.poll(async () => (await worker.understand("社保卡丢了怎么办", now).catch(() => undefined))?.candidates[0]?.intent, {
      timeout: 10_000,
    }).toBe("card.lost");
    expect(errors.some((e) => String(e).includes("starting it again"))).toBe(true);
  });

  it("refuses to start with a clear message when the model is not there", async () => {
    await expect(WorkerUnderstander.start({ ...files(), hash: "0000000000000000" })).rejects.toThrow(/no model artifact 0000000000000000/);
  });
});
