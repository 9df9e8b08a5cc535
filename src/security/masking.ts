/**
 * Personal numbers in free text — resident ID numbers, mobile phones, bank cards — found however a
 * person writes them, and masked for display, logs and storage: 1101**********002X, 138****5678,
 * 6222***********0128. This is the one place that finds them: the understanding (nlu/entities) and
 * the slot validators read the same finder, and it sits here, below the transcript, so every stored
 * message is masked by it.
 *
 * Read as a person reads: a digit is a digit in any width (１３８, NFKC), a number may be written in
 * groups joined by spaces, dashes, dots or slashes (6222 0212 3456 7890 128, 137.1111.2222), and may
 * touch words in any script (IDNO370202…, 卡号6222…, card4111…). Those looser shapes are taken only
 * when the number proves itself: an ID number by its GB 11643 check character and a real birth date,
 * a card by Luhn, a mobile by its 1[3-9] prefix (after +86 or 0086). The two plain shapes masked
 * before stay masked whatever their check digit says, since a mistyped ID number is still someone's:
 * 15-19 digits standing apart from letters, and 15-19 digits in groups joined by single spaces or dashes.
 */

// ---- The checks each kind of number carries

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = "10X98765432";

/** The check character for the first 17 digits of an ID number, per GB 11643 (ISO 7064 MOD 11-2). */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS[sum % 11] ?? "";
}

/** Luhn (mod 10) check used by bank cards. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/**
 * An ID number's shape without a clock: region 1-8, a real birth date in 1900-2099 and, for 18
 * characters, the right check character. A 15-digit legacy number (born 19yy) has no check character.
 */
function looksLikeIdNumber(id: string): boolean {
  const first17 = id.length === 15 ? `${id.slice(0, 6)}19${id.slice(6)}` : id.slice(0, 17);
  if (!/^[1-8]\d{16}$/.test(first17)) return false;
  const [y, m, d] = [Number(first17.slice(6, 10)), Number(first17.slice(10, 12)), Number(first17.slice(12, 14))];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2099 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return id.length === 15 || id[17] === idCheckChar(first17);
}

// ---- Reading the text

export type PersonalNumberKind = "id_number" | "bank_card" | "mobile" | "long_number";

export interface PersonalNumber {
  /** `long_number`: 15-19 digits in a plain shape that pass no check (a mistyped ID or card). */
  kind: PersonalNumberKind;
  /** ASCII digits without separators (an ID's X upper case); a mobile's 11 digits without +86. */
  value: string;
  /** The span in the text (UTF-16 offsets, end exclusive), separators and a +86 included. */
  from: number;
  to: number;
  /** Where each character of `value` stands in the text, in order. */
  chars: number[];
}

/** A run of digits (any width) with what touches it. */
interface Group {
  digits: string;
  at: number[];
  from: number;
  to: number;
  /** An X just after (glued, or past a separator): an ID number's last character, perhaps. */
  x?: number;
  /** A letter (A-Z, any width) touches the run or its X: a plain run is then not taken on its shape alone. */
  glued: boolean;
  /** Joined to the next run by a separator: spaces, or one dash, dot or slash with spaces around. */
  linked: boolean;
  /** ... by one space or one dash, as cards and ID numbers are read out. */
  tight: boolean;
}

const NFKC_DIGIT = /^\p{Nd}$/u;
/** Spaces of any width, but not a line break: a number is written on one line. */
const SPACE = "[^\\S\\n\\r\\u2028\\u2029]";
const DASHES = "\\-‐‑‒–—―−－﹣";
/** Between two runs of one number: up to three spaces, or one dash, dot or slash with spaces around. */
const SEPARATOR = `(?:${SPACE}{1,3}|${SPACE}{0,2}[${DASHES}.．。·・•/／]${SPACE}{0,2})`;
const GAP = new RegExp(`^${SEPARATOR}$`, "u");
const TIGHT_GAP = new RegExp(`^(?:${SPACE}|[${DASHES}])$`, "u");
/** An ID number's last character after its digits: glued, or past a separator as between runs. */
const X_AFTER = new RegExp(`${SEPARATOR}?[Xxｘ×Ｘ]`, "uy");

function charAt(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? "" : String.fromCodePoint(cp);
}

/** A digit in any width (0, ０, 𝟎), as ASCII; undefined for anything else. */
function digitOf(ch: string): string | undefined {
  if (ch >= "0" && ch <= "9") return ch;
  if (!NFKC_DIGIT.test(ch)) return undefined;
  const n = ch.normalize("NFKC");
  return /^[0-9]$/.test(n) ? n : undefined;
}

const isLetter = (ch: string) => /^[A-Za-z]$/.test(ch.normalize("NFKC"));
/** The character just before offset i (a surrogate pair read whole). */
const charBefore = (text: string, i: number) => (i <= 0 ? "" : charAt(text, /[\uDC00-\uDFFF]/.test(text[i - 1] ?? "") && i >= 2 ? i - 2 : i - 1));

function readGroups(text: string): Group[] {
  const groups: Group[] = [];
  let current: Group | undefined;
  for (let i = 0; i < text.length; ) {
    const ch = charAt(text, i);
    const d = digitOf(ch);
    if (d === undefined) current = undefined;
    else {
      if (!current) {
        current = { digits: "", at: [], from: i, to: i, glued: false, linked: false, tight: false };
        groups.push(current);
      }
      current.digits += d;
      current.at.push(i);
      current.to = i + ch.length;
    }
    i += ch.length;
  }
  groups.forEach((g, k) => {
    let end = g.to;
    X_AFTER.lastIndex = g.to;
    if (X_AFTER.test(text)) {
      end = X_AFTER.lastIndex;
      g.x = end - 1;
    }
    g.glued = isLetter(charBefore(text, g.from)) || isLetter(charAt(text, end));
    const following = groups[k + 1];
    if (g.x === undefined && following) {
      const gap = text.slice(g.to, following.from);
      g.linked = GAP.test(gap);
      g.tight = TIGHT_GAP.test(gap);
    }
  });
  return groups;
}

const MOBILE = /^(?:0086|86)?(1[3-9]\d{9})$/;

/** A number read from runs of a chain, before its characters are listed: `x` where its X stands. */
type Reading = Omit<PersonalNumber, "chars"> & { x?: number };

/** What the runs first..last of a chain make together (their `digits` joined), if it is a personal number. */
function readNumber(text: string, first: Group, last: Group, digits: string): Reading | undefined {
  const from = first.from;
  const plain = first === last && !first.glued;
  if (last.x !== undefined && digits.length === 17) {
    const id = `${digits}X`;
    const read = { value: id, from, to: last.x + 1, x: last.x };
    if (looksLikeIdNumber(id)) return { kind: "id_number", ...read };
    return plain ? { kind: "long_number", ...read } : undefined;
  }
  const to = last.to;
  if ((digits.length === 18 || digits.length === 15) && looksLikeIdNumber(digits)) return { kind: "id_number", value: digits, from, to };
  if (digits.length >= 16 && luhnValid(digits)) return { kind: "bank_card", value: digits, from, to };
  const mobile = MOBILE.exec(digits)?.[1];
  if (mobile) {
    const withPlus = mobile.length < digits.length && /^[+＋]$/.test(charBefore(text, from));
    return { kind: "mobile", value: mobile, from: withPlus ? from - 1 : from, to };
  }
  if (plain && digits.length >= 15) return { kind: "long_number", value: digits, from, to };
  return undefined;
}

/** How much a kind's check proves: an ID's check character and birth date, a mobile's prefix, Luhn. */
const STRENGTH: Record<PersonalNumberKind, number> = { id_number: 3, mobile: 2, bank_card: 1, long_number: 0 };

/** The longest a number can be, in digits: a card's 19 (a mobile after 0086 has 15). */
const MAX_DIGITS = 19;

/**
 * The numbers in one chain of linked runs. Several numbers may share a chain (a phone, a space, a
 * card), so the chain is cut where it covers the most digits with the fewest numbers.
 */
function readChain(text: string, chain: Group[]): PersonalNumber[] {
  /** The best reading of the chain from some run on: its first number, and the best reading after it. */
  type Cut = { score: number; number?: Reading; first?: number; last?: number; rest?: Cut };
  const best: Cut[] = [];
  best[chain.length] = { score: 0 };
  for (let i = chain.length - 1; i >= 0; i--) {
    let cut = best[i + 1] as Cut;
    let digits = "";
    for (let j = i; j < chain.length; j++) {
      digits += (chain[j] as Group).digits;
      const length = digits.length;
      if (length > MAX_DIGITS) break;
      // Only these lengths can be a number: a mobile (after 86), an ID number, a card.
      if (length !== 11 && length !== 13 && length < 15) continue;
      const number = readNumber(text, chain[i] as Group, chain[j] as Group, digits);
      if (!number) continue;
      const rest = best[j + 1] as Cut;
      // Most digits covered (a +86 and an X included), then fewest numbers, then the surest checks.
      const score = (length + (number.x === undefined ? 0 : 1)) * 100 - 10 + STRENGTH[number.kind] + rest.score;
      if (score > cut.score) cut = { score, number, first: i, last: j, rest };
    }
    best[i] = cut;
  }
  const found: PersonalNumber[] = [];
  const taken = new Set<number>();
  for (let cut = best[0]; cut?.number; cut = cut.rest) {
    const { x, ...number } = cut.number;
    const runs = chain.slice(cut.first, (cut.last ?? 0) + 1);
    const at = runs.flatMap((g) => g.at);
    const chars = number.kind === "mobile" ? at.slice(-11) : x === undefined ? at : [...at, x];
    found.push({ ...number, chars });
    for (let k = cut.first ?? 0; k <= (cut.last ?? -1); k++) taken.add(k);
  }
  // Runs left over and joined by single spaces or dashes to 15-19 digits: masked as before, unchecked.
  let run: Group[] = [];
  const flush = () => {
    const last = run[run.length - 1];
    const chars = [...run.flatMap((g) => g.at), ...(last?.x !== undefined ? [last.x] : [])];
    if (last && run.length > 1 && !run[0]?.glued && !last.glued && chars.length >= 15 && chars.length <= MAX_DIGITS) {
      const value = chars.map((at) => digitOf(charAt(text, at)) ?? "X").join("");
      found.push({ kind: "long_number", value, from: run[0]?.from ?? 0, to: last.x !== undefined ? last.x + 1 : last.to, chars });
    }
    run = [];
  };
  chain.forEach((g, k) => {
    if (!taken.has(k)) run.push(g);
    if (taken.has(k) || !g.tight) flush();
  });
  flush();
  return found;
}

/** Every ID number, bank card, mobile and long unchecked number in the text, in order. */
export function findPersonalNumbers(text: string): PersonalNumber[] {
  const found: PersonalNumber[] = [];
  let chain: Group[] = [];
  for (const g of readGroups(text)) {
    chain.push(g);
    if (!g.linked) {
      found.push(...readChain(text, chain));
      chain = [];
    }
  }
  return found.sort((a, b) => a.from - b.from);
}

// ---- Masking

export function maskDigits(run: string): string {
  return `${run.slice(0, 4)}${"*".repeat(run.length - 8)}${run.slice(-4)}`;
}

export function maskMobile(digits11: string): string {
  return `${digits11.slice(0, 3)}****${digits11.slice(-4)}`;
}

export interface MaskResult {
  masked: string;
  /** True when anything was masked: the original then needs encrypting. */
  changed: boolean;
}

/**
 * The text with every personal number masked in place, as a person would still recognise it: the
 * first and last four characters of an ID or card number kept, the middle four of a mobile hidden;
 * separators, a +86 and the words around it untouched.
 */
export function maskPersonalData(text: string): MaskResult {
  const hidden = new Set<number>();
  for (const { kind, chars } of findPersonalNumbers(text)) {
    const [head, tail] = kind === "mobile" ? [3, 4] : [4, 4];
    chars.forEach((at, k) => {
      if (k >= head && k < chars.length - tail) hidden.add(at);
    });
  }
  if (hidden.size === 0) return { masked: text, changed: false };
  let masked = "";
  for (let i = 0; i < text.length; ) {
    const ch = charAt(text, i);
    masked += hidden.has(i) ? "*" : ch;
    i += ch.length;
  }
  return { masked, changed: true };
}
