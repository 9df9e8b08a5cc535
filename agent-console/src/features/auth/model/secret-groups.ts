/**
 * A base32 secret in groups of four ("JBSW Y3DP EHPK 3PXP"), the way it is easiest to copy by hand
 * into an authenticator app; the apps ignore the spaces.
 */
export function groupSecret(secret: string, size = 4): string {
  const plain = secret.replace(/[\s=]/g, "").toUpperCase();
  return plain.match(new RegExp(`.{1,${size}}`, "g"))?.join(" ") ?? "";
}
