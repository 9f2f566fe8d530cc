/**
 * The microcredential information elements (EU Council Recommendation 2022/C 243/02, UNESCO IESALC) of any Open
 * Badges 3.0 credential, found wherever OB 3.0 or a published OB 3.0 profile states them, and, for each missing
 * one, the JSON path where it would go. Used on Acredita's own credentials and on issuers' own OB 3.0 files.
 *
 * Where each element is looked for (an element counts only when the file states it; nothing is inferred):
 *
 *   element             OB 3.0 field                                  profile extensions
 *   learner ........... credentialSubject.id, .identifier[] (IdentityObject with an identityHash)
 *   title ............. credentialSubject.achievement.name
 *   awardingInstitution issuer.name, issuer.parentOrg.name
 *   country ........... issuer.address.addressCountryCode / .addressCountry, issuer.parentOrg.address.…
 *   issueDate ......... validFrom, awardedDate
 *   learningOutcomes .. achievement.alignment[] to a competency (targetType "ceasn:Competency" or "CFItem", or an
 *                       ESCO skill/competence targetUrl), achievement.resultDescription[].alignment[] likewise
 *                                                                      acredita: microcredential.learningOutcomes
 *   workload .......... achievement.creditsAvailable, credentialSubject.creditsEarned
 *                                                                      acredita: .workloadHours, .ects, .localCredits
 *                                                                      educredentials: ECTS, timeInvestment, SBU
 *   level ............. achievement.alignment[] to a qualifications framework (targetFramework naming the EQF, an
 *                       NQF or another qualifications framework; an EQF-level targetUrl; targetType ext:EQF…)
 *                                                                      acredita: .eqfLevel, .nqfLevel
 *   assessment ........ achievement.resultDescription[] (a result scale the learner was assessed on),
 *                       credentialSubject.result[]                     1EdTech OB Assessment Extension 2.0:
 *                                                                      resultDescription[].assessmentType
 *                                                                      acredita: .assessment
 *                                                                      educredentials: assessmentType
 *   participation ..... (no OB 3.0 field)                              acredita: .participation
 *                                                                      educredentials: participationType
 *   identityCheck ..... (no OB 3.0 field)                              acredita: .identityChecked
 *                                                                      educredentials: identityChecked, supervisionType
 *   qualityAssurance .. achievement.alignment[] to a quality-assurance framework (targetType ext:QualityAssurance,
 *                       or a targetFramework naming quality assurance or accreditation); an EndorsementCredential
 *                       from another organisation in endorsement[], achievement.endorsement[] or issuer.endorsement[]
 *                                                                      acredita: .qualityAssurance
 *
 * Deliberately not counted, because the field does not say it: `criteria.narrative` (OB 3.0 requires criteria on
 * every achievement, a participation badge included: it says what was required, not how it was assessed) and
 * IdentityObjects (an e-mail or a student number says who the learner is, not that their identity was checked
 * at assessment: Acredita's own samples carry a sisSourcedId and state identityChecked false).
 *
 * Profiles researched and supported (published OB 3.0 microcredential extensions):
 * - Acredita's own `microcredential` extension, defined by Acredita's context (core/contexts/acredita-v2.json):
 *   achievement.microcredential, type MicroCredentialProfile.
 * - SURF Edubadges / Educredentials OB 3.0 metadata model: an Achievement of type EducredentialAchievement,
 *   EdubadgesAchievement or ExtracurricularAchievement carries ECTS, timeInvestment, SBU (study load hours),
 *   participationType, assessmentType, identityChecked and supervisionType; EQF level and quality assurance as
 *   alignments with targetType ext:EQF / ext:EQFLevel and ext:QualityAssurance.
 *   https://github.com/educredentials/obv3-examples (contexts/educredential.json, _data/credentials/*microcredential*)
 *   https://github.com/edubadges/edubadges-server/wiki/Edubadges-Metadata-Model-OB3
 * - 1EdTech Open Badges Assessment Extension 2.0: a ResultDescription of type AssessmentResultDescription with
 *   assessmentType (Exam, Performance, Artifact…), assessmentOutput, evaluationMethod.
 *   https://www.imsglobal.org/spec/ob-assessment/v2p0/
 * - EU controlled vocabularies as alignment targets, as in the EU-funded MyNextID/DC4EU OB 3.0 microcredential
 *   example: ESCO skills (http://data.europa.eu/esco/skill/…) for learning outcomes, EQF levels
 *   (http://data.europa.eu/snb/eqf/…) for the level.
 *   https://github.com/MyNextID/credentials/tree/main/microcredential/open-badge
 * - Credential Engine (CTDL) and CASE alignments, through OB 3.0's own AlignmentTargetType: ceasn:Competency and
 *   CFItem name competencies; ceterms:Credential and CTDL name credentials (not outcomes, not levels).
 *   https://www.imsglobal.org/spec/ob/v3p0/#alignmenttargettype-enumeration
 * Europass's European Digital Credentials for Learning are issued in the European Learning Model, not as OB 3.0
 * (https://europa.eu/europass/elm-browser/index.html); an OB 3.0 file reaches its vocabularies only through the
 * alignments above.
 */
import type { JsonObject, JsonValue } from "./canonical.ts";
import { ACREDITA_CONTEXT } from "./context-urls.ts";

/** A microcredential information element (EU 2022 recommendation, UNESCO IESALC). */
export type MicrocredentialElement =
  | "learner"
  | "title"
  | "awardingInstitution"
  | "country"
  | "issueDate"
  | "learningOutcomes"
  | "workload"
  | "level"
  | "assessment"
  | "participation"
  | "identityCheck"
  | "qualityAssurance";

/** Every required element, in the order they are reported. */
export const MICROCREDENTIAL_ELEMENTS: readonly MicrocredentialElement[] = [
  "learner",
  "title",
  "awardingInstitution",
  "country",
  "issueDate",
  "learningOutcomes",
  "workload",
  "level",
  "assessment",
  "participation",
  "identityCheck",
  "qualityAssurance",
];

/** Which vocabulary stated an element: OB 3.0 itself, Acredita's extension, or another published profile. */
export type ElementSource = "ob3" | "acredita" | "educredentials" | "ob-assessment";

/** Where a file states an element. */
export interface FoundElement {
  element: MicrocredentialElement;
  /** JSON path of the value, e.g. `credentialSubject.achievement.alignment[1]`. */
  path: string;
  source: ElementSource;
}

/** An element a file lacks, with where it would go. */
export interface MissingElement {
  element: MicrocredentialElement;
  /** The JSON path where OB 3.0 (or, when OB 3.0 has no field, Acredita's extension) puts it. */
  path: string;
  /** Other places that would also do. */
  alternatives: string[];
  /** What the element is, in a sentence. */
  explanation: string;
}

/** Every element a credential states (possibly in several places) and every one it lacks. */
export interface MicrocredentialReview {
  found: FoundElement[];
  missing: MissingElement[];
}

const ACHIEVEMENT = "credentialSubject.achievement";
const EXTENSION = `${ACHIEVEMENT}.microcredential`;

/** Where each element would go, and what it is. */
export const ELEMENT_PLACES: Readonly<Record<MicrocredentialElement, Omit<MissingElement, "element">>> = {
  learner: {
    path: "credentialSubject.id",
    alternatives: ["credentialSubject.identifier[] (IdentityObject)"],
    explanation: "who earned it: the learner's id, or an identifier such as a name or e-mail",
  },
  title: { path: `${ACHIEVEMENT}.name`, alternatives: [], explanation: "the title of the microcredential" },
  awardingInstitution: { path: "issuer.name", alternatives: [], explanation: "the name of the awarding institution" },
  country: {
    path: "issuer.address.addressCountryCode",
    alternatives: ["issuer.address.addressCountry"],
    explanation: "the country of the awarding institution, as an ISO 3166-1 alpha-2 code",
  },
  issueDate: { path: "validFrom", alternatives: ["awardedDate"], explanation: "the date of issue" },
  learningOutcomes: {
    path: `${ACHIEVEMENT}.alignment[] (targetType "ceasn:Competency" or "CFItem", or an ESCO skill targetUrl)`,
    alternatives: [`${EXTENSION}.learningOutcomes[]`],
    explanation: "what the learner knows, understands and can do: competencies or skills the achievement certifies",
  },
  workload: {
    path: `${ACHIEVEMENT}.creditsAvailable`,
    alternatives: [`${EXTENSION}.workloadHours`, `${EXTENSION}.ects`],
    explanation: "the notional workload, in ECTS credits wherever possible, or in hours",
  },
  level: {
    path: `${ACHIEVEMENT}.alignment[] (targetFramework "European Qualifications Framework")`,
    alternatives: [`${EXTENSION}.eqfLevel`, `${EXTENSION}.nqfLevel`],
    explanation: "the level in the EQF or a national qualifications framework",
  },
  assessment: {
    path: `${ACHIEVEMENT}.resultDescription[]`,
    alternatives: [`${EXTENSION}.assessment`],
    explanation: "how the learning was assessed: the type of assessment, or the result scale",
  },
  participation: {
    path: `${EXTENSION}.participation`,
    alternatives: [],
    explanation: `the form of participation: online, onsite, blended…; OB 3.0 has no field for it, Acredita's extension does (add ${ACREDITA_CONTEXT} to @context)`,
  },
  identityCheck: {
    path: `${EXTENSION}.identityChecked`,
    alternatives: [],
    explanation: `whether the learner's identity was checked at assessment, true or false; OB 3.0 has no field for it, Acredita's extension does (add ${ACREDITA_CONTEXT} to @context)`,
  },
  qualityAssurance: {
    path: `${ACHIEVEMENT}.alignment[] (a quality-assurance framework)`,
    alternatives: [
      `${EXTENSION}.qualityAssurance`,
      "endorsement[] (EndorsementCredential by a quality-assurance body)",
    ],
    explanation: "the quality assurance that underpins the microcredential",
  },
};

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
}

function asArray(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function text(value: JsonValue | undefined): value is string {
  return typeof value === "string" && value.trim() !== "";
}

function positive(value: JsonValue | undefined): boolean {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

function types(value: JsonValue | undefined): string[] {
  return asArray(asObject(value)?.type).filter((t): t is string => typeof t === "string");
}

function idOf(value: JsonValue | undefined): string | undefined {
  if (typeof value === "string") return value;
  const id = asObject(value)?.id;
  return typeof id === "string" ? id : undefined;
}

/** Achievement types of the Educredentials / Edubadges OB 3.0 profile (see the module comment). */
const EDUCREDENTIALS_TYPES = new Set([
  "EducredentialAchievement",
  "EdubadgesAchievement",
  "ExtracurricularAchievement",
]);
/** OB 3.0 AlignmentTargetType values that name a competency (CTDL-ASN, CASE). */
const COMPETENCY_TARGETS = new Set(["ceasn:Competency", "CFItem"]);
/** ESCO skills and competences (the EU's multilingual classification). */
const ESCO_SKILL = /^https?:\/\/data\.europa\.eu\/esco\/(skill|competence)\//;
const LEVEL_TARGETS = new Set(["ext:EQF", "ext:EQFLevel", "ext:NQF", "ext:NQFLevel"]);
const QUALIFICATIONS_FRAMEWORK =
  /qualifications?\s+framework|\b[EN]QF\b|marco\s.*\bcualificaciones\b|quadro\s.*\bqualifica[cç][oõ]es\b|cadre\s.*\bcertifications\b/i;
/** EQF level URIs: the EU vocabulary (as EDC uses it) and the Europass description Acredita links. */
const EQF_LEVEL_URL = /^https?:\/\/(data\.europa\.eu\/snb\/eqf\/|europass\.europa\.eu\/.*eqf)/i;
const QA_TARGETS = new Set(["ext:QualityAssurance"]);
const QUALITY_FRAMEWORK =
  /quality[\s-]+assurance|\baccreditation\b|european standards and guidelines|\bEQAR\b|garant[ií]a\s+de\s+(la\s+)?calidad|garantia\s+da\s+qualidade|asseguramento\s+da\s+qualidade/i;

type AlignmentKind = "learningOutcomes" | "level" | "qualityAssurance";

/** What one alignment states, judged by its targetType, targetFramework and targetUrl only. */
function alignmentKind(alignment: JsonObject): AlignmentKind | undefined {
  const type = typeof alignment.targetType === "string" ? alignment.targetType : "";
  const framework = typeof alignment.targetFramework === "string" ? alignment.targetFramework : "";
  const url = typeof alignment.targetUrl === "string" ? alignment.targetUrl : "";
  if (LEVEL_TARGETS.has(type) || QUALIFICATIONS_FRAMEWORK.test(framework) || EQF_LEVEL_URL.test(url)) return "level";
  if (QA_TARGETS.has(type) || QUALITY_FRAMEWORK.test(framework)) return "qualityAssurance";
  if (COMPETENCY_TARGETS.has(type) || ESCO_SKILL.test(url)) return "learningOutcomes";
  return undefined;
}

/**
 * Every microcredential element `doc` states, where, and every one it lacks with the path where it would go.
 * Works on any JSON (a redacted credential may legitimately lack the learner).
 */
export function reviewMicrocredential(doc: JsonValue): MicrocredentialReview {
  const found: FoundElement[] = [];
  const add = (element: MicrocredentialElement, path: string, source: ElementSource = "ob3"): void => {
    found.push({ element, path, source });
  };
  const root = asObject(doc) ?? {};
  const subject = asObject(root.credentialSubject) ?? {};
  const achievement = asObject(subject.achievement) ?? {};
  const issuer = asObject(root.issuer) ?? {};
  const parentOrg = asObject(issuer.parentOrg) ?? {};

  // learner, title, institution, country, date: OB 3.0 fields.
  if (text(subject.id)) add("learner", "credentialSubject.id");
  asArray(subject.identifier).forEach((entry, i) => {
    if (text(asObject(entry)?.identityHash)) add("learner", `credentialSubject.identifier[${i}]`);
  });
  if (text(achievement.name)) add("title", `${ACHIEVEMENT}.name`);
  if (text(issuer.name)) add("awardingInstitution", "issuer.name");
  if (text(parentOrg.name)) add("awardingInstitution", "issuer.parentOrg.name");
  for (const [where, profile] of [
    ["issuer", issuer],
    ["issuer.parentOrg", parentOrg],
  ] as const) {
    const address = asObject(profile.address) ?? {};
    const code = address.addressCountryCode;
    if (typeof code === "string" && /^[A-Z]{2}$/.test(code)) add("country", `${where}.address.addressCountryCode`);
    if (text(address.addressCountry)) add("country", `${where}.address.addressCountry`);
  }
  if (text(root.validFrom)) add("issueDate", "validFrom");
  if (text(root.awardedDate)) add("issueDate", "awardedDate");

  // Alignments of the achievement and of its result descriptions.
  asArray(achievement.alignment).forEach((entry, i) => {
    const alignment = asObject(entry);
    const kind = alignment === undefined ? undefined : alignmentKind(alignment);
    if (kind !== undefined) add(kind, `${ACHIEVEMENT}.alignment[${i}]`);
  });
  const descriptions = asArray(achievement.resultDescription);
  descriptions.forEach((entry, i) => {
    const description = asObject(entry);
    if (description === undefined) return;
    const path = `${ACHIEVEMENT}.resultDescription[${i}]`;
    if (text(description.assessmentType) || types(description).includes("AssessmentResultDescription")) {
      add("assessment", text(description.assessmentType) ? `${path}.assessmentType` : path, "ob-assessment");
    } else if (text(description.name) || text(description.resultType)) add("assessment", path);
    asArray(description.alignment).forEach((a, j) => {
      const alignment = asObject(a);
      if (alignment !== undefined && alignmentKind(alignment) === "learningOutcomes") {
        add("learningOutcomes", `${path}.alignment[${j}]`);
      }
    });
  });
  asArray(subject.result).forEach((entry, i) => {
    const result = asObject(entry);
    if (result !== undefined && (text(result.value) || text(result.status) || text(result.achievedLevel))) {
      add("assessment", `credentialSubject.result[${i}]`);
    }
  });

  // Workload in standard credits.
  if (positive(achievement.creditsAvailable)) add("workload", `${ACHIEVEMENT}.creditsAvailable`);
  if (positive(subject.creditsEarned)) add("workload", "credentialSubject.creditsEarned");

  // Quality assurance: an endorsement by another organisation than the issuer.
  const issuerId = idOf(root.issuer);
  for (const [where, holder] of [
    ["", root],
    [`${ACHIEVEMENT}.`, achievement],
    ["issuer.", issuer],
  ] as const) {
    asArray(holder.endorsement).forEach((entry, i) => {
      const endorsement = asObject(entry);
      if (endorsement === undefined || !types(endorsement).includes("EndorsementCredential")) return;
      const endorser = idOf(endorsement.issuer);
      if (endorser !== undefined && endorser !== issuerId) add("qualityAssurance", `${where}endorsement[${i}]`);
    });
  }

  // Acredita's extension.
  const ext = asObject(achievement.microcredential);
  if (ext !== undefined) {
    const at = (key: string) => `${EXTENSION}.${key}`;
    if (asArray(ext.learningOutcomes).some(text)) add("learningOutcomes", at("learningOutcomes"), "acredita");
    for (const key of ["workloadHours", "ects", "localCredits"]) {
      if (positive(ext[key])) add("workload", at(key), "acredita");
    }
    const eqf = ext.eqfLevel;
    if (typeof eqf === "number" && Number.isInteger(eqf) && eqf >= 1 && eqf <= 8)
      add("level", at("eqfLevel"), "acredita");
    if (text(ext.nqfLevel)) add("level", at("nqfLevel"), "acredita");
    if (text(ext.assessment)) add("assessment", at("assessment"), "acredita");
    if (text(ext.participation)) add("participation", at("participation"), "acredita");
    if (typeof ext.identityChecked === "boolean") add("identityCheck", at("identityChecked"), "acredita");
    if (text(ext.qualityAssurance)) add("qualityAssurance", at("qualityAssurance"), "acredita");
  }

  // The Educredentials / Edubadges profile: properties on the achievement, activated by its type.
  if (types(achievement).some((t) => EDUCREDENTIALS_TYPES.has(t))) {
    const at = (key: string) => `${ACHIEVEMENT}.${key}`;
    for (const key of ["ECTS", "timeInvestment", "SBU"]) {
      if (positive(achievement[key])) add("workload", at(key), "educredentials");
    }
    if (text(achievement.assessmentType)) add("assessment", at("assessmentType"), "educredentials");
    if (text(achievement.participationType)) add("participation", at("participationType"), "educredentials");
    if (typeof achievement.identityChecked === "boolean") {
      add("identityCheck", at("identityChecked"), "educredentials");
    }
    if (text(achievement.supervisionType)) add("identityCheck", at("supervisionType"), "educredentials");
  }

  const stated = new Set(found.map((f) => f.element));
  const missing = MICROCREDENTIAL_ELEMENTS.filter((element) => !stated.has(element)).map((element) => ({
    element,
    ...ELEMENT_PLACES[element],
    alternatives: [...ELEMENT_PLACES[element].alternatives],
  }));
  found.sort((a, b) => MICROCREDENTIAL_ELEMENTS.indexOf(a.element) - MICROCREDENTIAL_ELEMENTS.indexOf(b.element));
  return { found, missing };
}

/** The required microcredential elements that `doc` lacks (empty when complete), wherever OB 3.0 puts them. */
export function missingMicrocredentialElements(doc: JsonValue): MicrocredentialElement[] {
  return reviewMicrocredential(doc).missing.map((m) => m.element);
}
