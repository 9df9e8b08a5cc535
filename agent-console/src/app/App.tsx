import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { SignIn, useStaffSession } from "../features/auth";
import { I18nContext, initialLocale, LOCALE_KEY, SHARED_STRINGS } from "../lib/i18n";
import type { Locale } from "../lib/protocol";
import { safeStorage } from "../lib/storage";
import { ConsoleShell } from "./ConsoleShell";

const prefs = safeStorage("localStorage");

/** The language (remembered per browser) and the session decide between sign-in and the console. */
export function App() {
  const [locale, setLocaleState] = useState<Locale>(() =>
    initialLocale(prefs.get(LOCALE_KEY), navigator.languages),
  );
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const { session, expired, signedIn, signOut } = useStaffSession();

  const setLocale = useCallback((next: Locale) => {
    prefs.set(LOCALE_KEY, next);
    setLocaleState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale === "zh" ? "zh-CN" : "en";
    const t = SHARED_STRINGS[locale];
    document.title = `${t.appTitle} · ${t.deskName}`;
  }, [locale]);

  const i18n = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  const currentLocale = useCallback(() => localeRef.current, []);

  return (
    <I18nContext value={i18n}>
      {session ? (
        <ConsoleShell key={session.token} session={session} locale={currentLocale} onSignOut={signOut} />
      ) : (
        <SignIn expired={expired} onSignedIn={signedIn} />
      )}
    </I18nContext>
  );
}
