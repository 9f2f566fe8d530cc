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
import {
  bool,
  defined,
  displayText,
  get,
  linkOrText,
  list,
  markdown,
  type Markdown,
  num,
  obj,
  type Obj,
  objects,
  texts,
} from "./display-values.ts";
import {
  ACHIEVEMENT_TYPES,
  type AchievementType,
  IDENTITY_TYPES,
  type IdentityType,
  vocabulary,
  type VocabularyValue,
} from "./ob3-vocabulary.ts";
import { alignments, resultDescriptionView, resultView, type AlignmentView, type ResultView } from "./result-view.ts";
import { safeHttpsUrl, safeImage, type SafeImage } from "./safe-url.ts";

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
