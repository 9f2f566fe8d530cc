/**
 * Issuers' own Open Badges 3.0 files: accepted as they come, for anchoring under the issuer's institution.
 *
 * A file is refused only for a reason that is true of it:
 * - it is not a JSON object, or follows the VC Data Model 1.1 (`@context` https://www.w3.org/2018/credentials/v1,
 *   or `issuanceDate` without `validFrom`): the current official OB 3.0 schema (VC 2.0 era) requires the VC 2.0
 *   context and `validFrom` (CREDENTIAL_VC1_UNSUPPORTED);
 * - it is not a whole OpenBadgeCredential: what `ob3Problems` lists, plus the fields the official schema requires
 *   of the issuer, the subject and the achievement, and the array form it requires of their `type`s (JSON-LD
 *   allows a lone string there; the schema does not, and every credential Acredita issues must pass the schema)
 *   (CREDENTIAL_NOT_OB3);
 * - it already carries an Acredita anchor proof (CREDENTIAL_ALREADY_ANCHORED): it was anchored once already;
 * - it lacks microcredential elements (CREDENTIAL_MICROCREDENTIAL_INCOMPLETE, each with the JSON path where it
 *   would go), unless `allowIncomplete` is set: then it is accepted as a plain badge and the missing list returned.
 * Proofs the file already carries (an issuer's Data Integrity proof, a JWT-era proof…) are kept untouched; the
 * anchoring step appends Acredita's own proofs beside them.
 */
import type { JsonObject, JsonValue } from "./canonical.ts";
import { type CredentialDocument, ob3Problems } from "./credential.ts";
import { AcreditaError } from "./errors.ts";
import { type FoundElement, type MissingElement, reviewMicrocredential } from "./microcredential.ts";
import { ANCHOR_PROOF_TYPE, LEGACY_ANCHOR_TYPES } from "./proof.ts";

/** The VC Data Model 1.1 context (the era of `issuanceDate`). */
export const VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1";
/** Proof types of Acredita's anchor: the current one and the one before the proof set. */
const ANCHOR_TYPES: readonly string[] = [ANCHOR_PROOF_TYPE, ...LEGACY_ANCHOR_TYPES];

export interface AcceptOwnCredentialOptions {
  /** Accept a file lacking microcredential elements as a plain badge (the missing list is returned). */
  allowIncomplete?: boolean;
}

/** An accepted own file: the credential unchanged (proofs kept) and what it states or lacks. */
export interface AcceptedOwnCredential {
  credential: CredentialDocument;
  /** True when every microcredential element is stated. */
  complete: boolean;
  found: FoundElement[];
  missing: MissingElement[];
  /** How many proofs the file already carried (kept as they are). */
  keptProofs: number;
  /** The achievement's `achievementType` as the file states it (e.g. "MicroCredential", "Degree", "Badge"). */
  achievementType: string | undefined;
  /** Things worth knowing that do not refuse the file. */
  notes: string[];
}

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
}

function asArray(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function text(value: JsonValue | undefined): boolean {
  return typeof value === "string" && value.trim() !== "";
}

function hasType(value: JsonValue | undefined): boolean {
  return asArray(value).some(text);
}

/** The proof types of a proof entry (a type may be a string or an array). */
function proofTypes(proof: JsonValue): string[] {
  return asArray(asObject(proof)?.type).filter((t): t is string => typeof t === "string");
}

/** Why a VC 1.1-era file cannot come in, or undefined. */
function vc1Reason(root: JsonObject): string | undefined {
  const context = asArray(root["@context"]);
  if (context[0] === VC_V1_CONTEXT) {
    return `@context starts with ${VC_V1_CONTEXT}, the VC Data Model 1.1: the official Open Badges 3.0 schema for issued credentials (VC 2.0 era) requires @context to start with https://www.w3.org/ns/credentials/v2 and the issue date in validFrom instead of issuanceDate; reissue the file as a VC 2.0 credential`;
  }
  if (root.issuanceDate !== undefined && root.validFrom === undefined) {
    return "the issue date is in issuanceDate, a VC Data Model 1.1 term that VC 2.0 does not define: the official Open Badges 3.0 schema (VC 2.0 era) requires validFrom; rename issuanceDate to validFrom";
  }
  return undefined;
}

/**
 * The objects whose `type` the official OB 3.0 schema requires to be an array holding a given class (JSON-LD also
 * allows a lone string, which that schema refuses: Acredita issues only credentials that pass it).
 */
function typeShapeProblems(root: JsonObject): string[] {
  const problems: string[] = [];
  const check = (value: JsonValue | undefined, path: string, expected: string): void => {
    const object = asObject(value);
    if (object === undefined || object.type === undefined) return;
    const type = object.type;
    if (!Array.isArray(type) || !type.includes(expected)) {
      problems.push(
        `${path}.type must be an array holding "${expected}" (the official OB 3.0 schema requires it), e.g. "type": ["${expected}"]`,
      );
    }
  };
  const each = (value: JsonValue | undefined, path: string, expected: string): void => {
    if (!Array.isArray(value)) {
      check(value, path, expected);
      return;
    }
    value.forEach((item, i) => {
      check(item, `${path}[${i}]`, expected);
    });
  };
  if (!Array.isArray(root.type)) problems.push("type must be an array (the official OB 3.0 schema requires it)");
  const issuer = asObject(root.issuer);
  check(issuer, "issuer", "Profile");
  check(issuer?.address, "issuer.address", "Address");
  each(root.evidence, "evidence", "Evidence");
  const subject = asObject(root.credentialSubject);
  check(subject, "credentialSubject", "AchievementSubject");
  asArray(subject?.result).forEach((entry, i) => {
    check(entry, `credentialSubject.result[${i}]`, "Result");
    each(asObject(entry)?.alignment, `credentialSubject.result[${i}].alignment`, "Alignment");
  });
  const achievement = asObject(subject?.achievement);
  const at = "credentialSubject.achievement";
  check(achievement, at, "Achievement");
  check(achievement?.creator, `${at}.creator`, "Profile");
  each(achievement?.alignment, `${at}.alignment`, "Alignment");
  each(achievement?.related, `${at}.related`, "Related");
  asArray(achievement?.resultDescription).forEach((entry, i) => {
    const path = `${at}.resultDescription[${i}]`;
    check(entry, path, "ResultDescription");
    each(asObject(entry)?.alignment, `${path}.alignment`, "Alignment");
    each(asObject(entry)?.rubricCriterionLevel, `${path}.rubricCriterionLevel`, "RubricCriterionLevel");
  });
  return problems;
}

/** What keeps `root` from being a whole OpenBadgeCredential, in words true of the file. */
function credentialProblems(root: JsonObject): string[] {
  const problems = ob3Problems(root).map((p) =>
    p === "credentialSubject.achievement is missing"
      ? "credentialSubject.achievement is missing: this is not a whole OpenBadgeCredential (its subject is awarded no achievement), perhaps a schema fragment"
      : p,
  );
  const issuer = asObject(root.issuer);
  if (issuer !== undefined && !hasType(issuer.type))
    problems.push("issuer.type is missing (the OB 3.0 schema requires it)");
  if (typeof root.id !== "string" || root.id.trim() === "")
    problems.push("id is missing (the OB 3.0 schema requires it)");
  const subject = asObject(root.credentialSubject);
  const achievement = asObject(subject?.achievement);
  if (subject !== undefined && achievement !== undefined) {
    if (!hasType(subject.type)) problems.push("credentialSubject.type is missing (the OB 3.0 schema requires it)");
    for (const key of ["id", "name", "description"]) {
      if (!text(achievement[key])) {
        problems.push(`credentialSubject.achievement.${key} is missing (the OB 3.0 schema requires it)`);
      }
    }
    if (!hasType(achievement.type)) {
      problems.push("credentialSubject.achievement.type is missing (the OB 3.0 schema requires it)");
    }
    if (asObject(achievement.criteria) === undefined) {
      problems.push("credentialSubject.achievement.criteria is missing (the OB 3.0 schema requires it)");
    }
  }
  asArray(root.proof).forEach((proof, i) => {
    if (asObject(proof) === undefined) problems.push(`proof[${i}] is not an object`);
  });
  if (problems.length === 0) problems.push(...typeShapeProblems(root));
  return problems;
}

/**
 * Checks an issuer's own OB 3.0 credential for anchoring (see the module comment) and returns it unchanged, with
 * the microcredential elements it states and lacks. Throws an AcreditaError whose message is true of the file and
 * whose details carry the evidence (`problems`, or `missing` elements and `gaps` with their paths).
 */
export function acceptOwnCredential(doc: JsonValue, options: AcceptOwnCredentialOptions = {}): AcceptedOwnCredential {
  const root = asObject(doc);
  if (root === undefined) {
    throw new AcreditaError("CREDENTIAL_NOT_OB3", "the file is not a JSON object", {
      problems: ["the file is not a JSON object"],
    });
  }
  const vc1 = vc1Reason(root);
  if (vc1 !== undefined) throw new AcreditaError("CREDENTIAL_VC1_UNSUPPORTED", vc1, { problems: [vc1] });
  const problems = credentialProblems(root);
  if (problems.length > 0) throw new AcreditaError("CREDENTIAL_NOT_OB3", problems.join("; "), { problems });

  const proofs = asArray(root.proof);
  const anchored = proofs.findIndex((p) => proofTypes(p).some((t) => ANCHOR_TYPES.includes(t)));
  if (anchored >= 0) {
    const type = proofTypes(proofs[anchored] as JsonValue).join(", ");
    throw new AcreditaError(
      "CREDENTIAL_ALREADY_ANCHORED",
      `proof[${anchored}] is an Acredita anchor proof (${type}): this credential was anchored already; verify it as it is, or anchor the original file without that proof`,
      { proofIndex: anchored, proofType: type },
    );
  }

  const { found, missing } = reviewMicrocredential(root);
  if (missing.length > 0 && options.allowIncomplete !== true) {
    const list = missing.map((m) => `${m.element} → ${m.path}`).join("; ");
    throw new AcreditaError("CREDENTIAL_MICROCREDENTIAL_INCOMPLETE", `missing: ${list}`, {
      missing: missing.map((m) => m.element),
      gaps: missing.map((m) => ({ ...m, alternatives: [...m.alternatives] })),
    });
  }
  const notes: string[] = [];
  if (root.issuanceDate !== undefined) {
    notes.push("issuanceDate is a VC 1.1 term that VC 2.0 does not define; validFrom is the issue date");
  }
  const type = asObject(asObject(root.credentialSubject)?.achievement)?.achievementType;
  const achievementType = typeof type === "string" ? type : undefined;
  if (achievementType === "MicroCredential" && missing.length > 0) {
    notes.push(
      `achievementType is "MicroCredential", yet it lacks ${missing.map((m) => m.element).join(", ")}: it is issued as a plain badge`,
    );
  }
  return {
    credential: root,
    complete: missing.length === 0,
    found,
    missing,
    keptProofs: proofs.length,
    achievementType,
    notes,
  };
}
