/**
 * The enrolment QR code as a `data:` URL for an <img>: the page's CSP allows images from data:
 * but no inline markup, and an SVG shown as an image can run nothing. Base64 of its UTF-8 bytes,
 * since btoa takes only Latin-1.
 */
export function svgDataUrl(svg: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(svg)) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
