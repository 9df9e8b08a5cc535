import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** Raised when a stored value cannot be decrypted: wrong key, or tampered with. */
export class DecryptionError extends Error {
  readonly code = "SECURITY_DECRYPT_FAILED";
}

/**
 * A key's public name: the first 8 hex characters of its SHA-256. Sealed values carry it, so the
 * key that sealed a value is known without trying every key, and the name can be logged and shown
 * to an operator (it says nothing usable about the key).
 */
export const fieldKeyId = (key: Buffer): string => createHash("sha256").update(key).digest("hex").slice(0, 8);

const SEALED = /^v1\.([0-9a-f]{8})\./;

/** The id of the key that sealed `sealed`, or undefined when it is not a sealed value. */
export function sealedKeyId(sealed: string): string | undefined {
  return SEALED.exec(sealed)?.[1];
}

/**
 * Field-level AES-256-GCM for personal data at rest. The output names the key it was made with
 * (`v1.<keyId>.<iv>.<tag>.<ciphertext>`, base64url, keyId as in fieldKeyId; the format since the
 * first release), so old keys keep decrypting after a rotation and `npm run keys:rotate` can tell
 * which values still need sealing again under the current key.
 */
export class FieldCipher {
  private readonly current: { id: string; key: Buffer };
  private readonly keys: Map<string, Buffer>;

  constructor(key: Buffer, oldKeys: Buffer[] = []) {
    if (key.length !== 32) throw new Error("field encryption key must be 32 bytes");
    this.current = { id: fieldKeyId(key), key };
    // The current key wins over an old key of the same id (the same key listed twice).
    this.keys = new Map([...oldKeys, key].map((k) => [fieldKeyId(k), k]));
  }

  /** The id of the key new values are sealed with. */
  get keyId(): string {
    return this.current.id;
  }

  /** Ids of every key this cipher can open, the current one first. */
  get keyIds(): string[] {
    return [this.current.id, ...[...this.keys.keys()].filter((id) => id !== this.current.id)];
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
    if (version !== "v1" || !id || !iv || !tag || body === undefined) throw new DecryptionError("unknown format");
    const key = this.keys.get(id);
    // The id is public; naming it tells an operator which key to list in FIELD_ENCRYPTION_OLD_KEYS.
    if (!key) throw new DecryptionError(`sealed with key ${id}, which is not among the keys given`);
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    } catch {
      throw new DecryptionError("authentication failed");
    }
  }

  /**
   * The value sealed again under the current key, or undefined when it already is (a rotation can
   * run twice, or resume, without doing the work again). Throws DecryptionError as decrypt does.
   */
  reseal(sealed: string): string | undefined {
    if (sealedKeyId(sealed) === this.current.id) {
      // Still proved openable: a damaged value is found now, not after the old key is gone.
      this.decrypt(sealed);
      return undefined;
    }
    return this.encrypt(this.decrypt(sealed));
  }
}
