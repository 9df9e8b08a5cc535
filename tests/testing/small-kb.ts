import { join } from "node:path";
import { parse, stringify } from "yaml";
import { readKnowledgeFolder } from "../../src/knowledge/documents.js";
import { projectRoot } from "./nlu.js";

/**
 * A knowledge base of three real FAQs (card loss, card PINs, pension payment dates; their related
 * questions dropped) and three categories of out-of-scope examples, as documents: small enough to
 * train in seconds, for tests that train.
 */
export function smallKnowledgeDocuments(): Map<string, string> {
  const all = readKnowledgeFolder(join(projectRoot, "knowledge-base"), join(projectRoot, "bot", "out-of-scope.yaml"));
  const keep = { "card.lost": "card/card-lost.yaml", "card.password": "card/card-password.yaml", "pension.payment.date": "pension/pension-payment-date.yaml" };
  const [header, ...rows] = (all.get("intents.tsv") as string).split("\n");
  const docs = new Map<string, string>([["intents.tsv", [header, ...rows.filter((r) => (r.split("\t")[0] ?? "") in keep)].join("\n")]]);
  for (const file of Object.values(keep)) {
    const faq = parse(all.get(file) as string) as Record<string, unknown>;
    docs.set(file, stringify({ ...faq, related: [] }));
  }
  const oos = parse(all.get("../bot/out-of-scope.yaml") as string) as { examples: Record<string, unknown> };
  docs.set("../bot/out-of-scope.yaml", stringify({ examples: Object.fromEntries(Object.entries(oos.examples).slice(0, 3)) }));
  return docs;
}
