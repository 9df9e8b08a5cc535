/** Replies agents use often, inserted into the reply box from the console (editable before sending). */
export const cannedReplies: { id: string; zh: string; en: string }[] = [
  { id: "greet", zh: "您好，我是人工客服，很高兴为您服务。请问有什么可以帮您？", en: "Hello, I'm an agent and happy to help. What can I do for you?" },
  { id: "checking", zh: "好的，我帮您查询一下，请稍等。", en: "All right, let me check that for you; one moment please." },
  {
    id: "privacy",
    zh: "为保护您的信息安全，请不要在对话中发送密码或完整的银行卡号。",
    en: "For your security, please do not send passwords or full bank card numbers in the chat.",
  },
  {
    id: "office",
    zh: "这个事项需要本人携带身份证到就近的社保经办大厅办理，具体地址可以拨打12333查询。",
    en: "This needs to be done in person with your ID card at your nearest social-security office; call 12333 for the address.",
  },
  {
    id: "local-rules",
    zh: "具体标准以您参保地的规定为准，我帮您确认一下当地政策。",
    en: "The exact figures depend on where you are insured; let me confirm the local rules for you.",
  },
  { id: "more", zh: "请问还有其他问题吗？", en: "Is there anything else I can help with?" },
  { id: "bye", zh: "感谢您的咨询，祝您生活愉快！稍后请为本次服务评分。", en: "Thank you for contacting us, have a good day! Please rate this service afterwards." },
];
