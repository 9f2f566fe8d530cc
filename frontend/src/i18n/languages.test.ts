import { describe, expect, it } from "vitest";
import { languageFromPreferences } from "./languages.ts";
import { en } from "./messages/en.ts";
import { es } from "./messages/es.ts";
import { ptBR } from "./messages/pt-BR.ts";
import { fill } from "./I18nProvider.tsx";

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
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  it.each([
    ["es", es],
    ["pt-BR", ptBR],
  ])("%s has every English key, with the same placeholders, and no untranslated long sentence", (_, catalog) => {
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
    for (const [key, english] of Object.entries(en)) {
      const translated = catalog[key as keyof typeof en];
      expect(placeholders(translated), key).toEqual(placeholders(english));
      if (english.length > 25) expect(translated, key).not.toBe(english);
    }
  });
});

describe("fill", () => {
  it("fills placeholders as text and leaves unknown ones alone", () => {
    expect(fill("{a} and {b}", { a: "<script>" })).toBe("<script> and {b}");
  });
});
