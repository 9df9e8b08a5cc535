import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FieldCipher } from "../../src/security/field-cipher.js";
import { findPersonalNumbers, maskPersonalData } from "../../src/security/masking.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { Transcript } from "../../src/transcript/transcript.js";

/**
 * Issue 12: personal numbers written in any of the ways people write them must never reach the
 * database files in plain text. Valid ID numbers, cards and mobiles are generated (their check
 * digits computed here, independently of the code under test), written out in many shapes inside
 * sentences, stored through a real Transcript in a real SQLite file, and the raw bytes of the file
 * and its write-ahead log are searched for them.
 */

// ---- Valid numbers

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const gbCheck = (first17: string) => "10X98765432"[[...first17].reduce((s, d, i) => s + Number(d) * (ID_WEIGHTS[i] ?? 0), 0) % 11];
/** The digit that makes `body` + it pass Luhn. */
function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let n = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return String((10 - (sum % 10)) % 10);
}

const digits = (min: number, max = min) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(""));
const pad = (n: number, width = 2) => String(n).padStart(width, "0");
/** A real date; day 28 at most keeps every month valid. */
const birth = (from: number, to: number) =>
  fc.tuple(fc.integer({ min: from, max: to }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}${pad(m)}${pad(d)}`);
const region = fc.tuple(fc.integer({ min: 1, max: 8 }), digits(5)).map(([first, rest]) => `${first}${rest}`);

type Kind = "id18" | "id15" | "card" | "mobile";
interface Secret {
  kind: Kind;
  /** As a machine reads it: ASCII digits, an ID's X upper case. */
  value: string;
}

const id18 = fc.tuple(region, birth(1930, 2008), digits(3)).map(([r, b, s]): Secret => {
  const first17 = r + b + s;
  return { kind: "id18", value: first17 + gbCheck(first17) };
});
const id15 = fc.tuple(region, birth(1930, 1999), digits(3)).map(([r, b, s]): Secret => ({ kind: "id15", value: r + b.slice(2) + s }));
const card = fc
  .tuple(fc.constantFrom("62", "6222", "4", "5", "9558", "35"), fc.integer({ min: 16, max: 19 }), digits(18))
  .map(([prefix, length, fill]): Secret => {
    const body = (prefix + fill).slice(0, length - 1);
    return { kind: "card", value: body + luhnDigit(body) };
  });
const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), digits(9)).map(([second, rest]): Secret => ({ kind: "mobile", value: `1${second}${rest}` }));
const secret = fc.oneof(id18, id18, id15, card, card, mobile, mobile);

// ---- The ways people write them

const SEPARATORS = [" ", "  ", "-", " - ", ".", "/", "—", "–", "。", "·", "－", "／", "．", "\u3000", " / "];
const X_FORMS = ["X", "x", "Ｘ", "ｘ", "×"];
const MOBILE_PREFIXES = ["", "", "+86", "+86 ", "0086", "0086 ", "86 ", "+86-", "＋８６ ", "(+86) "];
const BEFORE = ["", "身份证", "身份证号：", "我的身份证是", "IDNO", "ID ", "id:", "卡号", "card", "card ", "银行卡号是 ", "No.", "tel", "手机", "电话：", "call me at ", "请回电"];
const AFTER = ["", "，谢谢", " thanks", "。", "!", "已挂失", "please", "吗？", " ok", "）"];
const JOINERS = ["，另外", "；", " and ", "、", "和", "\n"];
const fullWidth = (ch: string) => (/[0-9]/.test(ch) ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch);

/** Conventional groupings for each kind, or none, or random chunks. */
const GROUPINGS: Record<Kind, number[][]> = {
  id18: [[18], [6, 8, 4], [6, 4, 4, 4], [3, 3, 4, 4, 4], [4, 4, 4, 4, 2]],
  id15: [[15], [6, 6, 3], [6, 9]],
  card: [[19], [4, 4, 4, 4, 4], [6, 13]],
  mobile: [[11], [3, 4, 4], [3, 8], [4, 3, 4], [7, 4]],
};

interface Written {
  secret: Secret;
  /** The number exactly as it stands in the message. */
  text: string;
}

function chunk(value: string, sizes: number[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= value.length) break;
    out.push(value.slice(at, at + size));
    at += size;
  }
  if (at < value.length) out.push(value.slice(at));
  return out;
}

const written = secret.chain((s) =>
  fc
    .record({
      plan: fc.oneof(fc.constantFrom(...GROUPINGS[s.kind]), fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 12 })),
      separators: fc.array(fc.constantFrom(...SEPARATORS), { minLength: 12, maxLength: 12 }),
      mixed: fc.boolean(),
      width: fc.constantFrom("half", "full", "mixed"),
      widths: fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
      x: fc.constantFrom(...X_FORMS),
      prefix: fc.constantFrom(...MOBILE_PREFIXES),
      before: fc.constantFrom(...BEFORE),
      after: fc.constantFrom(...AFTER),
    })
    .map((f): Written & { before: string; after: string } => {
      const groups = chunk(s.value, f.plan);
      let text = groups.map((g, i) => (i === 0 ? g : (f.mixed ? f.separators[i] : f.separators[0]) + g)).join("");
      text = [...text].map((ch, i) => (f.width === "full" || (f.width === "mixed" && f.widths[i % 20]) ? fullWidth(ch) : ch)).join("");
      if (s.value.endsWith("X")) text = text.slice(0, -1) + f.x;
      if (s.kind === "mobile") text = f.prefix + text;
      return { secret: s, text, before: f.before, after: f.after };
    }),
);

/** One message: one to three numbers in a sentence. */
const message = fc.array(fc.tuple(written, fc.constantFrom(...JOINERS)), { minLength: 1, maxLength: 3 }).map((parts) => ({
  numbers: parts.map(([w]) => w),
  text: parts.map(([w, joiner], i) => `${i === 0 ? "" : joiner}${w.before}${w.text}${w.after}`).join(""),
}));

/** What must not be found in the files: the digits, and the number as it was written. */
const needles = (w: Written) => [w.secret.value, w.secret.value.replace(/X$/, "x"), w.text, [...w.secret.value].map(fullWidth).join("")];

// ---- The properties

describe("personal numbers never reach storage in plain text, however they are written", () => {
  it("masks every generated number in its sentence, touching nothing but its digits", () => {
    fc.assert(
      fc.property(message, ({ numbers, text }) => {
        const { masked, changed } = maskPersonalData(text);
        expect(changed).toBe(true);
        for (const w of numbers) for (const needle of needles(w)) expect(masked, needle).not.toContain(needle);
        // Same length, and only digits turned into stars: the words and separators stay as written.
        expect([...masked]).toHaveLength([...text].length);
        const before = [...text];
        [...masked].forEach((ch, i) => {
          if (ch !== before[i]) expect(`${before[i]}→${ch}`).toMatch(/^\p{Nd}→\*$/u);
        });
        // The finder reads each number as a machine would (what the understanding and validators use).
        const values = findPersonalNumbers(text).map((n) => n.value);
        for (const w of numbers) expect(values).toContain(w.secret.value);
      }),
      { numRuns: 3000 },
    );
  });

  it("writes messages through a real Transcript into SQLite: neither the file nor its WAL holds a number", async () => {
    const cipher = new FieldCipher(Buffer.alloc(32, 7));
    const at = "2026-12-07T02:00:00.000Z";
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 12 }), async (messages) => {
        const dir = mkdtempSync(join(tmpdir(), "pii-at-rest-"));
        const file = join(dir, "desk.sqlite");
        const storage = createSqliteStorage(file);
        try {
          await storage.conversations.create({ id: "c1", channel: "web", key: "c1", locale: "zh", createdAt: at, updatedAt: at });
          const transcript = new Transcript({ messages: storage.messages, cipher, clock: () => new Date(at), outbox: { message() {}, handoff() {}, typing() {} } });
          const stored: { text: string; sealed: string | null }[] = [];
          for (const [i, m] of messages.entries()) {
            const text = `第${i}条 ${m.text}`;
            const record =
              i % 2 === 0
                ? (await transcript.writeOnce({ conversationId: "c1", role: "citizen", text, clientId: `k${i}` })).message
                : await transcript.write({ conversationId: "c1", role: "agent", text });
            stored.push({ text, sealed: record.textSealed });
          }
          const files = () => [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f));
          const open = files();
          await storage.close();
          const closed = files();
          // The files do hold the messages (masked): the search below looks where they are.
          const all = Buffer.concat([...open, ...closed]);
          expect(all.includes(Buffer.from(`第${messages.length - 1}条 `))).toBe(true);
          for (const w of messages.flatMap((m) => m.numbers)) {
            for (const needle of needles(w)) {
              for (const bytes of [...open, ...closed]) expect(bytes.includes(Buffer.from(needle, "utf8")), needle).toBe(false);
            }
          }
          // Each original is kept, sealed.
          for (const { text, sealed } of stored) expect(sealed === null ? null : cipher.decrypt(sealed), text).toBe(text);
        } finally {
          await storage.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 30 },
    );
  });
});
