/**
 * The display model of an Open Badges 3.0 credential: what a reader should see, read defensively from an
 * untrusted JSON value. It reads any OB 3.0 `OpenBadgeCredential` / `AchievementCredential` — Acredita's own and
 * every other issuer's — and never throws: a field that is missing, of the wrong type, too long or only inherited
 * (`__proto__`, `constructor`…) is absent from the view, lists are capped, texts are cut.
 *
 * Every value is plain text (or a number); nothing here is markup. Texts OB 3.0 types as Markdown (descriptions,
 * criteria and evidence narratives, endorsement comments) are marked `Markdown` so the edge renders them with a
 * safe renderer. Links come out of {@link safeHttpsUrl} (https only) and images out of {@link safeImage} (raster
 * `data:` inline, `https:` only behind a click); everything else that looks like a URL stays text.
 *
 * Vocabularies (achievement types, result types, result statuses, identity types) are OB 3.0's extensible
 * enumerations: a known value is given as its code for the edge to translate; an `ext:` extension or an unknown
 * value as a humanised label (`ext:IndustryPassport` → "Industry Passport").
 */
import { parseCalendarDate, parseDateTime } from "./dates.ts";
import { safeHttpsUrl, safeImage, type SafeImage } from "./safe-url.ts";

/** Caps that keep a hostile credential from flooding the page. */
export const VIEW_LIMITS = {
  /** Characters of a plain text (name, code, value…). */
  text: 2000,
  /** Characters of a Markdown text. */
  markdown: 20_000,
  /** Elements read from any one list. */
  list: 50,
} as const;

/** Markdown source (OB 3.0 `Markdown` type): render it only with a renderer that drops raw HTML. */
export type Markdown = string & { readonly markdown?: never };

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

/** One `IdentityObject` of the learner. A hashed one carries the hash, never to be shown as the value. */
export interface IdentifierView {
  type: VocabularyValue<IdentityType>;
  /** The plain value (`hashed: false`), or the hash as written (`hashed: true`). */
  value?: string;
  hashed: boolean;
}

export interface LearnerView {
  /** `credentialSubject.name`, else the first plain `identifier` of type `name`. */
  name?: string;
  /** `credentialSubject.id` (a DID, URL or URN), as text. */
  id?: string;
  /** Every identifier except the plain `name` shown as {@link name}. */
  identifiers: IdentifierView[];
}

/** An `Alignment`: a link from the achievement (or a result) to an external framework's node. */
export interface AlignmentView {
  name?: string;
  framework?: string;
  code?: string;
  description?: Markdown;
  targetType?: string;
  /** `targetUrl` when it is https (a link); otherwise see {@link urlText}. */
  url?: string;
  /** `targetUrl` as text when it may not be a link. */
  urlText?: string;
}

export interface RubricLevelView {
  id?: string;
  name?: string;
  level?: string;
  description?: Markdown;
  points?: string;
}

/** A `ResultDescription`: what a result measures and on which scale. */
export interface ResultDescriptionView {
  id?: string;
  name?: string;
  resultType?: VocabularyValue<ResultType>;
  valueMin?: string;
  valueMax?: string;
  allowedValues: string[];
  requiredValue?: string;
  /** The required rubric level: its name when the description defines it, else its id. */
  requiredLevel?: string;
  levels: RubricLevelView[];
  alignments: AlignmentView[];
}

/** One `Result` of the learner, joined with its `ResultDescription` by id. */
export interface ResultView {
  value?: string;
  status?: VocabularyValue<ResultStatus>;
  /** The rubric level reached (looked up in the description's levels; else only its id). */
  achievedLevel?: RubricLevelView;
  /** The description this result points at, when the achievement defines it. */
  description?: ResultDescriptionView;
  /** The `resultDescription` id the result names but the achievement does not define. */
  unresolvedDescription?: string;
  alignments: AlignmentView[];
}

export interface CriteriaView {
  narrative?: Markdown;
  /** `criteria.id` when it is https (a link). */
  url?: string;
  /** `criteria.id` as text when it may not be a link. */
  idText?: string;
}

export interface EvidenceView {
  name?: string;
  description?: string;
  narrative?: Markdown;
  genre?: string;
  audience?: string;
  url?: string;
  idText?: string;
}

/** An embedded `EndorsementCredential`, as it claims itself: nothing here is verified. */
export interface EndorsementView {
  /** What it is attached to. */
  about: "credential" | "achievement" | "issuer";
  name?: string;
  endorser?: string;
  endorserId?: string;
  comment?: Markdown;
  validFrom?: string;
  validUntil?: string;
}

/** One `credentialStatus` entry of the credential itself (a status list or revocation list the issuer runs). */
export interface StatusEntryView {
  type?: string;
  id?: string;
  purpose?: string;
}

export interface AchievementView {
  id?: string;
  name?: string;
  description?: Markdown;
  type?: VocabularyValue<AchievementType>;
  criteria?: CriteriaView;
  alignments: AlignmentView[];
  fieldOfStudy?: string;
  specialization?: string;
  humanCode?: string;
  tags: string[];
  creator?: string;
}

export interface IssuerView {
  id?: string;
  name?: string;
  url?: string;
  countryCode?: string;
}

/** Acredita's `achievement.microcredential` extension (what OB 3.0 has no field for). */
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
}

export interface CredentialView {
  /** `name` of the credential, else of the achievement. */
  title?: string;
  /** The credential's own `description` (plain text in OB 3.0). */
  description?: string;
  learner: LearnerView;
  achievement: AchievementView;
  issuer: IssuerView;
  /** The badge image: an inline raster `data:` image first, else an `https:` one (to load only on request). */
  image?: SafeImage & { caption?: string };
  results: ResultView[];
  evidence: EvidenceView[];
  /** Embedded endorsements of the credential, its achievement and its issuer (not verified). */
  endorsements: EndorsementView[];
  /** Endorsements carried as compact JWS (`endorsementJwt`), not read. */
  jwtEndorsements: number;
  credits: { available?: number; earned?: number };
  dates: {
    validFrom?: string;
    validUntil?: string;
    awardedDate?: string;
    activityStartDate?: string;
    activityEndDate?: string;
  };
  /** The subject's own narrative, role, term and license number. */
  subject: { narrative?: Markdown; role?: string; term?: string; licenseNumber?: string };
  /** The credential's own `credentialStatus` entries (an object or an array in VC 2.0). */
  credentialStatus: StatusEntryView[];
  facts: MicrocredentialFacts;
}

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;
}

/** An own property only: `__proto__`, `constructor`, `toString`… never come from the prototype. */
function get(o: Obj | undefined, key: string): unknown {
  return o !== undefined && Object.hasOwn(o, key) ? o[key] : undefined;
}

/** A value that may be one element or a list of them, as a capped list. */
function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.slice(0, VIEW_LIMITS.list) : [value];
}

function objects(value: unknown): Obj[] {
  return list(value)
    .map(obj)
    .filter((o): o is Obj => o !== undefined);
}

function cut(value: string, max: number): string | undefined {
  // Trim only a bounded prefix: a huge string costs no more than a long one.
  const trimmed = (value.length > max + 64 ? value.slice(0, max + 64) : value).trim();
  if (trimmed === "") return undefined;
  return trimmed.length > max ? `${trimmed.slice(0, max)}…` : trimmed;
}

/** A display string: strings (trimmed, cut to a readable length) and finite numbers; anything else is absent. */
export function displayText(value: unknown, max: number = VIEW_LIMITS.text): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" ? cut(value, max) : undefined;
}

function markdown(value: unknown): Markdown | undefined {
  return typeof value === "string" ? cut(value, VIEW_LIMITS.markdown) : undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^\s*-?\d{1,15}(\.\d{1,15})?\s*$/.test(value)) return Number(value);
  return undefined;
}

function bool(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

function texts(value: unknown): string[] {
  return list(value)
    .map((v) => displayText(v))
    .filter((v): v is string => v !== undefined);
}

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

function vocabulary<Code extends string>(
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

/** A link when https, otherwise the text, for ids and URLs that may be anything (URN, DID, http…). */
function linkOrText(value: unknown): { url?: string; text?: string } {
  const url = safeHttpsUrl(value);
  if (url !== undefined) return { url };
  const text = displayText(value);
  return text === undefined ? {} : { text };
}

/** Drops undefined members so views compare and serialise cleanly. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function alignmentView(o: Obj): AlignmentView {
  const target = linkOrText(get(o, "targetUrl"));
  return defined({
    name: displayText(get(o, "targetName")),
    framework: displayText(get(o, "targetFramework")),
    code: displayText(get(o, "targetCode")),
    description: markdown(get(o, "targetDescription")),
    targetType: displayText(get(o, "targetType"), 200),
    url: target.url,
    urlText: target.text,
  });
}

function alignments(value: unknown): AlignmentView[] {
  return objects(value)
    .map(alignmentView)
    .filter((a) => Object.keys(a).length > 0);
}

function levelView(o: Obj): RubricLevelView {
  return defined({
    id: displayText(get(o, "id")),
    name: displayText(get(o, "name")),
    level: displayText(get(o, "level")),
    description: markdown(get(o, "description")),
    points: displayText(get(o, "points")),
  });
}

function resultDescriptionView(o: Obj): ResultDescriptionView {
  const levels = objects(get(o, "rubricCriterionLevel")).map(levelView);
  const requiredLevelId = displayText(get(o, "requiredLevel"));
  const requiredLevel = levels.find((l) => l.id !== undefined && l.id === requiredLevelId);
  return defined({
    id: displayText(get(o, "id")),
    name: displayText(get(o, "name")),
    resultType: vocabulary(RESULT_TYPES, get(o, "resultType")),
    valueMin: displayText(get(o, "valueMin")),
    valueMax: displayText(get(o, "valueMax")),
    allowedValues: texts(get(o, "allowedValue")),
    requiredValue: displayText(get(o, "requiredValue")),
    requiredLevel: requiredLevel?.name ?? requiredLevel?.level ?? requiredLevelId,
    levels,
    alignments: alignments(get(o, "alignment")),
  });
}

function resultView(o: Obj, descriptions: ResultDescriptionView[]): ResultView {
  const ref = displayText(get(o, "resultDescription"));
  const description = ref === undefined ? undefined : descriptions.find((d) => d.id === ref);
  const levelId = displayText(get(o, "achievedLevel"));
  const level =
    levelId === undefined
      ? undefined
      : (description?.levels.find((l) => l.id === levelId) ??
        // A level defined by another description of the same achievement is still that level.
        descriptions.flatMap((d) => d.levels).find((l) => l.id === levelId) ?? { id: levelId });
  return defined({
    value: displayText(get(o, "value")),
    status: vocabulary(RESULT_STATUSES, get(o, "status"), true),
    achievedLevel: level,
    description,
    unresolvedDescription: description === undefined ? ref : undefined,
    alignments: alignments(get(o, "alignment")),
  });
}

function evidenceView(o: Obj): EvidenceView {
  const id = linkOrText(get(o, "id"));
  return defined({
    name: displayText(get(o, "name")),
    description: displayText(get(o, "description")),
    narrative: markdown(get(o, "narrative")),
    genre: displayText(get(o, "genre")),
    audience: displayText(get(o, "audience")),
    url: id.url,
    idText: id.text,
  });
}

function endorsementViews(value: unknown, about: EndorsementView["about"]): EndorsementView[] {
  return objects(value).map((o) => {
    const issuer = get(o, "issuer");
    const subject = obj(list(get(o, "credentialSubject"))[0]);
    return defined({
      about,
      name: displayText(get(o, "name")),
      endorser: displayText(get(obj(issuer), "name")),
      endorserId: displayText(get(obj(issuer), "id")) ?? displayText(issuer),
      comment: markdown(get(subject, "endorsementComment")),
      validFrom: displayText(get(o, "validFrom"), 100),
      validUntil: displayText(get(o, "validUntil"), 100),
    });
  });
}

function learnerView(subject: Obj | undefined): LearnerView {
  const identifiers: IdentifierView[] = [];
  let name = displayText(get(subject, "name"));
  for (const entry of objects(get(subject, "identifier"))) {
    const type = vocabulary(IDENTITY_TYPES, get(entry, "identityType")) ?? {
      kind: "known" as const,
      code: "identifier" as const,
    };
    const hashed = get(entry, "hashed") !== false;
    const value = displayText(get(entry, "identityHash"));
    // Only a plain (unhashed) name is a name; a hashed one is a hash, shown as such.
    if (!hashed && type.kind === "known" && type.code === "name" && name === undefined && value !== undefined) {
      name = value;
      continue;
    }
    identifiers.push(defined({ type, value, hashed }));
  }
  return defined({ name, id: displayText(get(subject, "id")), identifiers });
}

function imageOf(value: unknown): (SafeImage & { caption?: string }) | undefined {
  const image = safeImage(value);
  if (image === undefined) return undefined;
  const caption = displayText(get(obj(value), "caption"), 300);
  return caption === undefined ? image : { ...image, caption };
}

function achievementView(achievement: Obj | undefined): AchievementView {
  const criteria = obj(get(achievement, "criteria"));
  const criteriaId = linkOrText(get(criteria, "id"));
  const criteriaView: CriteriaView = defined({
    narrative: markdown(get(criteria, "narrative")),
    url: criteriaId.url,
    idText: criteriaId.text,
  });
  const creator = get(achievement, "creator");
  return defined({
    id: displayText(get(achievement, "id")),
    name: displayText(get(achievement, "name")),
    description: markdown(get(achievement, "description")),
    type: vocabulary(ACHIEVEMENT_TYPES, get(achievement, "achievementType"), true),
    criteria: Object.keys(criteriaView).length > 0 ? criteriaView : undefined,
    alignments: alignments(get(achievement, "alignment")),
    fieldOfStudy: displayText(get(achievement, "fieldOfStudy")),
    specialization: displayText(get(achievement, "specialization")),
    humanCode: displayText(get(achievement, "humanCode")),
    tags: texts(get(achievement, "tag")),
    creator: displayText(get(obj(creator), "name")),
  });
}

function factsOf(achievement: Obj | undefined, subject: Obj | undefined): MicrocredentialFacts {
  const mc = obj(get(achievement, "microcredential"));
  const outcomes = list(get(mc, "learningOutcomes") ?? get(achievement, "learningOutcomes"))
    .map((o) => displayText(o) ?? displayText(get(obj(o), "name")))
    .filter((o): o is string => o !== undefined);
  return defined({
    workloadHours: num(get(mc, "workloadHours")),
    ects: num(get(mc, "ects")),
    credits: num(get(mc, "localCredits")),
    creditSystem: displayText(get(mc, "creditSystem")),
    eqfLevel: num(get(mc, "eqfLevel")),
    nqfLevel: displayText(get(mc, "nqfLevel")),
    learningOutcomes: outcomes,
    assessment: displayText(get(mc, "assessment")),
    participation: displayText(get(mc, "participation")),
    identityChecked: bool(get(mc, "identityChecked")),
    qualityAssurance: displayText(get(mc, "qualityAssurance")),
    stackableInto: displayText(get(mc, "stackableInto")),
    prerequisites: displayText(get(mc, "prerequisites")),
    language: displayText(get(mc, "language")) ?? displayText(get(subject, "inLanguage")),
  });
}

function emptyView(): CredentialView {
  return {
    learner: { identifiers: [] },
    achievement: { alignments: [], tags: [] },
    issuer: {},
    results: [],
    evidence: [],
    endorsements: [],
    jwtEndorsements: 0,
    credits: {},
    dates: {},
    subject: {},
    credentialStatus: [],
    facts: { learningOutcomes: [] },
  };
}

function build(credential: Obj): CredentialView {
  // VC 2.0 allows several subjects; OB 3.0 has one. Read the first that is an object.
  const subject = objects(get(credential, "credentialSubject"))[0];
  const achievement = obj(get(subject, "achievement"));
  const issuer = get(credential, "issuer");
  const issuerObj = obj(issuer);
  const descriptions = objects(get(achievement, "resultDescription")).map(resultDescriptionView);
  const images = [get(credential, "image"), get(achievement, "image")].map(imageOf);
  const image = images.find((i) => i?.kind === "inline") ?? images.find((i) => i !== undefined);
  const jwt = (o: Obj | undefined) => list(get(o, "endorsementJwt")).filter((v) => typeof v === "string").length;
  const view: CredentialView = {
    title: displayText(get(credential, "name")) ?? displayText(get(achievement, "name")),
    description: displayText(get(credential, "description")),
    learner: learnerView(subject),
    achievement: achievementView(achievement),
    issuer: defined({
      id: displayText(get(issuerObj, "id")) ?? displayText(issuer),
      name: displayText(get(issuerObj, "name")),
      url: safeHttpsUrl(get(issuerObj, "url")),
      countryCode: displayText(get(obj(get(issuerObj, "address")), "addressCountryCode"), 10),
    }),
    results: objects(get(subject, "result")).map((r) => resultView(r, descriptions)),
    evidence: objects(get(credential, "evidence"))
      .map(evidenceView)
      .filter((e) => Object.keys(e).length > 0),
    endorsements: [
      ...endorsementViews(get(credential, "endorsement"), "credential"),
      ...endorsementViews(get(achievement, "endorsement"), "achievement"),
      ...endorsementViews(get(issuerObj, "endorsement"), "issuer"),
    ].filter((e) => hasAnyClaim(e)),
    jwtEndorsements: jwt(credential) + jwt(achievement) + jwt(issuerObj),
    credits: defined({
      available: num(get(achievement, "creditsAvailable")),
      earned: num(get(subject, "creditsEarned")),
    }),
    dates: defined({
      validFrom: displayText(get(credential, "validFrom"), 100),
      validUntil: displayText(get(credential, "validUntil"), 100),
      awardedDate: displayText(get(credential, "awardedDate"), 100),
      activityStartDate: displayText(get(subject, "activityStartDate"), 100),
      activityEndDate: displayText(get(subject, "activityEndDate"), 100),
    }),
    subject: defined({
      narrative: markdown(get(subject, "narrative")),
      role: displayText(get(subject, "role")),
      term: displayText(get(subject, "term")),
      licenseNumber: displayText(get(subject, "licenseNumber")),
    }),
    credentialStatus: objects(get(credential, "credentialStatus")).map((s) =>
      defined({
        type:
          list(get(s, "type"))
            .map((t) => displayText(t, 200))
            .filter((t) => t !== undefined)
            .join(", ") || undefined,
        id: displayText(get(s, "id")),
        purpose: displayText(get(s, "statusPurpose"), 200),
      }),
    ),
    facts: factsOf(achievement, subject),
  };
  if (image !== undefined) view.image = image;
  return view;
}

function hasAnyClaim(e: EndorsementView): boolean {
  return e.endorser !== undefined || e.endorserId !== undefined || e.comment !== undefined || e.name !== undefined;
}

/**
 * The display model of a credential. Accepts anything (it is the verifier's input): a value that is not an
 * object gives an empty view. Never throws.
 */
export function credentialView(credential: unknown): CredentialView {
  const o = obj(credential);
  if (o === undefined) return emptyView();
  try {
    return build(o);
  } catch {
    // Unreachable with JSON input; a defensive floor for exotic objects (getters, proxies).
    return emptyView();
  }
}

/**
 * The credential's own status entries a verification did not check: all of them, except those whose type the
 * engine reports it checked (`checkedTypes`). Acredita's engine checks revocation in the registry only, so today
 * every entry is unchecked, and an edge must never present one as "not revoked".
 */
export function uncheckedStatusEntries(
  view: Pick<CredentialView, "credentialStatus">,
  checkedTypes: readonly string[] = [],
): StatusEntryView[] {
  return view.credentialStatus.filter((entry) => entry.type === undefined || !checkedTypes.includes(entry.type));
}

/**
 * An RFC 3339 date-time, or a `YYYY-MM-DD` date, as a Date; undefined for anything else, an impossible day
 * included (core/dates.ts: never rolled over into the next month).
 */
export function parseDate(value: string | undefined): Date | undefined {
  const time = parseDateTime(value) ?? parseCalendarDate(value);
  return time === undefined ? undefined : new Date(time);
}
