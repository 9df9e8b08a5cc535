import type { ChannelCapabilities } from "../port/channel-port.js";

/** WeChat's limit for one text message is 2,048 bytes; a little is kept for the part marker. */
export const WECHAT_TEXT_BYTES = 2000;

/** WeChat text: no buttons (numbered choices instead), no formatting, 2,048 bytes, no live strip. */
export const wechatCapabilities: ChannelCapabilities = { buttons: false, richText: false, maxBytes: WECHAT_TEXT_BYTES, liveStatus: false, survey: false, pushWindowMs: 48 * 3_600_000 };
