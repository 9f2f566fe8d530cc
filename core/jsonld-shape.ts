/**
 * The shape of a JSON-LD document (jsonld-template.ts): its keys and their order, array lengths, the `@context` and
 * `type` values, numbers, booleans and nulls, and for each string only its *class* — an absolute IRI with a given
 * scheme (and whether `//` follows the colon), or anything else. Probe values stand in for a shape's strings.
 */
import type { JsonObject, JsonValue } from "./canonical.ts";

export const PROBE_MARK = "acredita-probe-";
export const PROBE_FIND = /acredita-probe-(\d+)-x/g;
// Absolute IRIs made of RFC 3986 characters only (a strict subset of what jsonld calls absolute).
const IRI_CLASS = /^([A-Za-z][A-Za-z0-9+.-]*):(\/\/)?[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
// Keys whose whole value is part of the shape: contexts, types and every keyword but @id and @value.
const isShapeKey = (key: string): boolean =>
  key === "type" || (key.startsWith("@") && key !== "@id" && key !== "@value");

/** The class of a string: `s` (any string) or `i<scheme>:` / `i<scheme>://` (an absolute IRI). */
function stringClass(value: string): string {
  const m = IRI_CLASS.exec(value);
  if (m === null) return "s";
  return `i${m[1]}:${m[2] ?? ""}`;
}

/** The probe value of the `n`-th string, of class `cls`. */
export function probeValue(cls: string, n: number): string {
  return cls === "s" ? `${PROBE_MARK}${n}-x` : `${cls.slice(1)}${PROBE_MARK}${n}-x`;
}

/** A document's shape: its key, and its strings with their classes. */
export interface Shape {
  readonly key: string;
  /** The document's strings in walk order (object keys in insertion order, arrays in order). */
  readonly strings: string[];
  readonly classes: string[];
}

// Frozen objects (a batch's shared course parts: issuer, achievement, contexts) cannot change: their walk is cached.
const frozenShapes = new WeakMap<object, Shape>();

/** The shape key and the strings of a document (a pure walk, no JSON-LD). */
export function documentShape(document: JsonObject): Shape {
  const parts: string[] = [];
  const strings: string[] = [];
  const classes: string[] = [];
  const walk = (value: JsonValue): void => {
    if (typeof value === "string") {
      const cls = stringClass(value);
      strings.push(value);
      classes.push(cls);
      parts.push(cls, ",");
      return;
    }
    if (value === null || typeof value !== "object") {
      parts.push(JSON.stringify(value), ",");
      return;
    }
    if (Object.isFrozen(value)) {
      let shape = frozenShapes.get(value);
      if (shape === undefined) {
        shape = walkFresh(value);
        frozenShapes.set(value, shape);
      }
      parts.push(shape.key);
      for (const x of shape.strings) strings.push(x);
      for (const x of shape.classes) classes.push(x);
      return;
    }
    walkMembers(value);
  };
  // The members of an array or object, walked one by one (a frozen member through the cache).
  const walkMembers = (value: JsonValue[] | JsonObject): void => {
    if (Array.isArray(value)) {
      parts.push("[");
      for (const item of value) walk(item);
      parts.push("]");
      return;
    }
    parts.push("{");
    for (const key of Object.keys(value)) {
      const member = value[key] as JsonValue;
      parts.push(JSON.stringify(key), ":");
      if (isShapeKey(key)) parts.push("=", JSON.stringify(member), ",");
      else walk(member);
    }
    parts.push("}");
  };
  const walkFresh = (value: JsonValue[] | JsonObject): Shape => {
    const outer = { parts: parts.length, strings: strings.length, classes: classes.length };
    const mark = parts.length;
    const firstString = strings.length;
    walkMembers(value);
    const shape = {
      key: parts.slice(mark).join(""),
      strings: strings.slice(firstString),
      classes: classes.slice(firstString),
    };
    parts.length = outer.parts;
    strings.length = outer.strings;
    classes.length = outer.classes;
    return shape;
  };
  walk(document);
  return { key: parts.join(""), strings, classes };
}

/** The document with its strings replaced: `replace(i)` for the i-th string in walk order. */
export function substituted(document: JsonObject, replace: (index: number) => string): JsonObject {
  let index = 0;
  const copy = (value: JsonValue): JsonValue => {
    if (typeof value === "string") return replace(index++);
    if (Array.isArray(value)) return value.map(copy);
    if (value !== null && typeof value === "object") {
      const out: JsonObject = {};
      for (const key of Object.keys(value)) {
        const member = value[key] as JsonValue;
        out[key] = isShapeKey(key) ? member : copy(member);
      }
      return out;
    }
    return value;
  };
  return copy(document) as JsonObject;
}
