import { createContext, useContext, useMemo, type ReactNode } from "react";
import { fill, useI18n, type Params } from "../../i18n/I18nProvider.tsx";
import { consoleMessages, type ConsoleKey } from "./console-messages.ts";
import type { WriteFailure } from "./write-flow.ts";

interface ConsoleI18n {
  ct: (key: ConsoleKey, params?: Params) => string;
  /** A write's failure as a sentence: contract errors by name, with their evidence. */
  failure: (failure: WriteFailure) => string;
}

const Context = createContext<ConsoleI18n | null>(null);

function paramsOf(args: readonly unknown[]): Params {
  return Object.fromEntries(args.map((a, i) => [`a${String(i)}`, typeof a === "bigint" ? a.toString() : String(a)]));
}

/** The console's strings ship in its own chunk (all three languages), following the app's language. */
export function ConsoleI18nProvider({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  const value = useMemo<ConsoleI18n>(() => {
    const messages = consoleMessages[language];
    const ct = (key: ConsoleKey, params?: Params) => fill(messages[key], params);
    return {
      ct,
      failure: (f) => {
        if (f.kind === "rejected") return ct("error.rejected");
        if (f.kind === "reverted") return ct("error.reverted", { hash: f.hash });
        if (f.kind === "other") return ct("error.other", { message: f.message });
        const key = `error.${f.errorName}` as ConsoleKey;
        return Object.hasOwn(messages, key)
          ? fill(messages[key], paramsOf(f.args))
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
