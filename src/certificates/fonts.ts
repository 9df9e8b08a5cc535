import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** A font pdfkit can embed: the file's bytes, and the face's PostScript name inside a collection (.ttc). */
export interface FontFace {
  data: Buffer;
  family?: string;
  source: string;
}

export interface CertificateFonts {
  regular: FontFace;
  bold: FontFace;
}

export class CertificateFontError extends Error {
  readonly code = "CERTIFICATE_FONT_MISSING";
}

/** Debian's fonts-wqy-microhei: only a fallback, for a machine where the npm font was pruned. */
const SYSTEM_FALLBACK = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/**
 * The npm package @expo-google-fonts/noto-sans-sc ships Google's full Noto Sans SC as plain TTFs
 * (OFL), so `npm ci` alone gives every machine, CI included, a font with all of GB 18030's common
 * characters; pdfkit embeds only the glyphs a certificate uses (a few dozen KB).
 */
function npmNotoSansSc(): { regular: string; bold: string } | undefined {
  try {
    const dir = dirname(
      createRequire(import.meta.url).resolve("@expo-google-fonts/noto-sans-sc/package.json"),
    );
    const paths = {
      regular: join(dir, "400Regular", "NotoSansSC_400Regular.ttf"),
      bold: join(dir, "700Bold", "NotoSansSC_700Bold.ttf"),
    };
    return existsSync(paths.regular) && existsSync(paths.bold) ? paths : undefined;
  } catch {
    return undefined;
  }
}

async function load(): Promise<CertificateFonts> {
  const npm = npmNotoSansSc();
  if (npm) {
    const [regular, bold] = await Promise.all([readFile(npm.regular), readFile(npm.bold)]);
    return { regular: { data: regular, source: npm.regular }, bold: { data: bold, source: npm.bold } };
  }
  if (existsSync(SYSTEM_FALLBACK)) {
    const data = await readFile(SYSTEM_FALLBACK);
    // The collection's first face; it has no bold, so headings use the same face.
    const face = { data, family: "WenQuanYiMicroHei", source: SYSTEM_FALLBACK };
    return { regular: face, bold: face };
  }
  throw new CertificateFontError(
    "No Chinese font for certificates: run `npm ci` (it installs @expo-google-fonts/noto-sans-sc), " +
      `or install Debian's fonts-wqy-microhei (${SYSTEM_FALLBACK}). 证书需要中文字体。`,
  );
}

let cached: Promise<CertificateFonts> | undefined;

/** Read once, on the first certificate (about 20 MB, so never at start-up), then shared. */
export function certificateFonts(): Promise<CertificateFonts> {
  if (!cached) {
    cached = load();
    // A failed load is not cached: installing the font fixes the next request without a restart.
    cached.catch(() => {
      cached = undefined;
    });
  }
  return cached;
}
