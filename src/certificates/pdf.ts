// Long because a certificate is one page drawn top to bottom: the positions of its parts depend on
// each other (a long name pushes the table down, the footer must stay clear of the body), so they
// are kept in one place rather than spread over files that would all have to agree.
import PDFDocument from "pdfkit";
import type { Application, CitizenRecord } from "../records/ports.js";
import { maskDigits } from "../security/masking.js";
import { type CertificateFonts, certificateFonts } from "./fonts.js";
import { CERTIFICATE_TITLE, certificateKindLabel, formatDate, issuedAt, type Text } from "./format.js";

export interface CertificateInput {
  application: Application;
  citizen: CitizenRecord;
  locale: "zh" | "en";
  /** The public check page, printed and linked, e.g. https://desk.example/verify?code=… */
  verifyUrl: string;
  /** The service's time zone: the date of issue printed is in it. */
  timeZone: string;
}

export interface RenderOptions {
  /** false leaves the content streams readable, for tests; real certificates are compressed. */
  compress?: boolean;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const CONTENT = PAGE.width - 2 * MARGIN;
/** Body text stops here; the footer lives below it. */
const BODY_BOTTOM = PAGE.height - MARGIN - 28;

const INK = "#1a1a1a";
const MUTED = "#666666";
const RULE = "#b3b3b3";
const DEMO_RED = "#b00020";

const DEMO_LINE: Text = {
  zh: "演示系统生成 · 非真实文件，不具法律效力",
  en: "DEMO — not a real document; it has no legal effect",
};

const COLUMNS: { label: Text; width: number; align: "left" | "right" }[] = [
  { label: { zh: "年度", en: "Year" }, width: 36, align: "left" },
  { label: { zh: "缴费地", en: "City" }, width: 72, align: "left" },
  { label: { zh: "养老保险（月）", en: "Pension (months)" }, width: 84, align: "right" },
  { label: { zh: "医疗保险（月）", en: "Medical (months)" }, width: 84, align: "right" },
  { label: { zh: "失业保险（月）", en: "Unemployment (months)" }, width: 108, align: "right" },
  {
    label: { zh: "缴费基数（元/月）", en: "Base (yuan/month)" },
    width: CONTENT - 36 - 72 - 84 - 84 - 108,
    align: "right",
  },
];

/**
 * A contribution certificate (社会保险参保缴费证明) as PDF bytes: the holder's name and masked ID,
 * the contribution years per insurance, the issue date and the verification code with the
 * check page's address. Labels are in both languages, the chosen one first; every page carries
 * a DEMO watermark and footer so a print-out cannot pass for a real bureau document.
 */
export async function renderCertificatePdf(
  input: CertificateInput,
  options: RenderOptions = {},
): Promise<Buffer> {
  const { application, citizen, locale } = input;
  const code = application.verificationCode;
  if (!code)
    throw new Error(
      `application ${application.number} has no verification code; only certificates can be printed`,
    );
  const fonts = await certificateFonts();
  const issued = issuedAt(application);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    compress: options.compress ?? true,
    autoFirstPage: false,
    // Kept until the end so each page can say "page n of N".
    bufferPages: true,
    info: {
      Title: `${CERTIFICATE_TITLE.zh} / ${CERTIFICATE_TITLE.en} (DEMO)`,
      Author: "社保服务台（演示） / Social-security service desk (demo)",
      Subject: DEMO_LINE.en,
      // Dated by the certificate, not the rendering, so the same certificate renders the same.
      CreationDate: new Date(issued),
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const pdf = new Writer(doc, fonts, locale);
  doc.on("pageAdded", () => pdf.decoratePage());
  doc.addPage();

  pdf.title();
  pdf.fields([
    [
      { zh: "姓名", en: "Name" },
      { zh: citizen.name, en: citizen.name },
    ],
    [
      { zh: "公民身份号码", en: "ID number" },
      { zh: maskDigits(citizen.idNumber), en: maskDigits(citizen.idNumber) },
    ],
    [{ zh: "证明类型", en: "Certificate" }, certificateKindLabel(application)],
    [
      { zh: "证明编号", en: "Certificate no." },
      { zh: application.number, en: application.number },
    ],
    [{ zh: "参保状态", en: "Status" }, insuranceStatus(citizen)],
    [{ zh: "出具日期", en: "Date of issue" }, formatDate(issued, input.timeZone)],
  ]);
  // The code goes before the table, so it is on the first page however long the record is.
  pdf.verification(code, input.verifyUrl);
  pdf.contributions(citizen);
  pdf.issuer();
  pdf.pageNumbers(application.number);
  doc.end();
  return done;
}

function insuranceStatus(citizen: CitizenRecord): Text {
  if (citizen.receivingPension)
    return { zh: "已退休，按月领取基本养老金", en: "Retired, receiving a basic pension" };
  return citizen.insured
    ? { zh: "在本地区正常参保", en: "Insured in this region" }
    : { zh: "未在本地区参保（缴费记录见下表）", en: "Not insured in this region (see the record below)" };
}

/** Draws one certificate; keeps the page layout (bilingual labels, page breaks) in one place. */
class Writer {
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    fonts: CertificateFonts,
    private readonly locale: "zh" | "en",
  ) {
    doc.registerFont("regular", fonts.regular.data, fonts.regular.family);
    doc.registerFont("bold", fonts.bold.data, fonts.bold.family);
  }

  private primary(t: Text): string {
    return this.locale === "zh" ? t.zh : t.en;
  }

  private secondary(t: Text): string {
    return this.locale === "zh" ? t.en : t.zh;
  }

  /** Text at a fixed place that must never trigger pdfkit's automatic page break. */
  private put(
    text: string,
    x: number,
    y: number,
    opts: PDFKit.Mixins.TextOptions & { font?: string; size?: number; color?: string },
  ): void {
    const { font = "regular", size = 10, color = INK, ...rest } = opts;
    const bottom = this.doc.page.margins.bottom;
    this.doc.page.margins.bottom = 0;
    this.doc
      .font(font)
      .fontSize(size)
      .fillColor(color)
      .text(text, x, y, { lineBreak: false, ...rest });
    this.doc.page.margins.bottom = bottom;
  }

  /** The watermark, the DEMO banner and the footer, on every page as it is added. */
  decoratePage(): void {
    const { doc } = this;
    doc.save();
    doc.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
    doc.opacity(0.07);
    this.put("演示 DEMO", 0, PAGE.height / 2 - 50, {
      font: "bold",
      size: 96,
      color: DEMO_RED,
      width: PAGE.width,
      align: "center",
    });
    this.put("非真实文件 · NOT A REAL DOCUMENT", 0, PAGE.height / 2 + 70, {
      font: "bold",
      size: 26,
      color: DEMO_RED,
      width: PAGE.width,
      align: "center",
    });
    doc.restore();
    this.put(`${DEMO_LINE.zh}   ${DEMO_LINE.en}`, MARGIN, 28, {
      size: 8.5,
      color: DEMO_RED,
      width: CONTENT,
      align: "center",
    });
    doc
      .moveTo(MARGIN, PAGE.height - MARGIN - 12)
      .lineTo(PAGE.width - MARGIN, PAGE.height - MARGIN - 12)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    this.put(
      "本证明由社保服务台演示系统生成，仅供演示，不具法律效力。 Generated by the service desk's demo system: for demonstration only.",
      MARGIN,
      PAGE.height - MARGIN - 4,
      { size: 7.5, color: MUTED, width: CONTENT, align: "center" },
    );
    doc.x = MARGIN;
    doc.y = MARGIN;
  }

  /** Moves to a new page unless `height` more points fit. */
  private room(height: number): void {
    if (this.doc.y + height > BODY_BOTTOM) this.doc.addPage();
  }

  title(): void {
    const { doc } = this;
    this.put(this.primary(CERTIFICATE_TITLE), MARGIN, 64, {
      font: "bold",
      size: this.locale === "zh" ? 22 : 19,
      width: CONTENT,
      align: "center",
    });
    this.put(this.secondary(CERTIFICATE_TITLE), MARGIN, 96, {
      size: 11,
      color: MUTED,
      width: CONTENT,
      align: "center",
    });
    const intro: Text = {
      zh: "兹证明下列人员的社会保险参保缴费情况如下。",
      en: "This certifies the social insurance record of the person named below.",
    };
    doc
      .font("regular")
      .fontSize(10.5)
      .fillColor(INK)
      .text(this.primary(intro), MARGIN, 132, { width: CONTENT });
    doc.font("regular").fontSize(8.5).fillColor(MUTED).text(this.secondary(intro), { width: CONTENT });
    doc.y += 10;
  }

  fields(rows: [Text, Text][]): void {
    const { doc } = this;
    const labelWidth = 130;
    for (const [label, value] of rows) {
      const y = doc.y;
      this.put(this.primary(label), MARGIN, y, { size: 10.5 });
      this.put(this.secondary(label), MARGIN, y + 14, { size: 7.5, color: MUTED });
      this.put(this.primary(value), MARGIN + labelWidth, y, {
        font: "bold",
        size: 10.5,
        width: CONTENT - labelWidth,
      });
      if (value.zh !== value.en)
        this.put(this.secondary(value), MARGIN + labelWidth, y + 14, {
          size: 7.5,
          color: MUTED,
          width: CONTENT - labelWidth,
        });
      doc.y = y + 27;
    }
    doc.y += 4;
  }

  private tableHeader(): void {
    const { doc } = this;
    const y = doc.y;
    doc.rect(MARGIN, y, CONTENT, 32).fillColor("#eeeeee").fill();
    let x = MARGIN;
    for (const c of COLUMNS) {
      this.put(this.primary(c.label), x + 4, y + 5, {
        size: 8,
        width: c.width - 8,
        align: c.align,
        font: "bold",
      });
      this.put(this.secondary(c.label), x + 4, y + 18, {
        size: 6.5,
        width: c.width - 8,
        align: c.align,
        color: MUTED,
      });
      x += c.width;
    }
    doc.y = y + 32;
  }

  private tableRow(cells: string[], bold = false): void {
    const { doc } = this;
    const y = doc.y;
    let x = MARGIN;
    COLUMNS.forEach((c, i) => {
      this.put(cells[i] ?? "", x + 4, y + 4, {
        size: 9,
        width: c.width - 8,
        align: c.align,
        font: bold ? "bold" : "regular",
      });
      x += c.width;
    });
    doc
      .moveTo(MARGIN, y + 17)
      .lineTo(MARGIN + CONTENT, y + 17)
      .lineWidth(0.3)
      .strokeColor(RULE)
      .stroke();
    doc.y = y + 17;
  }

  contributions(citizen: CitizenRecord): void {
    const { doc } = this;
    const heading: Text = { zh: "缴费记录", en: "Contribution record" };
    this.room(80);
    this.put(`${this.primary(heading)}  ${this.secondary(heading)}`, MARGIN, doc.y, {
      font: "bold",
      size: 12,
    });
    doc.y += 22;
    const years = [...citizen.contributions].sort((a, b) => a.year - b.year);
    if (years.length === 0) {
      const none: Text = { zh: "无缴费记录。", en: "No contributions on record." };
      this.put(`${this.primary(none)} ${this.secondary(none)}`, MARGIN, doc.y, { size: 10 });
      doc.y += 24;
      return;
    }
    this.tableHeader();
    for (const y of years) {
      if (doc.y + 17 > BODY_BOTTOM) {
        doc.addPage();
        this.tableHeader();
      }
      this.tableRow([
        String(y.year),
        y.city,
        String(y.pensionMonths),
        String(y.medicalMonths),
        String(y.unemploymentMonths),
        y.base.toLocaleString("en-US"),
      ]);
    }
    const sum = (pick: (c: (typeof years)[number]) => number) =>
      String(years.reduce((n, c) => n + pick(c), 0));
    this.room(17);
    this.tableRow(
      [
        this.primary({ zh: "合计", en: "Total" }),
        "",
        sum((c) => c.pensionMonths),
        sum((c) => c.medicalMonths),
        sum((c) => c.unemploymentMonths),
        "",
      ],
      true,
    );
    doc.y += 16;
  }

  verification(code: string, verifyUrl: string): void {
    const { doc } = this;
    const height = 118;
    this.room(height + 10);
    const top = doc.y;
    doc.roundedRect(MARGIN, top, CONTENT, height, 6).lineWidth(1.2).strokeColor(INK).stroke();
    this.put(
      `${this.primary({ zh: "验证码", en: "Verification code" })}  ${this.secondary({ zh: "验证码", en: "Verification code" })}`,
      MARGIN + 16,
      top + 12,
      {
        size: 10,
        color: MUTED,
      },
    );
    this.put(code, MARGIN + 16, top + 30, { font: "bold", size: 24, characterSpacing: 1.5 });
    const check: Text = {
      zh: "收件单位可打开以下网址输入验证码，核验本证明的真伪：",
      en: "Anyone receiving this certificate can check it by entering the code at:",
    };
    this.put(this.primary(check), MARGIN + 16, top + 66, { size: 9, width: CONTENT - 32 });
    this.put(this.secondary(check), MARGIN + 16, top + 79, { size: 7.5, color: MUTED, width: CONTENT - 32 });
    this.put(verifyUrl, MARGIN + 16, top + 94, {
      size: 9.5,
      color: "#0b57d0",
      width: CONTENT - 32,
      link: verifyUrl,
      underline: true,
    });
    doc.y = top + height + 18;
  }

  issuer(): void {
    const issuer: Text = {
      zh: "出具单位：社保服务台（演示）",
      en: "Issued by: social-security service desk (demo)",
    };
    this.room(20);
    this.put(`${this.primary(issuer)}    ${this.secondary(issuer)}`, MARGIN, this.doc.y, {
      size: 9,
      color: MUTED,
      width: CONTENT,
    });
  }

  /** "SQ… · 第 1/2 页 · page 1 of 2" on each page, so a loose page can be matched to its certificate. */
  pageNumbers(number: string): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const n = i - start + 1;
      this.put(`${number} · 第 ${n}/${count} 页 · page ${n} of ${count}`, MARGIN, PAGE.height - MARGIN + 8, {
        size: 7.5,
        color: MUTED,
        width: CONTENT,
        align: "center",
      });
    }
  }
}
