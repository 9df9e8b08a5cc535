import type { FastifyInstance, FastifyReply } from "fastify";
import { cspHash, download, type PagePolicy, pageHeaders } from "../http/browser-headers.js";
import type { RecordsPort } from "../records/ports.js";
import { maskDigits } from "../security/masking.js";
import { type CertificateLinks, certificateDownload } from "./download.js";
import { certificateKindLabel, formatDate, isIssuedCertificate, issuedAt, maskName } from "./format.js";
import { normaliseCode } from "../security/verification-code.js";
import { VERIFY_STYLE, type VerifyResult, verifyPage } from "./verify-page.js";

export interface CertificatePluginOptions {
  records: RecordsPort;
  /** Signs and checks the download links given in the chat. */
  links: CertificateLinks;
  /** The service's time zone: the date of issue shown is in it. */
  timeZone: string;
}

/** What is echoed back of a typed code: enough to spot a typo, never an unbounded string. */
const ECHO_MAX = 64;

/**
 * The page loads nothing and runs no script: its one inline stylesheet is allowed by its hash, its
 * form submits here only, nobody may frame it, and the code in the URL must not leak to other sites.
 */
export const VERIFY_PAGE_POLICY: PagePolicy = {
  csp: ["default-src 'none'", `style-src ${cspHash(VERIFY_STYLE)}`, "form-action 'self'", "base-uri 'none'"],
  framing: "none",
  referrer: "no-referrer",
};

function send(reply: FastifyReply, status: number, result: VerifyResult, typed: string) {
  return (
    reply
      .code(status)
      .type("text/html; charset=utf-8")
      .headers(pageHeaders(VERIFY_PAGE_POLICY))
      .header("cache-control", "no-store")
      .send(verifyPage(result, typed))
  );
}

/**
 * The certificates' pages. The public check: GET /verify shows a form; GET /verify?code=… answers
 * 有效 / Valid with only what a recipient needs to compare with the paper (masked name and ID,
 * kind, date), 无效 / Not valid with 400 for something that cannot be a code and 404 for an unknown
 * one. And GET /certificates/<number>.pdf?sig=…, the PDF behind a signed link (download.ts).
 */
export async function certificatePlugin(fastify: FastifyInstance, deps: CertificatePluginOptions): Promise<void> {
  // A PDF shown in the browser's own viewer: nosniff and no referrer, but no CSP (it can stop the viewer).
  fastify.get("/certificates/:file", download, certificateDownload(deps));
  fastify.get("/verify", async (request, reply) => {
    const raw = (request.query as Record<string, unknown> | undefined)?.code;
    if (raw === undefined || (typeof raw === "string" && raw.trim() === ""))
      return send(reply, 200, { kind: "form" }, "");
    // ?code=a&code=b arrives as an array: not a code either.
    const input = (typeof raw === "string" ? raw : Array.isArray(raw) ? raw.join(",") : String(raw))
      .trim()
      .slice(0, ECHO_MAX);
    const code = typeof raw === "string" ? normaliseCode(raw.trim()) : undefined;
    if (!code) return send(reply, 400, { kind: "malformed", input }, input);

    const application = await deps.records.findByVerificationCode(code);
    if (!application || !isIssuedCertificate(application))
      return send(reply, 404, { kind: "unknown", input: code }, code);
    const citizen = await deps.records.findCitizen(application.idNumber);
    const name = maskName(citizen?.name ?? application.values.name ?? "");
    const id = maskDigits(application.idNumber);
    return send(
      reply,
      200,
      {
        kind: "valid",
        code,
        facts: [
          [{ zh: "证明类型", en: "Certificate" }, certificateKindLabel(application)],
          [{ zh: "出具日期", en: "Date of issue" }, formatDate(issuedAt(application), deps.timeZone)],
          [
            { zh: "姓名", en: "Name" },
            { zh: name, en: name },
          ],
          [
            { zh: "公民身份号码", en: "ID number" },
            { zh: id, en: id },
          ],
          [
            { zh: "证明编号", en: "Certificate no." },
            { zh: application.number, en: application.number },
          ],
        ],
      },
      code,
    );
  });
}
