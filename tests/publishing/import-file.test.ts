import writeExcelFile from "write-excel-file/node";
import { describe, expect, it } from "vitest";
import { IMPORT_LIMITS, type ImportLimits, readImportFile } from "../../src/publishing/import-file.js";

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));
const BOM = [0xef, 0xbb, 0xbf];
const csv = (name: string, text: string, bom = false) => ({ name, bytes: new Uint8Array([...(bom ? BOM : []), ...utf8(text)]) });
const row = (n: number, cells: Partial<Record<"intent" | "faq" | "lang" | "question" | "answer", string>>) => ({
  row: n,
  intent: "",
  faq: "",
  lang: "",
  question: "",
  answer: "",
  ...cells,
});
/** A KnowledgeError with its code, and its detail exactly (a string) or like a pattern. */
const refused = (code: string, detail: RegExp | string) => expect.objectContaining({ code, detail: typeof detail === "string" ? detail : expect.stringMatching(detail) });

describe("reading a CSV", () => {
  it("reads UTF-8 with Excel's byte-order mark, English headers, quoted cells, and row numbers as Excel shows them", async () => {
    const text = 'intent,lang,question,answer\r\ncard.lost,zh,社保卡丢了怎么办,\r\n\r\ncard.lost,en,"Lost my card, what now?","Call 12333,\nthen visit the bank."\r\n';
    expect(await readImportFile(csv("faq.csv", text, true))).toEqual([
      row(2, { intent: "card.lost", lang: "zh", question: "社保卡丢了怎么办" }),
      // Row 3 is empty: skipped, but still counted, as Excel counts it.
      row(4, { intent: "card.lost", lang: "en", question: "Lost my card, what now?", answer: "Call 12333,\nthen visit the bank." }),
    ]);
  });

  it("reads Chinese headers in any order, the FAQ column, and leaves other columns (an editor's notes) alone", async () => {
    const text = "备注,问题,语言,FAQ ID,答案\n新问法, 社保卡弄丢了 ,中文,faq-card-lost,\n,,,,\n";
    expect(await readImportFile(csv("问法.csv", text))).toEqual([row(2, { faq: "faq-card-lost", lang: "中文", question: "社保卡弄丢了" })]);
  });

  it("takes tab- or semicolon-separated files as Excel writes them in some settings", async () => {
    expect(await readImportFile(csv("faq.txt", "意图\t问题\ncard.lost\t卡丢了, 咋办\n"))).toEqual([row(2, { intent: "card.lost", question: "卡丢了, 咋办" })]);
    expect(await readImportFile(csv("faq.csv", "intent;question\ncard.lost;lost card\n"))).toEqual([row(2, { intent: "card.lost", question: "lost card" })]);
  });

  it("refuses GBK bytes (Excel's plain CSV in China) saying to save as CSV UTF-8, instead of reading garbled text", async () => {
    // "意图,问题\ncard.lost,社保卡丢了\n" as GBK.
    const gbk = new Uint8Array([0xd2, 0xe2, 0xcd, 0xbc, 0x2c, 0xce, 0xca, 0xcc, 0xe2, 0x0a, ...utf8("card.lost,"), 0xc9, 0xe7, 0xb1, 0xa3, 0xbf, 0xa8, 0xb6, 0xaa, 0xc1, 0xcb, 0x0a]);
    expect(new TextDecoder("gbk").decode(gbk)).toBe("意图,问题\ncard.lost,社保卡丢了\n");
    const error = await readImportFile({ name: "faq.csv", bytes: gbk }).catch((e: unknown) => e);
    expect(error).toEqual(refused("KNOWLEDGE_IMPORT_ENCODING", /not UTF-8.*GBK/));
    expect((error as { view(l: "zh" | "en"): { message: string } }).view("zh").message).toContain("CSV UTF-8");
    expect((error as { view(l: "zh" | "en"): { message: string } }).view("en").message).toContain("CSV UTF-8");
  });

  it("refuses UTF-16 (Excel's Unicode text) the same way", async () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from("intent,question\n", "utf16le")]);
    await expect(readImportFile({ name: "faq.txt", bytes })).rejects.toEqual(refused("KNOWLEDGE_IMPORT_ENCODING", /UTF-16/));
  });

  it("refuses a quote left open, naming where", async () => {
    await expect(readImportFile(csv("faq.csv", 'intent,question\ncard.lost,"lost\n'))).rejects.toEqual(refused("KNOWLEDGE_IMPORT_UNREADABLE", /Quote Not Closed.*line/));
  });
});

describe("reading an .xlsx", () => {
  it("reads the first sheet, Chinese headers, numbers as text, empty rows skipped but counted", async () => {
    const bytes = await writeExcelFile([
      {
        sheet: "导入",
        data: [
          ["意图", "语言", "问题", "答案"],
          ["card.lost", "中文", "社保卡丢了", null],
          [null, null, null, null],
          ["card.lost", "英文", "lost card", 12333],
        ],
      },
      { sheet: "说明", data: [["intent", "question"], ["ignored", "ignored"]] },
    ]).toBuffer();
    expect(await readImportFile({ name: "问法.xlsx", bytes })).toEqual([
      row(2, { intent: "card.lost", lang: "中文", question: "社保卡丢了" }),
      row(4, { intent: "card.lost", lang: "英文", question: "lost card", answer: "12333" }),
    ]);
  });

  it("goes by the content, not the name: an .xlsx renamed .csv is still read", async () => {
    const bytes = await writeExcelFile([["faq", "question"], ["faq-card-lost", "卡丢了"]]).toBuffer();
    expect(await readImportFile({ name: "faq.csv", bytes })).toEqual([row(2, { faq: "faq-card-lost", question: "卡丢了" })]);
  });

  it("refuses an archive that would unpack beyond the limit before inflating it", async () => {
    const bytes = await writeExcelFile([["intent", "question"], ["card.lost", "卡丢了"]]).toBuffer();
    const limits: ImportLimits = { ...IMPORT_LIMITS, unpackedBytes: 1000 };
    await expect(readImportFile({ name: "faq.xlsx", bytes }, limits)).rejects.toEqual(refused("KNOWLEDGE_IMPORT_TOO_LARGE", /unpacks to/));
  });
});

describe("refusing what is not a spreadsheet of questions", () => {
  it("refuses other files clearly", async () => {
    await expect(readImportFile({ name: "scan.pdf", bytes: utf8("%PDF-1.7 ...") })).rejects.toEqual(refused("KNOWLEDGE_IMPORT_UNREADABLE", /not a CSV or \.xlsx/));
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expect(readImportFile({ name: "old.xls", bytes: xls })).rejects.toEqual(refused("KNOWLEDGE_IMPORT_UNREADABLE", /Excel 97-2003.*\.xlsx/));
    const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]);
    await expect(readImportFile({ name: "faq.xlsx", bytes: brokenZip })).rejects.toEqual(refused("KNOWLEDGE_IMPORT_UNREADABLE", /not a complete \.xlsx/));
    await expect(readImportFile({ name: "faq.csv", bytes: new Uint8Array([0x69, 0x00, 0x6e]) })).rejects.toEqual(refused("KNOWLEDGE_IMPORT_UNREADABLE", /binary/));
  });

  it("refuses an empty file, a header alone, and a file of empty rows", async () => {
    await expect(readImportFile({ name: "faq.csv", bytes: new Uint8Array() })).rejects.toEqual(refused("KNOWLEDGE_IMPORT_EMPTY", /empty/));
    await expect(readImportFile(csv("faq.csv", "", true))).rejects.toEqual(refused("KNOWLEDGE_IMPORT_EMPTY", /no header/));
    await expect(readImportFile(csv("faq.csv", "intent,question\n,\n\n"))).rejects.toEqual(refused("KNOWLEDGE_IMPORT_EMPTY", /only a header/));
  });

  it("refuses a header without the columns it needs, naming what it found, or with one twice", async () => {
    await expect(readImportFile(csv("faq.csv", "名称,说明\nx,y\n"))).rejects.toEqual(
      refused("KNOWLEDGE_IMPORT_COLUMNS", "missing intent/意图 (or faq) and question/问题; the header row has 名称, 说明"),
    );
    await expect(readImportFile(csv("faq.csv", "intent,备注\ncard.lost,x\n"))).rejects.toEqual(refused("KNOWLEDGE_IMPORT_COLUMNS", /missing question/));
    await expect(readImportFile(csv("faq.csv", "intent,问题,question\ncard.lost,a,b\n"))).rejects.toEqual(refused("KNOWLEDGE_IMPORT_COLUMNS", /question\/问题 appears twice/));
  });

  it("keeps to the limits: bytes, rows, characters in a cell", async () => {
    const limits: ImportLimits = { bytes: 200, rows: 2, cellChars: 10, unpackedBytes: IMPORT_LIMITS.unpackedBytes };
    await expect(readImportFile(csv("faq.csv", `intent,question\n${"card.lost,卡丢了\n".repeat(20)}`), limits)).rejects.toEqual(
      refused("KNOWLEDGE_IMPORT_TOO_LARGE", /^faq\.csv is .* MB; at most .* MB$/),
    );
    await expect(readImportFile(csv("faq.csv", "intent,question\na,b\nc,d\ne,f\n"), limits)).rejects.toEqual(refused("KNOWLEDGE_IMPORT_TOO_LARGE", "more than 2 rows"));
    await expect(readImportFile(csv("faq.csv", "intent,问题\na,一二三四五六七八九十壹\n"), limits)).rejects.toEqual(
      refused("KNOWLEDGE_IMPORT_TOO_LARGE", "row 2, column 问题: 11 characters; at most 10"),
    );
    expect(IMPORT_LIMITS).toMatchObject({ bytes: 2 * 1024 * 1024, rows: 5000 });
  });
});
