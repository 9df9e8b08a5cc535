import { createHmac, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { RecordsPort } from "../records/ports.js";

/**
 * Signed certificate links: only the conversation that was given the link can download the PDF,
 * since the signature (HMAC of the application number) cannot be guessed from the number.
 */
export class CertificateLinks {
  constructor(
    private readonly secret: string,
    private readonly baseUrl: () => string,
  ) {}

  signature(number: string): string {
    return createHmac("sha256", this.secret).update(`certificate:${number}`).digest("base64url").slice(0, 32);
  }

  url(number: string): string {
    return `${this.baseUrl()}/certificates/${number}.pdf?sig=${this.signature(number)}`;
  }

  verifyUrl(): string {
    return `${this.baseUrl()}/verify`;
  }

  /** The application number a request is allowed to download, or undefined. */
  check(file: string, sig: unknown): string | undefined {
    const number = /^(SQ\d{14})\.pdf$/.exec(file)?.[1];
    if (!number) return undefined;
    const expected = Buffer.from(this.signature(number));
    const given = Buffer.from(typeof sig === "string" ? sig : "");
    return expected.length === given.length && timingSafeEqual(expected, given) ? number : undefined;
  }
}

export interface CertificateDownloadOptions {
  records: RecordsPort;
  links: CertificateLinks;
  /** The service's time zone: the dates on the certificate are in it. */
  timeZone: string;
}

/** GET /certificates/<number>.pdf?sig=…: the certificate PDF behind a signed link (certificatePlugin serves it). */
export function certificateDownload(deps: CertificateDownloadOptions) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { file } = request.params as { file: string };
    const number = deps.links.check(file, (request.query as { sig?: unknown }).sig);
    if (!number) {
      return reply.code(404).type("text/plain; charset=utf-8").send("证明不存在或链接无效 / No such certificate, or the link is not valid");
    }
    const application = await deps.records.getApplication(number);
    const citizen = application ? await deps.records.findCitizen(application.idNumber) : undefined;
    if (!application || !citizen || application.kind !== "certificate.participation") {
      return reply.code(404).type("text/plain; charset=utf-8").send("证明不存在 / No such certificate");
    }
    // pdfkit and its font machinery load on the first download, not at every server start.
    const { renderCertificatePdf } = await import("./pdf.js");
    const pdf = await renderCertificatePdf({ application, citizen, locale: "zh", verifyUrl: deps.links.verifyUrl(), timeZone: deps.timeZone });
    return reply.type("application/pdf").header("content-disposition", `inline; filename="${number}.pdf"`).send(pdf);
  };
}
