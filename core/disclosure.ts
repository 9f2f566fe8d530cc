/**
 * Selective disclosure (format acredita/anchor/v2): how a credential splits into a header and fields, how a
 * holder hides fields, and how a verifier puts a redacted credential back together.
 *
 * D is the credential as anchored: every member, with `proof` holding every proof except the anchor proof (or
 * no `proof` member when there is none).
 * - The **header** is what a verdict depends on, and is never hidden: `@context`, `id`, `type`, the issuer's id
 *   (`issuer` when it is a string, else `issuer.id`), `validFrom`, `validUntil` — those present — plus the
 *   verification keys the anchor proof lists for the issuer's Data Integrity proofs.
 * - The **fields** are every other scalar and every empty object or array, addressed by RFC 6901 JSON pointer
 *   (`/credentialSubject/identifier/0/identityHash`, `/proof/0/proofValue`…), in *field order*: first the fields
 *   a paper certificate shows ({@link DISPLAY_ORDER}), then every other field by pointer (code-unit order). Keeping
 *   the displayed fields side by side keeps the proof of a paper disclosure to a few nodes.
 *
 * A redacted copy removes its hidden fields: an object member is deleted; a container left with nothing visible is
 * deleted from its parent object, or becomes `null` in its parent array (so later elements keep their positions);
 * every proof but the anchor is dropped (a Data Integrity signature covers the whole document and no longer
 * applies). In a redacted copy a `null` array element therefore always stands for a hidden element.
 */
import type { JsonObject, JsonValue } from "./canonical.ts";
import { escapePointerToken } from "./json-parser.ts";
import { AcreditaError } from "./errors.ts";

/** One field of a credential: its pointer and value. */
export interface Field {
  pointer: string;
  value: JsonValue;
}

/** The fields a paper certificate shows (learner, achievement, institution, title), first in field order. */
export const DISPLAY_ORDER: readonly string[] = [
  "/credentialSubject/name",
  "/credentialSubject/identifier/0/type",
  "/credentialSubject/identifier/0/identityType",
  "/credentialSubject/identifier/0/hashed",
  "/credentialSubject/identifier/0/identityHash",
  "/credentialSubject/achievement/name",
  "/issuer/name",
  "/name",
];
const DISPLAY_RANK = new Map(DISPLAY_ORDER.map((pointer, i) => [pointer, i]));

/** Field order: displayed fields first (in DISPLAY_ORDER), then the rest by pointer. */
export function compareFieldPointers(a: string, b: string): number {
  const ra = DISPLAY_RANK.get(a) ?? DISPLAY_ORDER.length;
  const rb = DISPLAY_RANK.get(b) ?? DISPLAY_ORDER.length;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The members of D (the anchored document) that form its header, by pointer. */
export function headerOf(document: JsonObject): Record<string, JsonValue> {
  const header: Record<string, JsonValue> = {};
  for (const key of ["@context", "id", "type", "validFrom", "validUntil"]) {
    if (Object.hasOwn(document, key)) header[`/${key}`] = document[key] as JsonValue;
  }
  const issuer = document.issuer;
  if (typeof issuer === "string" || !isPlainObject(issuer)) {
    if (issuer !== undefined) header["/issuer"] = issuer;
  } else if (Object.hasOwn(issuer, "id")) header["/issuer/id"] = issuer.id as JsonValue;
  return header;
}

const HEADER_MEMBERS = new Set(["@context", "id", "type", "validFrom", "validUntil"]);

/**
 * The fields of D in field order. `redacted`: null array elements are hidden placeholders, not fields.
 */
export function splitFields(document: JsonObject, redacted = false): Field[] {
  const fields: Field[] = [];
  const visit = (pointer: string, value: JsonValue): void => {
    if (Array.isArray(value) && value.length > 0) {
      value.forEach((element, i) => {
        if (redacted && element === null) return;
        visit(`${pointer}/${String(i)}`, element);
      });
    } else if (isPlainObject(value) && Object.keys(value).length > 0) {
      for (const key of Object.keys(value)) visit(`${pointer}/${escapePointerToken(key)}`, value[key] as JsonValue);
    } else fields.push({ pointer, value });
  };
  for (const key of Object.keys(document)) {
    if (HEADER_MEMBERS.has(key)) continue;
    const value = document[key] as JsonValue;
    if (key === "issuer" && isPlainObject(value) && Object.keys(value).length > 0) {
      for (const member of Object.keys(value)) {
        if (member === "id") continue;
        visit(`/issuer/${escapePointerToken(member)}`, value[member] as JsonValue);
      }
      continue;
    }
    if (key === "issuer" && !isPlainObject(value)) continue;
    visit(`/${escapePointerToken(key)}`, value);
  }
  // Field order (compareFieldPointers), each field's rank looked up once.
  const rank = new Map<Field, number>();
  for (const f of fields) rank.set(f, DISPLAY_RANK.get(f.pointer) ?? DISPLAY_ORDER.length);
  return fields.sort((a, b) => {
    const d = (rank.get(a) as number) - (rank.get(b) as number);
    if (d !== 0) return d;
    return a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0;
  });
}

function unescapeToken(token: string): string {
  return token.replaceAll("~1", "/").replaceAll("~0", "~");
}

/**
 * D with the fields at `hidden` removed, pruned as the module comment says. `hidden` must name fields of
 * `document` (from {@link splitFields}); anything else is DISCLOSURE_UNKNOWN_FIELD. Does not modify its input.
 */
export function removeFields(document: JsonObject, hidden: ReadonlySet<string>): JsonObject {
  const known = new Set(splitFields(document).map((f) => f.pointer));
  for (const pointer of hidden) {
    if (!known.has(pointer)) {
      throw new AcreditaError("DISCLOSURE_UNKNOWN_FIELD", `${pointer} is not a field of the credential`, { pointer });
    }
  }
  // Returns the pruned value, or undefined when nothing under `pointer` stays visible.
  const prune = (pointer: string, value: JsonValue): JsonValue | undefined => {
    if (known.has(pointer)) return hidden.has(pointer) ? undefined : value;
    if (Array.isArray(value)) {
      const out = value.map((element, i) => prune(`${pointer}/${String(i)}`, element));
      return out.every((element) => element === undefined) ? undefined : out.map((element) => element ?? null);
    }
    if (isPlainObject(value)) {
      const out: JsonObject = {};
      for (const key of Object.keys(value)) {
        const kept = prune(`${pointer}/${escapePointerToken(key)}`, value[key] as JsonValue);
        if (kept !== undefined) out[key] = kept;
      }
      return Object.keys(out).length === 0 ? undefined : out;
    }
    return value; // a header value
  };
  const out: JsonObject = {};
  for (const key of Object.keys(document)) {
    const pointer = `/${escapePointerToken(key)}`;
    if (HEADER_MEMBERS.has(key)) {
      out[key] = document[key] as JsonValue;
      continue;
    }
    const value = document[key] as JsonValue;
    if (key === "issuer" && isPlainObject(value)) {
      const issuer: JsonObject = {};
      for (const member of Object.keys(value)) {
        const kept =
          member === "id" ? value.id : prune(`/issuer/${escapePointerToken(member)}`, value[member] as JsonValue);
        if (kept !== undefined) issuer[member] = kept;
      }
      out.issuer = issuer;
      continue;
    }
    const kept = key === "issuer" ? value : prune(pointer, value);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/** The pointers of `document`'s fields that a JSON pointer names: the field itself or every field beneath it. */
export function fieldsUnder(document: JsonObject, pointer: string): string[] {
  return splitFields(document)
    .map((f) => f.pointer)
    .filter((p) => p === pointer || p.startsWith(`${pointer}/`));
}

/** The value at `pointer` in `root`, or undefined. */
export function valueAt(root: JsonValue, pointer: string): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  if (pointer === "") return node;
  for (const raw of pointer.slice(1).split("/")) {
    const token = unescapeToken(raw);
    if (Array.isArray(node)) node = /^(0|[1-9]\d*)$/.test(token) ? node[Number(token)] : undefined;
    else if (isPlainObject(node)) node = Object.hasOwn(node, token) ? node[token] : undefined;
    else return undefined;
  }
  return node;
}
