import { parse as parseCsv } from "csv-parse/sync";
import { readSheet, type SheetData } from "read-excel-file/node";
import { KnowledgeError } from "./errors.js";

/**
 * Reading an editor's spreadsheet of FAQ questions: a CSV or the first sheet of an .xlsx, its
 * header row naming the columns in English or Chinese, into one row of text per data row with the
 * row number the editor sees in Excel. The only module that knows the two parsers (csv-parse and
 * read-excel-file); everything after it reads `ImportRow`s. Every refusal is a KnowledgeError whose
 * detail says what to change; nothing is read half.
 */

/** A file as uploaded: its name (which says CSV or not) and its bytes. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/** One data row: its number as the spreadsheet shows it (the header is usually row 1), and its cells as text, "" when empty or absent. */
export interface ImportRow {
  row: number;
  intent: string;
  faq: string;
  lang: string;
  question: string;
  answer: string;
}

export type ImportColumn = Exclude<keyof ImportRow, "row">;

export interface ImportLimits {
  bytes: number;
  /** Data rows, not counting the header or empty rows. */
  rows: number;
  /** Characters in one cell: far above any answer, so only a file that is not an FAQ sheet meets it. */
  cellChars: number;
  /** An .xlsx unpacked, as its directory declares it: a small archive may inflate to gigabytes. */
  unpackedBytes: number;
}

export const IMPORT_LIMITS: ImportLimits = { bytes: 2 * 1024 * 1024, rows: 5000, cellChars: 5000, unpackedBytes: 64 * 1024 * 1024 };

/** The names a header cell may give each column, compared lower case and without spaces, '_' or '-'. */
const COLUMN_NAMES: Record<ImportColumn, readonly string[]> = {
  intent: ["intent", "intentid", "意图", "意图id", "意图编号"],
  faq: ["faq", "faqid", "问答", "问答id", "问答编号"],
  lang: ["lang", "language", "locale", "语言", "语种"],
  question: ["question", "questions", "variant", "问题", "问法"],
  answer: ["answer", "答案", "答复", "回答"],
};

/** The header's words as the error names them, so an editor can copy one. */
export const COLUMN_LABELS: Record<ImportColumn, string> = { intent: "intent/意图", faq: "faq", lang: "lang/语言", question: "question/问题", answer: "answer/答案" };

const headerKey = (cell: string) => cell.normalize("NFKC").toLowerCase().replace(/[\s_-]+/g, "");

const ZIP = [0x50, 0x4b, 0x03, 0x04];
// The old binary .xls (an OLE compound file): neither parser reads it.
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The file's data rows, or a KnowledgeError: unreadable, not UTF-8, too large, empty, or without the columns it needs. */
export async function readImportFile(file: ImportFile, limits: ImportLimits = IMPORT_LIMITS): Promise<ImportRow[]> {
  const { bytes } = file;
  if (bytes.length === 0) throw new KnowledgeError("KNOWLEDGE_IMPORT_EMPTY", `${file.name} is empty`);
  if (bytes.length > limits.bytes) throw new KnowledgeError("KNOWLEDGE_IMPORT_TOO_LARGE", `${file.name} is ${megabytes(bytes.length)}; at most ${megabytes(limits.bytes)}`);
  return rowsOf(await cellsOf(file, limits), limits);
}

/** The sheet as text cells, row i being spreadsheet row i + 1. */
async function cellsOf(file: ImportFile, limits: ImportLimits): Promise<string[][]> {
  const { name, bytes } = file;
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
  if (startsWith(bytes, OLE)) throw new KnowledgeError("KNOWLEDGE_IMPORT_UNREADABLE", `${name} is an old Excel 97-2003 file: save it as .xlsx or as CSV UTF-8`);
  // The content decides, not the name: an .xlsx renamed .csv is still read.
  if (startsWith(bytes, ZIP)) return xlsxCells(file, limits);
  if (!["csv", "txt", "tsv"].includes(extension)) throw new KnowledgeError("KNOWLEDGE_IMPORT_UNREADABLE", `${name} is not a CSV or .xlsx file`);
  return csvCells(file);
}

async function xlsxCells({ name, bytes }: ImportFile, limits: ImportLimits): Promise<string[][]> {
  const unpacked = declaredUnpackedSize(bytes);
  if (unpacked === undefined) throw new KnowledgeError("KNOWLEDGE_IMPORT_UNREADABLE", `${name} is not a complete .xlsx file`);
  if (unpacked > limits.unpackedBytes) throw new KnowledgeError("KNOWLEDGE_IMPORT_TOO_LARGE", `${name} unpacks to ${megabytes(unpacked)}; at most ${megabytes(limits.unpackedBytes)}`);
  let sheet: SheetData;
  try {
    sheet = await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    // InvalidInputError (not an .xlsx, a broken archive), InvalidSpreadsheetError (a bad cell), or
    // anything else the parser trips on: all say the same to the editor.
    throw new KnowledgeError("KNOWLEDGE_IMPORT_UNREADABLE", `${name} is not a readable .xlsx file (${(error as Error).message})`);
  }
  return sheet.map((row) => row.map(cellText));
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * The sum of the sizes an .zip's central directory declares for its entries, or undefined when
 * there is no directory. A cheap screen before inflating: an archive that lies about its sizes
 * still gets through, but no editor's honest spreadsheet is refused.
 */
function declaredUnpackedSize(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-directory record sits in the last 22 bytes plus a comment of at most 65,535.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= earliest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return undefined;
    total += view.getUint32(at + 24, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

function csvCells({ name, bytes }: ImportFile): string[][] {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new KnowledgeError("KNOWLEDGE_IMPORT_ENCODING", `${name} is UTF-16 ("Unicode text"), not UTF-8`);
  }
  let text: string;
  try {
    // fatal: GBK bytes (Excel's "CSV" in China) are refused, not read as garbled characters.
    // ignoreBOM false: the UTF-8 byte-order mark Excel writes is dropped.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new KnowledgeError("KNOWLEDGE_IMPORT_ENCODING", `${name} is not UTF-8 text (perhaps GBK)`);
  }
  if (text.includes("\u0000")) throw new KnowledgeError("KNOWLEDGE_IMPORT_UNREADABLE", `${name} holds binary data, not text`);
  try {
    return parseCsv(text, { delimiter: delimiterOf(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  } catch (error) {
    // csv-parse names the line: "Quote Not Closed: the parsing is finished with an opening quote at line 3".
    throw new KnowledgeError("KNOWLEDGE_IMPORT_UNREADABLE", `${name}: ${(error as Error).message}`);
  }
}

/** Comma, or tab (Excel's "text" export) or semicolon (Excel where the decimal mark is a comma) when the first line uses that instead. */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => firstLine.split(c).length - 1;
  return [",", "\t", ";"].reduce((best, c) => (count(c) > count(best) ? c : best));
}

/** The header (the first row with anything in it) read as columns, then each non-empty row after it. */
function rowsOf(cells: string[][], limits: ImportLimits): ImportRow[] {
  const blank = (row: string[]) => row.every((c) => c.trim() === "");
  const headerIndex = cells.findIndex((row) => !blank(row));
  if (headerIndex < 0) throw new KnowledgeError("KNOWLEDGE_IMPORT_EMPTY", "no header row");
  const header = cells[headerIndex] as string[];
  const columns = columnsOf(header);

  const rows: ImportRow[] = [];
  for (let i = headerIndex + 1; i < cells.length; i++) {
    const cellsHere = cells[i] as string[];
    if (blank(cellsHere)) continue;
    if (rows.length === limits.rows) throw new KnowledgeError("KNOWLEDGE_IMPORT_TOO_LARGE", `more than ${limits.rows} rows`);
    const row: ImportRow = { row: i + 1, intent: "", faq: "", lang: "", question: "", answer: "" };
    for (const [column, index] of columns) {
      const text = (cellsHere[index] ?? "").trim();
      if (text.length > limits.cellChars) {
        throw new KnowledgeError("KNOWLEDGE_IMPORT_TOO_LARGE", `row ${i + 1}, column ${header[index]?.trim()}: ${text.length} characters; at most ${limits.cellChars}`);
      }
      row[column] = text;
    }
    rows.push(row);
  }
  if (rows.length === 0) throw new KnowledgeError("KNOWLEDGE_IMPORT_EMPTY", "only a header row");
  return rows;
}

/** Which cell holds each known column; other columns (an editor's notes) are left alone. */
function columnsOf(header: string[]): Map<ImportColumn, number> {
  const columns = new Map<ImportColumn, number>();
  header.forEach((cell, index) => {
    const key = headerKey(cell);
    const column = (Object.keys(COLUMN_NAMES) as ImportColumn[]).find((c) => COLUMN_NAMES[c].includes(key));
    if (!column) return;
    if (columns.has(column)) throw new KnowledgeError("KNOWLEDGE_IMPORT_COLUMNS", `the column ${COLUMN_LABELS[column]} appears twice`);
    columns.set(column, index);
  });
  const missing = [
    ...(columns.has("intent") || columns.has("faq") ? [] : [`${COLUMN_LABELS.intent} (or faq)`]),
    ...(columns.has("question") || columns.has("answer") ? [] : [`${COLUMN_LABELS.question}`]),
  ];
  if (missing.length > 0) {
    const found = header.map((c) => c.trim()).filter((c) => c !== "");
    throw new KnowledgeError("KNOWLEDGE_IMPORT_COLUMNS", `missing ${missing.join(" and ")}; the header row has ${found.join(", ")}`);
  }
  return columns;
}
