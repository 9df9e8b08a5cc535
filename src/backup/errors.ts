/** A backup or restore that was not started: what it was asked to do cannot be done as asked (exit 2). */
export class BackupRefused extends Error {
  override name = "BackupRefused";
}

/** A backup that does not hold what its manifest says: a checksum, size or row count differs (exit 1). */
export class BackupDamaged extends Error {
  override name = "BackupDamaged";
}
