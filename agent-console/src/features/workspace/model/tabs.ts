import type { StaffRole } from "../../../lib/protocol";

/** The console's screens, in the order the tabs show them. */
export const TABS = ["desk", "knowledge", "accounts", "audit"] as const;
export type Tab = (typeof TABS)[number];

/**
 * Who sees each screen. The server checks every call again (src/access/permissions.ts); this only
 * spares people tabs that would answer "forbidden". Supervisors read the accounts, admins manage them.
 */
const OPEN_TO: Record<Tab, readonly StaffRole[]> = {
  desk: ["agent"],
  knowledge: ["editor", "supervisor"],
  accounts: ["admin", "supervisor"],
  audit: ["supervisor", "admin"],
};

const holds = (roles: readonly string[], allowed: readonly StaffRole[]) =>
  roles.some((role) => (allowed as readonly string[]).includes(role));

/** The tabs an account holding `roles` gets, in display order. */
export function tabsFor(roles: readonly string[]): Tab[] {
  return TABS.filter((tab) => holds(roles, OPEN_TO[tab]));
}

/**
 * Where the console opens: the desk for agents (chats wait), else accounts for admins, else the
 * knowledge base for editors, else the audit log.
 */
export function defaultTab(roles: readonly string[]): Tab | null {
  if (roles.includes("agent")) return "desk";
  if (roles.includes("admin")) return "accounts";
  if (roles.includes("editor")) return "knowledge";
  if (roles.includes("supervisor")) return "audit";
  return null;
}

/** What the accounts screen lets this person do, or null when they do not see it. */
export function accountsAccess(roles: readonly string[]): "manage" | "read" | null {
  if (roles.includes("admin")) return "manage";
  if (roles.includes("supervisor")) return "read";
  return null;
}
