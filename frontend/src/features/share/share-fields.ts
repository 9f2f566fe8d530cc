import type { JsonObject, JsonValue } from "@acredita/core/canonical.ts";
import { isHideable, splitFields } from "@acredita/core/disclosure.ts";
import { displayText as text } from "@acredita/core/credential-view.ts";

export interface ShareableField {
  pointer: string;
  /** What kind of field it is, for its label ("name", "emailAddress", "result", "activityEndDate"…). */
  kind: string;
  /** Its value as text, for the holder to recognise it. */
  preview?: string;
}

function object(value: JsonValue | undefined): JsonObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
}

/** The fields of a credential its holder may still hide (core decides which are hideable). */
export function shareableFields(credential: JsonObject): ShareableField[] {
  const proof = object(credential.proof);
  const hidden = Object.keys(object(proof?.hidden) ?? {});
  return splitFields(credential, hidden)
    .filter((field) => isHideable(field.pointer))
    .map(({ pointer, value }) => {
      const entry = object(value);
      if (pointer.startsWith("/credentialSubject/identifier/")) {
        const kind = typeof entry?.identityType === "string" ? entry.identityType : "identifier";
        return { pointer, kind, preview: text(entry?.identityHash) };
      }
      if (pointer.startsWith("/credentialSubject/result/"))
        return { pointer, kind: "result", preview: text(entry?.value) };
      return { pointer, kind: pointer.slice("/credentialSubject/".length), preview: text(value) };
    });
}
