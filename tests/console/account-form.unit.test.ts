import { describe, expect, it } from "vitest";
import { type Account, parseAccount } from "../../agent-console/src/features/accounts/model/account";
import { accountErrorText } from "../../agent-console/src/features/accounts/model/account-errors";
import {
  changeBody,
  createBody,
  emptyForm,
  formOf,
  toggleLanguage,
  toggleSkill,
  validateAccountForm,
} from "../../agent-console/src/features/accounts/model/account-form";
import { STRINGS } from "../../agent-console/src/features/accounts/strings";

/** The accounts form checked before sending, and the changes it sends. */

const account: Account = {
  id: "s-1",
  username: "wang.fang",
  displayName: "王芳",
  languages: ["zh"],
  skills: ["pension", "medical"],
  capacity: 3,
  roles: ["agent"],
  disabled: false,
  createdAt: "2024-05-03T06:05:09.000Z",
  secondFactor: { required: false, enrolled: false, recoveryCodesLeft: 0 },
};

describe("validateAccountForm", () => {
  const valid = { ...emptyForm(), username: "wang.fang", displayName: "王芳" };

  it("accepts a complete form; a new one starts as an agent for every skill", () => {
    expect(validateAccountForm(valid, "create")).toEqual({});
    expect(emptyForm()).toMatchObject({ roles: ["agent"], skills: ["*"], languages: ["zh"], capacity: 3 });
  });

  it.each(["ab", "Wang", "1wang", "wang fang", "wang@x", "a".repeat(33), ""])(
    "refuses the username %j (the server's pattern)",
    (username) => {
      expect(validateAccountForm({ ...valid, username }, "create").username).toBe("usernamePattern");
    },
  );

  it.each(["abc", "wang.fang", "li_na-2", `a${"b".repeat(31)}`])("accepts the username %j", (username) => {
    expect(validateAccountForm({ ...valid, username }, "create").username).toBeUndefined();
  });

  it("does not check a username that can no longer change", () => {
    expect(validateAccountForm({ ...valid, username: "" }, "edit")).toEqual({});
  });

  it("wants a name, a language, a skill, a role and a capacity of 1-10", () => {
    expect(
      validateAccountForm(
        { ...valid, displayName: "  ", languages: [], skills: [], roles: [], capacity: 0 },
        "create",
      ),
    ).toEqual({
      displayName: "displayNameMissing",
      languages: "noLanguage",
      skills: "noSkill",
      roles: "noRole",
      capacity: "capacityRange",
    });
    expect(validateAccountForm({ ...valid, displayName: "名".repeat(41) }, "create").displayName).toBe(
      "displayNameLong",
    );
    expect(validateAccountForm({ ...valid, capacity: 11 }, "create").capacity).toBe("capacityRange");
    expect(validateAccountForm({ ...valid, capacity: 2.5 }, "create").capacity).toBe("capacityRange");
    expect(validateAccountForm({ ...valid, capacity: Number.NaN }, "create").capacity).toBe("capacityRange");
  });
});

describe("choosing skills and languages", () => {
  it("every skill and single skills exclude each other", () => {
    expect(toggleSkill(["*"], "pension")).toEqual(["pension"]);
    expect(toggleSkill(["pension", "card"], "*")).toEqual(["*"]);
    expect(toggleSkill(["*"], "*")).toEqual([]);
    expect(toggleSkill(["card"], "pension")).toEqual(["pension", "card"]);
    expect(toggleSkill(["pension", "card"], "card")).toEqual(["pension"]);
  });

  it("keeps languages in a stable order", () => {
    expect(toggleLanguage(["en"], "zh")).toEqual(["zh", "en"]);
    expect(toggleLanguage(["zh", "en"], "zh")).toEqual(["en"]);
  });
});

describe("what is sent", () => {
  it("creates with the trimmed name and no second-factor choice", () => {
    const form = { ...emptyForm(), username: "li.na", displayName: " 李娜 " };
    expect(createBody(form)).toEqual({
      username: "li.na",
      displayName: "李娜",
      languages: ["zh"],
      skills: ["*"],
      capacity: 3,
      roles: ["agent"],
    });
  });

  it("changes only what changed", () => {
    const form = formOf(account);
    expect(changeBody(account, form)).toEqual({});
    expect(changeBody(account, { ...form, skills: ["medical", "pension"] })).toEqual({});
    expect(changeBody(account, { ...form, displayName: "王芳芳", capacity: 5 })).toEqual({
      displayName: "王芳芳",
      capacity: 5,
    });
    expect(changeBody(account, { ...form, roles: ["agent", "supervisor"] })).toEqual({
      roles: ["agent", "supervisor"],
    });
  });

  it("sends the second-factor choice only for an agent-only account", () => {
    const form = formOf(account);
    expect(changeBody(account, { ...form, requireSecondFactor: true })).toEqual({ requireSecondFactor: true });
    // A supervisor needs it anyway: the box is locked, nothing to send.
    expect(changeBody(account, { ...form, roles: ["supervisor"], requireSecondFactor: true })).toEqual({
      roles: ["supervisor"],
    });
  });

  it("says the choice outright when an account becomes agent-only", () => {
    const admin: Account = {
      ...account,
      roles: ["agent", "admin"],
      secondFactor: { required: true, enrolled: true, recoveryCodesLeft: 10 },
    };
    expect(changeBody(admin, { ...formOf(admin), roles: ["agent"] })).toEqual({
      roles: ["agent"],
      requireSecondFactor: true,
    });
  });
});

describe("parseAccount", () => {
  it("reads an account, and one from before the second factor", () => {
    expect(parseAccount(account)).toEqual(account);
    const { secondFactor: _none, ...older } = account;
    expect(parseAccount(older)).toEqual({ ...account, secondFactor: null });
  });

  it("refuses what is not an account", () => {
    expect(parseAccount({ ...account, roles: "agent" })).toBeNull();
    expect(parseAccount({ id: "x" })).toBeNull();
  });
});

describe("accountErrorText", () => {
  const t = STRINGS.en;

  it("shows the server's words for bad input, since they name the field", () => {
    expect(accountErrorText(t, { code: "STAFF_BAD_INPUT", message: "capacity: too big", status: 400 })).toContain(
      "capacity: too big",
    );
  });

  it("has its own text for the codes the screen expects", () => {
    expect(accountErrorText(t, { code: "STAFF_LAST_ADMIN", message: "", status: 409 })).toMatch(/last admin/);
    expect(accountErrorText(t, { code: "STAFF_USERNAME_TAKEN", message: "", status: 409 })).toMatch(/taken/);
    expect(accountErrorText(t, { code: "ACCESS_FORBIDDEN", message: "", status: 403 })).toMatch(/may not/);
    expect(accountErrorText(STRINGS.zh, { code: "STAFF_LAST_ADMIN", message: "", status: 409 })).toMatch(/管理员/);
  });

  it("says the code of anything else", () => {
    expect(accountErrorText(t, { code: "HTTP_502", message: "", status: 502 })).toContain("HTTP_502");
  });
});
