import { createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { checkIdNumber } from "../../src/nlu/entities/id-number.js";
import {
  applicationDay,
  createDemoRecords,
  DEMO_CITIZEN_LIST,
  DEMO_CITIZENS,
  type DemoTransitions,
} from "../../src/records/demo/index.js";
import { migrations } from "../../src/records/demo/migrations.js";
import type { RecordsPort } from "../../src/records/ports.js";
import { FieldCipher } from "../../src/security/field-cipher.js";
import { maskDigits } from "../../src/security/masking.js";
import { verificationCode } from "../../src/security/verification-code.js";
import { collect, demoRecordsSuite, eligible, fileUnemployment, NOW, note, values } from "./demo-records-suite.js";

const dirs: string[] = [];
const open: RecordsPort[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function newFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "records-"));
  dirs.push(dir);
  return join(dir, "data", "records.sqlite");
}

function setup(transitions: DemoTransitions | false = false, clock: () => Date = () => NOW) {
  const file = newFile();
  const cipher = new FieldCipher(randomBytes(32));
  const openRecords = () => {
    const r = createDemoRecords({ file, cipher, clock, transitions });
    open.push(r);
    return r;
  };
  return { file, cipher, openRecords, records: openRecords() };
}

demoRecordsSuite("sqlite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "records-suite-"));
  const file = join(dir, "records.sqlite");
  return {
    open: async (options) => createDemoRecords({ file, ...options }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe("demo citizens", () => {
  it("have valid resident ID numbers with realistic birth dates, unique IDs and fake mobiles", () => {
    expect(DEMO_CITIZEN_LIST.length).toBeGreaterThanOrEqual(6);
    for (const c of DEMO_CITIZEN_LIST) {
      const check = checkIdNumber(c.idNumber, NOW);
      expect(check, c.name).toMatchObject({ valid: true, normalised: c.idNumber });
      const year = Number(check.birthDate?.slice(0, 4));
      expect(year).toBeGreaterThanOrEqual(1950);
      expect(year).toBeLessThanOrEqual(2008);
      expect(c.name.startsWith("演示")).toBe(true);
      expect(c.mobile).toMatch(/^1700000\d{4}$/);
    }
    expect(new Set(DEMO_CITIZEN_LIST.map((c) => c.idNumber)).size).toBe(DEMO_CITIZEN_LIST.length);
    expect(maskDigits(DEMO_CITIZENS.cardHolder.idNumber)).toBe("1101**********002X");
  });

  it("cover the pre-review cases: eligible, under 12 months, pensioner, active card, flexible worker elsewhere", () => {
    const months = (c: (typeof DEMO_CITIZEN_LIST)[number]) =>
      c.contributions.reduce((n, y) => n + y.unemploymentMonths, 0);
    expect(months(DEMO_CITIZENS.unemployedEligible)).toBeGreaterThanOrEqual(36);
    expect(DEMO_CITIZENS.unemployedEligible.receivingPension).toBe(false);
    expect(months(DEMO_CITIZENS.unemployedTooShort)).toBe(8);
    expect(DEMO_CITIZENS.pensioner.receivingPension).toBe(true);
    expect(DEMO_CITIZENS.cardHolder.cardStatus).toBe("active");
    const flexible = DEMO_CITIZENS.flexibleWorker.contributions;
    expect(flexible.some((y) => y.unemploymentMonths === 0 && y.pensionMonths > 0)).toBe(true);
    expect(flexible.every((y) => y.city !== "北京市")).toBe(true);
    expect(
      new Set(DEMO_CITIZEN_LIST.flatMap((c) => c.contributions.map((y) => y.city))).size,
    ).toBeGreaterThanOrEqual(4);
  });
});

describe("application days", () => {
  it("are the date in the service's time zone (China by default)", () => {
    expect(applicationDay(new Date("2026-11-28T15:59:59Z"))).toBe("20261128");
    expect(applicationDay(new Date("2026-11-28T16:00:00Z"))).toBe("20261129");
    expect(applicationDay(new Date("2026-11-28T16:00:00Z"), "UTC")).toBe("20261128");
  });
});

describe("demo records in their SQLite file", () => {
  it("make the file 0600 in a folder 0700, opening synchronously", () => {
    const { file, records } = setup();
    expect(typeof (records as unknown as { then?: unknown }).then).toBe("undefined");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, "..")).mode & 0o777).toBe(0o700);
  });

  it("stores ID numbers, phones, names and card numbers only encrypted", async () => {
    const { records, file } = setup();
    for (let i = 0; i < 3; i++) {
      await fileUnemployment(records);
    }
    await records.reportCardLost(DEMO_CITIZENS.cardHolder.idNumber, NOW);
    // Read the bytes while open (WAL included) and after close (checkpointed into the main file).
    const raw = () => Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    const secrets = [
      eligible.idNumber,
      eligible.mobile,
      eligible.name,
      values.bankCard,
      DEMO_CITIZENS.cardHolder.idNumber,
    ];
    const check = (bytes: Buffer) => {
      for (const s of secrets) expect(bytes.includes(Buffer.from(s, "utf8")), s).toBe(false);
    };
    check(raw());
    await records.close();
    check(raw());
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
    const db = new Database(file, { readonly: true });
    const row = db
      .prepare("SELECT id_number_sealed, values_sealed FROM applications LIMIT 1")
      .get() as Record<string, string>;
    db.close();
    expect(row.id_number_sealed).toMatch(/^v1\./);
    expect(row.values_sealed).toMatch(/^v1\./);
  });

  it("refuses, synchronously, to open a file sealed with another key, and leaves it usable", async () => {
    const { file, records, openRecords } = setup();
    await records.close();
    expect(() =>
      createDemoRecords({
        file,
        cipher: new FieldCipher(randomBytes(32)),
        clock: () => NOW,
        transitions: false,
      }),
    ).toThrow(expect.objectContaining({ code: "RECORDS_WRONG_KEY", message: expect.stringContaining(file) }));
    expect(await openRecords().findCitizen(eligible.idNumber)).toBeDefined();
  });

  it("refuses a 1,000,000th application of a day with RECORDS_SEQUENCE_EXHAUSTED, and the next day still numbers", async () => {
    const { file, records } = setup();
    const db = new Database(file);
    db.prepare("INSERT INTO application_days (day, last) VALUES ('20261128', 999998)").run();
    db.close();
    const file1 = (at: Date) =>
      records.submitApplication({
        kind: "card.lost",
        idNumber: eligible.idNumber,
        values,
        status: "completed",
        note,
        at,
      });
    expect((await file1(NOW)).number).toBe("SQ20261128999999");
    await expect(file1(NOW)).rejects.toMatchObject({ code: "RECORDS_SEQUENCE_EXHAUSTED" });
    await expect(file1(NOW)).rejects.toMatchObject({ code: "RECORDS_SEQUENCE_EXHAUSTED" });
    expect((await file1(new Date("2026-11-29T04:00:00Z"))).number).toBe("SQ20261129000001");
    expect(await records.listApplications(eligible.idNumber)).toHaveLength(2);
  });

  it("open a file written before as it is: its schema, keys, numbers, codes, card changes and pending steps", async () => {
    // A file as the first release wrote it, made by hand from its migration and its row formats.
    const file = newFile();
    const cipher = new FieldCipher(randomBytes(32));
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.exec(migrations[0] as string);
    db.pragma("user_version = 1");
    const lookupKey = randomBytes(32);
    const codeSecret = randomBytes(32).toString("base64");
    const meta = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?)");
    meta.run("lookup_key", cipher.encrypt(lookupKey.toString("base64")));
    meta.run("verification_secret", cipher.encrypt(codeSecret));
    const hash = (id: string) => createHmac("sha256", lookupKey).update(id).digest("hex");
    const at = new Date(Date.now() - 60_000).toISOString();
    const insert = db.prepare(
      `INSERT INTO applications (number, kind, id_number_hash, id_number_sealed, status, created_at, updated_at, timeline, values_sealed, verification_code)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const certificate = "SQ20261128000006";
    const code = verificationCode(codeSecret, certificate);
    insert.run(
      certificate,
      "certificate.participation",
      hash(eligible.idNumber),
      cipher.encrypt(eligible.idNumber),
      "completed",
      NOW.toISOString(),
      NOW.toISOString(),
      JSON.stringify([{ status: "completed", at: NOW.toISOString(), note }]),
      cipher.encrypt(JSON.stringify({ certKind: "contributions" })),
      code,
    );
    insert.run(
      "SQ20261128000007",
      "unemployment.apply",
      hash(eligible.idNumber),
      cipher.encrypt(eligible.idNumber),
      "submitted",
      at,
      at,
      JSON.stringify([{ status: "submitted", at, note }]),
      cipher.encrypt(JSON.stringify(values)),
      null,
    );
    db.prepare("INSERT INTO application_days (day, last) VALUES ('20261128', 7)").run();
    db.prepare(
      "INSERT INTO card_status (id_number_hash, status, updated_at) VALUES (?, 'reported_lost', ?)",
    ).run(hash(DEMO_CITIZENS.cardHolder.idNumber), at);
    db.close();

    const quick: DemoTransitions = { acceptAfterMs: 30, reviewAfterMs: 30, decideAfterMs: 30 };
    const records = createDemoRecords({ file, cipher, clock: () => new Date(), transitions: quick });
    open.push(records);
    // The overdue step of the pending application runs at once.
    const resumed = collect(records, 3);
    expect((await records.listApplications(eligible.idNumber)).map((a) => a.number)).toEqual([
      "SQ20261128000007",
      certificate,
    ]);
    expect((await records.findByVerificationCode(code))?.values).toEqual({ certKind: "contributions" });
    expect((await records.findCitizen(DEMO_CITIZENS.cardHolder.idNumber))?.cardStatus).toBe("reported_lost");
    expect((await resumed).map((c) => c.application.status)).toEqual([
      "accepted",
      "under_review",
      "approved",
    ]);
    const next = await records.submitApplication({
      kind: "card.lost",
      idNumber: eligible.idNumber,
      values,
      status: "completed",
      note,
      at: NOW,
    });
    expect(next.number).toBe("SQ20261128000008");
    await records.close();
    const after = new Database(file, { readonly: true });
    expect(after.pragma("user_version", { simple: true })).toBe(migrations.length);
    expect(after.prepare("SELECT value FROM meta WHERE key = 'lookup_key'").get()).toEqual({
      value: expect.stringMatching(/^v1\./),
    });
    after.close();
  });
});
