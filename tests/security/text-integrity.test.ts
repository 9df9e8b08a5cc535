import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isWellFormed, wellFormed } from "../../src/security/text-integrity.js";

/** Any UTF-16 code unit, lone surrogates included (what a JavaScript string may hold). */
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 40 });

describe("text integrity: what is stored is what was sent, or its well-formed form", () => {
  it("replaces each lone surrogate with U+FFFD and keeps pairs and everything else", () => {
    expect(wellFormed("前\uD800后")).toBe("前\uFFFD后");
    expect(wellFormed("\uDC00abc")).toBe("\uFFFDabc");
    expect(wellFormed("end\uD83D")).toBe("end\uFFFD");
    expect(wellFormed("\uDE00\uD83D")).toBe("\uFFFD\uFFFD"); // a pair in the wrong order is two lone halves
    expect(wellFormed("社保😀卡")).toBe("社保😀卡");
    expect(wellFormed("\uD83D\uD83D\uDE00")).toBe("\uFFFD😀");
    const plain = "养老金什么时候到账？";
    expect(wellFormed(plain)).toBe(plain);
  });

  it("always gives a string that survives UTF-8 unchanged, of the same length, the same when already well formed", () => {
    fc.assert(
      fc.property(anyUnits, (s) => {
        const w = wellFormed(s);
        expect(isWellFormed(w)).toBe(true);
        expect(w.length).toBe(s.length);
        expect(Buffer.from(w, "utf8").toString("utf8")).toBe(w);
        expect(wellFormed(w)).toBe(w);
        if (isWellFormed(s)) expect(w).toBe(s);
        // The same as the standard library's (Node 20 has String.prototype.toWellFormed).
        expect(w).toBe((s as string & { toWellFormed(): string }).toWellFormed());
      }),
      { numRuns: 2000 },
    );
  });
});
