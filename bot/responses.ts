import type { Locale } from "../src/knowledge/faq.js";

/** Fixed texts the bot says in its own voice, per locale. FAQ answers come from knowledge-base/. */
export const responses = {
  clarify: { zh: "您想问的是下面哪一个？请点选：", en: "Which of these did you mean? Please choose one:" },
  /** A clarification with one close candidate: a question the citizen answers yes or no. */
  confirm: { zh: "您是想问“{topic}”吗？", en: "Did you mean: {topic}?" },
  confirmYes: { zh: "是的", en: "Yes" },
  confirmNo: { zh: "不是", en: "No, something else" },
  rephrase: {
    zh: "好的。请换个说法，把您的问题说得具体一点（比如办什么事、遇到了什么情况），我再帮您找。也可以转人工客服。",
    en: "All right. Please put it another way, with a little more detail (what you want to do, what happened), and I will look again. You can also talk to an agent.",
  },
  outOfScope: {
    zh: "抱歉，这个问题不在社保服务范围内，我回答不了。我可以解答养老、医疗、失业、工伤、生育保险和社保卡等问题；如需其他帮助，可以转人工客服。",
    en: "Sorry, that is outside social insurance, so I can't answer it. I can help with pensions, medical, unemployment, work-injury and maternity insurance, and the social security card — or connect you to an agent.",
  },
  notYetInEffect: {
    zh: "关于「{topic}」的规定自{date}起施行，目前还不能按它答复。具体以当地社保经办机构为准，可拨打12333咨询，也可以转人工客服。",
    en: "The rules on \"{topic}\" take effect on {date}, so I cannot answer from them yet. Your local social insurance office has the details (call 12333), or you can talk to an agent.",
  },
  noLongerInEffect: {
    zh: "关于「{topic}」的说明已于{date}停止适用，新的说明还在更新中。请拨打12333或向当地社保经办机构咨询，也可以转人工客服。",
    en: "The answer on \"{topic}\" stopped applying on {date} and its replacement is being prepared. Please call 12333 or ask your local social insurance office, or talk to an agent.",
  },
  lowConfidence: {
    zh: "抱歉，我没有完全理解您的问题。您可以换个说法，或看看下面这些相关问题，也可以转人工客服。",
    en: "Sorry, I didn't quite understand. You could rephrase it, look at these related questions, or talk to an agent.",
  },
  empty: { zh: "请输入您想咨询的问题。", en: "Please type your question." },
  /** After a second answer in a row that did not help. */
  handoffOffer: {
    zh: "看来我没能很好地帮到您。这类问题可以交给人工：拨打12333人工热线，或点“转人工客服”。",
    en: "It seems I could not help well with this. A person can: call the 12333 hotline, or press “Talk to an agent”.",
  },
  /** When a question about benefits or rights was not understood well enough to answer. */
  sensitiveOffer: {
    zh: "这类问题关系到您的待遇，如果上面没有您要找的，可以点“转人工客服”或拨打12333，由工作人员帮您确认。",
    en: "Questions like this affect your benefits: if nothing above fits, press “Talk to an agent” or call 12333 and a person will check it with you.",
  },
  talkToAgent: { zh: "转人工客服", en: "Talk to an agent" },
  wechatWelcome: {
    zh: "您好，欢迎关注！我是社保服务台的智能客服，7×24小时解答养老、医保、失业、工伤、生育保险和社保卡的问题，也可以在这里办理失业金申领、社保卡挂失、参保证明等业务。直接打字或发语音提问即可；需要人工时请说“转人工”。",
    en: "Welcome! I am the social-security desk's assistant, here 24/7 for pensions, medical, unemployment, work-injury and maternity insurance and the social security card; you can also apply for unemployment benefit, report a lost card or get a contribution certificate here. Type or speak your question; say \"agent\" to reach a person.",
  },
  /** A Bot Framework conversation opened (Teams, Direct Line, the Emulator): the bot speaks first. */
  chatWelcome: {
    zh: "您好！我是社保服务台的智能客服，7×24小时解答养老、医保、失业、工伤、生育保险和社保卡的问题，也可以在这里办理失业金申领、社保卡挂失、参保证明等业务。直接输入问题即可；需要人工时请说“转人工”。",
    en: "Hello! I am the social-security desk's assistant, here 24/7 for pensions, medical, unemployment, work-injury and maternity insurance and the social security card; you can also apply for unemployment benefit, report a lost card or get a contribution certificate here. Type your question; say \"agent\" to reach a person.",
  },
  wechatUnread: {
    zh: "抱歉，目前只能看懂文字和语音消息。请用文字或语音描述您的问题。",
    en: "Sorry, I can only read text and voice messages. Please type or speak your question.",
  },
} satisfies Record<string, Record<Locale, string>>;

/**
 * The live handoff in the bot's voice. `{name}`, `{time}` and `{ticket}` are filled in by the desk.
 * Privacy reminder on the first queue message: the agent sees the whole conversation.
 */
export const handoffResponses = {
  connecting: {
    zh: "正在为您转接人工客服，请稍候。排队期间可以继续留言，客服接入后能看到完整对话。为保护隐私，请不要发送银行卡密码等信息。",
    en: "Connecting you to an agent, please wait. You can keep writing while you wait; the agent will see the whole conversation. To protect your privacy, never send passwords or card PINs.",
  },
  alreadyQueued: {
    zh: "您已在排队等待人工客服，请稍候。",
    en: "You are already in the queue for an agent, please wait.",
  },
  outsideHours: {
    zh: "现在不是人工客服服务时间，客服将于{time}恢复在线。您可以留言，客服上班后会回复到这个对话；急事可拨打12333热线。",
    en: "Live agents are not on duty now; they are back {time}. You can leave a message and an agent will reply in this conversation, or call the 12333 hotline.",
  },
  /** Within service hours with nobody online: the citizen waits in line for the first agent to sign in. */
  waitingForAgents: {
    zh: "现在暂时没有客服在线。您已在排队，客服一上线就会为您接入，请留在这个页面；也可以改为留言，或拨打12333热线。",
    en: "No agent is online just now. You are in line, and the first agent to come online will take your chat; please stay on this page. You can also leave a message instead, or call the 12333 hotline.",
  },
  leaveMessage: { zh: "留言", en: "Leave a message" },
  /** A queue button pressed after its moment passed (an agent has joined): not passed on to the agent. */
  staleButton: {
    zh: "客服已经接入，这个按钮已失效。您直接在这里和客服说就可以。",
    en: "An agent has already joined, so that button no longer applies. Just write to the agent here.",
  },
  cancelQueue: { zh: "取消转人工", en: "Cancel" },
  ticketPrompt: {
    zh: "请输入您的留言：说明问题，以及方便联系的时间。下一条消息发送后即提交。",
    en: "Please type your message: the problem and when you can be reached. Your next message is submitted as the message.",
  },
  ticketReceived: {
    zh: "留言已收到（编号 {ticket}）。客服回复后会显示在这个对话里，您回到本页面即可看到。",
    en: "Message received (number {ticket}). The reply will appear in this conversation when you come back.",
  },
  cancelled: { zh: "已取消转人工。您可以继续向我提问。", en: "You left the queue. You can keep asking me questions." },
  /** Kept in the history for a citizen who closed the page while waiting, and sees it on return. */
  leftQueue: {
    zh: "您离开了页面，已为您退出人工排队。需要时可以重新点“转人工客服”，或留言。",
    en: "You left the page, so you were taken out of the queue for an agent. Ask for an agent again any time, or leave a message.",
  },
  /** Where a citizen stands in line, as a message on a channel with no live queue strip (WeChat). */
  queuePlace: { zh: "排队中：您前面还有{ahead}位，预计约{minutes}分钟后接入。", en: "In line: {ahead} ahead of you, about {minutes} min to an agent." },
  queuePlaceNoEstimate: { zh: "排队中：您前面还有{ahead}位，请稍候。", en: "In line: {ahead} ahead of you, please wait." },
  queueNext: { zh: "您是下一位，客服马上为您接入。", en: "You are next: an agent will be with you in a moment." },
  agentJoined: { zh: "客服{name}已接入，为您服务。", en: "{name} has joined the chat." },
  requeued: {
    zh: "客服连接中断，已为您重新排队，原排队时间保留。",
    en: "The agent's connection dropped; you are back in the queue and keep your place.",
  },
  transferred: { zh: "正在为您转接其他客服，请稍候。", en: "Transferring you to another agent, please wait." },
  closed: {
    zh: "本次人工服务已结束，感谢您的耐心。请为本次服务打分（1-5分），也可以留下意见。",
    en: "The agent has closed the chat. Thank you for your patience. Please rate this service from 1 to 5, and add a comment if you like.",
  },
  surveyThanks: { zh: "感谢您的评价！", en: "Thank you for your feedback!" },
} satisfies Record<string, Record<Locale, string>>;
