import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "../../src/knowledge/load.js";
import { answerAsHtml, answerAsPlainText } from "../../src/protocol/answer-markdown.js";
import { maskPersonalData } from "../../src/security/masking.js";
import { projectRoot } from "../testing/nlu.js";

/** The elements Markdown makes (tables and code included); anything else in the output is a leak. */
const ELEMENTS = new Set(
  "p br strong em s a ol ul li code pre blockquote hr h1 h2 h3 h4 h5 h6 table thead tbody tr th td".split(
    " ",
  ),
);
const ATTRIBUTES: Record<string, Set<string>> = {
  a: new Set(["href", "title", "target", "rel"]),
  ol: new Set(["start"]),
  code: new Set(["class"]),
};

interface Tag {
  name: string;
  closing: boolean;
  attrs: Record<string, string>;
}

/**
 * Every tag of the HTML with its attributes, read strictly: a tag must be only its name and
 * double-quoted attributes, so an injected unquoted attribute or a stray quote makes it throw.
 */
function tagsOf(html: string): Tag[] {
  return [...html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)].map(
    ([whole, slash, name = "", rest = ""]) => {
      const attrs: Record<string, string> = {};
      const leftover = rest.replace(/\s([a-z-]+)="([^"<>]*)"/g, (_, key: string, value: string) => {
        attrs[key] = value;
        return "";
      });
      if (leftover.trim() !== "") throw new Error(`not a clean tag: ${whole}`);
      return { name: name.toLowerCase(), closing: slash === "/", attrs };
    },
  );
}

/** Fails unless the HTML holds only Markdown's elements, their attributes, and checked links. */
function expectInert(html: string): void {
  for (const { name, closing, attrs } of tagsOf(html)) {
    expect(ELEMENTS, `<${name}> in ${html}`).toContain(name);
    if (closing) continue;
    for (const key of Object.keys(attrs))
      expect(ATTRIBUTES[name]?.has(key), `${name}[${key}] in ${html}`).toBe(true);
    if (name === "a") {
      expect(attrs.href).toMatch(/^(https?:|mailto:|tel:)/);
      expect(attrs.rel).toBe("noopener noreferrer");
      expect(attrs.target).toBe("_blank");
    }
  }
}

describe("answerAsHtml: what editors write", () => {
  it("renders numbered steps, bold and links", () => {
    const html = answerAsHtml(
      "请**务必**带好：\n1. 身份证\n2. 社保卡\n\n详见 [办事指南](https://www.12333.gov.cn/guide)。",
    );
    expect(html).toContain("<strong>务必</strong>");
    expect(html).toMatch(/<ol>\s*<li>身份证<\/li>\s*<li>社保卡<\/li>\s*<\/ol>/);
    expect(html).toContain(
      '<a href="https://www.12333.gov.cn/guide" target="_blank" rel="noopener noreferrer">办事指南</a>',
    );
    expectInert(html);
  });

  it("keeps line breaks, and links written-out addresses, e-mail and phone links", () => {
    const html = answerAsHtml(
      "第一行\n第二行 https://si.example.cn/a?b=1&c=2\n[拨打12333](tel:12333) help@example.cn",
    );
    expect(html).toContain("第一行<br>");
    expect(html).toContain('href="https://si.example.cn/a?b=1&amp;c=2"');
    expect(html).toContain('href="tel:12333"');
    expect(html).toContain('href="mailto:help@example.cn"');
    expectInert(html);
  });

  it("ends a list where an unindented line follows it, as every answer written before Markdown expects", () => {
    const kb = loadKnowledgeBase(
      join(projectRoot, "knowledge-base"),
      join(projectRoot, "bot", "out-of-scope.yaml"),
    );
    const cardLost = kb.faqs.find((f) => f.id === "faq-card-lost");
    const html = answerAsHtml(cardLost?.answer.zh ?? "");
    // The closing advice is a paragraph after the three steps, not a part of step 3.
    expect(html).toMatch(/<li>社保功能和金融功能最好都确认已冻结。<\/li>\s*<\/ol>\s*<p>卡找到了/);
    expect(html.match(/<li>/g)).toHaveLength(3);
  });

  it("reads every answer in the knowledge base back as its own text, so none is changed by the switch", () => {
    const kb = loadKnowledgeBase(
      join(projectRoot, "knowledge-base"),
      join(projectRoot, "bot", "out-of-scope.yaml"),
    );
    const answers = kb.faqs.flatMap((f) => [f.answer.zh, f.answer.en]);
    expect(answers.length).toBeGreaterThan(100);
    for (const answer of answers) {
      expect(answerAsPlainText(answer)).toBe(answer.trim());
      expectInert(answerAsHtml(answer));
    }
  });

  it("leaves masked personal numbers as they are, however many a message shows", () => {
    // A guided application's summary, masked the way the transcript masks every bot message.
    // The name's mask (validators/person-name.ts) ends its line, so its two asterisks can only close.
    const { masked } = maskPersonalData(
      "请核对以下信息：\n姓名：王**\n身份证号：11010519491231002X\n手机号：13912345678\n银行卡：6222020200112233445\n需要修改，例如“手机号改成13800000000”。",
    );
    expect(masked.match(/\*{4,}/g)).toHaveLength(4);
    const html = answerAsHtml(masked);
    expect(html).not.toContain("<strong>");
    expect(html).not.toContain("<em>");
    expect(html.replaceAll("<br>", "")).toBe(`<p>${masked}</p>`);
    expect(answerAsPlainText(masked)).toBe(masked);
  });

  it("ends a linked address where Chinese runs on after it", () => {
    const html = answerAsHtml("请登录https://www.12333.gov.cn办理。");
    expect(html).toContain(
      '<a href="https://www.12333.gov.cn" target="_blank" rel="noopener noreferrer">https://www.12333.gov.cn</a>办理。',
    );
  });

  it("shows a picture as a link to it, never as an image", () => {
    const html = answerAsHtml("扫码办理：![二维码](https://si.example.cn/qr.png)");
    expect(html).not.toContain("<img");
    expect(html).toContain(
      '<a href="https://si.example.cn/qr.png" target="_blank" rel="noopener noreferrer">二维码</a>',
    );
  });

  it("makes no link of an empty address", () => {
    expect(answerAsHtml("[办事指南]() ![图]()")).toBe("<p>办事指南 图</p>");
  });
});

describe("answerAsHtml: hostile answers stay inert", () => {
  const payloads: [string, string, RegExp][] = [
    ["a script element", "<script>alert(1)</script>", /&lt;script&gt;alert\(1\)&lt;\/script&gt;/],
    ["an image with onerror", "<img src=x onerror=alert(1)>", /&lt;img src=x onerror=alert\(1\)&gt;/],
    [
      "a raw anchor",
      '<a href="javascript:alert(1)">x</a>',
      /&lt;a href=&quot;javascript:alert\(1\)&quot;&gt;x&lt;\/a&gt;/,
    ],
    ["a javascript: link", "[x](javascript:alert(1))", /\[x\]\(javascript:alert\(1\)\)/],
    ["a mixed-case javascript: link", "[x](JaVaScRiPt:alert(1))", /\[x\]/],
    ["an entity-encoded javascript: link", "[x](jav&#x61;script:alert(1))", /\[x\]/],
    ["a javascript: autolink", "<javascript:alert(1)>", /&lt;javascript:alert\(1\)&gt;/],
    ["a javascript: reference link", "[x][r]\n\n[r]: javascript:alert(1)", /\[x\]\[r\]/],
    [
      "a data: link",
      "[x](data:text/html,<script>alert(1)</script>)",
      /\[x\]\(data:text\/html,&lt;script&gt;/,
    ],
    ["a vbscript: link", "[x](vbscript:msgbox(1))", /\[x\]/],
    ["a relative link", "[x](/admin)", /\[x\]\(\/admin\)/],
    ["a protocol-relative link", "[x](//evil.example/)", /\[x\]/],
    ["a data: image", "![x](data:image/svg+xml,<svg onload=alert(1)>)", /!\[x\]/],
    [
      "a title breaking out of its attribute",
      '[x](https://a.example "a\\" onmouseover=\\"alert(1)")',
      /title="a&quot; onmouseover=&quot;alert\(1\)"/,
    ],
    [
      "a quote in the address",
      '[x](https://a.example"onmouseover=alert(1))',
      /href="https:\/\/a.example%22onmouseover=alert\(1\)"/,
    ],
    ["a code block's language", '```js" onload="alert(1)\ncode\n```', /class="language-js&quot;"/],
    [
      "an event handler in a table cell",
      "| a |\n|---|\n| <b onclick=alert(1)>x</b> |",
      /&lt;b onclick=alert\(1\)&gt;/,
    ],
  ];

  it.each(payloads)("%s", (_name, markdown, escaped) => {
    const html = answerAsHtml(markdown);
    expectInert(html);
    expect(html).toMatch(escaped);
    expect(html).not.toMatch(/<(script|img|svg|iframe|b)\b/i);
    expect(html).not.toMatch(/href="(javascript|data|vbscript):/i);
  });

  it("any mix of hostile fragments and Markdown gives only Markdown's elements", () => {
    const fragments = [
      "<script>",
      "</script>",
      "<img src=x onerror=alert(1)>",
      '"',
      "'",
      "`",
      "**",
      "_",
      "[x](",
      "](javascript:alert(1))",
      "![",
      ")",
      "<",
      ">",
      "&#x3C;",
      "&lt;",
      "javascript:",
      "https://a.example/",
      ' "t" ',
      "\n",
      "\n1. ",
      "\n- ",
      "|",
      "\n```\n",
      "    ",
      "办理",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 30 }), (parts) => {
        expectInert(answerAsHtml(parts.join("")));
      }),
      { numRuns: 500 },
    );
  });
});

describe("answerAsPlainText", () => {
  it("drops emphasis markers, keeps numbers and bullets, writes links as label (address)", () => {
    const text = answerAsPlainText(
      "请**务必**带好：\n1. 身份证\n2. *社保卡*\n- 复印件\n\n详见 [办事指南](https://www.12333.gov.cn/guide)，或[拨打热线](tel:12333)、写信 help@example.cn",
    );
    expect(text).toBe(
      "请务必带好：\n1. 身份证\n2. 社保卡\n- 复印件\n详见 办事指南 (https://www.12333.gov.cn/guide)，或拨打热线 (12333)、写信 help@example.cn",
    );
  });

  it("keeps what raw HTML an answer has as its characters, and an unsafe link as written", () => {
    expect(answerAsPlainText("<b>注意</b> [x](javascript:alert(1))")).toBe(
      "<b>注意</b> [x](javascript:alert(1))",
    );
  });

  it("keeps an ordered list's own numbering", () => {
    expect(answerAsPlainText("3. 第三步\n4. 第四步")).toBe("3. 第三步\n4. 第四步");
  });
});
