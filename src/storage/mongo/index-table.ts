import type { Connection } from "mongoose";

/** Where the README keeps the list, between these two lines. */
export const INDEX_TABLE_MARKS = ["<!-- mongo-indexes:start -->", "<!-- mongo-indexes:end -->"] as const;

/**
 * Every index the stores made on `conn` (collection, name, keys, unique), as the README's Markdown
 * table: read back from the server, so the list is what a desk's start creates, not what a comment
 * says. The `_id` index every collection has is left out.
 */
export async function mongoIndexTable(conn: Connection): Promise<string> {
  const rows: string[] = [];
  const collections = (await conn.listCollections()).map((c) => c.name).sort();
  for (const name of collections) {
    const indexes = (await conn.collection(name).indexes()).filter((i) => i.name !== "_id_");
    indexes.sort((a, b) => String(a.name).localeCompare(String(b.name)));
    for (const index of indexes) {
      const keys = Object.entries(index.key)
        .map(([field, order]) => `${field} ${order === -1 ? "↓" : "↑"}`)
        .join(", ");
      rows.push(`| \`${name}\` | \`${index.name}\` | ${keys} | ${index.unique ? "yes" : ""} |`);
    }
  }
  return ["| collection | index | keys | unique |", "|---|---|---|---|", ...rows].join("\n");
}
