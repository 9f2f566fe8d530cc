/**
 * ICU MessageFormat for the app's catalogs (`intl-messageformat`): `{name}` arguments, `{n, plural, one {…} other
 * {…}}` by the language's plural rules and `{x, select, …}` for grammatical agreement. Tags are not interpreted
 * (a `<` in a message is text). Each message is compiled once per locale.
 */
import { IntlMessageFormat } from "intl-messageformat";
import { createElement, Fragment, type ReactNode } from "react";

export type Params = Readonly<Record<string, string | number>>;

const compiled = new Map<string, IntlMessageFormat>();

function compile(message: string, locale: string): IntlMessageFormat {
  const id = `${locale}\u0000${message}`;
  let format = compiled.get(id);
  if (format === undefined) {
    format = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true });
    compiled.set(id, format);
  }
  return format;
}

/**
 * Whether `message` is plain text to ICU, formatted as written: no argument or plural (`{`, `}`) and no quoting
 * (`'`). Most of the catalogs' messages are; they skip the parser, the largest CPU cost of a first render on a phone.
 */
function isPlain(message: string): boolean {
  return !/[{}']/.test(message);
}

/** `message` formatted for `locale`. A message that cannot be formatted (a missing argument) is shown as written. */
export function formatMessage(message: string, locale: string, params: Params = {}): string {
  if (isPlain(message)) return message;
  try {
    const out: unknown = compile(message, locale).format(params);
    return typeof out === "string" ? out : String(out);
  } catch {
    return message;
  }
}

interface Element {
  type: number;
  value: string;
  options?: Readonly<Record<string, { value: readonly Element[] }>>;
  children?: readonly Element[];
}

const ARGUMENT = 1;

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
export function formatIsolated(message: string, locale: string, params: Params = {}): ReactNode {
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
    return message;
  }
}
