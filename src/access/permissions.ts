import type { StaffRole } from "../domain/staff-role.js";
import type { AgentClientToServer } from "../protocol/agent-events.js";

/**
 * Who may do what: every action a staff member can take, with the roles allowed to and whether the
 * audit log records it. The one table the server checks every socket event and HTTP route against
 * (src/access/guard.ts), and the README prints (npm run access:table).
 */
export const PERMISSIONS = {
  "desk.join": { roles: ["agent"], audited: false, what: "take chats: connect to the desk, set presence" },
  "chat.answer": { roles: ["agent"], audited: false, what: "accept or decline an offer, read and write in a chat one holds" },
  "chat.transfer": { roles: ["agent"], audited: true, what: "hand a chat to a colleague or a skill group" },
  "chat.close": { roles: ["agent"], audited: true, what: "close a chat with a wrap-up code" },
  "knowledge.search": { roles: ["agent", "editor", "supervisor"], audited: false, what: "search the FAQs" },
  "knowledge.read": { roles: ["editor", "supervisor"], audited: false, what: "list the FAQs, their versions, what each version changed, and the regression guard's questions" },
  "knowledge.publish": { roles: ["editor"], audited: true, what: "publish a version of the knowledge base, or roll back to an earlier one" },
  "knowledge.guard": { roles: ["editor"], audited: true, what: "add or remove the regression guard's questions" },
  "knowledge.edit": { roles: ["editor"], audited: true, what: "change a draft: edit, add and retire FAQs, import a spreadsheet, comment, ask for review; mark inbox questions handled" },
  "knowledge.review": { roles: ["editor"], audited: true, what: "approve a colleague's draft or ask for changes" },
  "knowledge.flag": { roles: ["agent"], audited: true, what: "flag a citizen's question the bot should have answered, for the editors' inbox" },
  "tickets.read": { roles: ["agent", "supervisor"], audited: false, what: "list the messages left (masked)" },
  "tickets.answer": { roles: ["agent"], audited: true, what: "answer a left message into its conversation" },
  "personal-data.reveal": { roles: ["agent", "supervisor"], audited: true, what: "see a number in full (a callback number)" },
  "session.end-own": { roles: ["agent", "editor", "supervisor", "admin"], audited: true, what: "sign out" },
  "staff.read": { roles: ["admin", "supervisor"], audited: false, what: "list staff accounts and their roles" },
  "staff.manage": { roles: ["admin"], audited: true, what: "create, disable, reset accounts and second factors; give and take roles; end sessions" },
  "audit.read": { roles: ["supervisor", "admin"], audited: false, what: "read the audit log" },
} as const satisfies Record<string, { roles: readonly StaffRole[]; audited: boolean; what: string }>;

export type Action = keyof typeof PERMISSIONS;

export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** Whether an account holding `roles` may take `action`. Pure. */
export function can(roles: readonly StaffRole[], action: Action): boolean {
  const allowed: readonly StaffRole[] = PERMISSIONS[action].roles;
  return roles.some((r) => allowed.includes(r));
}

/** The action each event of the staff socket (/agent) takes. */
export const SOCKET_EVENTS = {
  "agent:presence": "desk.join",
  "agent:accept": "chat.answer",
  "agent:decline": "chat.answer",
  "agent:message": "chat.answer",
  "agent:typing": "chat.answer",
  "agent:context": "chat.answer",
  "agent:transfer": "chat.transfer",
  "agent:close": "chat.close",
  "agent:kb-search": "knowledge.search",
  "agent:tickets": "tickets.read",
  "agent:ticket-callback": "personal-data.reveal",
  "agent:ticket-reply": "tickets.answer",
  "agent:sign-out": "session.end-own",
} as const satisfies Record<keyof AgentClientToServer, Action>;

/** The action each staff HTTP route takes; sign-in (both steps) is the one route open to the signed-out. */
export const HTTP_ROUTES = {
  "POST /api/v1/staff/sign-out": "session.end-own",
  "GET /api/v1/staff/accounts": "staff.read",
  "POST /api/v1/staff/accounts": "staff.manage",
  "PATCH /api/v1/staff/accounts/:id": "staff.manage",
  "POST /api/v1/staff/accounts/:id/reset-password": "staff.manage",
  "POST /api/v1/staff/accounts/:id/end-sessions": "staff.manage",
  "POST /api/v1/staff/accounts/:id/unlock": "staff.manage",
  "POST /api/v1/staff/accounts/:id/reset-second-factor": "staff.manage",
  "GET /api/v1/audit": "audit.read",
  "GET /api/v1/knowledge/faqs": "knowledge.read",
  "GET /api/v1/knowledge/faqs/:id": "knowledge.read",
  "GET /api/v1/knowledge/versions": "knowledge.read",
  "GET /api/v1/knowledge/versions/:id/changes": "knowledge.read",
  "POST /api/v1/knowledge/versions/:id/rollback": "knowledge.publish",
  "GET /api/v1/knowledge/regression": "knowledge.read",
  "POST /api/v1/knowledge/regression": "knowledge.guard",
  "DELETE /api/v1/knowledge/regression": "knowledge.guard",
  "GET /api/v1/knowledge/drafts": "knowledge.read",
  "POST /api/v1/knowledge/drafts": "knowledge.edit",
  "GET /api/v1/knowledge/drafts/:id": "knowledge.read",
  "DELETE /api/v1/knowledge/drafts/:id": "knowledge.edit",
  "GET /api/v1/knowledge/drafts/:id/faqs/:faqId": "knowledge.read",
  "PUT /api/v1/knowledge/drafts/:id/faqs/:faqId": "knowledge.edit",
  "POST /api/v1/knowledge/drafts/:id/faqs": "knowledge.edit",
  "POST /api/v1/knowledge/drafts/:id/faqs/:faqId/retire": "knowledge.edit",
  "POST /api/v1/knowledge/drafts/:id/faqs/:faqId/revert": "knowledge.edit",
  "POST /api/v1/knowledge/drafts/:id/questions": "knowledge.edit",
  "POST /api/v1/knowledge/drafts/:id/comments": "knowledge.edit",
  "POST /api/v1/knowledge/drafts/:id/submit": "knowledge.edit",
  "POST /api/v1/knowledge/drafts/:id/review": "knowledge.review",
  "POST /api/v1/knowledge/drafts/:id/try": "knowledge.read",
  "POST /api/v1/knowledge/drafts/:id/publish": "knowledge.publish",
  "POST /api/v1/knowledge/import/preview": "knowledge.edit",
  "POST /api/v1/knowledge/drafts/:id/import": "knowledge.edit",
  "GET /api/v1/knowledge/inbox": "knowledge.read",
  "POST /api/v1/knowledge/inbox/handled": "knowledge.edit",
  "GET /api/v1/knowledge/answer-feedback": "knowledge.read",
  "POST /api/v1/knowledge/flags": "knowledge.flag",
} as const satisfies Record<string, Action>;

export type StaffRoute = keyof typeof HTTP_ROUTES;

/** The table as the README prints it (npm run access:table): action, roles, audited, events and routes. */
export function permissionsTable(): string {
  const lines = ["| action | roles | audited | socket events | HTTP routes | what |", "| --- | --- | --- | --- | --- | --- |"];
  for (const action of ACTIONS) {
    const p = PERMISSIONS[action];
    const events = Object.entries(SOCKET_EVENTS).filter(([, a]) => a === action).map(([e]) => `\`${e}\``);
    const routes = Object.entries(HTTP_ROUTES).filter(([, a]) => a === action).map(([r]) => `\`${r}\``);
    lines.push(`| \`${action}\` | ${p.roles.join(", ")} | ${p.audited ? "yes" : "no"} | ${events.join(" ") || "—"} | ${routes.join(" ") || "—"} | ${p.what} |`);
  }
  return lines.join("\n");
}
