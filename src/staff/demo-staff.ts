import { randomBytes } from "node:crypto";
import { chmodSync, writeFileSync } from "node:fs";
import type { StaffStore } from "../storage/ports.js";
import type { NewStaff, StaffAccounts } from "./accounts.js";

/**
 * Two agents to try the console with: a generalist who reads English, and a Chinese-only
 * pension/medical specialist. Their names are what citizens see ("客服王芳已接入"): a person's name,
 * nothing else; that they are demo accounts shows in the usernames and data/demo-staff.json.
 */
export const DEMO_AGENTS: Omit<NewStaff, "password">[] = [
  { username: "agent1", displayName: "王芳", languages: ["zh", "en"], skills: ["*"], capacity: 3, roles: ["agent"] },
  { username: "agent2", displayName: "李强", languages: ["zh"], skills: ["pension", "medical"], capacity: 3, roles: ["agent"] },
];

/**
 * On a desk with no staff at all, creates the demo agents with random passwords written to `file`
 * (mode 600), never to the log. Returns the usernames created (none when staff exist).
 */
export async function seedDemoStaff(store: StaffStore, accounts: StaffAccounts, file: string): Promise<string[]> {
  // Only on a new desk: the first-start admin alone does not count as staff.
  if ((await store.list()).some((s) => !s.roles.every((r) => r === "admin"))) return [];
  const created: { username: string; password: string }[] = [];
  for (const d of DEMO_AGENTS) {
    const password = randomBytes(9).toString("base64url");
    await accounts.create({ ...d, password }, "system");
    created.push({ username: d.username, password });
  }
  writeFileSync(file, `${JSON.stringify({ console: "/console", accounts: created }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return created.map((c) => c.username);
}
