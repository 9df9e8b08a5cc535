import { describe, expect, it } from "vitest";
import { refusal, statusAfterEdit } from "../../src/publishing/draft-review.js";
import type { KnowledgeDraft } from "../../src/storage/ports.js";

const draft = (over: Partial<KnowledgeDraft> = {}): KnowledgeDraft => ({
  id: "d",
  title: "t",
  author: "li",
  authorName: "li",
  editors: ["li"],
  baseVersion: 1,
  status: "open",
  changes: { "card/card-lost.yaml": "..." },
  notes: [],
  approvedRevision: null,
  outcome: null,
  createdAt: "",
  updatedAt: "",
  revision: 3,
  ...over,
});

describe("the review rule", () => {
  it("a reviewer is an editor who did not change the draft", () => {
    expect(refusal(draft({ status: "in_review" }), "approve", "li", true)).toMatch(/did not change/);
    expect(refusal(draft({ status: "in_review" }), "approve", "wang", true)).toBeUndefined();
  });

  it("with review required, only a draft approved as it is now is published", () => {
    expect(refusal(draft(), "publish", "li", true)).toMatch(/approve/);
    expect(refusal(draft({ status: "approved", approvedRevision: 3 }), "publish", "li", true)).toBeUndefined();
    expect(refusal(draft({ status: "approved", approvedRevision: 2 }), "publish", "li", true)).toMatch(/approve/);
    expect(refusal(draft(), "publish", "li", false)).toBeUndefined();
    expect(refusal(draft({ changes: {} }), "publish", "li", false)).toMatch(/nothing/);
  });

  it("an edit to an approved draft asks for review again; a draft being published or done takes nothing", () => {
    expect(statusAfterEdit(draft({ status: "approved" }))).toBe("in_review");
    expect(statusAfterEdit(draft({ status: "open" }))).toBe("open");
    for (const status of ["publishing", "published", "discarded"] as const) expect(refusal(draft({ status }), "comment", "li", false)).toBeDefined();
    expect(refusal(draft({ status: "in_review" }), "submit", "li", false)).toMatch(/already/);
  });
});
