/**
 * OB 3.0's extensible vocabularies (achievement types, result types, result statuses, identity types): a known
 * value is given as its code for the edge to translate; an `ext:` extension or an unknown value as a humanised label
 * (`ext:IndustryPassport` → "Industry Passport").
 */
import { displayText } from "./display-values.ts";

/** A value of one of OB 3.0's extensible vocabularies. */
export type VocabularyValue<Code extends string> =
  { kind: "known"; code: Code } | { kind: "extension" | "other"; code: string; label: string };

/** OB 3.0 `AchievementType` (the schema's enumeration, in its order). */
export const ACHIEVEMENT_TYPES = [
  "Achievement",
  "ApprenticeshipCertificate",
  "Assessment",
  "Assignment",
  "AssociateDegree",
  "Award",
  "Badge",
  "BachelorDegree",
  "Certificate",
  "CertificateOfCompletion",
  "Certification",
  "CommunityService",
  "Competency",
  "Course",
  "CoCurricular",
  "Degree",
  "Diploma",
  "DoctoralDegree",
  "Fieldwork",
  "GeneralEducationDevelopment",
  "JourneymanCertificate",
  "LearningProgram",
  "License",
  "Membership",
  "ProfessionalDoctorate",
  "QualityAssuranceCredential",
  "MasterCertificate",
  "MasterDegree",
  "MicroCredential",
  "ResearchDoctorate",
  "SecondarySchoolDiploma",
] as const;
export type AchievementType = (typeof ACHIEVEMENT_TYPES)[number];

/** OB 3.0 `ResultType`. */
export const RESULT_TYPES = [
  "GradePointAverage",
  "LetterGrade",
  "Percent",
  "PerformanceLevel",
  "PredictedScore",
  "RawScore",
  "Result",
  "RubricCriterion",
  "RubricCriterionLevel",
  "RubricScore",
  "ScaledScore",
  "Status",
] as const;
export type ResultType = (typeof RESULT_TYPES)[number];

/** OB 3.0 `ResultStatusType`. */
export const RESULT_STATUSES = [
  "Completed",
  "Enrolled",
  "Failed",
  "InProgress",
  "OnHold",
  "Provisional",
  "Withdrew",
] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** OB 3.0 `IdentifierTypeEnum` (the `identityType` of an `IdentityObject`). */
export const IDENTITY_TYPES = [
  "name",
  "sourcedId",
  "systemId",
  "productId",
  "userName",
  "accountId",
  "emailAddress",
  "nationalIdentityNumber",
  "isbn",
  "issn",
  "lisSourcedId",
  "oneRosterSourcedId",
  "sisSourcedId",
  "ltiContextId",
  "ltiDeploymentId",
  "ltiToolId",
  "ltiPlatformId",
  "ltiUserId",
  "identifier",
] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number];

/** `ext:IndustryPassport` → "Industry Passport"; `lti_user-id` → "Lti user id". */
export function humanize(code: string): string {
  const words = code
    .replace(/^ext:/i, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/[._\-|:]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (words === "") return code;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `value` as a value of the vocabulary `known` (undefined when it is not a string). */
export function vocabulary<Code extends string>(
  known: readonly Code[],
  value: unknown,
  caseInsensitive = false,
): VocabularyValue<Code> | undefined {
  const code = displayText(value, 200);
  if (code === undefined || typeof value !== "string") return undefined;
  const exact = known.find((k) => k === code);
  if (exact !== undefined) return { kind: "known", code: exact };
  if (caseInsensitive) {
    const loose = known.find((k) => k.toLowerCase() === code.toLowerCase());
    if (loose !== undefined) return { kind: "known", code: loose };
  }
  return { kind: /^ext:/i.test(code) ? "extension" : "other", code, label: humanize(code) };
}
