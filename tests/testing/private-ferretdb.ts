import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "./nlu.js";

/**
 * A FerretDB of one test's own (the MongoDB-wire server CI builds: scripts/ci/ferretdb.sh), on a
 * free port with its data in a folder of its own: the test can freeze it (SIGSTOP: the database
 * stops answering, connections stay open, as a network partition or a stalled primary looks) and
 * let it go on, without touching the one other tests share.
 */
export class PrivateFerretDb {
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly pid: number,
  ) {}

  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}/`;
  }

  static async start(): Promise<PrivateFerretDb> {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const dir = mkdtempSync(join(tmpdir(), "desk-ferretdb-"));
    execFileSync("bash", [join(projectRoot, "scripts/ci/ferretdb.sh")], { env: { ...process.env, FERRETDB_PORT: String(port), FERRETDB_DATA: dir }, stdio: "pipe" });
    const pid = Number(execFileSync("pgrep", ["-f", `listen-addr=127.0.0.1:${port}`]).toString().trim().split("\n")[0]);
    return new PrivateFerretDb(port, dir, pid);
  }

  /** Stops it answering, connections left open. */
  freeze(): void {
    process.kill(this.pid, "SIGSTOP");
  }

  thaw(): void {
    process.kill(this.pid, "SIGCONT");
  }

  stop(): void {
    try {
      process.kill(this.pid, "SIGCONT");
      process.kill(this.pid, "SIGKILL");
    } catch {
      // already gone
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
