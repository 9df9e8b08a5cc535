import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDemoRecords } from "../../src/records/demo/index.js";
import { FieldCipher } from "../../src/security/field-cipher.js";
import { openStorage } from "../../src/storage/open-storage.js";
import { preparePrivateDatabase, securePrivateFolder } from "../../src/storage/sqlite/private-files.js";
import { startTestServer } from "../testing/server.js";

const mode = (path: string) => statSync(path).mode & 0o777;
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "modes-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Every file in the folder with its mode, to compare in one go. */
const modes = (dir: string) => Object.fromEntries(readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile()).map((f) => [f, mode(join(dir, f)).toString(8)]));

describe("the data folder and its files", () => {
  it("are 0700 and 0600 after a real start, also on a folder and files left open to others", async () => {
    const dataDir = tempDir();
    chmodSync(dataDir, 0o755);
    const first = await startTestServer({ dataDir });
    const expected = { "desk.sqlite": "600", "desk.sqlite-wal": "600", "desk.sqlite-shm": "600", "records-demo.sqlite": "600", "records-demo.sqlite-wal": "600", "records-demo.sqlite-shm": "600", "secrets.json": "600", "demo-staff.json": "600", "admin-credentials.json": "600" };
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(modes(dataDir)).toEqual(expected);
    } finally {
      await first.stop();
    }
    // As an older version, a copy or a careless umask may have left them.
    chmodSync(dataDir, 0o755);
    for (const f of readdirSync(dataDir)) if (statSync(join(dataDir, f)).isFile()) chmodSync(join(dataDir, f), 0o644);
    const second = await startTestServer({ dataDir });
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(modes(dataDir)).toEqual(expected);
    } finally {
      await second.stop();
    }
  });

  it("are private when storage and the demo records are opened on their own, in a folder they create", async () => {
    const dataDir = join(tempDir(), "a", "data");
    const storage = await openStorage({ dataDir });
    const records = createDemoRecords({ file: join(dataDir, "records-demo.sqlite"), cipher: new FieldCipher(randomBytes(32)), clock: () => new Date(), transitions: false });
    try {
      await storage.conversations.create({ id: "c1", channel: "web", key: "c1", locale: "zh", createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z" });
      expect(mode(dataDir)).toBe(0o700);
      // The parents are made as usual; only the data folder itself is closed.
      expect(mode(join(dataDir, ".."))).toBe(0o777 & ~process.umask() & 0o777);
      expect(modes(dataDir)).toEqual({
        "desk.sqlite": "600",
        "desk.sqlite-wal": "600",
        "desk.sqlite-shm": "600",
        "records-demo.sqlite": "600",
        "records-demo.sqlite-wal": "600",
        "records-demo.sqlite-shm": "600",
      });
    } finally {
      await records.close();
      await storage.close();
    }
  });

  it("tightens our files only: another file in the folder keeps its mode", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "notes.txt"), "x", { mode: 0o644 });
    writeFileSync(join(dir, "old.sqlite-journal"), "", { mode: 0o644 });
    mkdirSync(join(dir, "models"), { mode: 0o755 });
    securePrivateFolder(dir);
    expect(mode(join(dir, "notes.txt"))).toBe(0o644);
    expect(mode(join(dir, "old.sqlite-journal"))).toBe(0o600);
    expect(mode(join(dir, "models"))).toBe(0o755);
    // A database file named otherwise is still made private when it is opened.
    writeFileSync(join(dir, "desk.db"), "", { mode: 0o644 });
    preparePrivateDatabase(join(dir, "desk.db"));
    expect(mode(join(dir, "desk.db"))).toBe(0o600);
  });

  it.runIf(process.getuid?.() === 0)("warns about a folder or a file that belongs to another user, and leaves them as they are", () => {
    const dir = tempDir();
    const data = join(dir, "data");
    mkdirSync(data, { mode: 0o755 });
    chmodSync(data, 0o755);
    writeFileSync(join(data, "desk.sqlite"), "", { mode: 0o644 });
    chownSync(data, 65534, 65534);
    chownSync(join(data, "desk.sqlite"), 65534, 65534);
    const warnings: string[] = [];
    preparePrivateDatabase(join(data, "desk.sqlite"), (w) => warnings.push(w));
    expect(mode(data)).toBe(0o755);
    expect(mode(join(data, "desk.sqlite"))).toBe(0o644);
    expect(warnings).toEqual([
      `${data} belongs to uid 65534 and is open to others (mode 0755); give it to the desk's user, mode 0700`,
      `${join(data, "desk.sqlite")} belongs to uid 65534 and is open to others (mode 0644); give it to the desk's user, mode 0600`,
    ]);
    expect(existsSync(join(data, "desk.sqlite-wal"))).toBe(false);
  });
});
