/**
 * An institution's profile checked in the console before anything is estimated or sent, so the form can say what is
 * wrong in the reader's language instead of waiting for the contract to refuse it. The rules themselves are core's
 * (`core/registry-text.ts`, the registry's `RegistryText`), shared with the CLI; this file maps their problems to
 * the form's fields and messages. Lengths are UTF-8 bytes: the name 1 to `MAX_NAME_LENGTH`, the issuer id 1 to
 * `MAX_URI_LENGTH`, the website at most `MAX_URI_LENGTH` (generated from the compiled contract).
 */
import { MAX_NAME_LENGTH, MAX_URI_LENGTH, isIssuerId, issuerIdProblem, textProblem } from "@acredita/core";

/** The profile fields the console's forms edit. */
export type ProfileField = "name" | "issuerId" | "website";

export type ProfileProblem =
  | { field: ProfileField; problem: "empty" | "invalidText" | "control" | "bidi" | "notNormalized" | "invalidIssuerId" }
  | { field: ProfileField; problem: "tooLong"; length: number; max: number };

export interface ProfileText {
  name: string;
  issuerId: string;
  website: string;
}

/** The console's wording of core's text problems: one kind per message. */
function textProblemOf(field: ProfileField, text: string, max: number): ProfileProblem | undefined {
  const problem = textProblem(text, max);
  switch (problem?.kind) {
    case undefined:
      return undefined;
    case "tooLong":
      return { field, problem: "tooLong", length: problem.bytes, max: problem.max };
    case "loneSurrogate":
      return { field, problem: "invalidText" };
    case "control":
      return { field, problem: "control" };
    case "bidiControl":
      return { field, problem: "bidi" };
    case "rewrittenByNfc":
    case "notNfc":
      return { field, problem: "notNormalized" };
  }
}

/** The issuer id's problem, if any: too long, or not a DID or an https URL with a host. */
function issuerIdProblemOf(issuerId: string): ProfileProblem | undefined {
  const problem = issuerIdProblem(issuerId);
  if (problem === undefined) return undefined;
  if (problem.kind === "empty") return { field: "issuerId", problem: "empty" };
  if (problem.kind === "tooLong")
    return { field: "issuerId", problem: "tooLong", length: problem.bytes, max: problem.max };
  return { field: "issuerId", problem: "invalidIssuerId" };
}

export { isIssuerId };

/**
 * Every problem of a profile, field by field in form order (at most one per field, the first the registry would
 * report). An empty list means the registry's text rules accept it.
 */
export function profileProblems(profile: ProfileText): ProfileProblem[] {
  const problems: (ProfileProblem | undefined)[] = [
    profile.name === "" ? { field: "name", problem: "empty" } : textProblemOf("name", profile.name, MAX_NAME_LENGTH),
    issuerIdProblemOf(profile.issuerId),
    textProblemOf("website", profile.website, MAX_URI_LENGTH),
  ];
  return problems.filter((p) => p !== undefined);
}
