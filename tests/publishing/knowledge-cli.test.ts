import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readKnowledgeFolder } from "../../src/knowledge/documents.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { projectRoot } from "../testing/nlu.js";
import { startTestServer } from "../testing/server.js";

const tmp = mkdtempSync(join(tmpdir(), "kb-cli-"));
const dataDir = join(tmp, "data");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `npm run kb:<command> -- …args` in its own process, as an operator runs it. */
function kb(command: "export" | "import" | "nonsense", args: string[]): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/kb.ts", command, ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "development", DATA_DIR: dataDir },
    encoding: "utf8",
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}
const folderAt = (root: string) => readKnowledgeFolder(join(root, "knowledge-base"), join(root, "bot", "out-of-scope.yaml"));
const readyz = async (url: string) => (await fetch(`${url}/readyz`)).json() as Promise<{ version: number; model: string }>;

describe("knowledge versions at start, and npm run kb:export / kb:import", () => {
  it("publishes the folder as version 1 at the first start, round-trips it without loss, and imports only what is valid", async () => {
    expect(kb("export", ["--out", join(tmp, "none")])).toMatchObject({ code: 2, err: expect.stringContaining("no knowledge version yet") });

    let server = await startTestServer({ dataDir });
    expect(await readyz(server.url)).toMatchObject({ version: 1 });
    await server.stop();

    const first = kb("export", ["--out", join(tmp, "v1")]);
    expect(first).toMatchObject({ code: 0, out: expect.stringContaining("exported version 1") });
    const seed = folderAt(projectRoot);
    expect([...folderAt(join(tmp, "v1"))]).toEqual([...seed]);
    expect(kb("export", ["--out", join(tmp, "v1")])).toMatchObject({ code: 2, err: expect.stringContaining("is not empty") });
    expect(kb("export", ["--out", join(tmp, "x"), "--version", "two"])).toMatchObject({ code: 2, err: expect.stringContaining("--version must be a version number") });
    expect(kb("export", ["--out", join(tmp, "x"), "--version", "9"])).toMatchObject({ code: 2, err: expect.stringContaining("there is no version 9") });

    // The same folder again is nothing new.
    expect(kb("import", ["--from", join(tmp, "v1")])).toMatchObject({ code: 0, out: expect.stringContaining("nothing to import") });

    // A broken file stops the import: nothing is published.
    const broken = join(tmp, "v1", "knowledge-base", "card", "card-lost.yaml");
    const original = readFileSync(broken, "utf8");
    writeFileSync(broken, original.replace(/^intent: .*$/m, "intent: card.nonexistent"));
    expect(kb("import", ["--from", join(tmp, "v1")])).toMatchObject({ code: 2, err: expect.stringMatching(/nothing imported: .*card-lost\.yaml: field 'intent': unknown intent id 'card\.nonexistent'/) });
    expect(kb("import", ["--from", join(tmp, "missing")])).toMatchObject({ code: 2, err: expect.stringContaining("intents.tsv is missing") });

    // A real change (an answer corrected: the model stays, the guard has nothing to compare) is the
    // next version, audited, and exports as imported.
    writeFileSync(broken, original.replace("  zh: |\n    发现社保卡丢失", "  zh: |\n    社保卡不见了咋个挂失：发现社保卡丢失"));
    const imported = kb("import", ["--from", join(tmp, "v1"), "--note", "新增问法"]);
    expect(imported).toMatchObject({ code: 0, out: expect.stringContaining("published version 2") });
    expect(imported.out).toContain("changed: card/card-lost.yaml");
    expect(kb("export", ["--out", join(tmp, "v2"), "--version", "2"]).code).toBe(0);
    expect([...folderAt(join(tmp, "v2"))]).toEqual([...folderAt(join(tmp, "v1"))]);
    expect(folderAt(join(tmp, "v2")).get("card/card-lost.yaml")).toContain("社保卡不见了咋个挂失：");

    const storage = createSqliteStorage(join(dataDir, "desk.sqlite"));
    expect((await storage.knowledgeVersions.list(5)).map((v) => [v.version, v.origin, v.author, v.note])).toEqual([
      [2, "import", "kb:import", "新增问法"],
      [1, "folder", "knowledge-base/", "the knowledge-base/ folder, at the first start"],
    ]);
    expect(await storage.audit.list({ action: "knowledge.import", limit: 5 })).toEqual([
      expect.objectContaining({ actor: "cli", target: "version 2", detail: { added: [], removed: [], changed: ["card/card-lost.yaml"] } }),
    ]);
    // Version 1 again, as editors will roll back: served at the next start, as the newest version.
    const v1 = await storage.knowledgeVersions.get(1);
    await storage.knowledgeVersions.publish({ documents: v1?.documents ?? new Map(), author: "li.editor", note: "back to 1", publishedAt: new Date().toISOString(), origin: "editor" });
    await storage.close();
    server = await startTestServer({ dataDir });
    expect(await readyz(server.url)).toMatchObject({ version: 3 });
    await server.stop();

    expect(kb("nonsense", [])).toMatchObject({ code: 2, err: expect.stringContaining("usage") });
  }, 120_000);
});
