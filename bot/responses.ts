import type { Locale } from "../src/knowledge/faq.js";

/** Fixed texts the bot says in its own voice, per locale. FAQ answers come from knowledge-base/. */
export const responses = {
  clarify: { zh: "您想问的是下面哪一个？请点选：", en: "Which of these did you mean? Please choose one:" },
  outOfScope: {
    zh: "抱歉，这个问题不在社保服务范围内，我回答不了。我可以解答养老、医疗、失业、工伤、生育保险和社保卡等问题；如需其他帮助，可以转人工客服。",
    en: "Sorry, that is outside social insurance, so I can't answer it. I can help with pensions, medical, unemployment, work-injury and maternity insurance, and the social security card — or connect you to an agent.",
  },
  lowConfidence: {
    zh: "抱歉，我没有完全理解您的问题。您可以换个说法，或看看下面这些相关问题，也可以转人工客服。",
    en: "Sorry, I didn't quite understand. You could rephrase it, look at these related questions, or talk to an agent.",
  },
  empty: { zh: "请输入您想咨询的问题。", en: "Please type your question." },
  handoffOffer: {
    zh: "看来我没能很好地帮到您。这类问题可以交给人工：拨打12333人工热线，或点“转人工客服”。",
    en: "It seems I could not help well with this. A person can: call the 12333 hotline, or press “Talk to an agent”.",
  },
  talkToAgent: { zh: "转人工客服", en: "Talk to an agent" },
} satisfies Record<string, Record<Locale, string>>;

/**
 * Said when a citizen asks for a person. The live agent queue is not connected yet, so the bot
 * says so plainly and points to the staffed hotline instead of promising a transfer.
 */
export const handoffResponses = {
  connecting: {
    zh: "人工在线客服暂未开通，非常抱歉。需要人工帮助请拨打12333人工热线（工作时间以当地为准），或到就近的社保经办大厅办理。我也可以继续为您解答问题。为保护您的隐私，请不要在对话中发送身份证号、银行卡号或密码。",
    en: "Live chat with an agent is not available yet, sorry. For a person, call the 12333 hotline (hours set locally) or visit your local social-security office. I can keep answering your questions. To protect your privacy, do not send ID numbers, bank card numbers or passwords in the chat.",
  },
} satisfies Record<string, Record<Locale, string>>;
