import { useI18n } from "../lib/i18n";

/** Shows the language it switches to, in that language (中文 / English). */
export function LocaleToggle() {
  const { locale, t, setLocale } = useI18n();
  return (
    <button
      type="button"
      className="button button--quiet"
      data-testid="locale-toggle"
      lang={t.switchToLang}
      aria-label={t.switchToLabel}
      onClick={() => setLocale(locale === "zh" ? "en" : "zh")}
    >
      {t.switchTo}
    </button>
  );
}
