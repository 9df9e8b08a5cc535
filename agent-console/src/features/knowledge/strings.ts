import { featureStrings } from "../../lib/i18n";

/**
 * The knowledge-base search's strings (a tool in each chat panel).
 * Both languages, same keys (checked by featureStrings); the shared strings (lib/i18n.ts) are
 * joined in, so a component reads all it needs from one `t`.
 */
export const STRINGS = featureStrings({
  zh: {
    kbTitle: "知识库",
    kbSearchLabel: "搜索知识库",
    kbSearch: "搜索",
    kbSearching: "搜索中…",
    kbNoResults: "没有找到相关条目。",
    kbInsert: "插入回复",
    kbScore: (score: number) => `匹配度 ${Math.round(score * 100)}%`,
  },
  en: {
    kbTitle: "Knowledge base",
    kbSearchLabel: "Search the knowledge base",
    kbSearch: "Search",
    kbSearching: "Searching…",
    kbNoResults: "Nothing found.",
    kbInsert: "Insert into reply",
    kbScore: (score) => `Match ${Math.round(score * 100)}%`,
  },
});
