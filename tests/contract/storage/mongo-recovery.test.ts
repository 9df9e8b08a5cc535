import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { mongoAnswers, openMongo } from "../../../src/storage/mongo/connection.js";
import { describeMongo } from "../../testing/mongo.js";

// A FerretDB of this test's own (the shared one serves the other files): stopped and started again here.
const bin = process.env.FERRETDB_BIN ?? join(homedir(), ".cache", "desk-ferretdb", "v1.24.2", "ferretdb");
const dir = mkdtempSync(join(tmpdir(), "ferretdb-recovery-"));
let server: ChildProcess | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
async function startFerret(port: number): Promise<void> {
  server = spawn(bin, ["--handler=sqlite", `--sqlite-url=file:${dir}/`, `--listen-addr=127.0.0.1:${port}`, `--state-dir=${dir}`, "--debug-addr=-", "--telemetry=disable", "--log-level=error"], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    if (await listening(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`FerretDB did not listen on ${port} within 10 s`);
}
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
async function stopFerret(): Promise<void> {
  const s = server;
  server = undefined;
  if (!s || s.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    s.once("exit", () => resolve());
    s.kill("SIGKILL");
  });
}
afterAll(async () => {
  await stopFerret();
  rmSync(dir, { recursive: true, force: true });
});

describeMongo("MongoDB connection loss", () => {
  it("refuses clearly while the server is away and recovers without a restart", async () => {
    expect(existsSync(bin), `FerretDB binary at ${bin} (scripts/ci/ferretdb.sh builds it)`).toBe(true);
    const port = await freePort();
    await startFerret(port);
    const conn = await openMongo(`mongodb://127.0.0.1:${port}/recovery`, { serverSelectionTimeoutMS: 1_000 });
    try {
      const records = conn.collection("records");
      await records.insertOne({ _id: "before" as never, n: 1 });
      expect(await mongoAnswers(conn)).toBe(true);

      await stopFerret();
      expect(await mongoAnswers(conn)).toBe(false);
      const started = Date.now();
      await expect(records.insertOne({ _id: "during" as never, n: 2 })).rejects.toThrow();
      // The refusal comes within the selection timeout, not after a hang.
      expect(Date.now() - started).toBeLessThan(10_000);

      await startFerret(port);
      let back = false;
      for (let i = 0; i < 50 && !back; i++) {
        back = await mongoAnswers(conn);
        if (!back) await new Promise((r) => setTimeout(r, 200));
      }
      expect(back).toBe(true);
      await records.insertOne({ _id: "after" as never, n: 3 });
      // What was written before the loss is there; what was refused during it is not half-written.
      expect((await records.find({}).sort({ n: 1 }).toArray()).map((d) => d._id)).toEqual(["before", "after"]);
    } finally {
      await conn.close();
    }
  }, 60_000);
});

it("a desk whose MONGODB_URI does not answer is refused at start with a line naming it, password hidden", async () => {
  const { openStorage, StoreUnreachableError } = await import("../../../src/storage/open-storage.js");
  const port = await freePort();
  const started = Date.now();
  const opening = openStorage({ dataDir: dir, mongodbUri: `mongodb://desk:secret@127.0.0.1:${port}/desk` });
  await expect(opening).rejects.toBeInstanceOf(StoreUnreachableError);
  await expect(opening).rejects.toThrow(`MongoDB at mongodb://***@127.0.0.1:${port}/desk did not answer`);
  await opening.catch((e: Error) => expect(e.message).not.toContain("secret"));
  expect(Date.now() - started).toBeLessThan(15_000);
}, 30_000);
