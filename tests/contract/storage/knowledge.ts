import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type {
  KnowledgeDraft,
  KnowledgeOrigin,
  RegressionQuestion,
  Storage,
} from "../../../src/storage/ports.js";

export type KnowledgeStores = Pick<Storage, "knowledgeVersions" | "regressionQuestions" | "knowledgeDrafts">;

/** An adapter under test: empty stores, and the way to close and open them again. */
export interface KnowledgeHarness {
  stores: KnowledgeStores;
  /** Closes what the stores stand on and opens it again (a restart): the data must be there. */
  reopen(): Promise<KnowledgeStores>;
  /** How many distinct texts the adapter keeps (each text once, whatever the versions holding it). */
  storedTexts(): Promise<number>;
  dispose(): Promise<void>;
}

const at = "2026-12-07T09:00:00.000Z";

const publication = (
  documents: Map<string, string>,
  author = "li.editor",
  origin: KnowledgeOrigin = "editor",
  note = "",
) => ({
  documents,
  author,
  note,
  publishedAt: at,
  origin,
});

const question = (text: string, intent: string, addedAt: string): RegressionQuestion => ({
  text,
  intent,
  addedBy: "li.editor",
  addedAt,
});

const draft = (extra: Partial<KnowledgeDraft> = {}): KnowledgeDraft => ({
  id: randomUUID(),
  title: "挂失电话更新",
  author: "li.editor",
  authorName: "李编辑",
  editors: ["li.editor"],
  baseVersion: 1,
  status: "open",
  // Names as the knowledge base has them: slashes, dots, "../" (FerretDB refuses such field names).
  changes: {
    "card/card-lost.yaml": "id: faq-card-lost\n# 挂失 12333\n",
    "../bot/out-of-scope.yaml": null,
    "intents.tsv": "id\tdomain\n",
  },
  notes: [{ kind: "comment", by: "li.editor", byName: "李编辑", at, text: "电话号码改了" }],
  approvedRevision: null,
  outcome: null,
  createdAt: at,
  updatedAt: at,
  revision: 1,
  ...extra,
});

/** A text of at least `bytes` UTF-8 bytes: Chinese (3 bytes a character), CRLF lines, an emoji (a surrogate pair). */
function bigText(bytes: number): string {
  const line = "参保人社保卡挂失后补办需要携带身份证原件😀\r\n";
  return line.repeat(Math.ceil(bytes / Buffer.byteLength(line)));
}

/** The knowledge group's behaviour (versions, regression questions, drafts), run against every adapter. */
export function knowledgeStoresContract(name: string, open: () => Promise<KnowledgeHarness>) {
  describe(`knowledge stores contract: ${name}`, () => {
    let h: KnowledgeHarness;
    let s: KnowledgeStores;
    beforeEach(async () => {
      h = await open();
      s = h.stores;
    });
    afterEach(async () => {
      await h.dispose();
    });

    describe("knowledge versions", () => {
      it("keeps every version whole, newest first, each text stored once, and survives a restart", async () => {
        expect(await s.knowledgeVersions.latest()).toBeUndefined();
        expect(await s.knowledgeVersions.list(10)).toEqual([]);
        const v1docs = new Map([
          ["intents.tsv", "id\tdomain\tzh\ten\n"],
          ["card/card-lost.yaml", "id: faq-card-lost\n"],
          ["../bot/out-of-scope.yaml", "examples: {}\n"],
        ]);
        const v1 = await s.knowledgeVersions.publish(
          publication(v1docs, "knowledge-base/", "folder", "seed"),
        );
        expect(v1).toEqual({
          version: 1,
          author: "knowledge-base/",
          note: "seed",
          publishedAt: at,
          origin: "folder",
          documents: v1docs,
        });
        const v2docs = new Map([...v1docs, ["card/card-lost.yaml", "id: faq-card-lost\n# 挂失 changed\n"]]);
        const v2 = await s.knowledgeVersions.publish(
          publication(v2docs, "li.editor", "editor", "挂失电话更新"),
        );
        expect(v2.version).toBe(2);

        const again = await h.reopen();
        expect((await again.knowledgeVersions.latest())?.documents).toEqual(v2docs);
        expect((await again.knowledgeVersions.get(1))?.documents).toEqual(v1docs);
        expect(await again.knowledgeVersions.get(3)).toBeUndefined();
        expect((await again.knowledgeVersions.latest("folder"))?.version).toBe(1);
        expect((await again.knowledgeVersions.latest("editor"))?.version).toBe(2);
        expect(await again.knowledgeVersions.latest("import")).toBeUndefined();
        expect(await again.knowledgeVersions.list(10)).toEqual([
          { version: 2, author: "li.editor", note: "挂失电话更新", publishedAt: at, origin: "editor" },
          { version: 1, author: "knowledge-base/", note: "seed", publishedAt: at, origin: "folder" },
        ]);
        expect(await again.knowledgeVersions.list(1)).toHaveLength(1);
        expect(await again.knowledgeVersions.list(0)).toEqual([]);
        // Four distinct texts for six documents: the two unchanged ones are shared by both versions.
        expect(await h.storedTexts()).toBe(4);
      });

      it("gives 50 publications made at the same moment the numbers 1..50, no gap, no duplicate", async () => {
        const published = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            s.knowledgeVersions.publish(publication(new Map([["intents.tsv", `x${i % 3}`]]), `e${i}`)),
          ),
        );
        expect(published.map((p) => p.version).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 50 }, (_, i) => i + 1),
        );
        // Each number is the publication that got it, as stored.
        for (const p of published) {
          const stored = await s.knowledgeVersions.get(p.version);
          expect(stored?.author).toBe(p.author);
          expect(stored?.documents).toEqual(p.documents);
        }
        expect((await s.knowledgeVersions.list(100)).map((v) => v.version)).toEqual(
          Array.from({ length: 50 }, (_, i) => 50 - i),
        );
        expect(await h.storedTexts()).toBe(3);
      });

      it("never shows a version with part of its documents while publications are under way", async () => {
        const docsOf = (i: number) =>
          new Map(
            Array.from({ length: 40 }, (_, d) => [
              `domain/faq-${String(d).padStart(2, "0")}.yaml`,
              `id: faq-${d}\n# 第${i}版\n`,
            ]),
          );
        let publishing = true;
        const reader = (async () => {
          while (publishing) {
            const v = await s.knowledgeVersions.latest();
            if (v) expect(v.documents).toEqual(docsOf(Number(v.note)));
            // Let the writers' timers run (an in-process adapter's reads need not yield).
            await new Promise((r) => setImmediate(r));
          }
        })();
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            s.knowledgeVersions.publish(publication(docsOf(i), "li.editor", "editor", String(i))),
          ),
        );
        publishing = false;
        await reader;
        for (const v of await s.knowledgeVersions.list(20))
          expect((await s.knowledgeVersions.get(v.version))?.documents).toEqual(docsOf(Number(v.note)));
        expect((await s.knowledgeVersions.list(20)).map((v) => v.version)).toEqual([
          10, 9, 8, 7, 6, 5, 4, 3, 2, 1,
        ]);
      });

      it("reads a version's documents back byte for byte: Chinese, CRLF, tabs, BOM, emoji, a 1 MB document", async () => {
        const big = bigText(1_048_576);
        expect(Buffer.byteLength(big)).toBeGreaterThanOrEqual(1_000_000);
        const docs = new Map([
          ["intents.tsv", "id\tdomain\tzh\ten\ncard.lost\tcard\t社保卡丢了怎么办\tI lost my card\n"],
          ["card/card-lost.yaml", "\uFEFFid: faq-card-lost\r\nanswer: |\r\n  拨打 12333 挂失。 \r\n"],
          ["pension/transfer.yaml", "  leading and trailing spaces  \n\n\n"],
          ["../bot/anchors.yaml", "emoji: 👍🏽 ✅ 𠮷野家\n"],
          ["empty.yaml", ""],
          ["big/handbook.yaml", big],
        ]);
        const v = await s.knowledgeVersions.publish(publication(docs));
        const again = await h.reopen();
        const stored = await again.knowledgeVersions.get(v.version);
        expect(stored?.documents.size).toBe(docs.size);
        for (const [name, text] of docs) {
          const back = stored?.documents.get(name);
          expect(back === undefined ? undefined : Buffer.from(back).equals(Buffer.from(text)), name).toBe(
            true,
          );
        }
        expect((await again.knowledgeVersions.latest())?.documents).toEqual(docs);
      });

      it("tells, for each document of a version, the version since which its text is the same", async () => {
        const p = (docs: Record<string, string>, note: string) =>
          s.knowledgeVersions.publish(
            publication(new Map(Object.entries(docs)), "li.editor", "editor", note),
          );
        await p({ a: "a1", b: "b1", c: "c1" }, "v1");
        await p({ a: "a1", b: "b2", c: "c1", d: "d1" }, "v2");
        await p({ a: "a1", b: "b2", c: "c2" }, "v3");
        // b goes back to its first text, d comes back with the text it had in v2.
        await p({ a: "a1", b: "b1", c: "c2", d: "d1" }, "v4");
        const since = async (version: number) =>
          Object.fromEntries(
            [...(await s.knowledgeVersions.lastChanges(version))].map(([name, v]) => [name, v.note]),
          );
        expect(await since(4)).toEqual({ a: "v1", b: "v4", c: "v3", d: "v4" });
        expect(await since(3)).toEqual({ a: "v1", b: "v2", c: "v3" });
        expect(await since(2)).toEqual({ a: "v1", b: "v2", c: "v1", d: "v2" });
        expect(await since(1)).toEqual({ a: "v1", b: "v1", c: "v1" });
        expect(await since(99)).toEqual({});
        // Whole summaries, as list() gives them.
        const summaries = await s.knowledgeVersions.list(10);
        expect((await s.knowledgeVersions.lastChanges(4)).get("c")).toEqual(
          summaries.find((v) => v.version === 3),
        );
      });
    });

    describe("regression questions", () => {
      it("keeps the regression guard's questions, each text once, oldest first", async () => {
        expect(
          await s.regressionQuestions.add(
            question("社保卡秘码锁了", "card.password", "2026-12-07T09:00:00Z"),
          ),
        ).toBe(true);
        expect(
          await s.regressionQuestions.add(question("帮我写个请假条", "none", "2026-12-07T09:01:00Z")),
        ).toBe(true);
        expect(
          await s.regressionQuestions.add(question("社保卡秘码锁了", "card.lost", "2026-12-07T09:02:00Z")),
        ).toBe(false);
        expect((await s.regressionQuestions.list()).map((x) => [x.text, x.intent])).toEqual([
          ["社保卡秘码锁了", "card.password"],
          ["帮我写个请假条", "none"],
        ]);
        expect(await s.regressionQuestions.remove("帮我写个请假条")).toBe(true);
        expect(await s.regressionQuestions.remove("帮我写个请假条")).toBe(false);
        expect(await s.regressionQuestions.list()).toEqual([
          question("社保卡秘码锁了", "card.password", "2026-12-07T09:00:00Z"),
        ]);
      });

      it("orders by when a question was added, then by insertion; one of 20 concurrent adds of a text wins", async () => {
        await s.regressionQuestions.add(question("late", "none", "2026-12-07T10:00:00Z"));
        for (const t of ["tie 1", "tie 2", "tie 3"])
          await s.regressionQuestions.add(question(t, "none", "2026-12-07T09:00:00Z"));
        expect((await s.regressionQuestions.list()).map((q) => q.text)).toEqual([
          "tie 1",
          "tie 2",
          "tie 3",
          "late",
        ]);
        const added = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            s.regressionQuestions.add(question("养老金什么时候到账", `intent.${i}`, at)),
          ),
        );
        expect(added.filter(Boolean)).toHaveLength(1);
        const kept = (await s.regressionQuestions.list()).filter((q) => q.text === "养老金什么时候到账");
        expect(kept).toEqual([question("养老金什么时候到账", `intent.${added.indexOf(true)}`, at)]);
      });
    });

    describe("knowledge drafts", () => {
      it("reads a draft back as created: changes whose names have dots and '../', a removal, notes, an outcome", async () => {
        const d = draft({
          status: "approved",
          approvedRevision: 1,
          editors: ["li.editor", "wang.editor"],
          notes: [
            { kind: "submitted", by: "li.editor", byName: "李编辑", at, text: "" },
            { kind: "approved", by: "zhao.lead", byName: "赵组长", at, text: "可以" },
          ],
          outcome: {
            kind: "refused",
            at,
            reason: "regressions",
            verdict: {
              questions: 3,
              before: 3,
              after: 2,
              fixed: 0,
              regressed: [{ text: "社保卡秘码锁了", expected: "card.password", now: "card.lost" }],
            },
          },
        });
        await s.knowledgeDrafts.create(d);
        expect(await s.knowledgeDrafts.get(d.id)).toEqual(d);
        expect(await s.knowledgeDrafts.get(randomUUID())).toBeUndefined();
        const plain = draft({
          changes: {},
          notes: [],
          editors: [],
          outcome: { kind: "published", version: 7, at },
        });
        await s.knowledgeDrafts.create(plain);
        expect(await s.knowledgeDrafts.get(plain.id)).toEqual(plain);
      });

      it("refuses a second draft with the same id", async () => {
        const d = draft();
        await s.knowledgeDrafts.create(d);
        await expect(s.knowledgeDrafts.create({ ...d, title: "other" })).rejects.toThrow();
        expect((await s.knowledgeDrafts.get(d.id))?.title).toBe(d.title);
      });

      it("saves against the revision read, and refuses a save against a stale one", async () => {
        const d = draft();
        await s.knowledgeDrafts.create(d);
        const r2 = { ...d, title: "第二版", revision: 2, updatedAt: "2026-12-07T09:05:00.000Z" };
        expect(await s.knowledgeDrafts.save(r2, 1)).toBe(true);
        // Someone else read revision 1 too: their save lands on nothing.
        expect(await s.knowledgeDrafts.save({ ...d, title: "stale", revision: 2 }, 1)).toBe(false);
        expect(await s.knowledgeDrafts.get(d.id)).toEqual(r2);
        const r3 = {
          ...r2,
          status: "in_review" as const,
          changes: { ...r2.changes, "pension/transfer.yaml": "x" },
          revision: 3,
        };
        expect(await s.knowledgeDrafts.save(r3, 2)).toBe(true);
        expect(await s.knowledgeDrafts.get(d.id)).toEqual(r3);
        expect(await s.knowledgeDrafts.save(draft({ revision: 2 }), 1)).toBe(false);
      });

      it("lets exactly one of 50 concurrent saves of one revision land", async () => {
        const d = draft();
        await s.knowledgeDrafts.create(d);
        const saves = Array.from({ length: 50 }, (_, i) => ({
          ...d,
          title: `editor ${i}`,
          editors: [`e${i}`],
          revision: 2,
        }));
        const landed = await Promise.all(saves.map((x) => s.knowledgeDrafts.save(x, 1)));
        expect(landed.filter(Boolean)).toHaveLength(1);
        expect(await s.knowledgeDrafts.get(d.id)).toEqual(saves[landed.indexOf(true)]);
      });

      it("lists the drafts in the given statuses, newest change first, at most `limit`", async () => {
        const mk = (status: KnowledgeDraft["status"], minute: number) =>
          draft({
            status,
            title: `${status} ${minute}`,
            updatedAt: `2026-12-07T09:${String(minute).padStart(2, "0")}:00.000Z`,
          });
        const all = [
          mk("open", 1),
          mk("in_review", 5),
          mk("published", 9),
          mk("open", 7),
          mk("approved", 3),
          mk("discarded", 8),
        ];
        for (const d of all) await s.knowledgeDrafts.create(d);
        const titles = async (statuses: KnowledgeDraft["status"][], limit: number) =>
          (await s.knowledgeDrafts.list(statuses, limit)).map((d) => d.title);
        expect(await titles(["open", "in_review", "approved"], 10)).toEqual([
          "open 7",
          "in_review 5",
          "approved 3",
          "open 1",
        ]);
        expect(await titles(["open", "in_review", "approved"], 2)).toEqual(["open 7", "in_review 5"]);
        expect(await titles(["published"], 10)).toEqual(["published 9"]);
        expect(await titles(["publishing"], 10)).toEqual([]);
        expect(await titles([], 10)).toEqual([]);
        expect(await titles(["open"], 0)).toEqual([]);
        // A save moves a draft to the front of its list and into its new status.
        const first = all[0] as KnowledgeDraft;
        expect(
          await s.knowledgeDrafts.save(
            { ...first, status: "in_review", updatedAt: "2026-12-07T09:30:00.000Z", revision: 2 },
            1,
          ),
        ).toBe(true);
        expect(await titles(["open", "in_review"], 10)).toEqual(["open 1", "open 7", "in_review 5"]);
        expect((await s.knowledgeDrafts.list(["in_review"], 10)).map((d) => d.id)).toEqual([
          first.id,
          (all[1] as KnowledgeDraft).id,
        ]);
      });
    });

    it("keeps versions, questions and drafts across a restart", async () => {
      const docs = new Map([["intents.tsv", "id\n"]]);
      await s.knowledgeVersions.publish(publication(docs));
      await s.regressionQuestions.add(question("社保卡秘码锁了", "card.password", at));
      const d = draft();
      await s.knowledgeDrafts.create(d);
      const again = await h.reopen();
      expect(await again.knowledgeVersions.latest()).toEqual({ version: 1, ...publication(docs) });
      expect(await again.regressionQuestions.list()).toEqual([
        question("社保卡秘码锁了", "card.password", at),
      ]);
      expect(await again.knowledgeDrafts.get(d.id)).toEqual(d);
      expect(await again.knowledgeDrafts.list(["open"], 10)).toEqual([d]);
      // And a publication after the restart takes the next number.
      expect((await again.knowledgeVersions.publish(publication(docs))).version).toBe(2);
    });
  });
}
