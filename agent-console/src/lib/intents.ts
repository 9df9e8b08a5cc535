import type { IntentNameView, Locale } from "./protocol";

/**
 * An intent's name in the console's language (from agent:hello.intents), or its id when the
 * console has no name for it (an intent added after this console connected).
 */
export function intentName(
  names: Readonly<Record<string, IntentNameView>>,
  id: string,
  locale: Locale,
): string {
  const known = Object.hasOwn(names, id) ? names[id] : undefined;
  return known?.[locale] || id;
}
