import { Converter } from "opencc-js/t2cn";

const toSimplified = Converter({ from: "tw", to: "cn" });
const HAN = /\p{Script=Han}/u;

/**
 * Full-width letters, digits and punctuation to half-width (NFKC), Traditional to Simplified,
 * whitespace collapsed; case kept, so entities (application numbers, the X of an ID) read it.
 */
export function canonicalise(text: string): string {
  const known = recent.get(text);
  if (known !== undefined) return known;
  let out = text.normalize("NFKC");
  if (HAN.test(out)) out = toSimplified(out);
  out = out.replace(/\s+/gu, " ").trim();
  // Within one turn a guided application's validators read the same message a dozen times.
  if (recent.size >= RECENT) recent.delete(recent.keys().next().value as string);
  recent.set(text, out);
  return out;
}

/** The last few messages canonicalised, most recent last. */
const recent = new Map<string, string>();
const RECENT = 16;

/** The form the classifier and retriever read: canonical and lower case. ~10 µs a sentence. */
export function normalise(text: string): string {
  return canonicalise(text).toLowerCase();
}
