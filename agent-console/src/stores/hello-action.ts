import type { Hello } from "../lib/protocol";

/**
 * agent:hello, the server's whole picture after each (re)connection. Every slice that keeps part
 * of that picture handles this one action, so it is declared here rather than by one feature.
 */
export type HelloAction = { type: "hello"; hello: Hello };
