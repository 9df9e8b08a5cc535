import { Converter } from "opencc-js/t2cn";

const toSimplified = Converter({ from: "tw", to: "cn" });
const HAN = /\p{Script=Han}/u;

/**
 * Full-width letters, digits and punctuation to half-width (NFKC), Traditional to Simplified,
 * whitespace collapsed; case kept, so entities (application numbers, the X of an ID) read it.
 */
export function canonicalise(text: string): string {
  let out = text.normalize("NFKC");
  if (HAN.test(out)) out = toSimplified(out);
  return out.replace(/\s+/gu, " ").trim();
}

/** The form the classifier and retriever read: canonical and lower case. ~10 µs a sentence. */
export function normalise(text: string): string {
  return canonicalise(text).toLowerCase();
}
