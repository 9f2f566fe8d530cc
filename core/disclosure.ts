/**
 * Selective disclosure: how a credential splits into fields, which fields a holder may hide, and how a verifier
 * puts a redacted credential back together.
 *
 * Fields (format v1). Let D be the credential without its `proof` member. D splits at these containers:
 *   ""                              (the credential object: one field per member, `proof` excluded)
 *   "/credentialSubject"            (one field per member)
 *   "/credentialSubject/identifier" (one field per array element: name, e-mail, learner id…)
 *   "/credentialSubject/result"     (one field per array element: the grade…)
 * Every other value is one field, addressed by its RFC 6901 JSON pointer, e.g. "/issuer", "/validFrom",
 * "/credentialSubject/achievement", "/credentialSubject/identifier/1". A container of the wrong kind, or an empty
 * one, is itself one field, so the digest commits to the whole document.
 *
 * Only fields about the learner can be hidden: the elements of identifier and result, and the subject's id,
 * activity dates, credits earned, license number, role, term, narrative and image. Everything a verdict depends
 * on — @context, type, issuer, validFrom/validUntil, the achievement, the proof block — cannot be hidden.
 *
 * A hidden field is removed from the document (array elements are removed and the remaining ones keep their
 * order) and listed in the proof block's `hidden` map as pointer → saltedDigest; its salt is dropped. The
 * verifier rebuilds the original pointers from the visible members plus the hidden pointers.
 */
import { fromHex, type Hex, toHex } from "./bytes.ts";
import { escapePointerToken, type JsonValue } from "./canonical.ts";
import { credentialDigestOf, fieldDigestOf, saltedDigestOf, valueHash } from "./digest.ts";
import { AcreditaError } from "./errors.ts";

/** One field of a credential: its pointer and value. */
export interface Field {
  pointer: string;
  value: JsonValue;
}

const ARRAY_CONTAINERS = new Set(["/credentialSubject/identifier", "/credentialSubject/result"]);

const HIDEABLE_SUBJECT_MEMBERS = new Set([
  "id",
  "activityStartDate",
  "activityEndDate",
  "creditsEarned",
  "licenseNumber",
  "role",
  "term",
  "narrative",
  "image",
]);

const HIDEABLE_ELEMENT = /^\/credentialSubject\/(identifier|result)\/(0|[1-9][0-9]{0,5})$/;

/** Whether the field at `pointer` may be hidden by a holder. */
export function isHideable(pointer: string): boolean {
  if (HIDEABLE_ELEMENT.test(pointer)) return true;
  const prefix = "/credentialSubject/";
  if (!pointer.startsWith(prefix)) return false;
  const member = pointer.slice(prefix.length);
  return HIDEABLE_SUBJECT_MEMBERS.has(member);
}

function isPlainObject(value: unknown): value is Record<string, JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Hidden pointers grouped by their container pointer, with the child token (key or index). */
function groupHidden(hidden: Iterable<string>): Map<string, Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const pointer of hidden) {
    const cut = pointer.lastIndexOf("/");
    const container = pointer.slice(0, cut);
    const token = pointer.slice(cut + 1);
    let set = groups.get(container);
    if (set === undefined) {
      set = new Set();
      groups.set(container, set);
    }
    set.add(token);
  }
  return groups;
}

function unescapeToken(token: string): string {
  return token.replaceAll("~1", "/").replaceAll("~0", "~");
}

/**
 * The fields of a (possibly redacted) credential, in document order. `hidden` lists the pointers of hidden fields
 * (empty for a full credential); they are not returned but shape how array positions are numbered.
 * Throws DISCLOSURE_* when the hidden pointers do not fit the document.
 */
export function splitFields(credential: Record<string, JsonValue>, hidden: Iterable<string> = []): Field[] {
  const hiddenByContainer = groupHidden(hidden);
  const fields: Field[] = [];
  const known = new Set<string>();
  const markKnown = (container: string, token: string): void => {
    known.add(`${container}/${token}`);
  };

  const splitObject = (pointer: string, value: Record<string, JsonValue>, skipProof: boolean): void => {
    const hiddenKeys = hiddenByContainer.get(pointer);
    for (const key of Object.keys(value)) {
      if (skipProof && key === "proof") continue;
      const token = escapePointerToken(key);
      const childPointer = `${pointer}/${token}`;
      if (hiddenKeys?.has(token) === true) {
        throw new AcreditaError("DISCLOSURE_DUPLICATE_FIELD", `${childPointer} is both visible and hidden`, {
          pointer: childPointer,
        });
      }
      visit(childPointer, value[key] as JsonValue);
    }
    if (hiddenKeys !== undefined) for (const token of hiddenKeys) markKnown(pointer, token);
  };

  const splitArray = (pointer: string, value: JsonValue[]): void => {
    const hiddenIndices = hiddenByContainer.get(pointer) ?? new Set<string>();
    const total = value.length + hiddenIndices.size;
    let next = 0;
    for (let i = 0; i < total; i++) {
      const token = String(i);
      if (hiddenIndices.has(token)) {
        markKnown(pointer, token);
        continue;
      }
      const element = value[next++];
      if (element === undefined) break; // a hidden index beyond the array's end: reported below
      visit(`${pointer}/${token}`, element);
    }
  };

  const visit = (pointer: string, value: JsonValue): void => {
    const hasHidden = hiddenByContainer.has(pointer);
    if (pointer === "/credentialSubject" && isPlainObject(value) && (Object.keys(value).length > 0 || hasHidden)) {
      splitObject(pointer, value, false);
      return;
    }
    if (ARRAY_CONTAINERS.has(pointer) && Array.isArray(value) && (value.length > 0 || hasHidden)) {
      splitArray(pointer, value);
      return;
    }
    fields.push({ pointer, value });
  };

  splitObject("", credential, true);

  for (const [container, tokens] of hiddenByContainer) {
    for (const token of tokens) {
      const pointer = `${container}/${token}`;
      if (!isHideable(pointer)) {
        throw new AcreditaError("DISCLOSURE_FIELD_NOT_HIDEABLE", `${pointer} cannot be hidden`, { pointer });
      }
      if (!known.has(pointer)) {
        throw new AcreditaError("DISCLOSURE_UNKNOWN_FIELD", `${pointer} does not fit the credential`, { pointer });
      }
    }
  }
  return fields;
}

/**
 * The document with the fields at `pointers` removed (array elements removed, the rest keeping their order).
 * Throws DISCLOSURE_FIELD_NOT_HIDEABLE or DISCLOSURE_UNKNOWN_FIELD. Does not modify its input.
 */
export function removeFields(
  credential: Record<string, JsonValue>,
  pointers: readonly string[],
): Record<string, JsonValue> {
  const out = structuredClone(credential);
  const byContainer = groupHidden(pointers);
  for (const [container, tokens] of byContainer) {
    for (const token of tokens) {
      const pointer = `${container}/${token}`;
      if (!isHideable(pointer)) {
        throw new AcreditaError("DISCLOSURE_FIELD_NOT_HIDEABLE", `${pointer} cannot be hidden`, { pointer });
      }
    }
    const target = resolve(out, container);
    if (Array.isArray(target)) {
      const indices = [...tokens].map(Number).sort((a, b) => b - a);
      for (const index of indices) {
        if (!(index < target.length)) {
          throw new AcreditaError("DISCLOSURE_UNKNOWN_FIELD", `${container}/${index} does not exist`, {
            pointer: `${container}/${index}`,
          });
        }
        target.splice(index, 1);
      }
    } else if (isPlainObject(target)) {
      for (const token of tokens) {
        const key = unescapeToken(token);
        if (!Object.hasOwn(target, key)) {
          throw new AcreditaError("DISCLOSURE_UNKNOWN_FIELD", `${container}/${token} does not exist`, {
            pointer: `${container}/${token}`,
          });
        }
        // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- removing a named field is the point
        delete target[key];
      }
    } else {
      throw new AcreditaError("DISCLOSURE_UNKNOWN_FIELD", `${container} is not a container`, { pointer: container });
    }
  }
  return out;
}

function resolve(root: JsonValue, pointer: string): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  if (pointer === "") return node;
  for (const raw of pointer.slice(1).split("/")) {
    const token = unescapeToken(raw);
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isPlainObject(node)) node = Object.hasOwn(node, token) ? node[token] : undefined;
    else return undefined;
  }
  return node;
}

// ----------------------------------------------------------------------------------------------------------------
// Commitments: from fields, salts and hidden digests to the credential digest.

/** Salts and hidden digests as a proof block carries them (hex). */
export interface DisclosureMaterial {
  salts: Readonly<Record<string, Hex>>;
  hidden?: Readonly<Record<string, Hex>> | undefined;
}

/** What a verifier learns from recomputing a credential digest. */
export interface RecomputedDigest {
  credentialDigest: Uint8Array;
  /** Pointers of the visible fields, in document order. */
  visible: string[];
  /** Pointers of the hidden fields, sorted. */
  hidden: string[];
}

/**
 * Recomputes the credential digest of a (possibly redacted) credential from its visible fields, their salts and
 * the salted digests of its hidden fields. Throws DISCLOSURE_* when salts and fields do not match one to one.
 */
export function recomputeCredentialDigest(
  credential: Record<string, JsonValue>,
  material: DisclosureMaterial,
): RecomputedDigest {
  const hiddenEntries = Object.entries(material.hidden ?? {});
  const fields = splitFields(
    credential,
    hiddenEntries.map(([pointer]) => pointer),
  );
  const digests: Uint8Array[] = [];
  const visible: string[] = [];
  for (const { pointer, value } of fields) {
    const salt = Object.hasOwn(material.salts, pointer) ? material.salts[pointer] : undefined;
    if (salt === undefined) {
      throw new AcreditaError("DISCLOSURE_MISSING_SALT", `no salt for ${pointer}`, { pointer });
    }
    digests.push(fieldDigestOf(pointer, saltedDigestOf(fromHex(salt), valueHash(value))));
    visible.push(pointer);
  }
  const visibleSet = new Set(visible);
  for (const pointer of Object.keys(material.salts)) {
    if (!visibleSet.has(pointer)) {
      throw new AcreditaError("DISCLOSURE_UNKNOWN_FIELD", `a salt names ${pointer}, which is not a visible field`, {
        pointer,
      });
    }
  }
  for (const [pointer, salted] of hiddenEntries) digests.push(fieldDigestOf(pointer, fromHex(salted)));
  return {
    credentialDigest: credentialDigestOf(digests),
    visible,
    hidden: hiddenEntries.map(([pointer]) => pointer).sort(),
  };
}

/** A credential with a proof block, as `redactCredential` reads and writes it. */
export interface ProvenCredential {
  [key: string]: JsonValue;
}

/**
 * Hides the fields at `pointers` of an issued credential: removes them, drops their salts and lists their salted
 * digests in `proof.hidden`, so the credential still verifies and the verifier can say what was hidden.
 * Pointers name fields of the credential as issued (already-hidden ones may be repeated). Does not modify its
 * input. Throws DISCLOSURE_FIELD_NOT_HIDEABLE / DISCLOSURE_UNKNOWN_FIELD / DISCLOSURE_MISSING_SALT.
 */
export function redactCredential(credential: ProvenCredential, pointers: readonly string[]): ProvenCredential {
  const proof = credential.proof;
  if (typeof proof !== "object" || proof === null || Array.isArray(proof)) {
    throw new AcreditaError("PROOF_MISSING", "only an issued credential (with its proof block) can be redacted");
  }
  const salts = { ...(proof.salts as Record<string, Hex>) };
  const hidden = { ...((proof.hidden ?? {}) as Record<string, Hex>) };
  const fields = splitFields(credential, Object.keys(hidden));
  const byPointer = new Map(fields.map((f) => [f.pointer, f.value]));
  const toRemove: string[] = [];
  for (const pointer of new Set(pointers)) {
    if (Object.hasOwn(hidden, pointer)) continue;
    if (!isHideable(pointer)) {
      throw new AcreditaError("DISCLOSURE_FIELD_NOT_HIDEABLE", `${pointer} cannot be hidden`, { pointer });
    }
    const value = byPointer.get(pointer);
    const salt = salts[pointer];
    if (value === undefined) throw new AcreditaError("DISCLOSURE_UNKNOWN_FIELD", `no field ${pointer}`, { pointer });
    if (salt === undefined) throw new AcreditaError("DISCLOSURE_MISSING_SALT", `no salt for ${pointer}`, { pointer });
    hidden[pointer] = toHex(saltedDigestOf(fromHex(salt), valueHash(value)));
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- the salt of a hidden field must go
    delete salts[pointer];
    toRemove.push(pointer);
  }
  // Pointers refer to original positions; map them to positions in the current (already redacted) arrays.
  const current = removeFields(withoutProof(credential), currentPositions(toRemove, Object.keys(hidden)));
  const sortedHidden = Object.fromEntries(Object.entries(hidden).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ...current, proof: { ...proof, salts, hidden: sortedHidden } };
}

function withoutProof(credential: ProvenCredential): Record<string, JsonValue> {
  return Object.fromEntries(Object.entries(credential).filter(([key]) => key !== "proof"));
}

/** Original array positions → positions in the array once the already-hidden elements are gone. */
function currentPositions(toRemove: readonly string[], allHidden: readonly string[]): string[] {
  const newlyHidden = new Set(toRemove);
  return toRemove.map((pointer) => {
    const match = /^(\/credentialSubject\/(?:identifier|result))\/(\d+)$/.exec(pointer);
    if (match === null) return pointer;
    const container = match[1] ?? "";
    const index = Number(match[2]);
    const before = allHidden.filter((p) => {
      if (newlyHidden.has(p)) return false;
      const m = /^(\/credentialSubject\/(?:identifier|result))\/(\d+)$/.exec(p);
      return m !== null && m[1] === container && Number(m[2]) < index;
    }).length;
    return `${container}/${index - before}`;
  });
}
