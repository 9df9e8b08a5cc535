import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { isWellFormedCode } from "../../src/security/verification-code.js";
import { checkIdNumber } from "../../src/nlu/entities/id-number.js";
import {
  applicationDay,
  createDemoRecords,
  DEMO_CITIZEN_LIST,
  DEMO_CITIZENS,
  type DemoTransitions,
} from "../../src/records/demo/index.js";
import { RecordsError } from "../../src/records/errors.js";
import type { ApplicationStatus, RecordsPort, StatusChange } from "../../src/records/ports.js";
import { FieldCipher } from "../../src/security/field-cipher.js";
import { maskDigits } from "../../src/security/masking.js";

const NOW = new Date("2026-11-28T04:00:00Z");
const note = { zh: "已提交，自动预审通过", en: "Submitted; automatic pre-review passed" };

const dirs: string[] = [];
const open: RecordsPort[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(transitions: DemoTransitions | false = false, clock: () => Date = () => NOW) {
  const dir = mkdtempSync(join(tmpdir(), "records-"));
  dirs.push(dir);
  const file = join(dir, "records.sqlite");
  const cipher = new FieldCipher(randomBytes(32));
  const openRecords = () => {
    const r = createDemoRecords({ file, cipher, clock, transitions });
    open.push(r);
    return r;
  };
  return { file, cipher, openRecords, records: openRecords() };
}

/** Resolves with the first `count` status changes, or fails after `ms`. */
function collect(records: RecordsPort, count: number, ms = 3000): Promise<StatusChange[]> {
  const seen: StatusChange[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`only ${seen.length} of ${count} changes in ${ms} ms`)),
      ms,
    );
    const stop = records.onStatusChange((c) => {
      seen.push(c);
      if (seen.length === count) {
        clearTimeout(timer);
        stop();
        resolve(seen);
      }
    });
  });
}

const eligible = DEMO_CITIZENS.unemployedEligible;
const values = {
  name: eligible.name,
  idNumber: eligible.idNumber,
  mobile: eligible.mobile,
  bankCard: "6222020200112233445",
};

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

  it("are found by ID number (any case of X), as copies the caller cannot use to change the seed", async () => {
    const { records } = setup();
    const found = await records.findCitizen(DEMO_CITIZENS.cardHolder.idNumber.toLowerCase());
    expect(found).toMatchObject({ name: "演示赵敏", cardStatus: "active" });
    expect(found).not.toHaveProperty("exercises");
    found!.contributions[0]!.pensionMonths = 0;
    expect(
      (await records.findCitizen(DEMO_CITIZENS.cardHolder.idNumber))?.contributions[0]?.pensionMonths,
    ).toBe(12);
    expect(await records.findCitizen("110101199001010011")).toBeUndefined();
  });
});

describe("demo records", () => {
  it("numbers applications SQ + China date + a unique 6-digit daily sequence", async () => {
    const { records } = setup();
    const file = (at: Date) =>
      records.submitApplication({
        kind: "unemployment.apply",
        idNumber: eligible.idNumber,
        values,
        status: "submitted",
        note,
        at,
      });
    const numbers: string[] = [];
    for (let i = 0; i < 25; i++) numbers.push((await file(NOW)).number);
    expect(new Set(numbers).size).toBe(25);
    for (const n of numbers) expect(n).toMatch(/^SQ20261128\d{6}$/);
    expect(numbers[0]).toBe("SQ20261128000001");
    expect(numbers[24]).toBe("SQ20261128000025");
    // 17:00 UTC is already the next day in China.
    const late = await file(new Date("2026-11-28T17:00:00Z"));
    expect(late.number).toBe("SQ20261129000001");
    expect(applicationDay(new Date("2026-11-28T15:59:59Z"))).toBe("20261128");
    expect(applicationDay(new Date("2026-11-28T16:00:00Z"))).toBe("20261129");
    expect(applicationDay(new Date("2026-11-28T16:00:00Z"), "UTC")).toBe("20261128");
  });

  it("returns what it stored: kind, status, first timeline entry, values; lists a citizen's newest first", async () => {
    const { records } = setup();
    const first = await records.submitApplication({
      kind: "unemployment.apply",
      idNumber: eligible.idNumber,
      values,
      status: "submitted",
      note,
      at: NOW,
    });
    expect(first).toMatchObject({
      kind: "unemployment.apply",
      idNumber: eligible.idNumber,
      status: "submitted",
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      values,
      timeline: [{ status: "submitted", at: NOW.toISOString(), note }],
    });
    expect(first.verificationCode).toBeUndefined();
    const later = new Date(NOW.getTime() + 60_000);
    const second = await records.submitApplication({
      kind: "certificate.participation",
      idNumber: eligible.idNumber,
      values: { certKind: "contributions" },
      status: "completed",
      note: { zh: "证明已开具", en: "Certificate issued" },
      at: later,
    });
    expect(isWellFormedCode(second.verificationCode ?? "")).toBe(true);
    expect(second.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(await records.getApplication(first.number)).toEqual(first);
    expect(await records.getApplication("SQ20261128999999")).toBeUndefined();
    expect((await records.listApplications(eligible.idNumber)).map((a) => a.number)).toEqual([
      second.number,
      first.number,
    ]);
    expect(await records.listApplications(DEMO_CITIZENS.pensioner.idNumber)).toEqual([]);
    // Typed in lower case without dashes, the code still finds the certificate.
    const typed = second.verificationCode!.replaceAll("-", "").toLowerCase();
    expect((await records.findByVerificationCode(typed))?.number).toBe(second.number);
    expect(await records.findByVerificationCode("0000-0000-0000-0000")).toBeUndefined();
    expect(await records.findByVerificationCode("<script>")).toBeUndefined();
  });

  it("files applications for people it has no record of (pre-review refusals are recorded too)", async () => {
    const { records } = setup();
    const app = await records.submitApplication({
      kind: "unemployment.apply",
      idNumber: "110101199001010011",
      values: {},
      status: "not_eligible",
      note: { zh: "自动预审未通过", en: "Automatic pre-review failed" },
      at: NOW,
    });
    expect(app.status).toBe("not_eligible");
    await expect(records.updateStatus(app.number, "approved", note, NOW)).rejects.toMatchObject({
      code: "RECORDS_TERMINAL_STATUS",
    });
    await expect(records.updateStatus("SQ20261128999999", "approved", note, NOW)).rejects.toBeInstanceOf(
      RecordsError,
    );
  });

  it("stores ID numbers, phones, names and card numbers only encrypted", async () => {
    const { records, file } = setup();
    for (let i = 0; i < 3; i++) {
      await records.submitApplication({
        kind: "unemployment.apply",
        idNumber: eligible.idNumber,
        values,
        status: "submitted",
        note,
        at: NOW,
      });
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
    const db = new Database(file, { readonly: true });
    const row = db
      .prepare("SELECT id_number_sealed, values_sealed FROM applications LIMIT 1")
      .get() as Record<string, string>;
    db.close();
    expect(row.id_number_sealed).toMatch(/^v1\./);
    expect(row.values_sealed).toMatch(/^v1\./);
  });

  it("refuses to open a file sealed with another key", async () => {
    const { file, records } = setup();
    await records.close();
    expect(() =>
      createDemoRecords({
        file,
        cipher: new FieldCipher(randomBytes(32)),
        clock: () => NOW,
        transitions: false,
      }),
    ).toThrow(expect.objectContaining({ code: "RECORDS_WRONG_KEY" }));
  });

  it("reportCardLost freezes an active card once and is idempotent; unknown citizens are refused", async () => {
    const { records, openRecords } = setup();
    const id = DEMO_CITIZENS.cardHolder.idNumber;
    const first = await records.reportCardLost(id, NOW);
    expect(first).toMatchObject({ idNumber: id, name: "演示赵敏", cardStatus: "reported_lost" });
    const again = await records.reportCardLost(id, new Date(NOW.getTime() + 5000));
    expect(again).toEqual(first);
    expect((await records.findCitizen(id))?.cardStatus).toBe("reported_lost");
    await expect(records.reportCardLost("110101199001010011", NOW)).rejects.toMatchObject({
      code: "RECORDS_CITIZEN_NOT_FOUND",
    });
    // The freeze is stored, not held in memory.
    await records.close();
    expect((await openRecords().findCitizen(id))?.cardStatus).toBe("reported_lost");
  });

  it("a card replacement marks the card as being replaced, and active again once completed", async () => {
    const { records } = setup();
    const id = DEMO_CITIZENS.cardReplacing.idNumber;
    const app = await records.submitApplication({
      kind: "card.replace",
      idNumber: id,
      values: {},
      status: "submitted",
      note,
      at: NOW,
    });
    expect((await records.findCitizen(id))?.cardStatus).toBe("replacing");
    await records.updateStatus(app.number, "completed", { zh: "新卡已制好", en: "New card ready" }, NOW);
    expect((await records.findCitizen(id))?.cardStatus).toBe("active");
  });
});

describe("demo status transitions", () => {
  const quick: DemoTransitions = { acceptAfterMs: 30, reviewAfterMs: 60, decideAfterMs: 90 };

  it("move a submitted application on in order, appending zh+en notes and telling listeners", async () => {
    const { records } = setup(quick, () => new Date());
    const changes = collect(records, 3);
    const app = await records.submitApplication({
      kind: "unemployment.apply",
      idNumber: eligible.idNumber,
      values,
      status: "submitted",
      note,
      at: new Date(),
    });
    const seen = await changes;
    expect(seen.map((c) => [c.previous, c.application.status])).toEqual([
      ["submitted", "accepted"],
      ["accepted", "under_review"],
      ["under_review", "approved"],
    ]);
    for (const c of seen) expect(c.application.number).toBe(app.number);
    const stored = await records.getApplication(app.number);
    expect(stored?.status).toBe("approved");
    expect(stored?.timeline.map((e) => e.status)).toEqual([
      "submitted",
      "accepted",
      "under_review",
      "approved",
    ]);
    for (const e of stored!.timeline) {
      expect(e.note.zh).toMatch(/\p{Script=Han}/u);
      expect(e.note.en).toMatch(/[a-z]/);
    }
    const times = stored!.timeline.map((e) => Date.parse(e.at));
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(25);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(55);
    expect(times[3]! - times[2]!).toBeGreaterThanOrEqual(85);
    // Other kinds end as completed.
    const cert = collect(records, 3);
    await records.submitApplication({
      kind: "pension.transfer",
      idNumber: eligible.idNumber,
      values,
      status: "submitted",
      note,
      at: new Date(),
    });
    expect((await cert).at(-1)?.application.status).toBe("completed");
  });

  it("leave terminal and finished applications alone, and a staff change replaces the pending step", async () => {
    const { records } = setup(quick, () => new Date());
    const changes: [string, ApplicationStatus][] = [];
    records.onStatusChange((c) => changes.push([c.application.number, c.application.status]));
    await records.submitApplication({
      kind: "unemployment.apply",
      idNumber: eligible.idNumber,
      values,
      status: "not_eligible",
      note,
      at: new Date(),
    });
    await records.submitApplication({
      kind: "card.lost",
      idNumber: eligible.idNumber,
      values,
      status: "completed",
      note,
      at: new Date(),
    });
    const staffed = await records.submitApplication({
      kind: "unemployment.apply",
      idNumber: eligible.idNumber,
      values,
      status: "submitted",
      note,
      at: new Date(),
    });
    await records.updateStatus(
      staffed.number,
      "rejected",
      { zh: "材料不全，已退回", en: "Documents missing; returned" },
      new Date(),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(changes).toEqual([[staffed.number, "rejected"]]);
  });

  it("a failing listener does not stop the others", async () => {
    const { records } = setup(quick, () => new Date());
    records.onStatusChange(() => {
      throw new Error("listener bug");
    });
    const changes = collect(records, 1);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on("warning", onWarning);
    await records.submitApplication({
      kind: "unemployment.apply",
      idNumber: eligible.idNumber,
      values,
      status: "submitted",
      note,
      at: new Date(),
    });
    expect((await changes)[0]?.application.status).toBe("accepted");
    await new Promise((r) => setImmediate(r));
    process.off("warning", onWarning);
    expect(warnings.some((w) => w.includes("listener bug"))).toBe(true);
  });

  it("survive a restart: applications are kept and pending steps resume from their timestamps", async () => {
    const slowReview: DemoTransitions = { acceptAfterMs: 30, reviewAfterMs: 400, decideAfterMs: 30 };
    const { records, openRecords } = setup(slowReview, () => new Date());
    const accepted = collect(records, 1);
    const app = await records.submitApplication({
      kind: "unemployment.apply",
      idNumber: eligible.idNumber,
      values,
      status: "submitted",
      note,
      at: new Date(),
    });
    const transfer = await records.submitApplication({
      kind: "pension.transfer",
      idNumber: eligible.idNumber,
      values,
      status: "submitted",
      note,
      at: new Date(),
    });
    // Both are accepted; close while their review (400 ms) is pending.
    await accepted;
    await new Promise((r) => setTimeout(r, 20));
    expect((await records.getApplication(transfer.number))?.status).toBe("accepted");
    await records.close();
    // Closed: timers are gone, nothing happens while the "server" is down...
    await new Promise((r) => setTimeout(r, 450));
    const reopened = openRecords();
    // ...and after the restart the transfer review fires at once, then the decisions follow.
    const resumed = collect(reopened, 4);
    expect((await reopened.getApplication(app.number))?.status).toBe("accepted");
    const seen = await resumed;
    expect(seen.map((c) => `${c.application.number}:${c.application.status}`).sort()).toEqual(
      [
        `${app.number}:under_review`,
        `${app.number}:approved`,
        `${transfer.number}:under_review`,
        `${transfer.number}:completed`,
      ].sort(),
    );
    const done = await reopened.getApplication(app.number);
    expect(done?.timeline.map((e) => e.status)).toEqual([
      "submitted",
      "accepted",
      "under_review",
      "approved",
    ]);
    expect(done?.values).toEqual(values);
    // The sequence carries on after the restart too.
    const next = await reopened.submitApplication({
      kind: "card.lost",
      idNumber: eligible.idNumber,
      values,
      status: "completed",
      note,
      at: new Date(),
    });
    expect([app.number, transfer.number]).not.toContain(next.number);
  });

  it("close() stops pending steps and is safe to call twice; calls after it are refused", async () => {
    const { records } = setup(quick, () => new Date());
    const heard: StatusChange[] = [];
    records.onStatusChange((c) => heard.push(c));
    await records.submitApplication({
      kind: "unemployment.apply",
      idNumber: eligible.idNumber,
      values,
      status: "submitted",
      note,
      at: new Date(),
    });
    await records.close();
    await records.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual([]);
    await expect(records.findCitizen(eligible.idNumber)).rejects.toMatchObject({ code: "RECORDS_CLOSED" });
  });
});
