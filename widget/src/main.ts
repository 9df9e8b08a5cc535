import { DeskWidget } from "./widget";

/** Tests and host pages find the widget by this id. */
const HOST_ID = "shebao-desk-widget";

// Only readable while this script first runs; null inside any later callback.
const ownScript = document.currentScript;

/**
 * The desk's server is wherever this script came from, not the page embedding it: a bureau's site
 * includes `<script src="https://desk.example/widget.js">` and the chat still reaches the desk.
 */
function serverOrigin(script: Element | null): string {
  const src =
    script instanceof HTMLScriptElement && script.src
      ? script.src
      : document.querySelector<HTMLScriptElement>('script[src*="widget.js"]')?.src;
  try {
    if (src) return new URL(src, document.baseURI).origin;
  } catch {
    // An unparsable src: fall back to the page's own origin.
  }
  return window.location.origin;
}

/**
 * How the page that included this script wants the chat: `data-layout="page"` makes the whole
 * page the chat (the /m page), `data-theme="wechat"` dresses it as WeChat; on such a page a
 * `?ask=` in the address puts that question in the input.
 */
function layoutOf(script: Element | null): { layout?: "page"; theme?: "wechat"; ask?: string } {
  const data = script instanceof HTMLScriptElement ? script.dataset : {};
  if (data.layout !== "page") return {};
  const ask = new URLSearchParams(window.location.search).get("ask")?.trim();
  return { layout: "page", ...(data.theme === "wechat" ? { theme: "wechat" as const } : {}), ...(ask ? { ask } : {}) };
}

function mount(origin: string): void {
  if (document.getElementById(HOST_ID)) return; // the tag was pasted twice
  // A custom element name, so host rules such as `div { ... }` do not reach the host element.
  const host = document.createElement("shebao-desk-widget");
  host.id = HOST_ID;
  document.body.appendChild(host);
  // Open mode: tests and assistive tools can look inside; the host page's CSS still cannot.
  new DeskWidget(host.attachShadow({ mode: "open" }), origin, layout);
}

const origin = serverOrigin(ownScript);
const layout = layoutOf(ownScript);
if (document.body) mount(origin);
else document.addEventListener("DOMContentLoaded", () => mount(origin), { once: true });
