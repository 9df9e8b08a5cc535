/**
 * Stands in for the `entities` package in the widget's build (widget/vite.config.ts aliases it):
 * markdown-it asks it to decode a named character reference such as `&nbsp;` in an answer, and
 * its table of every HTML entity would be the biggest part of the widget, while the browser
 * already holds that table. A textarea's content is parsed as text only (RCDATA): no element can
 * come out of it, whatever the input.
 */
const decoder = document.createElement("textarea");

/** `&name;` → its character(s); anything the browser does not know comes back unchanged. */
export function decodeHTMLStrict(reference: string): string {
  decoder.innerHTML = reference;
  return decoder.value;
}
