import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderCertificatePdf } from "../../src/certificates/pdf.js";
import { CertificateLinks } from "../../src/certificates/download.js";
import { certificatePlugin } from "../../src/certificates/plugin.js";
import {
  isWellFormedCode,
  normaliseCode,
  verificationCode,
} from "../../src/security/verification-code.js";
import { createDemoRecords, DEMO_CITIZENS } from "../../src/records/demo/index.js";
import type { Application, CitizenRecord, RecordsPort } from "../../src/records/ports.js";
import { FieldCipher } from "../../src/security/field-cipher.js";
import { pdfText } from "./pdf-text.js";

const NOW = new Date("2026-11-28T04:00:00Z");
const holder = DEMO_CITIZENS.cardHolder;
const verifyUrl = (code: string) => `https://desk.example/verify?code=${code}`;

let dir: string;
let records: RecordsPort;
let http: FastifyInstance;
let certificate: Application;
let citizen: CitizenRecord;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "certificates-"));
  records = createDemoRecords({
    file: join(dir, "records.sqlite"),
    cipher: new FieldCipher(randomBytes(32)),
    clock: () => NOW,
    transitions: false,
  });
  certificate = await records.submitApplication({
    kind: "certificate.participation",
    idNumber: holder.idNumber,
    values: { certKind: "contributions", idNumber: holder.idNumber, name: holder.name },
    status: "completed",
    note: { zh: "证明已开具", en: "Certificate issued" },
    at: NOW,
  });
  citizen = (await records.findCitizen(holder.idNumber))!;
  http = Fastify({ logger: false });
  await http.register(certificatePlugin, {
    records,
    links: new CertificateLinks("test-secret", () => "https://desk.example"),
    timeZone: "Asia/Shanghai",
  });
  await http.ready();
});

afterAll(async () => {
  await http.close();
  await records.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("verification codes", () => {
  it("are 16 Crockford base32 characters in four groups, stable per secret and number", () => {
    const code = verificationCode("secret", "SQ20261128000001");
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(verificationCode("secret", "SQ20261128000001")).toBe(code);
    expect(verificationCode("secret", "SQ20261128000002")).not.toBe(code);
    expect(verificationCode("other", "SQ20261128000001")).not.toBe(code);
  });

  it("read the way people type them; anything else is not well formed", () => {
    const code = verificationCode("secret", "SQ20261128000001");
    expect(normaliseCode(code.toLowerCase().replaceAll("-", " "))).toBe(code);
    expect(normaliseCode("oooo-iiii-llll-0000")).toBe("0000-1111-1111-0000");
    expect(isWellFormedCode(code)).toBe(true);
    for (const bad of [
      "",
      "ABCD-EFGH",
      "ABCD-EFGH-JKMN-PQRU",
      "ABCD-EFGH-JKMN-PQRST",
      "<script>alert(1)</script>",
      "A".repeat(100),
    ]) {
      expect(isWellFormedCode(bad), bad).toBe(false);
    }
  });
});

describe("certificate PDF", () => {
  it("is a real PDF with the title, name, masked ID, contribution years, date, code, URL and DEMO line", async () => {
    const pdf = await renderCertificatePdf(
      {
        application: certificate,
        citizen,
        locale: "zh",
        verifyUrl: verifyUrl(certificate.verificationCode!),
        timeZone: "Asia/Shanghai",
      },
      { compress: false },
    );
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toContain("%%EOF");
    const raw = pdf.toString("latin1");
    // The CJK font is embedded (as a subset), so the PDF renders the same without system fonts.
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    const text = pdfText(pdf);
    for (const expected of [
      "社会保险参保缴费证明",
      "Social Insurance Contribution Statement",
      "演示赵敏",
      "1101**********002X",
      certificate.number,
      certificate.verificationCode!,
      verifyUrl(certificate.verificationCode!),
      "2026年11月28日",
      "养老保险（月）",
      "2008",
      "2026",
      "DEMO",
      "非真实文件",
    ]) {
      expect(text, expected).toContain(expected);
    }
    // Totals per insurance: 18 full years plus 11 months.
    expect(text).toContain(String(18 * 12 + 11));
    expect(text).not.toContain(holder.idNumber);
    expect(text).not.toContain("\uFFFD");
  });

  it("in English puts English first, and a long record runs onto numbered pages", async () => {
    const pensioner = (await records.findCitizen(DEMO_CITIZENS.pensioner.idNumber))!;
    const pdf = await renderCertificatePdf(
      {
        application: certificate,
        citizen: pensioner,
        locale: "en",
        verifyUrl: verifyUrl(certificate.verificationCode!),
        timeZone: "Asia/Shanghai",
      },
      { compress: false },
    );
    const text = pdfText(pdf);
    expect(text).toContain("Date of issue");
    expect(text).toContain("2026-11-28");
    expect(text).toContain("Unemployment (months)");
    expect(text).toContain("page 2 of 2");
    expect(pdf.toString("latin1")).toMatch(/\/Type \/Pages\s*\/Count 2/);
  });

  it("is compressed by default and refuses an application without a verification code", async () => {
    const input = {
      application: certificate,
      citizen,
      locale: "zh" as const,
      verifyUrl: verifyUrl(certificate.verificationCode!),
      timeZone: "Asia/Shanghai",
    };
    const pdf = await renderCertificatePdf(input);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("/FlateDecode");
    expect(pdf.length).toBeLessThan(200_000);
    const { verificationCode: _code, ...plain } = certificate;
    await expect(renderCertificatePdf({ ...input, application: plain })).rejects.toThrow(
      /no verification code/,
    );
  });
});

describe("/verify", () => {
  const get = (query = "") => http.inject({ method: "GET", url: `/verify${query}` });

  it("shows a bilingual form", async () => {
    const res = await get();
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body).toContain('name="code"');
    expect(res.body).toContain("验证码");
    expect(res.body).toContain("Verification code");
    expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect((await get("?code=")).statusCode).toBe(200);
  });

  it("accepts the real code (as typed, too) and shows only masked personal data", async () => {
    const code = certificate.verificationCode!;
    for (const typed of [code, code.toLowerCase().replaceAll("-", "")]) {
      const res = await get(`?code=${encodeURIComponent(typed)}`);
      expect(res.statusCode, typed).toBe(200);
      expect(res.body).toContain("有效");
      expect(res.body).toContain("Valid");
      expect(res.body).toContain("演***");
      expect(res.body).toContain("1101**********002X");
      expect(res.body).toContain("社会保险参保缴费证明");
      expect(res.body).toContain("2026年11月28日");
      expect(res.body).toContain(certificate.number);
      expect(res.body).not.toContain(holder.name);
      expect(res.body).not.toContain(holder.idNumber);
    }
  });

  it("rejects a forged code (well formed, unknown) with 404 and a malformed one with 400, both as HTML", async () => {
    const forged = verificationCode("forger's secret", certificate.number);
    expect(isWellFormedCode(forged)).toBe(true);
    const unknown = await get(`?code=${forged}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(unknown.body).toContain("无效");
    expect(unknown.body).toContain("Not valid");
    expect(unknown.body).not.toContain("有效 <span");
    const malformed = await get("?code=12345");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(malformed.body).toContain("Not valid");
    expect((await get("?code=a&code=b")).statusCode).toBe(400);
  });

  it("does not vouch for a certificate application that was never issued", async () => {
    const pending = await records.submitApplication({
      kind: "certificate.participation",
      idNumber: holder.idNumber,
      values: {},
      status: "submitted",
      note: { zh: "已提交", en: "Submitted" },
      at: NOW,
    });
    expect((await get(`?code=${pending.verificationCode}`)).statusCode).toBe(404);
  });

  it("escapes the code parameter in the page", async () => {
    const attack = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;
    const res = await get(`?code=${encodeURIComponent(attack)}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain("<script>alert");
    expect(res.body).not.toContain("<img");
    expect(res.body).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
    expect(res.body).not.toMatch(/value=""><script/);
  });
});

describe("certificate dates", () => {
  it("are the day in the service's time zone, not UTC's", async () => {
    const { formatDate } = await import("../../src/certificates/format.js");
    // 17:00 UTC on 28 November is already 29 November in Shanghai.
    expect(formatDate("2026-11-28T17:00:00.000Z")).toEqual({ zh: "2026年11月29日", en: "2026-11-29" });
    expect(formatDate("2026-11-28T17:00:00.000Z", "UTC")).toEqual({ zh: "2026年11月28日", en: "2026-11-28" });
  });
});
