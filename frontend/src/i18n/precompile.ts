/**
 * The build's precompilation of the text catalogs (vite.config.ts runs it on each catalog module): every message
 * that is not plain text becomes its syntax tree, parsed here exactly as icu.ts would parse it in the browser, so the
 * built app formats messages without shipping the ICU parser.
 */
import { isPlain, type Message, messageAst } from "./icu.ts";
import { INTL_LOCALE, isLanguage } from "./languages.ts";

/**
 * `value` (a catalog: messages, possibly nested in objects) with each message that is not plain text replaced by
 * its syntax tree for `locale`. Without a `locale`, an object keyed by languages gives each its language's locale
 * (the console's catalog holds all three). Throws for a message whose locale is unknown or whose syntax is wrong.
 */
export function precompileCatalog(value: unknown, locale?: string): unknown {
  if (typeof value === "string") {
    if (locale === undefined) throw new Error(`no language for the message ${JSON.stringify(value)}`);
    const message: Message = isPlain(value) ? value : messageAst(value, locale);
    return message;
  }
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => precompileCatalog(item, locale));
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => [
      key,
      precompileCatalog(member, locale ?? (isLanguage(key) ? INTL_LOCALE[key] : undefined)),
    ]),
  );
}
