import { IntlMessageFormat } from "intl-messageformat";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { consoleMessages, type ConsoleKey } from "../features/console/console-messages.ts";
import { dateTimeFormat } from "./I18nProvider.tsx";
import { formatIsolated, formatMessage, messageArguments, type Params } from "./icu.ts";
import { INTL_LOCALE, languageFromPreferences, type Language } from "./languages.ts";
import { en, type MessageKey } from "./messages/en.ts";
import { es } from "./messages/es.ts";
import { ptBR } from "./messages/pt-BR.ts";

describe("languageFromPreferences", () => {
  it("picks the first language the app speaks, any Spanish as es and any Portuguese as pt-BR", () => {
    expect(languageFromPreferences(["fr-FR", "es-AR", "en"])).toBe("es");
    expect(languageFromPreferences(["pt-PT"])).toBe("pt-BR");
    expect(languageFromPreferences(["de", "en-GB"])).toBe("en");
  });
  it("falls back to English", () => {
    expect(languageFromPreferences(["de", "ja"])).toBe("en");
    expect(languageFromPreferences([])).toBe("en");
  });
});

describe("message catalogs", () => {
  const catalogs = [
    ["es", es],
    ["pt-BR", ptBR],
  ] as const;
  const argumentsOf = (message: string) => [...messageArguments(message)].sort();

  const ending = (message: string) => /[.:?!…]$/.exec(message)?.[0] ?? "";

  it.each(catalogs)("%s translates every sentence, none empty, each ending as English's does", (_, catalog) => {
    for (const [key, english] of Object.entries(en)) {
      const translated = catalog[key as MessageKey];
      expect(translated.trim(), key).not.toBe("");
      expect(translated, key).toBe(translated.trim());
      expect(ending(translated), key).toBe(ending(english));
      if (english.length > 25) expect(translated, key).not.toBe(english);
    }
  });

  it("parses every message of every catalog (the verifier's and the console's) as ICU, with English's arguments", () => {
    let checked = 0;
    for (const [language, catalog] of [["en", en], ...catalogs] as const) {
      for (const [key, message] of Object.entries(catalog)) {
        expect(() => messageArguments(message, INTL_LOCALE[language]), `${language} ${key}`).not.toThrow();
        expect(argumentsOf(message), `${language} ${key}`).toEqual(argumentsOf(en[key as MessageKey]));
        checked++;
      }
    }
    for (const language of ["en", "es", "pt-BR"] as const) {
      for (const [key, message] of Object.entries(consoleMessages[language])) {
        expect(argumentsOf(message), `console ${language} ${key}`).toEqual(
          argumentsOf(consoleMessages.en[key as ConsoleKey]),
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3 * 400);
  });

  it("formats every message, plain text included, exactly as intl-messageformat does", () => {
    let plain = 0;
    for (const [language, catalog] of [["en", en], ...catalogs, ...Object.entries(consoleMessages)] as const) {
      const locale = INTL_LOCALE[language as Language];
      for (const [key, message] of Object.entries(catalog)) {
        if (messageArguments(message, locale).size > 0) continue;
        const expected = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true }).format();
        expect(formatMessage(message, locale), `${language} ${key}`).toBe(expected);
        expect(formatIsolated(message, locale), `${language} ${key}`).toEqual(expected);
        if (!/[{}']/.test(message)) plain++;
      }
    }
    expect(formatMessage("it''s the learner''s", "en")).toBe("it's the learner's"); // quoting is not plain
    expect(plain).toBeGreaterThan(3 * 300);
  });

  it("has no plural left as '(s)' and no bare count before a noun", () => {
    for (const [language, catalog] of [["en", en], ...catalogs, ...Object.entries(consoleMessages)] as const) {
      for (const [key, message] of Object.entries(catalog)) {
        expect(message, `${language} ${key}`).not.toMatch(/\((s|es|is)\)/);
        expect(message, `${language} ${key}`).not.toMatch(
          /\{(n|count)\} (credential|credencia|field|campo|hour|hora|source|fuente|fonte)/,
        );
      }
    }
  });
});

describe("plurals and agreement", () => {
  const say = (language: Language, key: MessageKey, params: Params) =>
    formatMessage({ en, es, "pt-BR": ptBR }[language][key], INTL_LOCALE[language], params);

  it.each([
    ["en", ["no fields", "1 field", "3 fields"], ["0 hours", "1 hour", "1,500 hours"]],
    ["es", ["ningún campo", "1 campo", "3 campos"], ["0 horas", "1 hora", "1,500 horas"]],
    ["pt-BR", ["nenhum campo", "1 campo", "3 campos"], ["0 horas", "1 hora", "1.500 horas"]],
  ] as const)("counts 0, 1 and many in %s", (language, fields, hours) => {
    expect([0, 1, 3].map((n) => say(language, "card.hidden", { n }))).toEqual(fields);
    expect([0, 1, 1500].map((n) => say(language, "facts.hours", { n }))).toEqual(hours);
  });

  it.each([
    ["en", "through 1 source; 1 answered", "through 3 sources; 2 answered alike"],
    ["es", "a través de 1 fuente; 1 respondió", "a través de 3 fuentes; 2 respondieron lo mismo"],
    ["pt-BR", "por meio de 1 fonte; 1 respondeu", "por meio de 3 fontes; 2 responderam o mesmo"],
  ] as const)("says how many sources answered in %s", (language, one, many) => {
    const read = (count: number, answered: number) =>
      say(language, "checks.read", { block: "7", time: "t", count, answered, quorum: "1" });
    expect(read(1, 1)).toContain(one);
    expect(read(3, 2)).toContain(many);
  });

  it("counts credentials in the console's buttons in each language", () => {
    const anchor = (language: Language, n: number) =>
      formatMessage(consoleMessages[language]["action.anchor"], INTL_LOCALE[language], { n });
    expect([1, 2].map((n) => anchor("en", n))).toEqual(["Anchor 1 credential", "Anchor 2 credentials"]);
    expect([1, 2].map((n) => anchor("es", n))).toEqual(["Anclar 1 credencial", "Anclar 2 credenciales"]);
    // Portuguese's "one" covers 0 as well: zero takes the plural, as Brazilians write it.
    expect([0, 1, 2].map((n) => anchor("pt-BR", n))).toEqual([
      "Ancorar 0 credenciais",
      "Ancorar 1 credencial",
      "Ancorar 2 credenciais",
    ]);
  });

  it("makes each check's status agree with the check's name in Spanish and Portuguese", () => {
    const row = (language: Language, check: string, status: string) =>
      `${say(language, `check.${check}` as MessageKey, {})} ${say(language, `status.${status}` as MessageKey, { check })}`;
    expect(row("es", "FORMAT", "VALID")).toBe("Formato correcto");
    expect(row("es", "INTEGRITY", "VALID")).toBe("Integridad correcta");
    expect(row("es", "SIGNATURE", "INVALID")).toBe("Firma del emisor incorrecta");
    expect(row("es", "VALIDITY", "SKIPPED")).toBe("Período de validez no comprobado");
    expect(row("pt-BR", "ISSUER", "VALID")).toBe("Emissor aprovado");
    expect(row("pt-BR", "ANCHOR", "VALID")).toBe("Ancoragem aprovada");
    expect(row("pt-BR", "FORMAT", "INVALID")).toBe("Formato reprovado");
    expect(row("en", "ISSUER", "VALID")).toBe("Issuer passed");
  });

  it("never ends a sentence in a doubled period after an afternoon time", () => {
    const afternoon = Date.UTC(2026, 2, 3, 15, 5);
    for (const language of ["en", "es", "pt-BR"] as const) {
      const time = dateTimeFormat(language).format(afternoon);
      const catalog = { en, es, "pt-BR": ptBR }[language];
      for (const [key, message] of Object.entries(catalog)) {
        if (!messageArguments(message).has("time")) continue;
        const params = Object.fromEntries(
          [...messageArguments(message)].map(([name]) => [name, name === "time" ? time : 2]),
        );
        expect(formatMessage(message, INTL_LOCALE[language], params), `${language} ${key}`).not.toMatch(/\.\./);
      }
    }
    expect(dateTimeFormat("es").format(afternoon)).not.toMatch(/p\. ?m\./);
  });
});

describe("formatIsolated", () => {
  it("sets each text argument apart in a <bdi>, so a right-to-left override stays inside it", () => {
    const html = renderToStaticMarkup(
      formatIsolated("{name} — differs from {n, plural, one {# name} other {# names}}.", "en", {
        name: "\u202Eevil",
        n: 2,
      }),
    );
    expect(html).toBe("<bdi>\u202Eevil</bdi> — differs from 2 names.");
  });

  it("formats as text, never markup, and leaves a message it cannot fill as written", () => {
    expect(formatMessage("{a} and <b>bold</b>", "en", { a: "<script>" })).toBe("<script> and <b>bold</b>");
    expect(formatMessage("{a} and {b}", "en", { a: "x" })).toBe("{a} and {b}");
  });
});
