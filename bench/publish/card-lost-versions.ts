// The knowledge versions `npm run bench:publish:load` and tests/publishing/publish-under-load.test.ts
// publish while citizens ask about a lost card: the next version differs from the one serving in
// what the citizen sees (the answer, the guided application's button), and with `questions`, in
// what training reads too, so a model is trained while the desk serves.
import { parse, stringify } from "yaml";
import type { KnowledgeDocuments } from "../../src/knowledge/documents.js";

export const CARD_LOST_FILE = "card/card-lost.yaml";
/** What every simulated citizen asks; not among the FAQ's own questions (the model generalises). */
export const CARD_LOST_QUESTION = "社保卡丢了怎么挂失";

interface FaqFile {
  answer: { zh: string; en: string };
  questions: { zh: string[]; en: string[] };
  flow?: string;
}

const faqOf = (docs: KnowledgeDocuments): FaqFile => {
  const text = docs.get(CARD_LOST_FILE);
  if (text === undefined) throw new Error(`${CARD_LOST_FILE} is not in the knowledge version`);
  return parse(text) as FaqFile;
};

/** The card-lost FAQ's Chinese answer as the bot says it (src/dialog/reply.ts trims it). */
export function cardLostAnswer(docs: KnowledgeDocuments): string {
  return faqOf(docs).answer.zh.trim();
}

/**
 * `docs` with the card-lost answer starting with `mark` and its "start the loss report" button
 * gone (the FAQ's flow removed): both are read from the version a turn serves, so a reply
 * carrying one version's text with the other's button shows a turn that mixed them. Neither is
 * read by training: the model stays, and is found, not trained.
 * With `questions`, the citizens' own question becomes one of the FAQ's questions: training reads
 * it, so the version needs a model of its own (trained in a worker thread while the desk serves),
 * and that model's confidence in the question differs from the old one's.
 */
export function nextCardLostVersion(docs: KnowledgeDocuments, mark: string, options: { questions?: boolean } = {}): KnowledgeDocuments {
  const { flow: _dropped, ...faq } = faqOf(docs);
  const next: FaqFile = { ...faq, answer: { ...faq.answer, zh: `${mark}${faq.answer.zh}` } };
  if (options.questions) next.questions = { ...faq.questions, zh: [...faq.questions.zh, CARD_LOST_QUESTION] };
  return new Map(docs).set(CARD_LOST_FILE, stringify(next));
}
