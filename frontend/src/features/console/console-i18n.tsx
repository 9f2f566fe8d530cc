import { createContext, useContext, useMemo, type ReactNode } from "react";
import { useI18n, type Params } from "../../i18n/I18nProvider.tsx";
import { formatMessage } from "../../i18n/icu.ts";
import { INTL_LOCALE } from "../../i18n/languages.ts";
import { consoleMessages, type ConsoleKey } from "./console-messages.ts";
import type { WriteFailure } from "./write-flow.ts";

interface ConsoleI18n {
  ct: (key: ConsoleKey, params?: Params) => string;
  /** A write's failure as a sentence: contract errors by name, with their evidence. */
  failure: (failure: WriteFailure) => string;
}

const Context = createContext<ConsoleI18n | null>(null);

/** The registry's names for text fields (its errors' `field` argument) and the labels the forms give them. */
const FIELD_LABELS: Readonly<Record<string, ConsoleKey>> = {
  name: "field.name",
  issuerId: "field.issuerId",
  website: "field.website",
  metadataURI: "field.metadataURI",
};

/**
 * A contract error's arguments as `{a0}`, `{a1}`…; and `{field}`, the label of the text field the first argument
 * names (as the registry's text errors do), in the reader's language.
 */
function paramsOf(args: readonly unknown[], ct: (key: ConsoleKey) => string): Params {
  const label = typeof args[0] === "string" && Object.hasOwn(FIELD_LABELS, args[0]) ? FIELD_LABELS[args[0]] : undefined;
  return {
    ...Object.fromEntries(args.map((a, i) => [`a${String(i)}`, typeof a === "bigint" ? a.toString() : String(a)])),
    field: label === undefined ? String(args[0]) : ct(label),
  };
}

/** The console's strings ship in its own chunk (all three languages), following the app's language. */
export function ConsoleI18nProvider({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  const value = useMemo<ConsoleI18n>(() => {
    const messages = consoleMessages[language];
    const fill = (message: string, params?: Params) => formatMessage(message, INTL_LOCALE[language], params);
    const ct = (key: ConsoleKey, params?: Params) => fill(messages[key], params);
    return {
      ct,
      failure: (f) => {
        if (f.kind === "rejected") return ct("error.rejected");
        if (f.kind === "reverted") return ct("error.reverted", { hash: f.hash });
        if (f.kind === "other") return ct("error.other", { message: f.message });
        const key = `error.${f.errorName}` as ConsoleKey;
        return Object.hasOwn(messages, key)
          ? fill(messages[key], paramsOf(f.args, ct))
          : ct("error.unknownContract", { name: f.errorName });
      },
    };
  }, [language]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useConsoleI18n(): ConsoleI18n {
  const value = useContext(Context);
  if (value === null) throw new Error("useConsoleI18n outside ConsoleI18nProvider");
  return value;
}
