import type { JsonObject, JsonValue } from "@acredita/core";

/**
 * A field the holder hid, named by what it was. A redacted copy keeps the place of what it hides where its
 * structure allows (core's disclosure.ts): a hidden array element stays as `null` at its index, and a hidden
 * identifier value leaves its `identityType` beside it. So `/credentialSubject/identifier/1/identityHash` missing
 * next to `identityType: "emailAddress"` was an e-mail address, and `/credentialSubject/result/0` = `null` a grade.
 * A hidden object member leaves no trace (the copy proves that it exists, not what it is): it is only counted.
 */
export type HiddenField =
  /** An identifier's value, with its identity type ("emailAddress", "sisSourcedId"…). */
  | { kind: "identifierValue"; identityType: string | undefined }
  /** A whole identifier entry. */
  | { kind: "identifier"; n: number }
  /** A whole result (the grade). */
  | { kind: "result"; n: number }
  /** A whole element of another list ("evidence", "endorsement"…). */
  | { kind: "item"; member: string; n: number };

function object(value: JsonValue | undefined): JsonObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
}

function list(value: JsonValue | undefined): readonly JsonValue[] {
  return Array.isArray(value) ? value : [];
}

/** Lists whose hidden elements are named by the list they were in, outside the subject's identifiers and results. */
const NAMED_LISTS: readonly [string, (c: JsonObject) => JsonValue | undefined][] = [
  ["evidence", (c) => c.evidence],
  ["endorsement", (c) => c.endorsement],
  ["alignment", (c) => object(object(c.credentialSubject)?.achievement)?.alignment],
];

/** What a redacted copy shows of its hidden fields; empty for a full credential (nothing hidden). */
export function hiddenFields(credential: JsonObject): HiddenField[] {
  const out: HiddenField[] = [];
  const subject = object(credential.credentialSubject);
  list(subject?.identifier).forEach((element, i) => {
    if (element === null) out.push({ kind: "identifier", n: i + 1 });
    const entry = object(element);
    if (entry !== undefined && !Object.hasOwn(entry, "identityHash")) {
      out.push({
        kind: "identifierValue",
        identityType: typeof entry.identityType === "string" ? entry.identityType : undefined,
      });
    }
  });
  list(subject?.result).forEach((element, i) => {
    if (element === null) out.push({ kind: "result", n: i + 1 });
  });
  for (const [member, read] of NAMED_LISTS) {
    list(read(credential)).forEach((element, i) => {
      if (element === null) out.push({ kind: "item", member, n: i + 1 });
    });
  }
  return out;
}
