import { DEFAULT_TIME_ZONE } from "../domain/local-time.js";
import type { Locale } from "../knowledge/faq.js";
import { type Calibration, calibratedConfidence } from "./calibration.js";
import { type ClassifierModel, IntentClassifier } from "./classifier.js";
import { type Entity, extractEntities } from "./entities/index.js";
import { featurize, type PinyinMap } from "./features.js";
import { detectLocale } from "./locale.js";
import { canonicalise } from "./normalise.js";
import { Retriever, type RetrieverIndex } from "./retriever.js";
import type { TopicIndex, TopicMatch } from "./topics.js";

/** The label of the explicit out-of-scope outcome. */
export const OUT_OF_SCOPE = "none";

/** Everything a trained engine needs; what the artifact stores. */
export interface NluModel {
  pinyin: PinyinMap;
  classifier: ClassifierModel;
  retriever: RetrieverIndex;
  calibration: Calibration;
  /** Weight of the classifier against the retriever when blending their scores. */
  blend: number;
  /** Domain words that keep a message in scope (bot/anchors.yaml); hashed with the model's inputs. */
  anchors?: { terms: string[]; unless: string[] };
}

export interface Candidate {
  intent: string;
  /** The FAQ whose question variant matched best, when the retriever found one. */
  faqId?: string;
  /** Blended score in [0, 1]; ranks candidates. */
  score: number;
  classifier: number;
  retrieval: number;
}

export interface Understanding {
  text: string;
  normalised: string;
  /** From the script; undefined for digits or symbols only. */
  locale: Locale | undefined;
  entities: Entity[];
  /** Best first; includes `none` where it ranks. */
  candidates: Candidate[];
  /** Calibrated probability that candidates[0] is right. */
  confidence: number;
  /** True when the best candidate is the out-of-scope label. */
  outOfScope: boolean;
  /** Set when the message only names an area (社保卡, 失业): answer with that area's menu. */
  topic?: TopicMatch;
  /** Words of the message that only out-of-scope examples use (股票, 请假条): a subject outside the desk's. */
  foreignWords?: string[];
}

export const CALIBRATION_SIGNALS = ["top", "margin", "classifier", "retrieval", "coverage", "activation", "agree", "isNone"];

/** The raw signals computed for a message, before calibration (the trainer fits on these). */
export interface Signals {
  candidates: Candidate[];
  x: number[];
  /** The message's features, as scored. */
  features: string[];
}

/** Understands one message: normalise, locale, entities, intent candidates and a confidence. */
export class NluEngine {
  private readonly classifier: IntentClassifier;
  private readonly retriever: Retriever;

  /** The small parts of the model read per message; the classifier and retriever keep their own. */
  private readonly model: Pick<NluModel, "pinyin" | "blend" | "anchors" | "calibration">;

  constructor(
    model: NluModel,
    private readonly topics?: TopicIndex,
    /** Where "today", 上个月 and 三天前 are reckoned. */
    private readonly timeZone: string = DEFAULT_TIME_ZONE,
  ) {
    this.classifier = new IntentClassifier(model.classifier);
    this.retriever = new Retriever(model.retriever, OUT_OF_SCOPE);
    this.model = { pinyin: model.pinyin, blend: model.blend, calibration: model.calibration, ...(model.anchors ? { anchors: model.anchors } : {}) };
  }

  /** Scores a normalised message; shared by `understand` and by the trainer's calibration. */
  signals(normalised: string): Signals {
    const features = featurize(normalised, this.model.pinyin);
    const { scores, activation } = this.classifier.classify(features);
    const hits = this.retriever.search(features);
    const byLabel = new Map<string, Candidate>();
    const lambda = this.model.blend;
    for (const s of scores) {
      byLabel.set(s.label, { intent: s.label, score: lambda * s.score, classifier: s.score, retrieval: 0 });
    }
    for (const h of hits) {
      const faqId = this.retriever.docs[h.doc]?.faqId;
      const c = byLabel.get(h.label) ?? { intent: h.label, score: 0, classifier: 0, retrieval: 0 };
      c.retrieval = h.score;
      c.score += (1 - lambda) * h.score;
      if (faqId) c.faqId = faqId;
      byLabel.set(h.label, c);
    }
    const candidates = [...byLabel.values()].filter((c) => c.score > 0).sort((a, b) => b.score - a.score);
    // A social-insurance word in the message (社保, 医保...) rules out "out of scope": the best
    // in-scope candidate goes first, and the signals below describe that choice.
    if (candidates[0]?.intent === OUT_OF_SCOPE && this.anchored(normalised)) {
      const none = candidates.shift() as Candidate;
      candidates.splice(Math.min(1, candidates.length), 0, none);
    }
    const top = candidates[0];
    const second = candidates[1];
    const topByClassifier = scores[0]?.label;
    const topByRetrieval = hits[0]?.label;
    const x = [
      top?.score ?? 0,
      (top?.score ?? 0) - (second?.score ?? 0),
      top?.classifier ?? 0,
      top?.retrieval ?? 0,
      this.retriever.coverage(features),
      Math.min(activation, 1),
      topByClassifier !== undefined && topByClassifier === topByRetrieval ? 1 : 0,
      top?.intent === OUT_OF_SCOPE ? 1 : 0,
    ];
    return { candidates, x, features };
  }

  /** Whether the message names social insurance itself, outside a near-miss context. */
  anchored(normalised: string): boolean {
    const anchors = this.model.anchors;
    if (!anchors) return false;
    return anchors.terms.some((t) => normalised.includes(t)) && !anchors.unless.some((u) => normalised.includes(u));
  }

  understand(text: string, now: Date): Understanding {
    const canonical = canonicalise(text);
    const normalised = canonical.toLowerCase();
    const entities = extractEntities(canonical, now, this.timeZone);
    const { candidates, x, features } = normalised === "" ? { candidates: [], x: [], features: [] } : this.signals(normalised);
    const top = candidates[0];
    const topic = this.topics?.match(text);
    const foreignWords = this.retriever.foreignWords(features);
    return {
      ...(topic ? { topic } : {}),
      ...(foreignWords.length > 0 ? { foreignWords } : {}),
      text,
      normalised,
      locale: detectLocale(normalised),
      entities,
      candidates: candidates.slice(0, 5),
      confidence: top ? calibratedConfidence(this.model.calibration, x) : 0,
      outOfScope: !top || top.intent === OUT_OF_SCOPE,
    };
  }
}
