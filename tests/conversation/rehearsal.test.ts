import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { rehearsalScript } from "../../src/conversation/rehearsal.js";
import { nluPaths, projectRoot } from "../testing/nlu.js";

const faqs = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ questions: { zh: [`问题${i}甲`, `问题${i}乙`, `问题${i}丙`, `问题${i}丁`], en: [`question ${i}`, `again ${i}`] } }));

describe("the rehearsal script", () => {
  it("has exactly the turns asked for, in conversations that wander across topics, one in four in English", () => {
    const script = rehearsalScript(faqs(40), 100, 8);
    expect(script.flatMap((c) => c.texts)).toHaveLength(100);
    expect(script.map((c) => c.texts.length)).toEqual([...Array(12).fill(8), 4]);
    expect(script.map((c) => c.locale).slice(0, 8)).toEqual(["zh", "zh", "zh", "en", "zh", "zh", "zh", "en"]);
    for (const c of script) {
      // No conversation keeps asking the same FAQ: the texts name several topics.
      const topics = new Set(c.texts.map((t) => t.replace(/\D/g, "")));
      expect(topics.size).toBeGreaterThan(Math.min(3, c.texts.length - 1));
      if (c.locale === "en") expect(c.texts.every((t) => /^[a-z]/.test(t))).toBe(true);
    }
    expect(rehearsalScript(faqs(40), 100, 8)).toEqual(script);
    expect(rehearsalScript([], 100)).toEqual([]);
  });
});

describe("the warm-up before serving", () => {
  it("runs its turns through the real turn path on scratch storage, and leaves the citizens' store and back office untouched", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "desk-warm-"));
    const lines: string[] = [];
    const config = loadConfig(
      { DATA_DIR: dataDir, MODELS_DIR: nluPaths.modelsDir, PORT: "0", LOG_LEVEL: "silent", DEMO_STAFF: "false", WARM_UP_TURNS: "60" },
      projectRoot,
    );
    const before = new Set(readdirSync(tmpdir()).filter((d) => d.startsWith("desk-rehearsal-")));
    const app = await createApp(config, (line) => lines.push(line));
    try {
      await app.start();
      expect(lines.join("\n")).toMatch(/warmed up on 60 rehearsal turns in \d+ ms/);
    } finally {
      await app.close();
    }
    const desk = new Database(join(dataDir, "desk.sqlite"), { readonly: true });
    const records = new Database(join(dataDir, "records-demo.sqlite"), { readonly: true });
    try {
      expect(desk.prepare("SELECT COUNT(*) FROM conversations").pluck().get()).toBe(0);
      expect(desk.prepare("SELECT COUNT(*) FROM messages").pluck().get()).toBe(0);
      expect(records.prepare("SELECT COUNT(*) FROM applications").pluck().get()).toBe(0);
    } finally {
      desk.close();
      records.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    // Its scratch folder is gone.
    expect(readdirSync(tmpdir()).filter((d) => d.startsWith("desk-rehearsal-") && !before.has(d))).toEqual([]);
  });

  it("is off when WARM_UP_TURNS is 0, and refuses a count out of range", () => {
    expect(loadConfig({ WARM_UP_TURNS: "0" }, projectRoot).warmUpTurns).toBe(0);
    expect(loadConfig({}, projectRoot).warmUpTurns).toBe(500);
    expect(() => loadConfig({ WARM_UP_TURNS: "-1" }, projectRoot)).toThrow(/WARM_UP_TURNS/);
    expect(() => loadConfig({ WARM_UP_TURNS: "lots" }, projectRoot)).toThrow(/WARM_UP_TURNS/);
  });
});
