/**
 * The shape of a credential as a batch layout sees it (batch-commit.ts): its members in order, the fields
 * `splitFields` would give (each with its slot in field order and the value the layout holds), the header members
 * and `issuer.id` left out, and the deeply frozen containers (a course's shared parts) remembered by identity. A
 * later credential is matched against a shape in one walk, which lists the fields whose values differ.
 */
import type { JsonObject, JsonValue } from "./canonical.ts";
import { escapePointerToken } from "./json-parser.ts";

const HEADER_MEMBERS = new Set(["@context", "id", "type", "validFrom", "validUntil"]);

const LEAF = 0;
const OBJECT = 1;
const ARRAY = 2;
/** A header member or `issuer.id`: in the header, not a field. */
const SKIP = 3;
/** An `issuer` that is not a plain object: in the header (or nowhere), not a field. */
const OPAQUE_ISSUER = 4;
/** An `issuer` that is an object without members: the field `/issuer`, `{}`. */
const EMPTY_ISSUER = 5;

/** One node of a layout's shape, in the order splitFields visits them. */
export interface ShapeNode {
  readonly kind: typeof LEAF | typeof OBJECT | typeof ARRAY | typeof SKIP | typeof OPAQUE_ISSUER | typeof EMPTY_ISSUER;
  /** LEAF, EMPTY_ISSUER: its slot (position in field order). */
  readonly slot: number;
  /** LEAF: the value the layout's preimage holds. */
  readonly value: JsonValue;
  /** OBJECT: its keys in order. */
  readonly keys: readonly string[];
  readonly children: readonly ShapeNode[];
  /** A deeply frozen container seen by the layout: the same object again has the same fields and values. */
  readonly frozen: object | undefined;
}

/** A JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** splitFields' test: a non-empty array or a plain object with members is walked, anything else is a field. */
function isContainer(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return isPlainObject(value) && Object.keys(value).length > 0;
}

/** Whether `value` and everything in it is frozen (then its walk, values and canonical form never change). */
export function deeplyFrozen(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (!Object.isFrozen(value)) return false;
  return Object.values(value).every(deeplyFrozen);
}

/** Whether two field values have the same canonical form, judged without serializing (false when unsure). */
function sameLeaf(a: JsonValue, b: unknown): boolean {
  if (a === b && (typeof a !== "object" || a === null)) return true;
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return false;
  // Empty containers (the only container fields): [] or an object with no members, {}.
  if (Array.isArray(a)) return Array.isArray(b) && b.length === 0;
  return !Array.isArray(b) && Object.keys(b).length === 0;
}

const NO_KEYS: readonly string[] = [];
const NO_CHILDREN: readonly ShapeNode[] = [];

/** The shape of `document`, whose fields are at the slots `slotOf` gives (their pointers, in field order). */
export function shapeOf(document: JsonObject, slotOf: ReadonlyMap<string, number>): ShapeNode {
  const shape = (pointer: string, value: JsonValue): ShapeNode => {
    const frozen = typeof value === "object" && value !== null && deeplyFrozen(value) ? value : undefined;
    if (Array.isArray(value) && value.length > 0) {
      const children = value.map((element, i) => shape(`${pointer}/${String(i)}`, element));
      return { kind: ARRAY, slot: -1, value: null, keys: NO_KEYS, children, frozen };
    }
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      const keys = Object.keys(value);
      const children = keys.map((key) => shape(`${pointer}/${escapePointerToken(key)}`, value[key] as JsonValue));
      return { kind: OBJECT, slot: -1, value: null, keys, children, frozen };
    }
    const slot = slotOf.get(pointer);
    if (slot === undefined) throw new Error(`batch-commit: no field ${pointer}`);
    return { kind: LEAF, slot, value, keys: NO_KEYS, children: NO_CHILDREN, frozen: undefined };
  };
  const skip: ShapeNode = {
    kind: SKIP,
    slot: -1,
    value: null,
    keys: NO_KEYS,
    children: NO_CHILDREN,
    frozen: undefined,
  };
  const rootKeys = Object.keys(document);
  const rootChildren = rootKeys.map((key): ShapeNode => {
    const value = document[key] as JsonValue;
    if (HEADER_MEMBERS.has(key)) return skip;
    if (key !== "issuer") return shape(`/${escapePointerToken(key)}`, value);
    if (!isPlainObject(value)) {
      return { kind: OPAQUE_ISSUER, slot: -1, value: null, keys: NO_KEYS, children: NO_CHILDREN, frozen: undefined };
    }
    const keys = Object.keys(value);
    if (keys.length === 0) {
      const slot = slotOf.get("/issuer") as number;
      return { kind: EMPTY_ISSUER, slot, value, keys: NO_KEYS, children: NO_CHILDREN, frozen: undefined };
    }
    const children = keys.map((member) =>
      member === "id" ? skip : shape(`/issuer/${escapePointerToken(member)}`, value[member] as JsonValue),
    );
    return { kind: OBJECT, slot: -1, value: null, keys, children, frozen: deeplyFrozen(value) ? value : undefined };
  });
  const root: ShapeNode = {
    kind: OBJECT,
    slot: -1,
    value: null,
    keys: rootKeys,
    children: rootChildren,
    frozen: undefined,
  };
  return root;
}

/**
 * Whether `value` has the shape `node`; the fields whose values differ from the shape's are appended to
 * `otherSlots` (their slots) and `otherValues` (their values).
 */
export function matchShape(node: ShapeNode, value: unknown, otherSlots: number[], otherValues: unknown[]): boolean {
  switch (node.kind) {
    case LEAF:
      if (isContainer(value)) return false;
      if (!sameLeaf(node.value, value)) {
        otherSlots.push(node.slot);
        otherValues.push(value);
      }
      return true;
    case OBJECT: {
      if (!isPlainObject(value)) return false;
      if (value === node.frozen) return true;
      const keys = Object.keys(value);
      const expected = node.keys;
      if (keys.length !== expected.length) return false;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        if (key !== expected[i] || !matchShape(node.children[i] as ShapeNode, value[key], otherSlots, otherValues))
          return false;
      }
      return true;
    }
    case ARRAY: {
      if (!Array.isArray(value) || value.length !== node.children.length) return false;
      if (value === node.frozen) return true;
      for (let i = 0; i < value.length; i++) {
        if (!matchShape(node.children[i] as ShapeNode, value[i], otherSlots, otherValues)) return false;
      }
      return true;
    }
    case SKIP:
      return true;
    case OPAQUE_ISSUER:
      return !isPlainObject(value);
    default:
      return isPlainObject(value) && Object.keys(value).length === 0;
  }
}
