import type { StaffRole } from "../../../lib/protocol";
import { type Account, alwaysNeedsSecondFactor, LANGUAGES, type Language, SKILL_CHOICES } from "./account";

/** What the create and edit form holds. */
export interface AccountForm {
  username: string;
  displayName: string;
  languages: Language[];
  skills: string[];
  capacity: number;
  roles: StaffRole[];
  /** Only sent for an agent-only account: everyone else needs it anyway. */
  requireSecondFactor: boolean;
}

export type FormField = "username" | "displayName" | "languages" | "skills" | "capacity" | "roles";

export type FormProblem =
  | "usernamePattern"
  | "displayNameMissing"
  | "displayNameLong"
  | "noLanguage"
  | "noSkill"
  | "capacityRange"
  | "noRole";

export type FormProblems = Partial<Record<FormField, FormProblem>>;

/** The server's rule (src/staff/accounts.ts), checked here first so the person hears it at once. */
export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;
export const DISPLAY_NAME_MAX = 40;
export const CAPACITY_MIN = 1;
export const CAPACITY_MAX = 10;

/** A new account starts as a Chinese-speaking agent for every skill group, three chats at a time. */
export function emptyForm(): AccountForm {
  return {
    username: "",
    displayName: "",
    languages: ["zh"],
    skills: ["*"],
    capacity: 3,
    roles: ["agent"],
    requireSecondFactor: false,
  };
}

export function formOf(account: Account): AccountForm {
  return {
    username: account.username,
    displayName: account.displayName,
    languages: [...account.languages],
    skills: [...account.skills],
    capacity: account.capacity,
    roles: [...account.roles],
    requireSecondFactor: account.secondFactor?.required ?? false,
  };
}

/** The obvious mistakes, by field; empty when the form can be sent. The username is fixed once created. */
export function validateAccountForm(form: AccountForm, mode: "create" | "edit"): FormProblems {
  const problems: FormProblems = {};
  if (mode === "create" && !USERNAME_PATTERN.test(form.username)) problems.username = "usernamePattern";
  const name = form.displayName.trim();
  if (name === "") problems.displayName = "displayNameMissing";
  else if (name.length > DISPLAY_NAME_MAX) problems.displayName = "displayNameLong";
  if (form.languages.length === 0) problems.languages = "noLanguage";
  if (form.skills.length === 0) problems.skills = "noSkill";
  if (!Number.isInteger(form.capacity) || form.capacity < CAPACITY_MIN || form.capacity > CAPACITY_MAX) {
    problems.capacity = "capacityRange";
  }
  if (form.roles.length === 0) problems.roles = "noRole";
  return problems;
}

/** Adds or removes one value, keeping the order of `all` (so the server sees a stable list). */
export function toggle<T extends string>(chosen: readonly T[], value: T, all: readonly T[]): T[] {
  const next = chosen.includes(value) ? chosen.filter((v) => v !== value) : [...chosen, value];
  return all.filter((v) => next.includes(v));
}

/** "Every skill" and single skills exclude each other: choosing one kind drops the other. */
export function toggleSkill(chosen: readonly string[], skill: string): string[] {
  if (skill === "*") return chosen.includes("*") ? [] : ["*"];
  return toggle(
    chosen.filter((s) => s !== "*"),
    skill,
    SKILL_CHOICES,
  );
}

export function toggleLanguage(chosen: readonly Language[], language: Language): Language[] {
  return toggle(chosen, language, LANGUAGES);
}

export type NewAccount = ReturnType<typeof createBody>;

/** The body of POST /api/v1/staff/accounts. */
export function createBody(form: AccountForm) {
  return {
    username: form.username,
    displayName: form.displayName.trim(),
    languages: form.languages,
    skills: form.skills,
    capacity: form.capacity,
    roles: form.roles,
  };
}

export interface AccountChanges {
  displayName?: string;
  languages?: Language[];
  skills?: string[];
  capacity?: number;
  roles?: StaffRole[];
  disabled?: boolean;
  requireSecondFactor?: boolean;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v) => b.includes(v));

/** The body of PATCH /api/v1/staff/accounts/:id: only what changed, so the audit log says what did. */
export function changeBody(before: Account, form: AccountForm): AccountChanges {
  const changes: AccountChanges = {};
  const name = form.displayName.trim();
  if (name !== before.displayName) changes.displayName = name;
  if (!sameSet(form.languages, before.languages)) changes.languages = form.languages;
  if (!sameSet(form.skills, before.skills)) changes.skills = form.skills;
  if (form.capacity !== before.capacity) changes.capacity = form.capacity;
  if (!sameSet(form.roles, before.roles)) changes.roles = form.roles;
  // Said outright when the account becomes agent-only: what the server stored for it while it
  // held another role may not be what the (then checked and locked) box showed.
  const wasRequired = before.secondFactor?.required ?? false;
  const becomesAgentOnly = alwaysNeedsSecondFactor(before.roles);
  if (
    !alwaysNeedsSecondFactor(form.roles) &&
    (form.requireSecondFactor !== wasRequired || becomesAgentOnly)
  ) {
    changes.requireSecondFactor = form.requireSecondFactor;
  }
  return changes;
}
