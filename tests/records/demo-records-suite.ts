// Long because it is the whole behaviour of the demo back office that every store must give alike (numbers, what is stored, card coherence, scheduled steps and restarts), run on SQLite (demo.test.ts) and MongoDB (demo-mongo.test.ts).
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_CITIZENS, type DemoTransitions } from "../../src/records/demo/index.js";
import { RecordsError } from "../../src/records/errors.js";
import type { ApplicationStatus, RecordsPort, StatusChange } from "../../src/records/ports.js";
import { FieldCipher } from "../../src/security/field-cipher.js";
import { isWellFormedCode } from "../../src/security/verification-code.js";

export const NOW = new Date("2026-11-28T04:00:00Z");
export const note = { zh: "已提交，自动预审通过", en: "Submitted; automatic pre-review passed" };
export const eligible = DEMO_CITIZENS.unemployedEligible;
export const values = {
  name: eligible.name,
  idNumber: eligible.idNumber,
  mobile: eligible.mobile,
  bankCard: "6222020200112233445",
};

/** Files the eligible citizen's unemployment application, as the chat's flow does, at NOW. */
export const fileUnemployment = (records: RecordsPort) =>
  records.submitApplication({ kind: "unemployment.apply", idNumber: eligible.idNumber, values, status: "submitted", note, at: NOW });

export interface OpenOptions {
  cipher: FieldCipher;
  clock: () => Date;
  transitions: DemoTransitions | false;
}

/**
 * Where one test keeps its demo records (a new file, an emptied database): `open` starts a back
 * office on it (again after a close: a restart), `dispose` removes it after the test.
 */
export interface DemoRecordsPlace {
  open(options: OpenOptions): Promise<RecordsPort>;
  dispose(): Promise<void>;
}

/** Resolves with the first `count` status changes, or fails after `ms`. */
export function collect(records: RecordsPort, count: number, ms = 3000): Promise<StatusChange[]> {
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

/** The demo back office's behaviour, the same on every store; `place` makes an empty one per test. */
export function demoRecordsSuite(name: string, place: () => Promise<DemoRecordsPlace>): void {
  const opened: RecordsPort[] = [];
  const places: DemoRecordsPlace[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((r) => r.close()));
    for (const p of places.splice(0)) await p.dispose();
  });

  async function setup(transitions: DemoTransitions | false = false, clock: () => Date = () => NOW) {
    const where = await place();
    places.push(where);
    const cipher = new FieldCipher(randomBytes(32));
    const openRecords = async (options: Partial<OpenOptions> = {}) => {
      const r = await where.open({ cipher, clock, transitions, ...options });
      opened.push(r);
      return r;
    };
    return { cipher, openRecords, records: await openRecords() };
  }

  describe(`demo records (${name})`, () => {
    it("finds citizens by ID number (any case of X), as copies the caller cannot use to change the seed", async () => {
      const { records } = await setup();
      const found = await records.findCitizen(DEMO_CITIZENS.cardHolder.idNumber.toLowerCase());
      expect(found).toMatchObject({ name: "演示赵敏", cardStatus: "active" });
      expect(found).not.toHaveProperty("exercises");
      found!.contributions[0]!.pensionMonths = 0;
      expect(
        (await records.findCitizen(DEMO_CITIZENS.cardHolder.idNumber))?.contributions[0]?.pensionMonths,
      ).toBe(12);
      expect(await records.findCitizen("110101199001010011")).toBeUndefined();
    });

    it("numbers applications SQ + China date + a unique 6-digit daily sequence", async () => {
      const { records } = await setup();
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
      // Filed together, a day's applications still get one number each, with no gap.
      const together = await Promise.all(Array.from({ length: 10 }, () => file(NOW)));
      expect(together.map((a) => a.number).sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => `SQ20261128${String(26 + i).padStart(6, "0")}`),
      );
    });

    it("returns what it stored: kind, status, first timeline entry, values; lists a citizen's newest first", async () => {
      const { records } = await setup();
      const first = await fileUnemployment(records);
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
      expect(await records.getApplication(` ${first.number.toLowerCase()} `)).toEqual(first);
      expect(await records.getApplication("SQ20261128999999")).toBeUndefined();
      // Same time: the higher number first.
      const third = await records.submitApplication({
        kind: "card.lost",
        idNumber: eligible.idNumber.toLowerCase(),
        values: {},
        status: "completed",
        note,
        at: later,
      });
      expect((await records.listApplications(eligible.idNumber)).map((a) => a.number)).toEqual([
        third.number,
        second.number,
        first.number,
      ]);
      expect(await records.listApplications(DEMO_CITIZENS.pensioner.idNumber)).toEqual([]);
      // Typed in lower case without dashes, the code still finds the certificate.
      const typed = second.verificationCode!.replaceAll("-", "").toLowerCase();
      expect(await records.findByVerificationCode(typed)).toEqual(second);
      expect(await records.findByVerificationCode("0000-0000-0000-0000")).toBeUndefined();
      expect(await records.findByVerificationCode("<script>")).toBeUndefined();
    });

    it("refuses bad input with RECORDS_BAD_INPUT, storing nothing", async () => {
      const { records } = await setup();
      const good = {
        kind: "unemployment.apply" as const,
        idNumber: eligible.idNumber,
        values,
        status: "submitted" as const,
        note,
        at: NOW,
      };
      for (const bad of [
        { ...good, kind: "pension.spend" as never },
        { ...good, status: "lost" as never },
        { ...good, at: new Date("not a date") },
      ])
        await expect(records.submitApplication(bad)).rejects.toMatchObject({ code: "RECORDS_BAD_INPUT" });
      expect(await records.listApplications(eligible.idNumber)).toEqual([]);
      const app = await records.submitApplication(good);
      expect(app.number).toBe("SQ20261128000001");
      await expect(records.updateStatus(app.number, "paused" as never, note, NOW)).rejects.toMatchObject({
        code: "RECORDS_BAD_INPUT",
      });
    });

    it("files applications for people it has no record of (pre-review refusals are recorded too)", async () => {
      const { records } = await setup();
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
      expect((await records.getApplication(app.number))?.timeline).toHaveLength(1);
      const unknown = records.updateStatus("SQ20261128999999", "approved", note, NOW);
      await expect(unknown).rejects.toBeInstanceOf(RecordsError);
      await expect(unknown).rejects.toMatchObject({ code: "RECORDS_APPLICATION_NOT_FOUND" });
    });

    it("makes the status changes of one application one after another: none is lost", async () => {
      const { records } = await setup();
      const app = await fileUnemployment(records);
      const steps: ApplicationStatus[] = ["accepted", "under_review", "accepted", "under_review", "accepted"];
      await Promise.all(
        steps.map((s, i) => records.updateStatus(app.number, s, { zh: `第${i}步`, en: `step ${i}` }, NOW)),
      );
      const stored = await records.getApplication(app.number);
      expect(stored?.timeline.map((e) => e.note.en)).toEqual([note.en, ...steps.map((_, i) => `step ${i}`)]);
      expect(stored?.status).toBe("accepted");
    });

    it("refuses to open records sealed with another key", async () => {
      const { records, openRecords } = await setup();
      await fileUnemployment(records);
      await records.close();
      await expect(openRecords({ cipher: new FieldCipher(randomBytes(32)) })).rejects.toMatchObject({
        code: "RECORDS_WRONG_KEY",
      });
      // The right key still opens them, and finds the citizen's application by the same lookup key.
      expect(await (await openRecords()).listApplications(eligible.idNumber)).toHaveLength(1);
    });

    it("reportCardLost freezes an active card once and is idempotent; unknown citizens are refused", async () => {
      const { records, openRecords } = await setup();
      const id = DEMO_CITIZENS.cardHolder.idNumber;
      const first = await records.reportCardLost(id, NOW);
      expect(first).toMatchObject({ idNumber: id, name: "演示赵敏", cardStatus: "reported_lost" });
      const again = await records.reportCardLost(id, new Date(NOW.getTime() + 5000));
      expect(again).toEqual(first);
      expect((await records.findCitizen(id))?.cardStatus).toBe("reported_lost");
      await expect(records.reportCardLost("110101199001010011", NOW)).rejects.toMatchObject({
        code: "RECORDS_CITIZEN_NOT_FOUND",
      });
      // Another citizen's card is untouched.
      expect((await records.findCitizen(DEMO_CITIZENS.unemployedEligible.idNumber))?.cardStatus).toBe(
        DEMO_CITIZENS.unemployedEligible.cardStatus,
      );
      // The freeze is stored, not held in memory.
      await records.close();
      expect((await (await openRecords()).findCitizen(id))?.cardStatus).toBe("reported_lost");
    });

    it("a card replacement marks the card as being replaced, and active again once completed", async () => {
      const { records } = await setup();
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

  describe(`demo status transitions (${name})`, () => {
    const quick: DemoTransitions = { acceptAfterMs: 30, reviewAfterMs: 60, decideAfterMs: 90 };

    it("move a submitted application on in order, appending zh+en notes and telling listeners", async () => {
      const { records } = await setup(quick, () => new Date());
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
      const { records } = await setup(quick, () => new Date());
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
      const { records } = await setup(quick, () => new Date());
      records.onStatusChange(() => {
        throw new Error("listener bug");
      });
      const changes = collect(records, 1);
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(w.message);
      process.on("warning", onWarning);
      try {
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
      } finally {
        process.off("warning", onWarning);
      }
      expect(warnings.some((w) => w.includes("listener bug"))).toBe(true);
    });

    it("survive a restart: applications are kept and pending steps resume from their timestamps", async () => {
      const slowReview: DemoTransitions = { acceptAfterMs: 30, reviewAfterMs: 400, decideAfterMs: 30 };
      const { records, openRecords } = await setup(slowReview, () => new Date());
      const accepted = collect(records, 2);
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
      expect((await accepted).map((c) => c.application.status)).toEqual(["accepted", "accepted"]);
      expect((await records.getApplication(transfer.number))?.status).toBe("accepted");
      await records.close();
      // Closed: timers are gone, nothing happens while the "server" is down...
      await new Promise((r) => setTimeout(r, 450));
      const reopened = await openRecords();
      // ...and after the restart the overdue reviews fire at once, then the decisions follow.
      const seen = await collect(reopened, 4);
      expect(
        seen.map((c) => `${c.application.number}:${c.previous}->${c.application.status}`).sort(),
      ).toEqual(
        [
          `${app.number}:accepted->under_review`,
          `${app.number}:under_review->approved`,
          `${transfer.number}:accepted->under_review`,
          `${transfer.number}:under_review->completed`,
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

    it("two instances over one store make each step once and tell it once; a staff change over a step applies on top", async () => {
      const quick: DemoTransitions = { acceptAfterMs: 150, reviewAfterMs: 150, decideAfterMs: 150 };
      const { records: a, openRecords } = await setup(quick, () => new Date());
      const app = await a.submitApplication({ kind: "unemployment.apply", idNumber: eligible.idNumber, values, status: "submitted", note, at: new Date() });
      // A second instance opened now arms the same pending step: both timers fire, one change is made.
      const b = await openRecords();
      const told: string[] = [];
      for (const r of [a, b]) r.onStatusChange((c) => told.push(`${c.previous}->${c.application.status}`));
      await new Promise((r) => setTimeout(r, 900));
      expect(told).toEqual(["submitted->accepted", "accepted->under_review", "under_review->approved"]);
      const done = await b.getApplication(app.number);
      expect(done?.timeline.map((e) => e.status)).toEqual(["submitted", "accepted", "under_review", "approved"]);
      // A staff change from either instance reads the latest and applies over it, once.
      const second = await b.submitApplication({ kind: "pension.transfer", idNumber: eligible.idNumber, values, status: "submitted", note, at: new Date() });
      const [x, y] = await Promise.all([
        a.updateStatus(second.number, "accepted", { zh: "受理", en: "Accepted" }, new Date()),
        b.updateStatus(second.number, "under_review", { zh: "审核中", en: "Under review" }, new Date()),
      ]);
      const final = await a.getApplication(second.number);
      expect([x.status, y.status].sort()).toEqual(["accepted", "under_review"]);
      // Neither overwrote the other: the timeline holds both, after the first entry.
      expect(final?.timeline.map((e) => e.status).slice(1).sort()).toEqual(["accepted", "under_review"]);
    });

    it("close() stops pending steps and is safe to call twice; calls after it are refused", async () => {
      const { records } = await setup(quick, () => new Date());
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
      await Promise.all([records.close(), records.close()]);
      await records.close();
      await new Promise((r) => setTimeout(r, 100));
      expect(heard).toEqual([]);
      await expect(records.findCitizen(eligible.idNumber)).rejects.toMatchObject({ code: "RECORDS_CLOSED" });
      await expect(
        records.submitApplication({
          kind: "card.lost",
          idNumber: eligible.idNumber,
          values,
          status: "completed",
          note,
          at: new Date(),
        }),
      ).rejects.toMatchObject({ code: "RECORDS_CLOSED" });
    });

    it("close() lets a call under way finish before the store goes", async () => {
      const { records, openRecords } = await setup();
      const filing = fileUnemployment(records);
      await records.close();
      const app = await filing;
      expect((await (await openRecords()).getApplication(app.number))?.values).toEqual(values);
    });
  });
}
