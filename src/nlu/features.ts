import PorterStemmer from "natural/lib/natural/stemmers/porter_stemmer.js";

/** Character -> toneless pinyin (first reading), built at training time from @nlpjs/lang-zh's dictionary. */
export type PinyinMap = Record<string, string>;

const RUNS = /(\p{Script=Han}+)|([a-z]+(?:'[a-z]+)?)|(\d+)/gu;

// Particles and fillers that carry no topic; dropped as unigrams only (bigrams keep word order cues).
const ZH_STOP = new Set("的了吗呢啊吧呀哦嘛么是我你他她在有和就也都还又要想请问一下个这那".split(""));
const EN_STOP = new Set(
  "a an the i me my we our you your he she it its they them is are was were be been am do does did to of in on at for with and or but if so can could would should will shall may might must this that these those what how when where which who why any some just about from by as into than then".split(
    " ",
  ),
);

/**
 * Turns a normalised message into the sparse features both the classifier and the retriever read:
 * Chinese character unigrams and bigrams, toneless-pinyin bigrams (so a homophone typo such as
 * 养老今 still looks like 养老金), stemmed English words and word bigrams, and short numbers.
 * Features are namespaced (`c:`, `p:`, `w:`, `d:`) so scripts never collide.
 */
export function featurize(text: string, pinyin: PinyinMap): string[] {
  const out = new Set<string>();
  let prevWord: string | undefined;
  for (const m of text.matchAll(RUNS)) {
    const [, han, word, digits] = m;
    if (han) {
      prevWord = undefined;
      for (let i = 0; i < han.length; i++) {
        const c = han[i] as string;
        if (!ZH_STOP.has(c)) out.add(`c:${c}`);
        if (i + 1 < han.length) {
          const next = han[i + 1] as string;
          out.add(`c:${c}${next}`);
          const p1 = pinyin[c];
          const p2 = pinyin[next];
          if (p1 && p2) out.add(`p:${p1}_${p2}`);
        }
      }
    } else if (word) {
      if (EN_STOP.has(word)) {
        prevWord = undefined;
        continue;
      }
      const stem = PorterStemmer.stem(word);
      out.add(`w:${stem}`);
      if (prevWord) out.add(`w:${prevWord}_${stem}`);
      prevWord = stem;
    } else if (digits) {
      prevWord = undefined;
      out.add(digits.length <= 5 ? `d:${digits}` : `d:long${Math.min(digits.length, 19)}`);
    }
  }
  return [...out];
}
