import { verdictMessage, type ReasonCode, type Verdict } from "@acredita/core";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { formatIsolated, formatMessage, type Params } from "./icu.ts";
import { INTL_LOCALE, persistLanguage, type Language } from "./languages.ts";
import { type Catalog, loadCatalog } from "./load-messages.ts";
import type { MessageKey } from "./messages/en.ts";

export type { Params };

export interface I18n {
  language: Language;
  /** The UI string `key` as an ICU message (plurals, agreement), its arguments from `params` (as text, never markup). */
  t: (key: MessageKey, params?: Params) => string;
  /**
   * Like `t`, with each plain `{name}` argument in its own `<bdi>`: for sentences that carry a name, an id or any
   * other text from a credential or the chain, so its direction cannot reorder the app's own words.
   */
  tIsolated: (key: MessageKey, params?: Params) => ReactNode;
  /** core's sentence for a reason code. */
  reason: (code: ReasonCode) => string;
  /** core's name of a verdict. */
  verdict: (verdict: Verdict) => string;
  date: (value: Date | number, withTime?: boolean) => string;
  number: (value: number) => string;
  setLanguage: (language: Language) => Promise<void>;
}

const I18nContext = createContext<I18n | null>(null);

/**
 * Dates with a time of day. Spanish and Portuguese use the 24-hour clock, as official documents in Latin America and
 * Brazil do: es-419's "p.m." would otherwise end a sentence in "p.m..".
 */
export function dateTimeFormat(language: Language): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(INTL_LOCALE[language], {
    dateStyle: "long",
    timeStyle: "short",
    ...(language === "en" ? {} : { hourCycle: "h23" as const }),
  });
}

export function I18nProvider(props: { initial: { language: Language } & Catalog; children: ReactNode }) {
  const [state, setState] = useState(props.initial);
  const setLanguage = useCallback(async (language: Language) => {
    const catalog = await loadCatalog(language);
    persistLanguage(language);
    document.documentElement.lang = language;
    setState({ language, ...catalog });
  }, []);
  const value = useMemo<I18n>(() => {
    const locale = INTL_LOCALE[state.language];
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "long" });
    const withTimeFormat = dateTimeFormat(state.language);
    const numberFormat = new Intl.NumberFormat(locale);
    return {
      language: state.language,
      t: (key, params) => formatMessage(state.messages[key], locale, params),
      tIsolated: (key, params) => formatIsolated(state.messages[key], locale, params),
      reason: (code) => state.reasons[code],
      verdict: (verdict) => verdictMessage(verdict, state.language),
      date: (value, withTime = false) => (withTime ? withTimeFormat : dateFormat).format(value),
      number: (value) => numberFormat.format(value),
      setLanguage,
    };
  }, [state, setLanguage]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === null) throw new Error("useI18n outside I18nProvider");
  return i18n;
}
