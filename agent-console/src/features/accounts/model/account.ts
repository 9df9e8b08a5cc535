import { SKILLS, STAFF_ROLES, type StaffRole } from "../../../lib/protocol";

/** The languages an agent can answer in. */
export const LANGUAGES = ["zh", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** "*" is every skill group; the rest are the routing engine's groups. */
export const SKILL_CHOICES = ["*", ...SKILLS] as const;

export interface SecondFactorState {
  /** Whether sign-in asks for a code (always, for anyone who is not only an agent). */
  required: boolean;
  /** Whether an authenticator is set up; if required and not, it is set up at the next sign-in. */
  enrolled: boolean;
  recoveryCodesLeft: number;
}

/** A staff account as GET /api/v1/staff/accounts lists it. */
export interface Account {
  id: string;
  username: string;
  displayName: string;
  languages: Language[];
  skills: string[];
  capacity: number;
  roles: StaffRole[];
  disabled: boolean;
  createdAt: string;
  /** Null when the server did not say (one from before the second factor). */
  secondFactor: SecondFactorState | null;
}

/** Editors, supervisors and admins always need the second factor; only for agents is it a choice. */
export function alwaysNeedsSecondFactor(roles: readonly StaffRole[]): boolean {
  return roles.some((role) => role !== "agent");
}

const strings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === "string");

function parseSecondFactor(value: unknown): SecondFactorState | null {
  if (typeof value !== "object" || value === null) return null;
  const { required, enrolled, recoveryCodesLeft } = value as Record<string, unknown>;
  if (typeof required !== "boolean" || typeof enrolled !== "boolean") return null;
  return {
    required,
    enrolled,
    recoveryCodesLeft: typeof recoveryCodesLeft === "number" ? recoveryCodesLeft : 0,
  };
}

/** An account from the server, or null when the shape is not one. */
export function parseAccount(value: unknown): Account | null {
  if (typeof value !== "object" || value === null) return null;
  const a = value as Record<string, unknown>;
  if (typeof a.id !== "string" || typeof a.username !== "string" || typeof a.displayName !== "string")
    return null;
  if (!strings(a.languages) || !strings(a.skills) || !strings(a.roles) || typeof a.capacity !== "number")
    return null;
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    languages: a.languages.filter((l): l is Language => (LANGUAGES as readonly string[]).includes(l)),
    skills: a.skills,
    capacity: a.capacity,
    roles: a.roles.filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r)),
    disabled: a.disabled === true,
    createdAt: typeof a.createdAt === "string" ? a.createdAt : "",
    secondFactor: parseSecondFactor(a.secondFactor),
  };
}
