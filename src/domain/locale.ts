/** The two languages the desk speaks; every text a citizen or agent reads exists in both. */
export type Locale = "zh" | "en";

/** A stored language tag as a locale: anything but English is Chinese, the default. */
export const asLocale = (tag: string | null | undefined): Locale => (tag === "en" ? "en" : "zh");
