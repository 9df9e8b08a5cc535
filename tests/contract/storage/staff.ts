import { randomBytes, } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuditLog, auditKey } from "../../../src/audit/audit-log.js";
import { FieldCipher } from "../../../src/security/field-cipher.js";
import type { StaffSessionRecord, Storage } from "../../../src/storage/ports.js";
import { later, RECORDS_AT, records } from "../../testing/storage-records.js";

/** The staff group of storage: accounts, sessions, the audit log, delayed jobs. */
export type StaffStores = Pick<Storage, "staff" | "staffSessions" | "audit" | "delayedJobs">;

/** One adapter's staff stores over an empty store, and ways to look behind them. */
export interface OpenedStaffStores {
  stores: StaffStores;
  /** Closes the stores and opens them again over the same data. */
  reopen(): Promise<StaffStores>;
  /** Everything the adapter keeps of one account, as stored (row or documents), as text. */
  rawStaff(id: string): Promise<string>;
  /** Closes whatever is open and removes what the test made. */
  dispose(): Promise<void>;
}

const at = RECORDS_AT;
const HOUR = 3600;
const { staffMember } = records;

const session = (id: string, staffId: string, hours = 12): StaffSessionRecord => ({
  id,
  staffId,
  createdAt: later(0),
  expiresAt: later(hours * HOUR),
  endedAt: null,
  endedReason: null,
});

/** Fifty at once: what the issue asks each "one winner" rule to survive. */
const FIFTY = 50;
const times = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));

/** What every adapter of the staff group does, whatever keeps it. */
export function staffStorageContract(name: string, open: () => Promise<OpenedStaffStores>): void {
  describe(`staff storage contract: ${name}`, () => {
    let ctx: OpenedStaffStores;
    let s: StaffStores;
    beforeEach(async () => {
      ctx = await open();
      s = ctx.stores;
    });
    afterEach(async () => {
      await ctx.dispose();
    });

    describe("staff accounts", () => {
      it("stores accounts, finds them by id and username, and lists them by username", async () => {
        const a = staffMember("wang.fang");
        const b = staffMember("chen.jie", { languages: ["zh"], skills: ["*"], capacity: 5, disabled: true, roles: ["agent", "admin"] });
        await s.staff.create(a);
        await s.staff.create(b);
        expect(await s.staff.get(a.id)).toEqual(a);
        expect(await s.staff.get(b.id)).toEqual(b);
        expect(await s.staff.findByUsername("chen.jie")).toEqual(b);
        expect(await s.staff.get("missing")).toBeUndefined();
        expect(await s.staff.findByUsername("nobody")).toBeUndefined();
        expect(await s.staff.list()).toEqual([b, a]);
      });

      it("refuses a second account with a taken username", async () => {
        const first = staffMember("wang.fang");
        await s.staff.create(first);
        await expect(s.staff.create(staffMember("wang.fang"))).rejects.toThrow();
        expect(await s.staff.list()).toEqual([first]);
        expect(await s.staff.findByUsername("wang.fang")).toEqual(first);
      });

      it("creates one account when fifty ask for the same username at once", async () => {
        const results = await times(FIFTY, (i) => s.staff.create(staffMember("li.na", { displayName: `try ${i}` })).then(() => true, () => false));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await s.staff.list()).toHaveLength(1);
      });

      it("refuses an account whose capacity is out of bounds", async () => {
        await expect(s.staff.create(staffMember("zu.viel", { capacity: 21 }))).rejects.toThrow();
        const ok = staffMember("genug");
        await s.staff.create(ok);
        await expect(s.staff.update(ok.id, { capacity: -1 })).rejects.toThrow();
        expect(await s.staff.get(ok.id)).toEqual(ok);
      });

      it("changes only the fields given; false when there is no such account", async () => {
        const a = staffMember("wang.fang");
        await s.staff.create(a);
        expect(await s.staff.update(a.id, { displayName: "Fang W.", roles: ["agent", "editor"], disabled: true, capacity: 0 })).toBe(true);
        expect(await s.staff.get(a.id)).toEqual({ ...a, displayName: "Fang W.", roles: ["agent", "editor"], disabled: true, capacity: 0 });
        expect(await s.staff.update(a.id, { languages: [], skills: ["*"], requireSecondFactor: true, displayName: undefined })).toBe(true);
        expect(await s.staff.get(a.id)).toMatchObject({ displayName: "Fang W.", languages: [], skills: ["*"], requireSecondFactor: true });
        // Nothing to change: says whether the account exists.
        expect(await s.staff.update(a.id, {})).toBe(true);
        expect(await s.staff.update("missing", {})).toBe(false);
        expect(await s.staff.update("missing", { displayName: "x" })).toBe(false);
        expect(await s.staff.get("missing")).toBeUndefined();
      });

      it("keeps a sealed second-factor secret exactly as given, never the plain secret", async () => {
        const cipher = new FieldCipher(randomBytes(32));
        const plain = "JBSWY3DPEHPK3PXPZZQ7";
        const sealed = cipher.encrypt(plain);
        const a = staffMember("wang.fang");
        await s.staff.create(a);
        await s.staff.update(a.id, { totpSecretSealed: sealed });
        const stored = await s.staff.get(a.id);
        expect(stored?.totpSecretSealed).toBe(sealed);
        expect(cipher.decrypt(stored?.totpSecretSealed as string)).toBe(plain);
        const raw = await ctx.rawStaff(a.id);
        expect(raw).toContain(sealed);
        expect(raw).not.toContain(plain);
        // Reset: null again.
        await s.staff.update(a.id, { totpSecretSealed: null });
        expect((await s.staff.get(a.id))?.totpSecretSealed).toBeNull();
      });

      it("takes a second-factor step only forward, each once", async () => {
        const a = staffMember("wang.fang");
        await s.staff.create(a);
        expect(await s.staff.advanceTotpStep(a.id, 100)).toBe(true);
        expect(await s.staff.advanceTotpStep(a.id, 100)).toBe(false);
        expect(await s.staff.advanceTotpStep(a.id, 99)).toBe(false);
        expect(await s.staff.advanceTotpStep(a.id, 101)).toBe(true);
        expect((await s.staff.get(a.id))?.totpLastStep).toBe(101);
        expect(await s.staff.advanceTotpStep("missing", 5)).toBe(false);
        // An admin may set the step back; the steps after it work again.
        expect(await s.staff.update(a.id, { totpLastStep: 50 })).toBe(true);
        expect((await s.staff.get(a.id))?.totpLastStep).toBe(50);
        expect(await s.staff.advanceTotpStep(a.id, 50)).toBe(false);
        expect(await s.staff.advanceTotpStep(a.id, 100)).toBe(true);
        expect((await s.staff.findByUsername("wang.fang"))?.totpLastStep).toBe(100);
      });

      it("lets one of fifty uses of one code through, and ends on the latest of fifty steps at once", async () => {
        const a = staffMember("wang.fang");
        const b = staffMember("chen.jie");
        await s.staff.create(a);
        await s.staff.create(b);
        const same = await times(FIFTY, () => s.staff.advanceTotpStep(a.id, 7));
        expect(same.filter(Boolean)).toHaveLength(1);
        await times(FIFTY, (i) => s.staff.advanceTotpStep(b.id, i + 1));
        expect((await s.staff.get(b.id))?.totpLastStep).toBe(FIFTY);
        expect(await s.staff.advanceTotpStep(b.id, FIFTY)).toBe(false);
        expect(await s.staff.advanceTotpStep(b.id, FIFTY - 1)).toBe(false);
        expect(await s.staff.advanceTotpStep(b.id, FIFTY + 1)).toBe(true);
        expect((await s.staff.list()).map((r) => r.totpLastStep)).toEqual([FIFTY + 1, 7]);
      });

      it("uses each recovery code once and says how many are left", async () => {
        const a = staffMember("wang.fang", { recoveryCodeHashes: ["h1", "h2", "h3"] });
        await s.staff.create(a);
        expect(await s.staff.consumeRecoveryCode(a.id, "h2")).toBe(2);
        expect(await s.staff.consumeRecoveryCode(a.id, "h2")).toBeUndefined();
        expect(await s.staff.consumeRecoveryCode(a.id, "nope")).toBeUndefined();
        expect(await s.staff.consumeRecoveryCode("missing", "h1")).toBeUndefined();
        expect((await s.staff.get(a.id))?.recoveryCodeHashes).toEqual(["h1", "h3"]);
        expect(await s.staff.consumeRecoveryCode(a.id, "h1")).toBe(1);
        expect(await s.staff.consumeRecoveryCode(a.id, "h3")).toBe(0);
        expect((await s.staff.list())[0]?.recoveryCodeHashes).toEqual([]);
        // New codes (enrolling again) work, even one with a hash used before.
        await s.staff.update(a.id, { recoveryCodeHashes: ["h2", "h4"] });
        expect((await s.staff.get(a.id))?.recoveryCodeHashes).toEqual(["h2", "h4"]);
        expect(await s.staff.consumeRecoveryCode(a.id, "h2")).toBe(1);
        // Reset: no codes at all.
        await s.staff.update(a.id, { recoveryCodeHashes: [] });
        expect(await s.staff.consumeRecoveryCode(a.id, "h4")).toBeUndefined();
        expect((await s.staff.get(a.id))?.recoveryCodeHashes).toEqual([]);
      });

      it("lets one of fifty uses of one recovery code through; different codes at once each once", async () => {
        const codes = Array.from({ length: 10 }, (_, i) => `code-${i}`);
        const a = staffMember("wang.fang", { recoveryCodeHashes: codes });
        await s.staff.create(a);
        const same = await times(FIFTY, () => s.staff.consumeRecoveryCode(a.id, "code-0"));
        expect(same.filter((r) => r !== undefined)).toEqual([9]);
        const rest = await Promise.all([...codes.slice(1), ...codes.slice(1)].map((c) => s.staff.consumeRecoveryCode(a.id, c)));
        expect(rest.filter((r) => r !== undefined)).toHaveLength(9);
        expect((await s.staff.get(a.id))?.recoveryCodeHashes).toEqual([]);
      });
    });

    describe("staff sessions", () => {
      beforeEach(async () => {
        for (const id of ["s-1", "s-2"]) await s.staff.create(staffMember(id, { id }));
      });

      it("keeps a session as created, and knows no other", async () => {
        await s.staffSessions.create(session("a", "s-1"));
        expect(await s.staffSessions.get("a")).toEqual(session("a", "s-1"));
        expect(await s.staffSessions.get("nope")).toBeUndefined();
      });

      it("refuses a session of an account that does not exist, and a second session with one id", async () => {
        await expect(s.staffSessions.create(session("a", "nobody"))).rejects.toThrow();
        expect(await s.staffSessions.get("a")).toBeUndefined();
        await s.staffSessions.create(session("a", "s-1"));
        await expect(s.staffSessions.create(session("a", "s-2"))).rejects.toThrow();
        expect(await s.staffSessions.get("a")).toEqual(session("a", "s-1"));
      });

      it("ends a session once: the second end says it was not open", async () => {
        await s.staffSessions.create(session("a", "s-1"));
        expect(await s.staffSessions.end("a", later(HOUR), "signed out")).toBe(true);
        expect(await s.staffSessions.end("a", later(2 * HOUR), "again")).toBe(false);
        expect(await s.staffSessions.end("nope", later(HOUR), "x")).toBe(false);
        expect(await s.staffSessions.get("a")).toEqual({ ...session("a", "s-1"), endedAt: later(HOUR), endedReason: "signed out" });
      });

      it("ends every open session of one account and names them, leaving the others' alone", async () => {
        for (const [id, staff] of [["a", "s-1"], ["b", "s-1"], ["c", "s-1"], ["d", "s-2"]] as const) await s.staffSessions.create(session(id, staff));
        await s.staffSessions.end("c", later(HOUR), "signed out");
        expect((await s.staffSessions.endAllFor("s-1", later(2 * HOUR), "disabled")).sort()).toEqual(["a", "b"]);
        expect(await s.staffSessions.endAllFor("s-1", later(3 * HOUR), "again")).toEqual([]);
        expect(await s.staffSessions.get("a")).toMatchObject({ endedAt: later(2 * HOUR), endedReason: "disabled" });
        expect(await s.staffSessions.get("c")).toMatchObject({ endedReason: "signed out" });
        expect(await s.staffSessions.get("d")).toMatchObject({ endedAt: null });
      });

      it("ends each session once however many ask at once", async () => {
        await s.staffSessions.create(session("a", "s-1"));
        const results = await Promise.all([
          ...Array.from({ length: FIFTY }, (_, i) => s.staffSessions.end("a", later(HOUR), `end ${i}`)),
          s.staffSessions.endAllFor("s-1", later(HOUR), "all"),
          s.staffSessions.endAllFor("s-1", later(HOUR), "all again"),
        ]);
        const ended = results.filter((r) => r === true).length + results.slice(FIFTY).flatMap((r) => r as string[]).length;
        expect(ended).toBe(1);
        expect((await s.staffSessions.get("a"))?.endedAt).toBe(later(HOUR));
      });
    });

    describe("the audit log", () => {
      const key = auditKey("s".repeat(40));
      let clock = Date.parse(at);
      const log = () =>
        new AuditLog(s.audit, key, () => {
          clock += 1000;
          return new Date(clock);
        });

      it("numbers records 1, 2, 3… each chained to the one before, and keeps an empty detail", async () => {
        const first = await log().record({ actor: null, action: "sign-in.refused" });
        expect(first).toMatchObject({ seq: 1, prevHash: "0".repeat(64), actor: null, target: null, detail: {} });
        const second = await log().record({ actor: "cli", action: "staff.create", target: "s-1", detail: { username: "wang", roles: ["agent", "admin"], n: 2, ok: true, none: null } });
        expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
        expect(await s.audit.page(0, 10)).toEqual([first, second]);
        expect(await log().verify()).toEqual({ ok: true, count: 2 });
      });

      it("gives an unbroken chain after fifty appends at once", async () => {
        const l = log();
        await times(FIFTY, (i) => l.record({ actor: `agent-${i % 5}`, action: "chat.transfer", target: `c${i}` }));
        const all = await s.audit.page(0, 1000);
        expect(all.map((r) => r.seq)).toEqual(Array.from({ length: FIFTY }, (_, i) => i + 1));
        for (let i = 1; i < all.length; i++) expect(all[i]?.prevHash).toBe(all[i - 1]?.hash);
        // What `npm run audit:verify` does, in pages smaller than the log.
        expect(await l.verify(7)).toEqual({ ok: true, count: FIFTY });
      });

      it("lists with filters, the latest `limit` in seq order, and pages before a seq", async () => {
        const l = log();
        for (let i = 1; i <= 8; i++) await l.record({ actor: `agent-${i % 2}`, action: i % 3 ? "chat.close" : "personal-data.reveal", target: `t${i % 4}` });
        const all = await s.audit.page(0, 100);
        const seqs = (rs: { seq: number }[]) => rs.map((r) => r.seq);
        expect(seqs(await s.audit.list({ limit: 100 }))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        expect(seqs(await s.audit.list({ limit: 3 }))).toEqual([6, 7, 8]);
        expect(seqs(await s.audit.list({ limit: 0 }))).toEqual([]);
        expect(seqs(await s.audit.list({ actor: "agent-1", limit: 10 }))).toEqual([1, 3, 5, 7]);
        expect(seqs(await s.audit.list({ action: "personal-data.reveal", limit: 10 }))).toEqual([3, 6]);
        expect(seqs(await s.audit.list({ target: "t1", limit: 10 }))).toEqual([1, 5]);
        expect(seqs(await s.audit.list({ actor: "agent-0", action: "chat.close", limit: 10 }))).toEqual([2, 4, 8]);
        expect(seqs(await s.audit.list({ since: all[2]?.at, until: all[5]?.at, limit: 10 }))).toEqual([3, 4, 5]);
        expect(seqs(await s.audit.list({ beforeSeq: 6, limit: 2 }))).toEqual([4, 5]);
        expect(seqs(await s.audit.list({ actor: "agent-1", beforeSeq: 5, limit: 1 }))).toEqual([3]);
        expect(await s.audit.list({ actor: "nobody", limit: 10 })).toEqual([]);
        expect(await s.audit.list({ limit: 8 })).toEqual(all);
        expect(seqs(await s.audit.page(3, 2))).toEqual([4, 5]);
        expect(seqs(await s.audit.page(7, 10))).toEqual([8]);
        expect(await s.audit.page(8, 10)).toEqual([]);
      });
    });

    describe("delayed jobs", () => {
      it("keeps delayed jobs until they are removed: one per kind and key, the latest wins", async () => {
        await s.delayedJobs.save({ kind: "offer-timeout", key: "h1", payload: { agentId: "a1" }, dueAt: 2000 });
        await s.delayedJobs.save({ kind: "flow-expiry", key: "c1", payload: {}, dueAt: 1000 });
        await s.delayedJobs.save({ kind: "offer-timeout", key: "h1", payload: { agentId: "a2" }, dueAt: 3000 });
        expect(await s.delayedJobs.all()).toEqual([
          { kind: "flow-expiry", key: "c1", payload: {}, dueAt: 1000 },
          { kind: "offer-timeout", key: "h1", payload: { agentId: "a2" }, dueAt: 3000 },
        ]);
        await s.delayedJobs.remove("flow-expiry", "c1");
        await s.delayedJobs.remove("flow-expiry", "never-there");
        expect((await s.delayedJobs.all()).map((j) => j.key)).toEqual(["h1"]);
      });

      it("keeps one job when fifty saves of one kind and key come at once", async () => {
        const dueAt = Date.parse("2026-11-28T12:00:00Z");
        await times(FIFTY, (i) => s.delayedJobs.save({ kind: "offer-timeout", key: "h:1", payload: { n: String(i) }, dueAt: dueAt + i }));
        const jobs = await s.delayedJobs.all();
        expect(jobs).toHaveLength(1);
        expect(jobs[0]).toMatchObject({ kind: "offer-timeout", key: "h:1" });
        expect(jobs[0]?.dueAt).toBe(dueAt + Number(jobs[0]?.payload.n));
        // Kind and key are kept apart, whatever they hold.
        await s.delayedJobs.save({ kind: "offer-timeout:h", key: "1", payload: {}, dueAt: 1 });
        expect(await s.delayedJobs.all()).toHaveLength(2);
      });
    });

    it("keeps everything across a close and a reopen", async () => {
      const a = staffMember("zhao.lei", { recoveryCodeHashes: ["h1", "h2"] });
      await s.staff.create(a);
      await s.staff.advanceTotpStep(a.id, 10);
      await s.staff.consumeRecoveryCode(a.id, "h1");
      await s.staffSessions.create(session("a", a.id));
      await s.staffSessions.create(session("b", a.id));
      await s.staffSessions.end("b", later(HOUR), "signed out");
      const key = auditKey("k".repeat(40));
      const records = [];
      for (let i = 0; i < 3; i++) records.push(await new AuditLog(s.audit, key, () => new Date()).record({ actor: a.id, action: "session.start" }));
      await s.delayedJobs.save({ kind: "offer-timeout", key: "h1", payload: { agentId: a.id }, dueAt: 5 });

      s = await ctx.reopen();
      expect(await s.staff.findByUsername("zhao.lei")).toEqual({ ...a, totpLastStep: 10, recoveryCodeHashes: ["h2"] });
      expect(await s.staff.advanceTotpStep(a.id, 10)).toBe(false);
      expect(await s.staff.consumeRecoveryCode(a.id, "h1")).toBeUndefined();
      await expect(s.staff.create(staffMember("zhao.lei"))).rejects.toThrow();
      expect(await s.staffSessions.get("a")).toEqual(session("a", a.id));
      expect(await s.staffSessions.end("b", later(2 * HOUR), "again")).toBe(false);
      expect(await s.staffSessions.endAllFor(a.id, later(2 * HOUR), "disabled")).toEqual(["a"]);
      expect(await s.audit.page(0, 10)).toEqual(records);
      // The chain goes on from where it was.
      const next = await new AuditLog(s.audit, key, () => new Date()).record({ actor: a.id, action: "session.end" });
      expect(next).toMatchObject({ seq: 4, prevHash: records[2]?.hash });
      expect(await new AuditLog(s.audit, key, () => new Date()).verify()).toEqual({ ok: true, count: 4 });
      expect(await s.delayedJobs.all()).toEqual([{ kind: "offer-timeout", key: "h1", payload: { agentId: a.id }, dueAt: 5 }]);
    });
  });
}
