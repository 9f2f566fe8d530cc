import type { Language } from "@acredita/core";

export type { Language };

/** The app's languages, in the order the switcher lists them. */
export const LANGUAGES: readonly Language[] = ["es", "pt-BR", "en"];

/** Each language's name in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = { es: "Español", "pt-BR": "Português (Brasil)", en: "English" };

/** The locale used for dates and numbers: Spanish is Latin American Spanish (es-419). */
export const INTL_LOCALE: Record<Language, string> = { es: "es-419", "pt-BR": "pt-BR", en: "en" };

const STORAGE_KEY = "acredita.language";

export function isLanguage(value: unknown): value is Language {
  return value === "en" || value === "es" || value === "pt-BR";
}

/** The first of the browser's preferred languages the app speaks (any Portuguese → pt-BR), else English. */
export function languageFromPreferences(preferences: readonly string[]): Language {
  for (const tag of preferences) {
    const primary = tag.toLowerCase().split("-")[0];
    if (primary === "es") return "es";
    if (primary === "pt") return "pt-BR";
    if (primary === "en") return "en";
  }
  return "en";
}

/** The language chosen before (persisted), else the browser's. */
export function initialLanguage(): Language {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage may be disabled; fall back to the browser's preferences.
  }
  if (isLanguage(stored)) return stored;
  return languageFromPreferences(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

export function persistLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted when storage is disabled; the choice still holds for this page.
  }
}
