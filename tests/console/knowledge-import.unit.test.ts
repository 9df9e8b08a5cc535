import { describe, expect, it } from "vitest";
import {
  base64OfBytes,
  csvCell,
  IMPORT_MAX_BYTES,
  importChoices,
  importFileProblem,
  importTemplateCsv,
  importTemplateHref,
  parseImportOutcome,
  parseImportPreview,
  shownRows,
} from "../../agent-console/src/features/editing/model/knowledge-import";

/** The import section's pure parts: the file it accepts, what it sends, how it reads the answers, what it offers. */

const previewBody = {
  valid: 1,
  invalid: 1,
  rows: [
    { row: 2, intent: "card.lost", faq: "faq-card-lost", lang: "zh", question: "社保卡在地铁上丢了怎么挂失", errors: [] },
    { row: 3, intent: "card.lots", lang: "zh", question: "社保卡丢了", answer: "请拨打12333。", errors: [{ code: "UNKNOWN_INTENT", message: "没有意图“card.lots”。" }] },
  ],
};

describe("importFileProblem", () => {
  it("takes CSV and .xlsx files up to the server's 2 MB, whatever the case of the name", () => {
    expect(importFileProblem({ name: "问法.CSV", size: 10 })).toBeNull();
    expect(importFileProblem({ name: "faq.xlsx", size: IMPORT_MAX_BYTES })).toBeNull();
    expect(importFileProblem({ name: "faq.xlsx", size: IMPORT_MAX_BYTES + 1 })).toBe("size");
    expect(importFileProblem({ name: "faq.xls", size: 10 })).toBe("type");
    expect(importFileProblem({ name: "faq", size: 10 })).toBe("type");
    expect(IMPORT_MAX_BYTES).toBe(2 * 1024 * 1024);
  });
});

describe("base64OfBytes", () => {
  it("encodes every byte, in a file larger than one slice", () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 37) % 256);
    expect(base64OfBytes(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    expect(base64OfBytes(new TextEncoder().encode("意图,问题"))).toBe(Buffer.from("意图,问题").toString("base64"));
    expect(base64OfBytes(new Uint8Array())).toBe("");
  });
});

describe("reading the answers", () => {
  it("reads a preview, with empty optional fields as null", () => {
    expect(parseImportPreview(previewBody)).toEqual({
      valid: 1,
      invalid: 1,
      rows: [
        { row: 2, intent: "card.lost", faq: "faq-card-lost", lang: "zh", question: "社保卡在地铁上丢了怎么挂失", answer: null, errors: [] },
        { row: 3, intent: "card.lots", faq: null, lang: "zh", question: "社保卡丢了", answer: "请拨打12333。", errors: [{ code: "UNKNOWN_INTENT", message: "没有意图“card.lots”。" }] },
      ],
    });
  });

  it("refuses a preview it cannot trust", () => {
    expect(parseImportPreview(null)).toBeNull();
    expect(parseImportPreview({ ...previewBody, valid: "1" })).toBeNull();
    expect(parseImportPreview({ ...previewBody, invalid: -1 })).toBeNull();
    expect(parseImportPreview({ ...previewBody, rows: [{ row: "2", errors: [] }] })).toBeNull();
    expect(parseImportPreview({ ...previewBody, rows: [{ row: 2 }] })).toBeNull();
  });

  it("reads the import's outcome", () => {
    expect(parseImportOutcome({ imported: 3, skipped: 1 })).toEqual({ imported: 3, skipped: 1 });
    expect(parseImportOutcome({ imported: 3 })).toBeNull();
    expect(parseImportOutcome({ imported: 1.5, skipped: 0 })).toBeNull();
  });
});

describe("what a preview offers", () => {
  it("imports all only when no row is wrong, the valid ones only when some are", () => {
    expect(importChoices({ rows: [], valid: 3, invalid: 0 })).toEqual({ all: true, validRows: 0 });
    expect(importChoices({ rows: [], valid: 2, invalid: 1 })).toEqual({ all: false, validRows: 2 });
    expect(importChoices({ rows: [], valid: 0, invalid: 4 })).toEqual({ all: false, validRows: 0 });
  });

  it("shows all rows, or only the wrong ones", () => {
    const preview = parseImportPreview(previewBody);
    if (!preview) throw new Error("the preview should parse");
    expect(shownRows(preview, false).map((r) => r.row)).toEqual([2, 3]);
    expect(shownRows(preview, true).map((r) => r.row)).toEqual([3]);
  });
});

describe("the template", () => {
  it("is UTF-8 CSV with the byte-order mark, headed with the column names the server reads, in the editor's language", () => {
    const zh = importTemplateCsv("zh");
    expect(zh.startsWith("\uFEFF意图,语言,问题,答案\r\n")).toBe(true);
    expect(zh.endsWith("\r\n")).toBe(true);
    expect(zh.split("\r\n")).toHaveLength(4);
    expect(importTemplateCsv("en").startsWith("\uFEFFintent,lang,question,answer\r\n")).toBe(true);
  });

  it("is offered as a link's address that decodes to the same text", () => {
    const href = importTemplateHref("zh");
    expect(href.startsWith("data:text/csv;charset=utf-8,")).toBe(true);
    expect(decodeURIComponent(href.slice(href.indexOf(",") + 1))).toBe(importTemplateCsv("zh"));
  });

  it("quotes a cell only when CSV needs it", () => {
    expect(csvCell("社保卡丢了")).toBe("社保卡丢了");
    expect(csvCell("Lost, stolen")).toBe('"Lost, stolen"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });
});
