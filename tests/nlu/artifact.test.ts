import { describe, expect, it } from "vitest";
import { inputsHash, loadArtifact, loadOrTrain } from "../../src/nlu/artifact.js";
import { NluEngine } from "../../src/nlu/engine.js";
import { nluPaths, realNlu } from "../testing/nlu.js";

describe("model artifact", () => {
  it("loads the artifact for unchanged inputs instead of retraining", () => {
    const { kb, artifact } = realNlu();
    const again = loadOrTrain(kb, nluPaths.modelsDir);
    expect(again.trained).toBe(false);
    expect(again.info.hash).toBe(artifact.hash);
  });

  it("keys the artifact by its inputs: one changed character gives another hash", () => {
    const { kb } = realNlu();
    const [first, ...rest] = kb.sources;
    const changed = { ...kb, sources: [{ file: first!.file, text: `${first!.text} ` }, ...rest] };
    expect(inputsHash(changed)).not.toBe(inputsHash(kb));
    expect(inputsHash({ ...kb })).toBe(inputsHash(kb));
  });

  it("round-trips: the loaded model understands like the trained one", () => {
    const { artifact, engine } = realNlu();
    const loaded = loadArtifact(nluPaths.modelsDir, artifact.hash);
    expect(loaded).toBeDefined();
    const fresh = new NluEngine(loaded!.model);
    const now = new Date();
    for (const text of ["社保卡掉了咋办", "How do I move my pension to another city?", "今天天气怎么样"]) {
      expect(fresh.understand(text, now)).toEqual(engine.understand(text, now));
    }
  });

  it("returns undefined for a hash it has no artifact for", () => {
    expect(loadArtifact(nluPaths.modelsDir, "0000000000000000")).toBeUndefined();
  });
});
