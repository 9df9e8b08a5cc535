import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BodyValidationError, formatIssues, parseBody } from "../../src/http/validation.js";

const Schema = z.object({ text: z.string().max(3, "at most 3 characters"), nested: z.object({ n: z.number() }) }).strict();

function issuesOf(value: unknown) {
  const parsed = Schema.safeParse(value);
  if (parsed.success) throw new Error("expected a failure");
  return parsed.error.issues;
}

describe("formatIssues", () => {
  it("joins each issue as 'path: message' with '; ', a nested path with dots", () => {
    expect(formatIssues(issuesOf({ text: "long", nested: { n: "1" } }))).toBe(
      "text: at most 3 characters; nested.n: Invalid input: expected number, received string",
    );
  });

  it("names an issue about the whole value with the word given, or nothing", () => {
    const issues = issuesOf("not an object");
    expect(formatIssues(issues, "body")).toBe("body: Invalid input: expected object, received string");
    expect(formatIssues(issues, "payload")).toBe("payload: Invalid input: expected object, received string");
    expect(formatIssues(issues)).toBe(": Invalid input: expected object, received string");
  });

  it("says nothing for no issues", () => {
    expect(formatIssues([])).toBe("");
  });
});

describe("parseBody", () => {
  it("returns the parsed body", () => {
    expect(parseBody(Schema, { text: "abc", nested: { n: 1 } })).toEqual({ text: "abc", nested: { n: 1 } });
  });

  it("throws a 400 BodyValidationError with BAD_REQUEST, or the route's code, and every issue", () => {
    const thrown = (code?: string) => {
      try {
        parseBody(Schema, { text: "long", extra: 1 }, code);
      } catch (error) {
        return error as BodyValidationError;
      }
      throw new Error("expected a throw");
    };
    const error = thrown();
    expect(error).toBeInstanceOf(BodyValidationError);
    expect(error.status).toBe(400);
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      'text: at most 3 characters; nested: Invalid input: expected object, received undefined; body: Unrecognized key: "extra"',
    );
    expect(thrown("STAFF_BAD_INPUT").code).toBe("STAFF_BAD_INPUT");
  });
});
