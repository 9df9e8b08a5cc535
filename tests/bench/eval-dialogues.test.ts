import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { outcomeOf, parseDialogues, turnProblems } from "../../bench/dialogues/dialogue.js";
import { projectRoot } from "../testing/nlu.js";

const run = promisify(execFile);
const tsx = join(projectRoot, "node_modules", ".bin", "tsx");
const script = join(projectRoot, "bench", "dialogues", "eval-dialogues.ts");
const tmp = mkdtempSync(join(tmpdir(), "eval-dialogues-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function evalCli(args: string[]) {
  try {
    const { stdout, stderr } = await run(tsx, [script, ...args], { cwd: projectRoot, maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("the dialogue checks (pure)", () => {
  it("reads a dialogues file and names the line of a bad one", () => {
    const good = parseDialogues('{"id":"a","turns":[{"text":"你好","expect":{"outcome":"answer"}}]}\n\n{"id":"b","turns":[{"text":"x"}]}\n');
    expect(good.ok && good.dialogues.map((d) => d.id)).toEqual(["a", "b"]);
    expect(parseDialogues('{"id":"a","turns":[]}')).toMatchObject({ ok: false, error: expect.stringContaining("line 1: turns") });
    expect(parseDialogues('{"id":"a","turns":[{"text":"x"}]}\n{"id":"a","turns":[{"text":"y"}]}')).toMatchObject({ ok: false, error: "line 2: id a used twice" });
    expect(parseDialogues('{"id":"a","turns":[{"text":"x","expect":{"outcome":"maybe"}}]}')).toMatchObject({ ok: false });
    expect(parseDialogues("")).toEqual({ ok: false, error: "no dialogues in the file" });
  });

  it("judges a reply by its intent, its kind and the words it must hold", () => {
    expect(outcomeOf("faq_in_flow")).toBe("answer");
    expect(outcomeOf("flow_submitted")).toBe("flow");
    expect(outcomeOf("handoff_waiting")).toBe("handoff");
    const reply = { text: "您的法定退休年龄是63岁", intent: "pension.retirement.age", decision: "faq" };
    expect(turnProblems({ intent: "pension.retirement.age", outcome: "answer", contains: ["63岁"] }, reply)).toEqual([]);
    expect(turnProblems({ intent: "card.lost", outcome: "clarify", contains: ["58岁"] }, reply)).toEqual([
      "intent pension.retirement.age, expected card.lost",
      "outcome answer (faq), expected clarify",
      'reply lacks "58岁"',
    ]);
  });
});

describe("npm run eval:dialogues", () => {
  it("runs each conversation on the real server and prints the figures, with the turns that missed", async () => {
    const file = join(tmp, "two.jsonl");
    writeFileSync(
      file,
      [
        { id: "card", turns: [{ text: "社保卡丢了怎么挂失", expect: { intent: "card.lost", outcome: "answer" } }, { text: "你好", expect: { outcome: "answer" } }] },
        { id: "wrong", turns: [{ text: "社保卡丢了怎么挂失", expect: { intent: "pension.transfer" } }] },
      ]
        .map((d) => JSON.stringify(d))
        .join("\n"),
    );
    const { code, stdout } = await evalCli(["--data", file, "--json"]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout.trim().split("\n").at(-1) as string);
    expect(r).toMatchObject({ n_dialogues: 2, n_turns: 3, turn_accuracy: 0.667, dialogue_success_rate: 0.5 });
    expect(r.errors).toEqual([expect.objectContaining({ id: "wrong", turn: 1, problems: ["intent card.lost, expected pension.transfer"] })]);
  });

  it("exits 2 with a clear message for a missing or malformed file", async () => {
    expect(await evalCli([])).toMatchObject({ code: 2, stderr: expect.stringContaining("usage") });
    expect(await evalCli(["--data", join(tmp, "nope.jsonl")])).toMatchObject({ code: 2, stderr: expect.stringContaining("cannot read") });
    const bad = join(tmp, "bad.jsonl");
    writeFileSync(bad, '{"id":"a","turns":[{"text":"你好"}]}\n{"id":"b"}\n');
    expect(await evalCli(["--data", bad])).toMatchObject({ code: 2, stderr: expect.stringContaining("line 2") });
  });

  it("holds the desk's own 84 dialogues to a turn accuracy of at least 0.90", async () => {
    const { code, stdout } = await evalCli(["--data", join(projectRoot, "bench", "dialogues", "dialogues.jsonl"), "--json"]);
    expect(code).toBe(0);
    const r = JSON.parse(stdout.trim().split("\n").at(-1) as string);
    expect(r.n_dialogues).toBe(84);
    expect(r.turn_accuracy).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
