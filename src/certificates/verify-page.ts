import type { Text } from "./format.js";

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export type VerifyResult =
  | { kind: "form" }
  | { kind: "valid"; code: string; facts: [Text, Text][] }
  | { kind: "malformed"; input: string }
  | { kind: "unknown"; input: string };

const bi = (t: Text) => `${escapeHtml(t.zh)} <span lang="en">${escapeHtml(t.en)}</span>`;

function resultBox(result: VerifyResult): string {
  switch (result.kind) {
    case "form":
      return "";
    case "valid": {
      const rows = result.facts
        .map(
          ([label, value]) =>
            `<tr><th scope="row">${bi(label)}</th><td>${escapeHtml(value.zh)}${value.zh === value.en ? "" : `<br><span lang="en">${escapeHtml(value.en)}</span>`}</td></tr>`,
        )
        .join("");
      return `<section class="result ok" role="status" aria-live="polite">
  <h2>✔ 有效 <span lang="en">Valid</span></h2>
  <p>验证码 <code>${escapeHtml(result.code)}</code> 对应一份已出具的证明。请核对纸面上的姓名和证件号码与下列信息一致。<br>
  <span lang="en">This code belongs to an issued certificate. Check that the name and ID number on the paper match these.</span></p>
  <table>${rows}</table>
</section>`;
    }
    case "malformed":
      return `<section class="result bad" role="alert">
  <h2>✘ 无效 <span lang="en">Not valid</span></h2>
  <p>“${escapeHtml(result.input)}” 不是验证码的格式。验证码为16位字母和数字，例如 <code>ABCD-1234-EFGH-5678</code>。<br>
  <span lang="en">This is not a verification code. Codes have 16 letters and digits, e.g. <code>ABCD-1234-EFGH-5678</code>.</span></p>
</section>`;
    case "unknown":
      return `<section class="result bad" role="alert">
  <h2>✘ 无效 <span lang="en">Not valid</span></h2>
  <p>没有找到验证码为 “${escapeHtml(result.input)}” 的已出具证明。请核对输入；如仍无法核验，该证明可能不是本系统出具的。<br>
  <span lang="en">No issued certificate has this code. Check what you typed; if it still fails, the certificate was not issued by this desk.</span></p>
</section>`;
  }
}

/** The page's one stylesheet, inline; the page's CSP allows exactly this text by its hash. */
export const VERIFY_STYLE = `
  body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans SC", sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.6; }
  h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
  [lang="en"] { color: #555; }
  .demo { color: #b00020; font-size: 0.9rem; }
  form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; margin: 1.5rem 0; }
  label { flex-basis: 100%; font-weight: 600; }
  input { font: inherit; font-size: 1.2rem; padding: 0.4rem 0.6rem; letter-spacing: 0.08em; text-transform: uppercase; flex: 1 1 16rem; }
  button { font: inherit; padding: 0.5rem 1.2rem; }
  .result { border: 2px solid; border-radius: 8px; padding: 0.5rem 1rem 1rem; }
  .ok { border-color: #1b7f3b; } .ok h2 { color: #1b7f3b; }
  .bad { border-color: #b00020; } .bad h2 { color: #b00020; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-top: 1px solid #ddd; vertical-align: top; }
  th { white-space: nowrap; font-weight: normal; }
  code { font-size: 1.05em; white-space: nowrap; }
`;

/** The whole /verify page: a bilingual form, and the result when a code was given. Nothing loads from elsewhere. */
export function verifyPage(result: VerifyResult, typed = ""): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>证明核验 · Certificate check</title>
<style>${VERIFY_STYLE}</style>
</head>
<body>
<main>
<h1>社保证明核验 <span lang="en">Certificate check</span></h1>
<p>输入证明上印的验证码，核验证明是否由本服务台出具。<br><span lang="en">Enter the verification code printed on a certificate to check that this desk issued it.</span></p>
<p class="demo">演示系统 · 非真实证明 <span lang="en">Demo system: no real certificates</span></p>
<form method="get" action="/verify">
  <label for="code">验证码 <span lang="en">Verification code</span></label>
  <input id="code" name="code" value="${escapeHtml(typed)}" maxlength="64" autocomplete="off" spellcheck="false" placeholder="XXXX-XXXX-XXXX-XXXX" required>
  <button type="submit">核验 <span lang="en">Check</span></button>
</form>
${resultBox(result)}
</main>
</body>
</html>
`;
}
