import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DecryptionError, FieldCipher } from "../../src/security/field-cipher.js";

describe("field encryption (AES-256-GCM)", () => {
  const key = randomBytes(32);

  it("round-trips text and never produces the same ciphertext twice", () => {
    const c = new FieldCipher(key);
    const a = c.encrypt("身份证11010519491231002X");
    const b = c.encrypt("身份证11010519491231002X");
    expect(a).not.toBe(b);
    expect(a).not.toContain("11010519491231002X");
    expect(c.decrypt(a)).toBe("身份证11010519491231002X");
  });

  it("refuses tampered ciphertext and a wrong key", () => {
    const c = new FieldCipher(key);
    const sealed = c.encrypt("13812345678");
    const parts = sealed.split(".");
    const body = Buffer.from(parts[4] as string, "base64url");
    body[0] = (body[0] as number) ^ 1;
    parts[4] = body.toString("base64url");
    expect(() => c.decrypt(parts.join("."))).toThrow(DecryptionError);
    expect(() => new FieldCipher(randomBytes(32)).decrypt(sealed)).toThrow(DecryptionError);
    expect(() => c.decrypt("garbage")).toThrow(DecryptionError);
  });

  it("keeps decrypting with an old key after rotation", () => {
    const old = new FieldCipher(key);
    const sealed = old.encrypt("6222021234567890128");
    const rotated = new FieldCipher(randomBytes(32), [key]);
    expect(rotated.decrypt(sealed)).toBe("6222021234567890128");
    expect(rotated.encrypt("x").split(".")[1]).not.toBe(sealed.split(".")[1]);
  });
});
