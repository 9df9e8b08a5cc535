import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** Raised when a stored value cannot be decrypted: wrong key, or tampered with. */
export class DecryptionError extends Error {
  readonly code = "SECURITY_DECRYPT_FAILED";
}

const keyId = (key: Buffer) => createHash("sha256").update(key).digest("hex").slice(0, 8);

/**
 * Field-level AES-256-GCM for personal data at rest. The output names the key it was made with
 * (`v1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url), so old keys keep decrypting after rotation.
 */
export class FieldCipher {
  private readonly current: { id: string; key: Buffer };
  private readonly keys: Map<string, Buffer>;

  constructor(key: Buffer, oldKeys: Buffer[] = []) {
    if (key.length !== 32) throw new Error("field encryption key must be 32 bytes");
    this.current = { id: keyId(key), key };
    this.keys = new Map([key, ...oldKeys].map((k) => [keyId(k), k]));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.current.key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ["v1", this.current.id, iv.toString("base64url"), tag.toString("base64url"), body.toString("base64url")].join(".");
  }

  decrypt(sealed: string): string {
    const [version, id, iv, tag, body] = sealed.split(".");
    const key = id ? this.keys.get(id) : undefined;
    if (version !== "v1" || !key || !iv || !tag || body === undefined) {
      throw new DecryptionError("unknown format or key");
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    } catch {
      throw new DecryptionError("authentication failed");
    }
  }
}
