import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadIntentLabels, readIntentLabels } from "../../src/dialog/intent-labels.js";
import { loadKnowledgeBase } from "../../src/knowledge/load.js";
import { projectRoot } from "../testing/nlu.js";

const file = join(projectRoot, "bot", "intent-labels.tsv");
const kb = loadKnowledgeBase(join(projectRoot, "knowledge-base"), join(projectRoot, "bot", "out-of-scope.yaml"));

describe("intent labels", () => {
  it("bot/intent-labels.tsv labels exactly the seed taxonomy's intents, each in zh and en", () => {
    const written = readIntentLabels(file);
    const ids = kb.intents.map((i) => i.id).filter((id) => id !== "none");
    expect([...written.keys()].sort()).toEqual([...ids].sort());
  });

  it("an intent an editor added is labelled with the taxonomy's own words; a retired one is left out", () => {
    const added = { id: "card.fee", domain: "card", zh: "补卡工本费、收费标准", en: "card fee, how much it costs" };
    const labels = loadIntentLabels(file, [...kb.intents.filter((i) => i.id !== "card.lost"), added]);
    expect(labels.get("card.fee")).toEqual({ zh: "补卡工本费", en: "card fee" });
    expect(labels.has("card.lost")).toBe(false);
    expect(labels.get("card.password")).toEqual(readIntentLabels(file).get("card.password"));
  });
});
