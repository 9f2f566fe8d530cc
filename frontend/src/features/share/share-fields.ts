import { type JsonObject, type JsonValue, displayText as text, splitAnchor } from "@acredita/core";

export interface ShareableField {
  /** The field, or the container of fields, that hiding this option removes (core's redactCredential). */
  pointer: string;
  /** What kind of field it is, for its label ("name", "emailAddress", "result", "activityEndDate"…). */
  kind: string;
  /** Its value as text, for the holder to recognise it. */
  preview?: string;
}

function object(value: JsonValue | undefined): JsonObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
}

/** Facts about the learner a holder commonly keeps private; the rest of the credential is what is attested. */
const PRIVATE_SUBJECT_MEMBERS = [
  "id",
  "activityStartDate",
  "activityEndDate",
  "creditsEarned",
  "licenseNumber",
  "role",
  "term",
  "narrative",
  "image",
];

/**
 * The facts about the learner that the holder may hide: each identifier and each result, and the private members
 * of the subject. Only a full credential can be redacted (a redacted copy has no seed left), so a redacted copy
 * offers none.
 */
export function shareableFields(credential: JsonObject): ShareableField[] {
  try {
    if (splitAnchor(credential).anchor.seed === undefined) return [];
  } catch {
    return [];
  }
  const subject = object(credential.credentialSubject);
  if (subject === undefined) return [];
  const out: ShareableField[] = [];
  const list = (value: JsonValue | undefined): JsonValue[] => (Array.isArray(value) ? value : []);
  list(subject.identifier).forEach((element, i) => {
    const entry = object(element);
    if (entry === undefined) return;
    const kind = typeof entry.identityType === "string" ? entry.identityType : "identifier";
    // Only the value is hidden: its identity type stays, so a verifier can say an e-mail address was hidden.
    const pointer = `/credentialSubject/identifier/${String(i)}${Object.hasOwn(entry, "identityHash") ? "/identityHash" : ""}`;
    out.push({ pointer, kind, preview: text(entry.identityHash) });
  });
  list(subject.result).forEach((element, i) => {
    const entry = object(element);
    if (entry === undefined) return;
    out.push({ pointer: `/credentialSubject/result/${String(i)}`, kind: "result", preview: text(entry.value) });
  });
  for (const member of PRIVATE_SUBJECT_MEMBERS) {
    if (Object.hasOwn(subject, member)) {
      out.push({ pointer: `/credentialSubject/${member}`, kind: member, preview: text(subject[member]) });
    }
  }
  return out;
}
