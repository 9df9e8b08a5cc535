/** Where a citizen talks to the desk: the web widget (and /m), a WeChat official account, a Bot Framework channel. */
export type Channel = "web" | "wechat" | "botframework";
