/**
 * What the credential card shows, read defensively from an untrusted credential: every value becomes plain text
 * (or a number/boolean to format), long texts are cut, and nothing is ever turned into markup. Links and images
 * go through lib/safe-url.ts.
 */
import type { JsonObject, JsonValue } from "@acredita/core/canonical.ts";
import { safeHttpsUrl, safeImage, type SafeImage } from "../../lib/safe-url.ts";

const MAX_TEXT = 2000;
const MAX_LIST = 50;

export interface CredentialView {
  title?: string;
  description?: string;
  learnerName?: string;
  learnerEmail?: string;
  learnerId?: string;
  institutionName?: string;
  institutionUrl?: string;
  institutionCountry?: string;
  validFrom?: string;
  validUntil?: string;
  completedOn?: string;
  grade?: string;
  image?: SafeImage;
  facts: MicrocredentialFacts;
}

export interface MicrocredentialFacts {
  workloadHours?: number;
  ects?: number;
  credits?: number;
  creditSystem?: string;
  eqfLevel?: number;
  nqfLevel?: string;
  learningOutcomes: string[];
  assessment?: string;
  participation?: string;
  identityChecked?: boolean;
  qualityAssurance?: string;
  stackableInto?: string;
  prerequisites?: string;
  language?: string;
  fieldOfStudy?: string;
}

function object(value: JsonValue | undefined): JsonObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
}

function list(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).slice(0, MAX_LIST);
}

/** A display string: strings (cut to a readable length) and finite numbers; anything else is absent. */
export function text(value: JsonValue | undefined): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  return trimmed.length > MAX_TEXT ? `${trimmed.slice(0, MAX_TEXT)}…` : trimmed;
}

function num(value: JsonValue | undefined): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function bool(value: JsonValue | undefined): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

function identity(subject: JsonObject | undefined, type: string): string | undefined {
  for (const entry of list(subject?.identifier)) {
    const id = object(entry);
    if (id?.identityType === type && id.hashed !== true) return text(id.identityHash);
  }
  return undefined;
}

/** An RFC 3339 date-time as a Date, or undefined. */
export function parseDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time);
}

export function credentialView(credential: JsonObject): CredentialView {
  const subject = object(credential.credentialSubject);
  const achievement = object(subject?.achievement);
  const issuer = object(credential.issuer);
  const mc = object(achievement?.microcredential);
  const grade = list(subject?.result)
    .map((r) => text(object(r)?.value))
    .find((v) => v !== undefined);
  const outcomes = list(mc?.learningOutcomes ?? achievement?.learningOutcomes)
    .map((o) => text(o) ?? text(object(o)?.name))
    .filter((o): o is string => o !== undefined);
  const image = safeImage(credential.image ?? achievement?.image);
  const view: CredentialView = {
    title: text(credential.name) ?? text(achievement?.name),
    description: text(achievement?.description),
    learnerName: identity(subject, "name"),
    learnerEmail: identity(subject, "emailAddress"),
    learnerId: identity(subject, "sisSourcedId"),
    institutionName: text(issuer?.name),
    institutionUrl: safeHttpsUrl(issuer?.url),
    institutionCountry: text(object(issuer?.address)?.addressCountryCode),
    validFrom: text(credential.validFrom),
    validUntil: text(credential.validUntil),
    completedOn: text(subject?.activityEndDate),
    grade,
    facts: {
      workloadHours: num(mc?.workloadHours),
      ects: num(mc?.ects),
      credits: num(subject?.creditsEarned) ?? num(achievement?.creditsAvailable) ?? num(mc?.localCredits),
      creditSystem: text(mc?.creditSystem),
      eqfLevel: num(mc?.eqfLevel),
      nqfLevel: text(mc?.nqfLevel),
      learningOutcomes: outcomes,
      assessment: text(mc?.assessment),
      participation: text(mc?.participation),
      identityChecked: bool(mc?.identityChecked),
      qualityAssurance: text(mc?.qualityAssurance),
      stackableInto: text(mc?.stackableInto),
      prerequisites: text(mc?.prerequisites),
      language: text(mc?.language),
      fieldOfStudy: text(achievement?.fieldOfStudy),
    },
  };
  if (image !== undefined) view.image = image;
  return view;
}
