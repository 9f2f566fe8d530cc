/**
 * ICU MessageFormat for the app's catalogs (`intl-messageformat`): `{name}` arguments, `{n, plural, one {…} other
 * {…}}` by the language's plural rules and `{x, select, …}` for grammatical agreement. Tags are not interpreted
 * (a `<` in a message is text). Each message is compiled once per locale.
 *
 * The built app ships no ICU parser: the build replaces every catalog's messages that are not plain text by their
 * syntax trees (`precompileCatalog`, run by vite.config.ts), and intl-messageformat formats those directly. The dev
 * server and the tests format the source strings.
 */
import { IntlMessageFormat } from "intl-messageformat";
import { createElement, Fragment, type ReactNode } from "react";

export type Params = Readonly<Record<string, string | number>>;

/** A message's syntax tree, as intl-messageformat parses it. */
export type MessageAst = ReturnType<IntlMessageFormat["getAst"]>;
/** A catalog message: its ICU source, or (in the built app) the syntax tree of one that is not plain text. */
export type Message = string | MessageAst;

const OPTIONS = { ignoreTag: true } as const;
const compiled = new Map<string, IntlMessageFormat>();
const compiledTrees = new WeakMap<MessageAst, Map<string, IntlMessageFormat>>();

interface Element {
  type: number;
  value: string;
  options?: Readonly<Record<string, { value: readonly Element[] }>>;
  children?: readonly Element[];
}

const LITERAL = 0;
const ARGUMENT = 1;

function compile(message: Message, locale: string): IntlMessageFormat {
  if (typeof message !== "string") {
    let byLocale = compiledTrees.get(message);
    if (byLocale === undefined) compiledTrees.set(message, (byLocale = new Map<string, IntlMessageFormat>()));
    let format = byLocale.get(locale);
    if (format === undefined)
      byLocale.set(locale, (format = new IntlMessageFormat(message, locale, undefined, OPTIONS)));
    return format;
  }
  const id = `${locale}\u0000${message}`;
  let format = compiled.get(id);
  if (format === undefined) {
    format = new IntlMessageFormat(message, locale, undefined, OPTIONS);
    compiled.set(id, format);
  }
  return format;
}

/** The syntax tree of `message` for `locale` (the build's precompilation: vite.config.ts). */
export function messageAst(message: string, locale: string): MessageAst {
  return compile(message, locale).getAst();
}

/**
 * Whether `message` is plain text to ICU, formatted as written: no argument or plural (`{`, `}`) and no quoting
 * (`'`). Most of the catalogs' messages are; they skip the parser, the largest CPU cost of a first render on a phone.
 */
export function isPlain(message: Message): message is string {
  return typeof message === "string" && !/[{}']/.test(message);
}

/**
 * What a message that cannot be formatted shows: its source, or for a syntax tree its text with each argument as
 * `{name}`.
 */
function asWritten(message: Message): string {
  if (typeof message === "string") return message;
  const elements = message as unknown as readonly Element[];
  return elements.map((e) => (e.type === LITERAL ? e.value : `{${e.value}}`)).join("");
}

/** `message` formatted for `locale`. A message that cannot be formatted (a missing argument) is shown as written. */
export function formatMessage(message: Message, locale: string, params: Params = {}): string {
  if (isPlain(message)) return message;
  try {
    const out: unknown = compile(message, locale).format(params);
    return typeof out === "string" ? out : String(out);
  } catch {
    return asWritten(message);
  }
}

/** Every argument a message uses, by name: "text" for a plain `{name}`, else its kind ("plural", "select"…). */
export function messageArguments(message: string, locale = "en"): Map<string, string> {
  const kinds = ["literal", "text", "number", "date", "time", "select", "plural", "pound", "tag"];
  const found = new Map<string, string>();
  const walk = (elements: readonly Element[]) => {
    for (const e of elements) {
      if (e.type !== 0 && e.type !== 7 && e.type !== 8) found.set(e.value, kinds[e.type] ?? "?");
      for (const option of Object.values(e.options ?? {})) walk(option.value);
      walk(e.children ?? []);
    }
  };
  walk(compile(message, locale).getAst() as unknown as readonly Element[]);
  return found;
}

/**
 * `message` formatted with every plain `{name}` argument set apart in its own `<bdi>` (bidirectional isolation),
 * for sentences that carry text from a credential or the chain: a right-to-left name, or one with a direction
 * override in it, then cannot reorder the words around it. Plural and select arguments are used as given.
 */
export function formatIsolated(message: Message, locale: string, params: Params = {}): ReactNode {
  if (isPlain(message)) return message;
  try {
    const format = compile(message, locale);
    const plain = new Set<string>();
    const walk = (elements: readonly Element[]) => {
      for (const e of elements) {
        if (e.type === ARGUMENT) plain.add(e.value);
        for (const option of Object.values(e.options ?? {})) walk(option.value);
      }
    };
    walk(format.getAst() as unknown as readonly Element[]);
    const values: Record<string, string | number | ReactNode> = { ...params };
    for (const name of plain) {
      const value = params[name];
      if (typeof value === "string") values[name] = createElement("bdi", null, value);
    }
    const out = format.format<ReactNode>(values);
    if (!Array.isArray(out)) return out;
    return createElement(Fragment, null, ...out.map((part, i) => createElement(Fragment, { key: i }, part)));
  } catch {
    return asWritten(message);
  }
}
