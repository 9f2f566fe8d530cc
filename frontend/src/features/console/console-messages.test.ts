import { credentialRegistryAbi } from "@acredita/core";
import { describe, expect, it } from "vitest";
import { consoleMessages, type ConsoleKey } from "./console-messages.ts";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("console messages", () => {
  const registryErrors = credentialRegistryAbi
    .filter((item) => item.type === "error" && item.name.startsWith("CredentialRegistry"))
    .map((item) => (item as { name: string }).name);

  it("has a sentence for every error of the registry, in each language", () => {
    expect(registryErrors).toContain("CredentialRegistryBidiControl");
    for (const [language, messages] of Object.entries(consoleMessages)) {
      for (const name of registryErrors) {
        expect(Object.hasOwn(messages, `error.${name}`), `${language}: ${name}`).toBe(true);
      }
    }
  });

  it.each([
    ["es", consoleMessages.es],
    ["pt-BR", consoleMessages["pt-BR"]],
  ])("%s fills the same placeholders as English and translates every sentence", (_, catalog) => {
    for (const [key, english] of Object.entries(consoleMessages.en)) {
      const translated = catalog[key as ConsoleKey];
      expect(placeholders(translated), key).toEqual(placeholders(english));
      if (english.length > 25) expect(translated, key).not.toBe(english);
    }
  });
});
