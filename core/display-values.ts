/**
 * Display values read defensively from an untrusted JSON value (credential-view.ts): own members only (never
 * `__proto__`, `constructor`… from the prototype), lists capped, texts trimmed and cut, numbers finite, links https
 * only ({@link safeHttpsUrl}). Nothing here throws or returns markup.
 */
import { safeHttpsUrl } from "./safe-url.ts";

/** Caps that keep a hostile credential from flooding the page. */
export const VIEW_LIMITS = {
  /** Characters of a plain text (name, code, value…). */
  text: 2000,
  /** Characters of a Markdown text. */
  markdown: 20_000,
  /** Elements read from any one list. */
  list: 50,
} as const;

/** Markdown source (OB 3.0 `Markdown` type): render it only with a renderer that drops raw HTML. */
export type Markdown = string & { readonly markdown?: never };

export type Obj = Record<string, unknown>;

export function obj(value: unknown): Obj | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;
}

/** An own property only: `__proto__`, `constructor`, `toString`… never come from the prototype. */
export function get(o: Obj | undefined, key: string): unknown {
  return o !== undefined && Object.hasOwn(o, key) ? o[key] : undefined;
}

/** A value that may be one element or a list of them, as a capped list. */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.slice(0, VIEW_LIMITS.list) : [value];
}

export function objects(value: unknown): Obj[] {
  return list(value)
    .map(obj)
    .filter((o): o is Obj => o !== undefined);
}

export function cut(value: string, max: number): string | undefined {
  // Trim only a bounded prefix: a huge string costs no more than a long one.
  const trimmed = (value.length > max + 64 ? value.slice(0, max + 64) : value).trim();
  if (trimmed === "") return undefined;
  return trimmed.length > max ? `${trimmed.slice(0, max)}…` : trimmed;
}

/** A display string: strings (trimmed, cut to a readable length) and finite numbers; anything else is absent. */
export function displayText(value: unknown, max: number = VIEW_LIMITS.text): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" ? cut(value, max) : undefined;
}

export function markdown(value: unknown): Markdown | undefined {
  return typeof value === "string" ? cut(value, VIEW_LIMITS.markdown) : undefined;
}

export function num(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^\s*-?\d{1,15}(\.\d{1,15})?\s*$/.test(value)) return Number(value);
  return undefined;
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

export function texts(value: unknown): string[] {
  return list(value)
    .map((v) => displayText(v))
    .filter((v): v is string => v !== undefined);
}

/** A link when https, otherwise the text, for ids and URLs that may be anything (URN, DID, http…). */
export function linkOrText(value: unknown): { url?: string; text?: string } {
  const url = safeHttpsUrl(value);
  if (url !== undefined) return { url };
  const text = displayText(value);
  return text === undefined ? {} : { text };
}

/** Drops undefined members so views compare and serialise cleanly. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
