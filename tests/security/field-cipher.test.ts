import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { DecryptionError, FieldCipher, fieldKeyId, sealedKeyId } from "../../src/security/field-cipher.js";

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

  it("opens a value sealed by the first release's code: the format and its key id are unchanged", () => {
    // Sealed by FieldCipher as of commit 4f7c36f (issue 3) with the key of 32 bytes of 0x01.
    const key1 = Buffer.alloc(32, 1);
    const sealed = "v1.72cd6e84.f62yNEyD8Z5QJlbS.Jxnx-fKuPy7tV1cwMPIFAg.D9n_z9dVJXmlDuViBzY0BX88AyqhBO4Vu2gq";
    expect(new FieldCipher(key1).decrypt(sealed)).toBe("身份证110105199104120132");
    expect(new FieldCipher(randomBytes(32), [key1]).decrypt(sealed)).toBe("身份证110105199104120132");
    expect(sealedKeyId(sealed)).toBe("72cd6e84");
    expect(fieldKeyId(key1)).toBe(createHash("sha256").update(key1).digest("hex").slice(0, 8));
    expect(fieldKeyId(key1)).toBe("72cd6e84");
  });

  it("names the key that sealed each value, and the missing key when it cannot open one", () => {
    const c = new FieldCipher(key);
    expect(c.keyId).toBe(fieldKeyId(key));
    expect(sealedKeyId(c.encrypt("x"))).toBe(c.keyId);
    expect(sealedKeyId("not sealed")).toBeUndefined();
    const other = new FieldCipher(randomBytes(32));
    expect(() => other.decrypt(c.encrypt("x"))).toThrow(`sealed with key ${c.keyId}, which is not among the keys given`);
    const rotated = new FieldCipher(randomBytes(32), [key]);
    expect(rotated.keyIds).toEqual([rotated.keyId, c.keyId]);
  });

  it("seals a value again under the current key, and leaves one already under it alone", () => {
    const old = new FieldCipher(key);
    const sealed = old.encrypt("13812345678");
    const fresh = randomBytes(32);
    const rotated = new FieldCipher(fresh, [key]);
    const again = rotated.reseal(sealed)!;
    expect(sealedKeyId(again)).toBe(fieldKeyId(fresh));
    // Once everything is sealed again, the new key alone opens it.
    expect(new FieldCipher(fresh).decrypt(again)).toBe("13812345678");
    expect(rotated.reseal(again)).toBeUndefined();
    expect(() => new FieldCipher(fresh).reseal(sealed)).toThrow(DecryptionError);
  });
});
