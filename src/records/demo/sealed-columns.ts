import type { SealedColumn } from "../../storage/sqlite/reseal.js";

/**
 * Every column of the demo back office's file that holds values sealed with the field cipher, for
 * `npm run keys:rotate`: the applicant's ID number and answers, and the file's own random keys
 * (meta: the lookup key of ID numbers and the secret of verification codes). Without the last two
 * the file cannot be opened once the old key is gone.
 */
export const DEMO_RECORDS_SEALED_COLUMNS: SealedColumn[] = [
  { table: "meta", column: "value", where: "key IN ('lookup_key', 'verification_secret')" },
  { table: "applications", column: "id_number_sealed" },
  { table: "applications", column: "values_sealed" },
];
