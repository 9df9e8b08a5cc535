export { CertificateFontError, certificateFonts } from "./fonts.js";
export { certificateKindLabel, formatDate, isIssuedCertificate, issuedAt, maskName } from "./format.js";
export { type CertificateInput, type RenderOptions, renderCertificatePdf } from "./pdf.js";
export { type CertificatePluginOptions, certificatePlugin } from "./plugin.js";
export { isWellFormedCode, normaliseCode, verificationCode } from "../security/verification-code.js";
