/** Luhn (mod 10), the check bank cards carry: kept where masking finds card numbers, one copy. */
export { luhnValid } from "../../security/masking.js";
