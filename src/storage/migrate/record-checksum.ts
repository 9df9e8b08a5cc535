import { createHash } from "node:crypto";
import { Types } from "mongoose";
import type { Doc } from "./copy-plans.js";

/** A value's JSON with object keys sorted (and ObjectIds as their hex), so equal documents serialise alike. */
export function stableJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Types.ObjectId) return JSON.stringify({ $oid: value.toHexString() });
  if (typeof value === "object" && typeof (value as { toHexString?: unknown }).toHexString === "function") {
    return JSON.stringify({ $oid: (value as { toHexString(): string }).toHexString() });
  }
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Accumulates a record set's checksum: sha256 over the documents sorted by `_id`, each serialised stably. */
export class RecordSetChecksum {
  private readonly entries: [string, string][] = [];
  add(doc: Doc): void {
    this.entries.push([stableJson(doc._id), createHash("sha256").update(stableJson(doc)).digest("hex")]);
  }
  get count(): number {
    return this.entries.length;
  }
  digest(): string {
    const h = createHash("sha256");
    for (const [id, doc] of [...this.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) h.update(`${id}\n${doc}\n`);
    return h.digest("hex");
  }
}
