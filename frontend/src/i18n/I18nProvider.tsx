import { reasonMessage, verdictMessage, type ReasonCode, type Verdict } from "@acredita/core/reasons.ts";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { INTL_LOCALE, persistLanguage, type Language } from "./languages.ts";
import { loadMessages } from "./load-messages.ts";
import type { MessageKey, Messages } from "./messages/en.ts";

export type Params = Readonly<Record<string, string | number>>;

export interface I18n {
  language: Language;
  /** The UI string `key`, with `{name}` placeholders filled from `params` (as text, never markup). */
  t: (key: MessageKey, params?: Params) => string;
  /** core's sentence for a reason code. */
  reason: (code: ReasonCode) => string;
  /** core's name of a verdict. */
  verdict: (verdict: Verdict) => string;
  date: (value: Date | number, withTime?: boolean) => string;
  number: (value: number) => string;
  setLanguage: (language: Language) => Promise<void>;
}

const I18nContext = createContext<I18n | null>(null);

export function fill(template: string, params: Params | undefined): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function I18nProvider(props: { initial: { language: Language; messages: Messages }; children: ReactNode }) {
  const [state, setState] = useState(props.initial);
  const setLanguage = useCallback(async (language: Language) => {
    const messages = await loadMessages(language);
    persistLanguage(language);
    document.documentElement.lang = language;
    setState({ language, messages });
  }, []);
  const value = useMemo<I18n>(() => {
    const locale = INTL_LOCALE[state.language];
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "long" });
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short" });
    const numberFormat = new Intl.NumberFormat(locale);
    return {
      language: state.language,
      t: (key, params) => fill(state.messages[key], params),
      reason: (code) => reasonMessage(code, state.language),
      verdict: (verdict) => verdictMessage(verdict, state.language),
      date: (value, withTime = false) => (withTime ? dateTimeFormat : dateFormat).format(value),
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
