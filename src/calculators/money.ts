/** Yuan rounded to the fen (0.01), the precision agencies pay in. Halves go up: amounts are never negative. */
export const roundToFen = (yuan: number): number => Math.round(yuan * 100) / 100;
