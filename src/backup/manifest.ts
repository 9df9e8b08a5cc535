import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { sha256Text, syncToDisk } from "./checksum.js";
import { BackupDamaged, BackupRefused } from "./errors.js";

export const MANIFEST_FILE = "manifest.json";
/** `sha256sum -c manifest.json.sha256` checks the manifest by hand; each file's sum is in the manifest. */
export const MANIFEST_CHECKSUM_FILE = "manifest.json.sha256";
const FORMAT = "desk-backup/1";

const BackedUpFile = z.object({
  name: z.string().regex(/^[^/\\]+\.sqlite$/),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The file's PRAGMA user_version: how far its migrations got. */
  schemaVersion: z.number().int().nonnegative(),
  pageSize: z.number().int().positive(),
  /** Rows in each table, counted in the copy. */
  rows: z.record(z.string(), z.number().int().nonnegative()),
});
export type BackedUpFile = z.infer<typeof BackedUpFile>;

const Manifest = z.object({
  format: z.literal(FORMAT),
  tool: z.object({ name: z.string(), version: z.string() }),
  /** Everything committed before this instant is in the backup (each file's snapshot began after it). */
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  /** The data folder it was taken from. */
  dataDir: z.string(),
  /** desk.sqlite's schema version. */
  schemaVersion: z.number().int().nonnegative(),
  files: z.array(BackedUpFile).min(1),
  /** What a backup leaves out on purpose, and why (README "Backups and restore"). */
  notIncluded: z.array(z.string()),
});
export type Manifest = z.infer<typeof Manifest>;

export const NOT_INCLUDED = [
  "secrets.json and every key: a copy of the data must not carry the key that opens it; keep FIELD_ENCRYPTION_KEY (and the old keys) and SESSION_SECRET with your secrets, not with the backups",
  "demo-staff.json and admin-credentials*.json: one-time passwords in the clear; the accounts themselves are in desk.sqlite",
  "models/: trained from the knowledge versions in desk.sqlite again when missing",
  "Redis: live state only (queue positions, offers, sessions), rebuilt by the desk",
];

export const newManifest = (fields: Omit<Manifest, "format" | "notIncluded">): Manifest => ({ format: FORMAT, ...fields, notIncluded: NOT_INCLUDED });

/** Writes the manifest and its checksum into a backup folder, both flushed to disk. */
export async function writeManifest(folder: string, manifest: Manifest): Promise<string> {
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const sum = sha256Text(text);
  for (const [name, content] of [
    [MANIFEST_FILE, text],
    [MANIFEST_CHECKSUM_FILE, `${sum}  ${MANIFEST_FILE}\n`],
  ] as const) {
    await writeFile(join(folder, name), content, { mode: 0o600 });
    await syncToDisk(join(folder, name));
  }
  return sum;
}

/** A backup folder's manifest, once its own checksum matches; refused when the folder is not a backup. */
export async function readManifest(folder: string): Promise<Manifest> {
  const file = join(folder, MANIFEST_FILE);
  const sumFile = join(folder, MANIFEST_CHECKSUM_FILE);
  if (!existsSync(folder)) throw new BackupRefused(`${folder} does not exist`);
  if (!existsSync(file) || !existsSync(sumFile)) {
    throw new BackupRefused(`${folder} is not a complete backup: it has no ${MANIFEST_FILE} and ${MANIFEST_CHECKSUM_FILE}`);
  }
  const text = await readFile(file, "utf8");
  const expected = (await readFile(sumFile, "utf8")).trim().split(/\s+/)[0];
  if (sha256Text(text) !== expected) throw new BackupDamaged(`${file} does not match its checksum in ${MANIFEST_CHECKSUM_FILE}: the backup is damaged`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupDamaged(`${file} is not JSON`);
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const format = (json as { format?: unknown } | null)?.format;
    if (format !== FORMAT) throw new BackupRefused(`${file} is of format ${JSON.stringify(format)}; this desk reads ${FORMAT}`);
    throw new BackupDamaged(`${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}
