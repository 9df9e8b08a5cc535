/**
 * Reads the text layer of an uncompressed pdfkit PDF: glyph ids in the content streams, mapped to
 * Unicode through each font's ToUnicode CMap, the way a PDF viewer's copy/search does. Enough for
 * pdfkit's own output (Identity-H fonts, Tj/TJ with hex strings); not a general PDF parser.
 */
export function pdfText(pdf: Buffer): string {
  const src = pdf.toString("latin1");
  const objects = new Map<string, string>();
  for (const m of src.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(m[1]!, m[2]!);

  // A ligature maps to several code units, written with spaces: <0066 0069> is "fi".
  const hexToText = (hex: string) => Buffer.from(hex.replace(/\s/g, ""), "hex").swap16().toString("utf16le");
  const cmapOf = (objectId: string) => {
    const map = new Map<number, string>();
    const body = objects.get(objectId) ?? "";
    for (const block of body.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const r of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f\s]+>)/gi)) {
        const lo = Number.parseInt(r[1]!, 16);
        const hi = Number.parseInt(r[2]!, 16);
        if (r[3]!.startsWith("[")) {
          let code = lo;
          for (const u of r[3]!.matchAll(/<([0-9a-f\s]+)>/gi)) map.set(code++, hexToText(u[1]!));
        } else {
          const base = hexToText(r[3]!.slice(1, -1));
          for (let c = lo; c <= hi; c++) map.set(c, String.fromCodePoint(base.codePointAt(0)! + (c - lo)));
        }
      }
    }
    for (const block of body.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const r of block[1]!.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f\s]+)>/gi))
        map.set(Number.parseInt(r[1]!, 16), hexToText(r[2]!));
    }
    return map;
  };

  // Font resource name (/F1) -> that font's glyph-to-text map.
  const fonts = new Map<string, Map<number, string>>();
  for (const m of src.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const toUnicode = objects.get(m[2]!)?.match(/\/ToUnicode (\d+) 0 R/);
    if (toUnicode) fonts.set(m[1]!, cmapOf(toUnicode[1]!));
  }

  const lines: string[] = [];
  for (const stream of src.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    const body = stream[1]!;
    if (!/ Tf\b/.test(body)) continue;
    let font = new Map<number, string>();
    for (const op of body.matchAll(/\/(F\d+) [\d.]+ Tf|(\[(?:[^\]]*)\]) TJ|<([0-9a-f]*)> Tj/gi)) {
      if (op[1]) {
        font = fonts.get(op[1]) ?? new Map();
        continue;
      }
      const hexes = op[2] ? [...op[2].matchAll(/<([0-9a-f]*)>/gi)].map((h) => h[1]!) : [op[3]!];
      let line = "";
      for (const hex of hexes) {
        for (let i = 0; i + 4 <= hex.length; i += 4)
          line += font.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? "\uFFFD";
      }
      lines.push(line);
    }
  }
  return lines.join("\n");
}
