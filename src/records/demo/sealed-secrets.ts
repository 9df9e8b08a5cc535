import { randomBytes } from "node:crypto";
import { DecryptionError, type FieldCipher } from "../../security/field-cipher.js";
import { RecordsError } from "../errors.js";

/**
 * The demo records' own random keys (demo-records-store.ts, SecretName), kept by each store sealed
 * with the field cipher: made once, on a first start, and read on every later one.
 */

/**
 * A new random key, sealed with the field cipher, for a store that has none yet. Keys derived from
 * the ID alone (a plain SHA-256) could be reversed by trying every birth date and region; these
 * cannot be without the field key.
 */
export function freshSealedSecret(cipher: FieldCipher): string {
  return cipher.encrypt(randomBytes(32).toString("base64"));
}

/** A secret the store keeps sealed; RECORDS_WRONG_KEY when another field key sealed it. */
export function unsealSecret(sealed: string, cipher: FieldCipher, where: string): Buffer {
  try {
    return Buffer.from(cipher.decrypt(sealed), "base64");
  } catch (err) {
    if (err instanceof DecryptionError) {
      throw new RecordsError(
        "RECORDS_WRONG_KEY",
        `${where} was sealed with another FIELD_ENCRYPTION_KEY; set that key (or list it in FIELD_ENCRYPTION_OLD_KEYS)`,
      );
    }
    throw err;
  }
}
