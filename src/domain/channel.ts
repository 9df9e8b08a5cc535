/** Where a citizen talks to the desk: the web widget, or the WeChat official account. */
export type Channel = "web" | "wechat";
