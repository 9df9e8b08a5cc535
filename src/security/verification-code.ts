import { createHmac } from "node:crypto";

/**
 * Certificate verification codes: 16 Crockford base32 characters (80 bits of an HMAC-SHA256 of the
 * application number), shown as XXXX-XXXX-XXXX-XXXX. Crockford's alphabet has no I, L, O or U, so a
 * code read off paper cannot be mistyped as a look-alike; 80 bits cannot be guessed by trying.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 16;

export function verificationCode(secret: string, applicationNumber: string): string {
  if (secret.length === 0) throw new Error("verification secret must not be empty");
  const digest = createHmac("sha256", secret).update(`certificate:${applicationNumber}`).digest();
  // 16 characters x 5 bits = the first 80 bits (10 bytes) of the digest.
  let bits = 0n;
  for (const byte of digest.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  let chars = "";
  for (let i = LENGTH - 1; i >= 0; i--) chars += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return group(chars);
}

const group = (chars: string) => chars.match(/.{4}/g)!.join("-");

/**
 * The canonical form of a code as a person typed it, or undefined when it cannot be one: case,
 * spaces and dashes do not matter, and Crockford's look-alikes are read as meant (O→0, I/L→1).
 */
export function normaliseCode(input: string): string | undefined {
  if (input.length > 64) return undefined;
  const chars = input
    .toUpperCase()
    .replace(/[\s\-‐‑–—]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (chars.length !== LENGTH) return undefined;
  for (const c of chars) if (!ALPHABET.includes(c)) return undefined;
  return group(chars);
}

/** Whether the input can be a verification code at all (it may still be unknown). */
export function isWellFormedCode(code: string): boolean {
  return normaliseCode(code) !== undefined;
}
