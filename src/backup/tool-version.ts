import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Which desk wrote a backup: the name and version in the project's package.json. */
export interface ToolVersion {
  name: string;
  version: string;
}

export function deskVersion(rootDir: string): ToolVersion {
  try {
    const pkg = JSON.parse(readFileSync(join(rootDir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
    return { name: String(pkg.name ?? "desk"), version: String(pkg.version ?? "unknown") };
  } catch {
    return { name: "desk", version: "unknown" };
  }
}
