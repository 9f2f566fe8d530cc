import { type ReasonCode, reasonMessage } from "@acredita/core";
import { describe, expect, it } from "vitest";
import { consoleMessages } from "../features/console/console-messages.ts";
import { formatIsolated, formatMessage, type Message, messageArguments, type Params } from "./icu.ts";
import { INTL_LOCALE, type Language } from "./languages.ts";
import { en } from "./messages/en.ts";
import { es } from "./messages/es.ts";
import { ptBR } from "./messages/pt-BR.ts";
import { precompileCatalog } from "./precompile.ts";
import { REASONS } from "./test-reasons.ts";

type Catalog = readonly [Language, Readonly<Record<string, string>>];
const CATALOGS: readonly Catalog[] = [
  ["en", en],
  ["es", es],
  ["pt-BR", ptBR],
  ...(["en", "es", "pt-BR"] as const).map((language): Catalog => [language, consoleMessages[language]]),
];

/** Arguments for `message` that reach each branch of a plural or select with `value`. */
function paramsFor(message: string, value: number | string): Params {
  return Object.fromEntries(
    [...messageArguments(message)].map(([name, kind]) => [name, kind === "plural" ? Number(value) || 1 : value]),
  );
}

describe("the build's precompiled catalogs (ASTs instead of ICU sources)", () => {
  it("format every message of every catalog exactly as its source does, plain messages kept as text", () => {
    let trees = 0;
    for (const [language, catalog] of CATALOGS) {
      const locale = INTL_LOCALE[language];
      // As the build writes them: JSON.
      const built = JSON.parse(JSON.stringify(precompileCatalog(catalog, locale))) as Record<string, Message>;
      expect(Object.keys(built)).toEqual(Object.keys(catalog));
      for (const [key, source] of Object.entries(catalog)) {
        const message = built[key] as Message;
        if (typeof message === "string") {
          expect(message, key).toBe(source);
          continue;
        }
        trees++;
        for (const value of [0, 1, 2, 5, "female", "male", "other", "a name"]) {
          const params = paramsFor(source, value);
          expect(formatMessage(message, locale, params), `${language} ${key}`).toBe(
            formatMessage(source, locale, params),
          );
          expect(formatIsolated(message, locale, params), `${language} ${key}`).toEqual(
            formatIsolated(source, locale, params),
          );
        }
      }
    }
    expect(trees).toBeGreaterThan(6 * 40);
  });

  it("gives a language's locale to each language of a catalog keyed by language, and refuses a message without", () => {
    const built = precompileCatalog({ es: { n: "{n, plural, one {# día} other {# días}}" } }) as {
      es: { n: Message };
    };
    expect(formatMessage(built.es.n, "es-419", { n: 2 })).toBe("2 días");
    expect(() => precompileCatalog({ key: "{n}" })).toThrow(/no language/);
  });

  it("shows a tree that cannot be formatted (a missing argument) with its arguments as written", () => {
    const built = precompileCatalog({ m: "{a} and {b}" }, "en") as { m: Message };
    expect(formatMessage(built.m, "en", { a: "x" })).toBe("{a} and {b}");
  });
});

describe("core's reason sentences, one table per language (virtual:acredita-reasons/<language>)", () => {
  it("hold every reason code's sentence in that language, as core gives it", () => {
    const codes = Object.keys(REASONS.en) as ReasonCode[];
    expect(codes.length).toBeGreaterThan(50);
    for (const language of ["en", "es", "pt-BR"] as const) {
      expect(Object.keys(REASONS[language])).toEqual(codes);
      for (const code of codes) expect(REASONS[language][code], code).toBe(reasonMessage(code, language));
    }
  });
});
