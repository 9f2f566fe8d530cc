/**
 * The credential model: an Open Badges 3.0 `OpenBadgeCredential` (W3C VC 2.0 data model) carrying the
 * microcredential information elements of the EU 2022 recommendation and UNESCO IESALC's framework.
 *
 * Mapping (OB3 field where one exists, the `microcredential` extension otherwise):
 *   learner ............... credentialSubject.identifier[]: name, emailAddress, sisSourcedId (IdentityObject)
 *   title ................. achievement.name (and the credential's name)
 *   awarding institution .. issuer (Profile: id, name, url); its country in issuer.address.addressCountryCode
 *   issue date ............ validFrom (VC 2.0: no issuanceDate)
 *   completion date ....... credentialSubject.activityEndDate
 *   learning outcomes ..... achievement.microcredential.learningOutcomes[]
 *   workload .............. achievement.creditsAvailable / credentialSubject.creditsEarned (credits, ECTS by
 *                           default) and microcredential.workloadHours, .ects, .localCredits
 *   level ................. achievement.alignment[] (EQF level, targetFramework "European Qualifications
 *                           Framework") and microcredential.eqfLevel / .nqfLevel
 *   grade ................. credentialSubject.result[] linked to achievement.resultDescription[]
 *   assessment, form of participation, identity check, quality assurance, stackability, language
 *                           ....... microcredential.assessment, .participation, .identityChecked,
 *                                   .qualityAssurance, .stackableInto, .language
 * The extension's terms are defined by Acredita's JSON-LD context ({@link ACREDITA_CONTEXT}, core/contexts/).
 */
import type { JsonObject, JsonValue } from "./canonical.ts";
import { courseTemplateSchema, issuerProfileSchema } from "./course-template.ts";
import { ACREDITA_CONTEXT, OB3_CONTEXT, OB3_EXTENSIONS_CONTEXT, VC_V2_CONTEXT } from "./context-urls.ts";
import { isDateTime, parseCalendarDate } from "./dates.ts";
import { AcreditaError } from "./errors.ts";
import type { MicrocredentialElement } from "./microcredential.ts";
import { schemaProblems, z } from "./schema.ts";

export const OB3_SCHEMA_URL =
  "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
export const EQF_URL = "https://europass.europa.eu/en/description-eight-eqf-levels";

/** A credential as JSON: an object whose fields are JSON values. */
export type CredentialDocument = JsonObject;

/** One learner who completed the course. */
export interface LearnerRecord {
  /** The institution's learner id (e.g. UNEJE-2026-0001). */
  id: string;
  name: string;
  email?: string;
  /** ISO 3166-1 alpha-2 country of the learner (not placed in the credential: OB3 has no field for it). */
  country?: string;
  /** YYYY-MM-DD. */
  completedOn: string;
  /** The final grade as the institution writes it (e.g. "74", "10.0"). */
  grade?: string;
}

/** Issuance parameters shared by a batch. */
export interface IssuanceOptions {
  /** RFC 3339 date-time the credentials become valid (the issue date). */
  validFrom: string;
  /** Optional RFC 3339 expiry. */
  validUntil?: string;
}

const dateTime = z
  .string()
  .check(z.refine(isDateTime, "expected an RFC 3339 date-time of a real day (2026-07-01T00:00:00Z)"));

const GRADE_LABEL: Record<string, string> = { es: "Nota final", "pt-BR": "Nota final", pt: "Nota final" };

/**
 * The parts of a credential shared by every learner of one course, built once per batch. Credentials built
 * from the same course share these objects (they are frozen), which keeps 100,000 credentials in memory cheap
 * and lets the digest pipeline hash each shared value once.
 */
export interface CourseContext {
  readonly context: readonly JsonValue[];
  readonly type: readonly JsonValue[];
  readonly issuer: JsonObject;
  readonly achievement: JsonObject;
  readonly credentialSchema: readonly JsonValue[];
  readonly subjectType: readonly JsonValue[];
  readonly name: string;
  readonly validFrom: string;
  readonly validUntil: string | undefined;
  readonly creditsAvailable: number | undefined;
  readonly gradeDescriptionId: string;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

function parseOrThrow<T>(
  schema: z.core.$ZodType<T>,
  input: unknown,
  code: "CREDENTIAL_INVALID_TEMPLATE" | "CREDENTIAL_INVALID_ISSUER",
): T {
  const result = z.safeParse(schema, input);
  if (!result.success) {
    const problems = schemaProblems(result.error);
    throw new AcreditaError(code, problems.join("; "), { problems });
  }
  return result.data;
}

/** Validates the template, issuer and dates once and builds the shared parts of a batch's credentials. */
export function prepareCourse(template: unknown, issuer: unknown, options: IssuanceOptions): CourseContext {
  const course = parseOrThrow(courseTemplateSchema, template, "CREDENTIAL_INVALID_TEMPLATE");
  const profile = parseOrThrow(issuerProfileSchema, issuer, "CREDENTIAL_INVALID_ISSUER");
  const dates = z.object({ validFrom: dateTime, validUntil: z.optional(dateTime) }).safeParse(options);
  if (!dates.success) {
    throw new AcreditaError(
      "CREDENTIAL_INVALID_TEMPLATE",
      "validFrom/validUntil must be RFC 3339 date-times of real days (2026-07-01T00:00:00Z)",
      {
        problems: dates.error.issues.map((i) => i.message),
      },
    );
  }
  const mc = course.microcredential ?? {};
  const extension: JsonObject = { type: "MicroCredentialProfile" };
  const set = (key: string, value: JsonValue | undefined): void => {
    if (value !== undefined) extension[key] = value;
  };
  set("learningOutcomes", course.learningOutcomes);
  set("workloadHours", mc.workloadHours);
  set("ects", mc.ects);
  set("localCredits", mc.localCredits);
  set("creditSystem", mc.creditSystem);
  set("eqfLevel", mc.eqfLevel);
  set("nqfLevel", mc.nqfLevel);
  set("assessment", mc.assessment);
  set("participation", mc.participation);
  set("identityChecked", mc.identityChecked);
  set("qualityAssurance", mc.qualityAssurance);
  set("stackableInto", mc.stackableInto);
  set("prerequisites", mc.prerequisites);
  set("language", course.inLanguage);

  const gradeDescriptionId = `${course.id}#final-grade`;
  const achievement: JsonObject = {
    id: course.id,
    type: ["Achievement"],
    achievementType: "MicroCredential",
    name: course.name,
    description: course.description,
    criteria: { ...course.criteria },
  };
  if (course.creditsAvailable !== undefined) achievement.creditsAvailable = course.creditsAvailable;
  if (course.fieldOfStudy !== undefined) achievement.fieldOfStudy = course.fieldOfStudy;
  if (mc.eqfLevel !== undefined) {
    achievement.alignment = [
      {
        type: ["Alignment"],
        targetName: `EQF level ${mc.eqfLevel}`,
        targetCode: String(mc.eqfLevel),
        targetFramework: "European Qualifications Framework",
        targetUrl: EQF_URL,
      },
    ];
  }
  achievement.resultDescription = [
    {
      id: gradeDescriptionId,
      type: ["ResultDescription"],
      name: GRADE_LABEL[course.inLanguage ?? ""] ?? "Final grade",
      resultType: "RawScore",
    },
  ];
  achievement.microcredential = extension;

  const issuerObject: JsonObject = {
    id: profile.id ?? profile.website ?? `urn:acredita:issuer:${encodeURIComponent(profile.name)}`,
    type: ["Profile"],
    name: profile.name,
    address: { type: ["Address"], addressCountryCode: profile.country },
  };
  if (profile.website !== undefined) issuerObject.url = profile.website;

  // Reject a template that lacks a required element, listing every one (the learner comes later).
  const probe: JsonObject = {
    validFrom: dates.data.validFrom,
    issuer: issuerObject,
    credentialSubject: { achievement },
  };
  const missing = missingTemplateElements(probe);
  if (missing.length > 0) {
    throw new AcreditaError("CREDENTIAL_MICROCREDENTIAL_INCOMPLETE", `missing: ${missing.join(", ")}`, { missing });
  }

  return deepFreeze({
    context: [VC_V2_CONTEXT, OB3_CONTEXT, OB3_EXTENSIONS_CONTEXT, ACREDITA_CONTEXT],
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: issuerObject,
    achievement,
    credentialSchema: [{ id: OB3_SCHEMA_URL, type: "1EdTechJsonSchemaValidator2019" }],
    subjectType: ["AchievementSubject"],
    name: course.name,
    validFrom: dates.data.validFrom,
    validUntil: dates.data.validUntil,
    creditsAvailable: course.creditsAvailable,
    gradeDescriptionId,
  });
}

const LEARNER_ID = /^\S(.*\S)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The one e-mail rule of a learner record (core and the CLI's learners spreadsheet): local@domain.tld, no spaces. */
export function isEmailAddress(text: string): boolean {
  return EMAIL.test(text);
}

function learnerProblem(learner: LearnerRecord, message: string): never {
  throw new AcreditaError("CREDENTIAL_INVALID_LEARNER", `learner ${learner.id || "(no id)"}: ${message}`, {
    learnerId: learner.id,
    problem: message,
  });
}

/** A random RFC 4122 version-4 UUID URN (from the platform CSPRNG). */
export function randomCredentialId(): string {
  if (typeof crypto.randomUUID === "function") return `urn:uuid:${crypto.randomUUID()}`;
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The credential of one learner for a prepared course. Shared parts are the course's (frozen) objects.
 * Throws CREDENTIAL_INVALID_LEARNER with the problem when the record is incomplete.
 */
export function credentialFor(course: CourseContext, learner: LearnerRecord, id: string): CredentialDocument {
  if (!LEARNER_ID.test(learner.id)) learnerProblem(learner, "missing learner id");
  if (learner.name.trim() === "") learnerProblem(learner, "missing name");
  if (learner.email !== undefined && !isEmailAddress(learner.email)) learnerProblem(learner, "invalid e-mail");
  if (parseCalendarDate(learner.completedOn) === undefined)
    learnerProblem(learner, "completedOn must be a real YYYY-MM-DD day");

  const identifier: JsonValue[] = [
    { type: "IdentityObject", identityType: "name", hashed: false, identityHash: learner.name },
  ];
  if (learner.email !== undefined) {
    identifier.push({
      type: "IdentityObject",
      identityType: "emailAddress",
      hashed: false,
      identityHash: learner.email,
    });
  }
  identifier.push({ type: "IdentityObject", identityType: "sisSourcedId", hashed: false, identityHash: learner.id });

  const subject: JsonObject = {
    type: course.subjectType as JsonValue[],
    identifier,
    activityEndDate: `${learner.completedOn}T00:00:00Z`,
  };
  if (course.creditsAvailable !== undefined) subject.creditsEarned = course.creditsAvailable;
  if (learner.grade !== undefined && learner.grade !== "") {
    subject.result = [{ type: ["Result"], resultDescription: course.gradeDescriptionId, value: learner.grade }];
  }
  subject.achievement = course.achievement;

  const credential: CredentialDocument = {
    "@context": course.context as JsonValue[],
    id,
    type: course.type as JsonValue[],
    name: course.name,
    issuer: course.issuer,
    validFrom: course.validFrom,
    credentialSchema: course.credentialSchema as JsonValue[],
    credentialSubject: subject,
  };
  if (course.validUntil !== undefined) credential.validUntil = course.validUntil;
  return credential;
}

/** Builds one credential from a course template, an issuer profile and one learner record. */
export function buildCredential(input: {
  template: unknown;
  issuer: unknown;
  learner: LearnerRecord;
  options: IssuanceOptions;
  id?: string;
}): CredentialDocument {
  const course = prepareCourse(input.template, input.issuer, input.options);
  return credentialFor(course, input.learner, input.id ?? randomCredentialId());
}

// ----------------------------------------------------------------------------------------------------------------
// Reading credentials: OB3 shape and microcredential completeness (also for issuers' own OB3 JSON files).

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
}

function asArray(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function nonEmptyString(value: JsonValue | undefined): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/** The problems that keep `doc` from being an OB3 OpenBadgeCredential (empty when it is one). */
export function ob3Problems(doc: JsonValue): string[] {
  const problems: string[] = [];
  const root = asObject(doc);
  if (root === undefined) return ["the credential is not a JSON object"];
  const context = asArray(root["@context"]);
  if (context[0] !== VC_V2_CONTEXT) problems.push(`@context must start with ${VC_V2_CONTEXT}`);
  if (!context.some((c) => typeof c === "string" && c.startsWith("https://purl.imsglobal.org/spec/ob/v3p0/context"))) {
    problems.push("@context lacks the Open Badges 3.0 context");
  }
  const types = asArray(root.type);
  if (!types.includes("VerifiableCredential")) problems.push("type lacks VerifiableCredential");
  if (!types.includes("OpenBadgeCredential") && !types.includes("AchievementCredential")) {
    problems.push("type lacks OpenBadgeCredential");
  }
  const issuer = root.issuer;
  if (!nonEmptyString(issuer) && !nonEmptyString(asObject(issuer)?.id)) problems.push("issuer must have an id");
  if (!nonEmptyString(root.validFrom)) problems.push("validFrom is missing");
  const subject = asObject(root.credentialSubject);
  if (subject === undefined) problems.push("credentialSubject must be an object");
  else if (asObject(subject.achievement) === undefined) problems.push("credentialSubject.achievement is missing");
  return problems;
}

/**
 * The elements a course template lacks. Stricter than {@link missingMicrocredentialElements}: a template is
 * Acredita's own input format, so its author states each element in the template's fields (the grade scale and
 * criteria that every built credential carries say nothing about the course's assessment).
 */
function missingTemplateElements(doc: JsonObject): MicrocredentialElement[] {
  const missing: MicrocredentialElement[] = [];
  const subject = asObject(doc.credentialSubject) ?? {};
  const achievement = asObject(subject.achievement) ?? {};
  const ext = asObject(achievement.microcredential) ?? {};
  const issuer = asObject(doc.issuer) ?? {};
  if (!nonEmptyString(achievement.name)) missing.push("title");
  if (!nonEmptyString(issuer.name)) missing.push("awardingInstitution");
  const country = asObject(issuer.address)?.addressCountryCode;
  if (typeof country !== "string" || !/^[A-Z]{2}$/.test(country)) missing.push("country");
  if (!nonEmptyString(doc.validFrom)) missing.push("issueDate");
  if (!asArray(ext.learningOutcomes).some(nonEmptyString)) missing.push("learningOutcomes");
  const positive = (v: JsonValue | undefined): boolean => typeof v === "number" && v > 0;
  if (!positive(ext.workloadHours) && !positive(ext.ects) && !positive(ext.localCredits)) missing.push("workload");
  if (ext.eqfLevel === undefined && !nonEmptyString(ext.nqfLevel)) missing.push("level");
  if (!nonEmptyString(ext.assessment)) missing.push("assessment");
  if (!nonEmptyString(ext.participation)) missing.push("participation");
  if (typeof ext.identityChecked !== "boolean") missing.push("identityCheck");
  if (!nonEmptyString(ext.qualityAssurance)) missing.push("qualityAssurance");
  return missing;
}
