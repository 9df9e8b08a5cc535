import { XMLParser } from "fast-xml-parser";

/** A push that is not the XML WeChat sends. */
export class PushXmlError extends Error {
  readonly code = "WECHAT_BAD_XML";
}

// Entities are not expanded (no billion laughs, no external ones), a DOCTYPE is refused, values
// stay strings (an OpenID or MsgId must not become a number), and only <xml>'s own text fields
// are read into a prototype-less object, so a field named __proto__ is just a field.
const parser = new XMLParser({
  processEntities: false,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** The fields of a WeChat push (`<xml><ToUserName>…</ToUserName>…</xml>`), each a string. */
export function readPushXml(body: string): Record<string, string> {
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) throw new PushXmlError("a DOCTYPE or ENTITY is not allowed");
  let parsed: unknown;
  try {
    parsed = parser.parse(body, true);
  } catch (error) {
    throw new PushXmlError(`not well-formed XML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  const root = (parsed as { xml?: unknown } | undefined)?.xml;
  if (!root || typeof root !== "object") throw new PushXmlError("no <xml> element");
  const fields: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(root)) if (typeof value === "string") fields[name] = value;
  return fields;
}

/** CDATA that survives any text, "]]>" included. */
const cdata = (s: string) => `<![CDATA[${s.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;

/** A reply's XML: each field in CDATA, numbers (CreateTime) as they are. */
export function replyXml(fields: Record<string, string | number>): string {
  const inner = Object.entries(fields)
    .map(([name, value]) => `<${name}>${typeof value === "number" ? String(value) : cdata(value)}</${name}>`)
    .join("");
  return `<xml>${inner}</xml>`;
}
