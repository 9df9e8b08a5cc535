import { describe, expect, it } from "vitest";
import { accountsAccess, defaultTab, tabsFor } from "../../agent-console/src/features/workspace/model/tabs";

/** Which screens each set of roles opens, and where the console starts. */

describe("tabsFor", () => {
  it.each([
    [["agent"], ["desk"]],
    [["editor"], []],
    [["supervisor"], ["accounts", "audit"]],
    [["admin"], ["accounts", "audit"]],
    [["agent", "supervisor"], ["desk", "accounts", "audit"]],
    [["editor", "admin"], ["accounts", "audit"]],
    [["agent", "editor"], ["desk"]],
    [[], []],
  ])("%j → %j", (roles, tabs) => {
    expect(tabsFor(roles)).toEqual(tabs);
  });

  it("ignores a role it does not know", () => {
    expect(tabsFor(["janitor", "agent"])).toEqual(["desk"]);
  });
});

describe("defaultTab", () => {
  it("opens the desk for agents, else accounts for admins, else the audit log", () => {
    expect(defaultTab(["admin", "agent"])).toBe("desk");
    expect(defaultTab(["supervisor", "admin"])).toBe("accounts");
    expect(defaultTab(["supervisor"])).toBe("audit");
    expect(defaultTab(["editor", "supervisor"])).toBe("audit");
    expect(defaultTab(["editor"])).toBeNull();
  });

  it("is always one of the tabs the roles get", () => {
    for (const roles of [["agent"], ["admin"], ["supervisor"], ["agent", "admin"], ["editor", "supervisor"]]) {
      expect(tabsFor(roles)).toContain(defaultTab(roles));
    }
  });
});

describe("accountsAccess", () => {
  it("lets admins manage and supervisors read", () => {
    expect(accountsAccess(["admin"])).toBe("manage");
    expect(accountsAccess(["supervisor", "admin"])).toBe("manage");
    expect(accountsAccess(["supervisor"])).toBe("read");
    expect(accountsAccess(["agent", "editor"])).toBeNull();
  });
});
