import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";

/**
 * A file's SHA-256 and size, read in 1 MiB chunks: hashing a large store yields to the event loop
 * between chunks (a chunk hashes in a few milliseconds), so a running desk goes on answering.
 */
export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

export const sha256Text = (text: string): string => createHash("sha256").update(text).digest("hex");

/** Flushes a file or folder to the disk: a backup is complete only once it would survive a power cut. */
export async function syncToDisk(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
