/**
 * What a staff member does at the desk; one account may hold several. Agents answer chats and left
 * messages; editors keep the knowledge base; supervisors watch the desk and read the audit log;
 * admins manage accounts and roles.
 */
export const STAFF_ROLES = ["agent", "editor", "supervisor", "admin"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
