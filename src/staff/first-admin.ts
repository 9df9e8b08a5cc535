import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import type { StaffStore } from "../storage/ports.js";
import type { StaffAccounts } from "./accounts.js";

/**
 * On a desk with no enabled admin, creates one (username `admin`, or `admin-2`… when taken) with a
 * random password written once to `file`, readable by its owner only, never to the log. Returns the
 * username created, or undefined when an admin exists. The file is not overwritten: an earlier
 * one stays as it was, and the new credentials go to a file beside it.
 */
export async function ensureAdmin(store: StaffStore, accounts: StaffAccounts, file: string): Promise<{ username: string; file: string } | undefined> {
  const staff = await store.list();
  if (staff.some((s) => s.roles.includes("admin") && !s.disabled)) return undefined;
  const taken = new Set(staff.map((s) => s.username));
  let username = "admin";
  for (let n = 2; taken.has(username); n++) username = `admin-${n}`;
  const password = randomBytes(15).toString("base64url");
  await accounts.create({ username, displayName: "管理员 Admin", password, languages: ["zh", "en"], skills: ["*"], capacity: 1, roles: ["admin"] }, "system");
  let target = file;
  for (let n = 2; existsSync(target); n++) target = file.replace(/(\.json)?$/, `-${n}.json`);
  writeFileSync(target, `${JSON.stringify({ username, password, console: "/console", note: "Sign in and change what you need; delete this file once the password is kept safely." }, null, 2)}\n`, {
    mode: 0o600,
    flag: "wx",
  });
  return { username, file: target };
}
