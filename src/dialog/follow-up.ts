import { type DialogPolicy, dialogPolicy, intentActions } from "../../bot/policy.js";
import { OUT_OF_SCOPE, type Understanding } from "../nlu/engine.js";

/**
 * Follow-up questions in context: "那灵活就业人员呢？" after an answer about pension contributions,
 * "要什么材料" after one about the social security card. Pure: the caller understands the message
 * alone and joined to the question it follows, and this decides which reading the bot answers.
 */

/** What the conversation was last about: the intent last answered and the citizen's words that asked it. */
export interface TopicContext {
  intent: string;
  question: string;
}

/**
 * How a message leans on what came before:
 * - "aspect": it asks only about a side of some matter (what papers, where, how long, how much);
 * - "ellipsis": it names a new case of the same matter and leaves the rest unsaid ("那…呢", "what about…");
 * - "short": a few words that may lean on it or not ("怎么开户", "去年的还能补打吗"): read in
 *   context only when they mean nothing clear alone.
 */
export type FollowUpKind = "aspect" | "ellipsis" | "short";

const ASPECT_ZH =
  /^(那|那么|请问)?(我|这个)?(还)?(要|需要|得)?(带|准备|交|提供)?(什么|啥|哪些|些啥|啥子)(材料|资料|证件|证明|手续|东西)|^(那|那么)?(我|还)?(要|需要|得)(带|准备|拿|提供)(什么|啥|哪些|些啥|啥子)[呢啊嘞吗]?[？?。]*$|^(那|那么)?(在)?(网上|线上|手机上|app上)(能|可以)(办|办理|弄|申请|查)(吗|不|么)?[？?。]*$|^(那|那么)?(在|去|到)(哪|哪里|哪儿|哪个地方)(办|办理|申请|交|弄)|^(那|那么)?(要|需要|得)?(多久|多长时间|几天|多少天)|^(那|那么)?(要|需要)?(多少钱|收费吗|要钱吗|花钱吗)|^(那|那么)?(怎么|咋|如何)(办|办理|申请|弄)(呢|啊|嘞|哦)?[？?。]*$|^(那|那么)?(能|可以)(网上|线上|手机上)(办|办理)(吗|不)?/;
const ASPECT_EN =
  /^(and |so )?(what|which) (documents|papers|materials)|^(and |so )?where (do|can|should) i (go|apply|do it)|^(and |so )?how long (does it|will it) take|^(and |so )?how much (does it|will it) cost|^(and |so )?can i do (it|this) online/i;
const ELLIPSIS_ZH =
  /^(那|那么|那要是|要是|如果是|假如是|换成|还有)[^。？?！!]{1,24}(呢|咋办|怎么办|怎么算|咋算|怎么样)[？?。!！]*$|^[^。？?！!]{1,16}呢[？?。!！]*$|^(那|那么)[^。？?！!，,]{1,10}呢[，,？?][^。？?！!]{1,14}[？?。!！]*$/;
const ELLIPSIS_EN = /^(and |but |so )?(what|how) about\b|^and (if|for) |^(and |but |so )?what if\b|\b(what then|then what)[?.!]*$/i;

/** The longest message still read as leaning on the one before (a long one says what it means). */
const MAX_LENGTH = { zh: 24, en: 60 };
/** The longest "short" message: a few words (zh characters, en words). */
const SHORT = { zh: 12, en: 6 };

export function followUpKind(text: string): FollowUpKind | undefined {
  const t = text.trim().normalize("NFKC");
  const english = /[a-z]/i.test(t) && !/\p{Script=Han}/u.test(t);
  if (t.length === 0 || t.length > (english ? MAX_LENGTH.en : MAX_LENGTH.zh)) return undefined;
  if (english ? ASPECT_EN.test(t) : ASPECT_ZH.test(t)) return "aspect";
  if (english ? ELLIPSIS_EN.test(t) : ELLIPSIS_ZH.test(t)) return "ellipsis";
  if (english ? t.split(/\s+/).length <= SHORT.en : t.length <= SHORT.zh) return "short";
  return undefined;
}

/** Out-of-scope confidence above which a few words are not read with the topic before (weather, jokes, stocks: 0.9-0.99). */
const PLAINLY_OUT_OF_SCOPE = 0.9;

/** The area an intent belongs to: `pension` of `pension.payment.date`. */
export const domainOf = (intent: string): string => intent.split(/[._]/)[0] ?? intent;

/** The words that name each area (养老金, 失业金, 医保…), from bot/topics.yaml. */
export type AreaTerms = readonly { area: string; terms: readonly string[] }[];

const ELLIPSIS_CASE = /^(?:那|那么|那要是|要是|换成|还有)?(.{1,10}?)(?:的)?呢[？?。!！]*$/u;

/**
 * The question before, asked again of the area an ellipsis names: "那失业金呢" after "养老金是怎么计算的"
 * is "失业金是怎么计算的". Undefined unless the message is just an area's name in an ellipsis and
 * the question before names another area to put it in place of.
 */
export function askedAgainOf(context: TopicContext, text: string, areas: AreaTerms): { question: string; area: string } | undefined {
  const named = ELLIPSIS_CASE.exec(text.trim().normalize("NFKC"))?.[1];
  const area = named ? areas.find((a) => a.terms.includes(named))?.area : undefined;
  if (!named || !area) return undefined;
  // The longest term of another area in the question before is the one the new area replaces.
  const replaced = areas
    .filter((a) => a.area !== area)
    .flatMap((a) => a.terms)
    .filter((t) => /\p{Script=Han}/u.test(t) && context.question.includes(t))
    .sort((x, y) => y.length - x.length)[0];
  return replaced ? { question: context.question.replace(replaced, named), area } : undefined;
}

/** The message joined to the question it follows, as the understander reads it. */
export const joinedQuestion = (context: TopicContext, text: string): string => `${context.question}，${text.trim()}`;

export interface FollowUpReading {
  understanding: Understanding;
  /** True when the answer comes from reading the message with the question before it. */
  inContext: boolean;
  /** True when it is the question before asked of the area the message names (askedAgainOf). */
  askedAgain?: true;
}

/**
 * Which reading to answer. A clear new question is never overridden: a message that names another
 * area with confidence ("那失业金呢" after a pension answer) is a topic switch and is read alone.
 * Otherwise the joined reading wins when it is at least as sure, and stays in the same area or
 * the message only asked about an aspect.
 */
export function chooseReading(
  kind: FollowUpKind,
  context: TopicContext,
  alone: Understanding,
  joined: Understanding,
  policy: DialogPolicy = dialogPolicy,
  /** The question before asked again of the area the message names (askedAgainOf), understood, and that area. */
  otherArea?: { understanding: Understanding; area: string },
): FollowUpReading {
  const aloneTop = alone.candidates[0]?.intent;
  const joinedTop = joined.candidates[0]?.intent;
  // "转人工", "谢谢" mean the same after any answer.
  if (aloneTop && aloneTop in intentActions && alone.confidence >= policy.clarifyAt) return { understanding: alone, inContext: false };
  // A few words that are clear alone are a new question, or plainly none of the desk's ("今天天气怎么样";
  // "怎么开户" is out of scope alone too, but less surely: after an answer it may lean on it).
  if (kind === "short" && !alone.topic && alone.confidence >= (alone.outOfScope ? PLAINLY_OUT_OF_SCOPE : policy.answerAt)) {
    return { understanding: alone, inContext: false };
  }
  // Nor is a few words with a subject of their own outside the desk's (股票开户怎么弄, 帮我写个请假条).
  if (kind === "short" && alone.outOfScope && (alone.foreignWords?.length ?? 0) > 0) return { understanding: alone, inContext: false };
  // "那失业金呢" after "养老金是怎么计算的": the same question asked of the area named. Read so, it is
  // answered when it lands in that area: the citizen has just said which area they mean.
  const other = otherArea?.understanding;
  const otherTop = other?.candidates[0]?.intent;
  if (otherArea && other && otherTop && !other.outOfScope && other.confidence >= policy.clarifyAt && domainOf(otherTop) === otherArea.area && otherArea.area !== domainOf(context.intent)) {
    return { understanding: other.confidence >= policy.answerAt ? other : { ...other, confidence: policy.answerAt }, inContext: true, askedAgain: true };
  }
  if (!joinedTop || joinedTop === OUT_OF_SCOPE || joined.outOfScope) return { understanding: alone, inContext: false };
  const area = domainOf(context.intent);
  // "那医保呢" names an area (its menu); "那失业金怎么领呢" a question of another area: either way a switch.
  // A few words name another area only when clear alone ("去年的还能补打吗" leans toward back
  // payments alone, but after an answer on receipts it asks about receipts).
  const namesAt = kind === "short" ? policy.answerAt : policy.clarifyAt;
  const named = alone.topic ? alone.topic.intents[0] : alone.confidence >= namesAt && !alone.outOfScope ? aloneTop : undefined;
  if (kind !== "aspect" && named !== undefined && named !== OUT_OF_SCOPE && domainOf(named) !== area) return { understanding: alone, inContext: false };
  const sameArea = domainOf(joinedTop) === area;
  // A few words are read with the topic only when that keeps to its area.
  if (kind === "short" && !sameArea) return { understanding: alone, inContext: false };
  if (joined.confidence < policy.clarifyAt || !(sameArea || joined.confidence >= alone.confidence)) return { understanding: alone, inContext: false };
  // Read with the question before, the message asks more about the very topic just answered
  // ("在哪里办" after the answer on survivors' benefits): the conversation vouches for what the
  // joined words alone would only make likely, so it is answered rather than asked back.
  // So too when the topic was offered in a question back and the citizen typed on instead of
  // choosing (topic-context.ts): two messages in a row then point to it.
  const vouched = joinedTop === context.intent && joined.confidence < policy.answerAt;
  return { understanding: vouched ? { ...joined, confidence: policy.answerAt } : joined, inContext: true };
}
