import { format, type StringKey, type Strings } from "./i18n";

/**
 * Small DOM builders. Strings always become Text nodes (createTextNode), never markup, so a
 * message like `<img onerror=...>` can only ever show up as the characters the citizen typed.
 */

type Attrs = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  children: Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Material Design icon paths (24×24). Built with createElementNS: no markup parsing anywhere. */
const paths = {
  chat: "M20 2H4c-1.1 0-2 .9-2 2v18l4-4h14c1.1 0 2-.9 2-2V4c0-1.1-.9-2-2-2zM6 9h12v2H6V9zm8 5H6v-2h8v2zm4-6H6V6h12v2z",
  close:
    "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z",
  send: "M2.01 21 23 12 2.01 3 2 10l15 2-15 2z",
  up: "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z",
  down: "M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3h-4z",
} as const;

export type IconName = keyof typeof paths;

/** A decorative icon: hidden from screen readers, the button around it carries the label. */
export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", "icon");
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", paths[name]);
  path.setAttribute("fill", "currentColor");
  svg.appendChild(path);
  return svg;
}

/** localStorage / sessionStorage can throw (blocked cookies, sandboxed frames): the chat must still work. */
export function safeStorage(kind: "localStorage" | "sessionStorage") {
  return {
    get(key: string): string | null {
      try {
        return window[kind].getItem(key);
      } catch {
        return null;
      }
    },
    set(key: string, value: string): void {
      try {
        window[kind].setItem(key, value);
      } catch {
        // Not persisted: the conversation simply won't survive a reload.
      }
    },
    remove(key: string): void {
      try {
        window[kind].removeItem(key);
      } catch {
        // Nothing stored to remove.
      }
    },
  };
}

/**
 * Re-labels a subtree in one pass. Elements name their string with data-i18n (text),
 * data-i18n-label (aria-label) or data-i18n-placeholder, so a locale switch needs no re-render.
 * A data-i18n-n value fills the string's `{n}` (e.g. "{n} of 5").
 */
export function applyStrings(root: ParentNode, strings: Strings): void {
  const selector = "[data-i18n],[data-i18n-label],[data-i18n-placeholder]";
  const nodes = [...root.querySelectorAll(selector)];
  if (root instanceof Element && root.matches(selector)) nodes.unshift(root);
  for (const node of nodes) {
    if (!(node instanceof HTMLElement)) continue;
    const { i18n, i18nLabel, i18nPlaceholder, i18nN } = node.dataset;
    const text = (key: string) => {
      const template = strings[key as StringKey];
      return i18nN === undefined ? template : format(template, { n: i18nN });
    };
    if (i18n) node.textContent = text(i18n);
    if (i18nLabel) node.setAttribute("aria-label", text(i18nLabel));
    if (i18nPlaceholder && (node instanceof HTMLTextAreaElement || node instanceof HTMLInputElement))
      node.placeholder = text(i18nPlaceholder);
  }
}
