import { describe, expect, it } from "vitest";
import { accountsAccess, defaultTab, tabsFor } from "../../agent-console/src/features/workspace/model/tabs";

/** Which screens each set of roles opens, and where the console starts. */

describe("tabsFor", () => {
  it.each([
    [["agent"], ["desk"]],
    [["editor"], ["knowledge"]],
    [["supervisor"], ["knowledge", "accounts", "audit"]],
    [["admin"], ["accounts", "audit"]],
    [["agent", "supervisor"], ["desk", "knowledge", "accounts", "audit"]],
    [["editor", "admin"], ["knowledge", "accounts", "audit"]],
    [["agent", "editor"], ["desk", "knowledge"]],
    [[], []],
  ])("%j → %j", (roles, tabs) => {
    expect(tabsFor(roles)).toEqual(tabs);
  });

  it("ignores a role it does not know", () => {
    expect(tabsFor(["janitor", "agent"])).toEqual(["desk"]);
  });
});

describe("defaultTab", () => {
  it("opens the desk for agents, else accounts for admins, else the knowledge base for editors, else the audit log", () => {
    expect(defaultTab(["admin", "agent"])).toBe("desk");
    expect(defaultTab(["supervisor", "admin"])).toBe("accounts");
    expect(defaultTab(["supervisor"])).toBe("audit");
    expect(defaultTab(["editor", "supervisor"])).toBe("knowledge");
    expect(defaultTab(["editor"])).toBe("knowledge");
    expect(defaultTab([])).toBeNull();
  });

  it("is always one of the tabs the roles get", () => {
    for (const roles of [["agent"], ["admin"], ["supervisor"], ["editor"], ["agent", "admin"], ["editor", "supervisor"]]) {
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
