import { describe, expect, it } from "vitest";
import { type Catalogue, SHARED_STRINGS } from "../../agent-console/src/lib/i18n";

/**
 * Every catalogue of the console (lib/i18n.ts's shared strings and each features/<name>/strings.ts,
 * found by path so a new feature is checked too) has the same keys in Chinese and English, and no
 * empty text in either. The types already force the same keys; this also catches empty strings,
 * and maps typed open (Record<string, string>), which the types cannot check.
 */

const features = import.meta.glob<{ STRINGS: Catalogue<object> }>(
  "../../agent-console/src/features/*/strings.ts",
  { eager: true },
);
const featureName = (path: string) => path.split("/").at(-2) ?? path;
const catalogues: [string, Catalogue<object>][] = [
  ["shared", SHARED_STRINGS],
  ...Object.entries(features).map(([path, module]): [string, Catalogue<object>] => [
    featureName(path),
    module.STRINGS,
  ]),
];

/** Every key path with what is there: the text, or the text a function gives for sample arguments. */
function flatten(value: unknown, path = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === "function") {
    out.set(`${path}(${value.length})`, value(...Array.from({ length: value.length }, () => 1)));
  } else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      for (const [p, v] of flatten(inner, path ? `${path}.${key}` : key)) out.set(p, v);
    }
  } else {
    out.set(path, value);
  }
  return out;
}

describe("console strings", () => {
  it("has a catalogue for every feature that shows text", () => {
    expect(catalogues.map(([name]) => name).sort()).toEqual(
      [
        "accounts",
        "agent",
        "audit",
        "auth",
        "chats",
        "editing",
        "history",
        "knowledge",
        "queue",
        "shared",
        "tickets",
        "workspace",
      ].sort(),
    );
  });

  it.each(catalogues)("%s: the same keys in Chinese and English, none of them empty", (_name, catalogue) => {
    const zh = flatten(catalogue.zh);
    const en = flatten(catalogue.en);
    expect([...en.keys()]).toEqual([...zh.keys()]);
    expect(zh.size).toBeGreaterThan(0);
    for (const [path, text] of [...zh, ...en]) {
      expect(typeof text, path).toBe("string");
      expect((text as string).trim(), path).not.toBe("");
    }
  });

  it.each(catalogues.filter(([name]) => name !== "shared"))(
    "%s: has the shared strings joined in, unchanged",
    (_name, catalogue) => {
      for (const locale of ["zh", "en"] as const) {
        for (const [key, value] of Object.entries(SHARED_STRINGS[locale])) {
          expect((catalogue[locale] as Record<string, unknown>)[key], key).toBe(value);
        }
      }
    },
  );
});
