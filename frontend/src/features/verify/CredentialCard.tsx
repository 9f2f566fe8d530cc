import {
  type JsonObject,
  credentialView,
  IDENTITY_TYPES,
  parseDate,
  type AlignmentView,
  type CredentialView,
  type EndorsementView,
  type IdentifierView,
  type ResultView,
  type VocabularyValue,
  uncheckedStatusEntries,
  type ChainStatus,
  reviewMicrocredential,
} from "@acredita/core";
import { useState, type ReactNode } from "react";
import { ExternalLink } from "../../components/ui/ExternalLink.tsx";
import { Markdown } from "../../components/ui/Markdown.tsx";
import { useI18n, type I18n } from "../../i18n/I18nProvider.tsx";
import { hiddenFields, type HiddenField } from "./hidden-fields.ts";
import type { MessageKey } from "../../i18n/messages/en.ts";

/** Whether the content is what the issuer anchored, cannot be trusted (invalid, untrusted), or was not confirmed. */
export type CardTrust = "genuine" | "untrustworthy" | "unverified";

function when(i18n: I18n, value: string | undefined): string | undefined {
  const parsed = parseDate(value);
  return parsed === undefined ? value : i18n.date(parsed);
}

/** A count in words, by the language's plural rules (the message's `{n, plural, …}`). */
function plural(i18n: I18n, key: "facts.hours" | "result.points" | "endorsement.jwt", n: number): string {
  return i18n.t(key, { n });
}

/** A vocabulary value in the reader's language: a known code by its translation, anything else humanised. */
function term(
  i18n: I18n,
  prefix: "achievementType" | "resultType" | "resultStatus" | "identityType",
  value: VocabularyValue<string>,
) {
  return value.kind === "known" ? i18n.t(`${prefix}.${value.code}` as MessageKey) : value.label;
}

function Fact(props: { label: string; value: ReactNode; testId?: string }) {
  if (props.value === undefined || props.value === null || props.value === "") return null;
  return (
    <>
      <dt>{props.label}</dt>
      <dd dir="auto" data-testid={props.testId}>
        {props.value}
      </dd>
    </>
  );
}

function Section(props: { id: string; title: string; testId: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`card-${props.id}-title`} data-testid={props.testId}>
      <h3 id={`card-${props.id}-title`}>{props.title}</h3>
      {props.children}
    </section>
  );
}

function Identifier({ identifier }: { identifier: IdentifierView }) {
  const i18n = useI18n();
  const type = term(i18n, "identityType", identifier.type);
  if (identifier.value === undefined)
    return (
      <Fact
        label={type}
        value={<span className="hidden-value">{i18n.t("card.hiddenValue")}</span>}
        testId="card-identifier"
      />
    );
  if (!identifier.hashed) return <Fact label={type} value={identifier.value} testId="card-identifier" />;
  return (
    <Fact
      label={i18n.t("card.hashed", { type })}
      value={
        <>
          <code dir="auto">{identifier.value ?? "—"}</code> <span className="hint">({i18n.t("card.hashedHint")})</span>
        </>
      }
      testId="card-identifier"
    />
  );
}

function Alignments({ items }: { items: readonly AlignmentView[] }) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <ul className="alignments" data-testid="card-alignment-list">
      {items.map((a, i) => {
        const name = a.name ?? a.code ?? t("alignment.untitled");
        return (
          <li key={i} data-testid="card-alignment">
            <bdi>
              {a.url === undefined ? <strong>{name}</strong> : <ExternalLink href={a.url}>{name}</ExternalLink>}
            </bdi>
            {a.framework !== undefined && (
              <>
                {" — "}
                <span>
                  {t("alignment.framework")}: <bdi>{a.framework}</bdi>
                </span>
              </>
            )}
            {a.code !== undefined && (
              <>
                {" · "}
                <span>
                  {t("alignment.code")}: <code dir="auto">{a.code}</code>
                </span>
              </>
            )}
            {a.url === undefined && a.urlText !== undefined && (
              <>
                {" · "}
                <code dir="auto">{a.urlText}</code>
              </>
            )}
            {a.description !== undefined && <Markdown>{a.description}</Markdown>}
          </li>
        );
      })}
    </ul>
  );
}

function scaleRange(i18n: I18n, min: string | undefined, max: string | undefined): string | undefined {
  if (min !== undefined && max !== undefined) return i18n.t("result.range", { min, max });
  if (min !== undefined) return i18n.t("result.min", { min });
  if (max !== undefined) return i18n.t("result.max", { max });
  return undefined;
}

function points(i18n: I18n, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && value.trim() !== ""
    ? plural(i18n, "result.points", n)
    : i18n.t("result.pointsText", { points: value });
}

function Result({ result, n }: { result: ResultView; n: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const d = result.description;
  const level = result.achievedLevel;
  const levelText =
    level === undefined
      ? undefined
      : [
          level.name ?? level.level ?? level.id,
          level.name !== undefined && level.level !== undefined && level.level !== level.name
            ? `(${level.level})`
            : undefined,
          points(i18n, level.points),
        ]
          .filter((v) => v !== undefined)
          .join(" ");
  const scale =
    d === undefined
      ? undefined
      : [d.resultType && term(i18n, "resultType", d.resultType), scaleRange(i18n, d.valueMin, d.valueMax)]
          .filter((v) => v)
          .join(", ");
  return (
    <li className="result" data-testid="card-result">
      <h4 dir="auto">{d?.name ?? t("result.n", { n })}</h4>
      <dl className="facts">
        <Fact label={t("result.value")} value={result.value} testId="card-result-value" />
        <Fact label={t("result.status")} value={result.status && term(i18n, "resultStatus", result.status)} />
        <Fact label={t("result.achievedLevel")} value={levelText} />
        <Fact label={t("result.scale")} value={scale} testId="card-result-scale" />
        <Fact label={t("result.allowed")} value={d?.allowedValues.join(", ")} testId="card-result-allowed" />
        <Fact label={t("result.required")} value={d?.requiredValue} />
        <Fact label={t("result.requiredLevel")} value={d?.requiredLevel} />
      </dl>
      {result.unresolvedDescription !== undefined && (
        <p className="hint">{i18n.tIsolated("result.unresolved", { id: result.unresolvedDescription })}</p>
      )}
      {d !== undefined && d.levels.length > 0 && (
        <>
          <h5>{t("result.levels")}</h5>
          <ul className="levels" data-testid="card-result-levels">
            {d.levels.map((l, i) => (
              <li key={i}>
                <strong dir="auto">{l.name ?? l.level ?? l.id}</strong>
                {l.name !== undefined && l.level !== undefined && l.level !== l.name && (
                  <>
                    {" ("}
                    <bdi>{l.level}</bdi>)
                  </>
                )}
                {l.points !== undefined && ` — ${points(i18n, l.points) ?? ""}`}
                {l.description !== undefined && <Markdown>{l.description}</Markdown>}
              </li>
            ))}
          </ul>
        </>
      )}
      <Alignments items={[...result.alignments, ...(d?.alignments ?? [])]} />
    </li>
  );
}

function Endorsement({ endorsement }: { endorsement: EndorsementView }) {
  const { t, tIsolated } = useI18n();
  const endorser = endorsement.endorser ?? endorsement.endorserId ?? t("endorsement.unnamed");
  return (
    <li data-testid="card-endorsement">
      <p>
        <strong>{tIsolated(`endorsement.${endorsement.about}`, { endorser })}</strong>
        {endorsement.name !== undefined && (
          <>
            {" — "}
            <bdi>{endorsement.name}</bdi>
          </>
        )}
      </p>
      {endorsement.comment !== undefined && <Markdown>{endorsement.comment}</Markdown>}
    </li>
  );
}

function MicrocredentialFacts({ view }: { view: CredentialView }) {
  const i18n = useI18n();
  const { t, number } = i18n;
  const f = view.facts;
  const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : v ? t("common.yes") : t("common.no"));
  const level =
    [f.eqfLevel === undefined ? undefined : t("facts.eqf", { n: f.eqfLevel }), f.nqfLevel]
      .filter((v) => v !== undefined)
      .join(" · ") || undefined;
  const rows: [string, string | undefined][] = [
    [t("facts.workload"), f.workloadHours === undefined ? undefined : plural(i18n, "facts.hours", f.workloadHours)],
    [t("facts.ects"), f.ects === undefined ? undefined : number(f.ects)],
    [
      t("facts.credits"),
      f.credits === undefined ? undefined : `${number(f.credits)}${f.creditSystem ? ` (${f.creditSystem})` : ""}`,
    ],
    [t("facts.level"), level],
    [t("facts.assessment"), f.assessment],
    [t("facts.participation"), f.participation],
    [t("facts.identityChecked"), yesNo(f.identityChecked)],
    [t("facts.qualityAssurance"), f.qualityAssurance],
    [t("facts.stackability"), f.stackableInto],
    [t("facts.prerequisites"), f.prerequisites],
    [t("facts.language"), f.language],
  ];
  if (rows.every(([, v]) => v === undefined) && f.learningOutcomes.length === 0) return null;
  return (
    <section className="facts-panel" aria-labelledby="facts-title" data-testid="card-facts">
      <h3 id="facts-title">{t("card.facts")}</h3>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <Fact key={label} label={label} value={value} />
        ))}
      </dl>
      {f.learningOutcomes.length > 0 && (
        <>
          <h4>{t("facts.outcomes")}</h4>
          <ul className="outcomes">
            {f.learningOutcomes.map((outcome, i) => (
              <li key={i}>{outcome}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** A hidden field by what it was: "E-mail address", "Grade (result 1)", "A learner identifier (2nd)". */
function hiddenName(i18n: I18n, field: HiddenField): string {
  switch (field.kind) {
    case "identifierValue":
      if (field.identityType === "emailAddress") return i18n.t("hidden.email");
      return (IDENTITY_TYPES as readonly (string | undefined)[]).includes(field.identityType)
        ? i18n.t(`identityType.${field.identityType ?? ""}` as MessageKey)
        : i18n.t("hidden.identifierValue");
    case "identifier":
      return i18n.t("hidden.identifierN", { n: i18n.number(field.n) });
    case "result":
      return i18n.t("hidden.resultN", { n: i18n.number(field.n) });
    case "item":
      return i18n.t(`hidden.item.${field.member}` as MessageKey, { n: i18n.number(field.n) });
  }
}

/** An https image is fetched only if the user asks for it (verification itself never contacts other hosts). */
function CredentialImage({ view }: { view: CredentialView }) {
  const { t } = useI18n();
  const [show, setShow] = useState(false);
  const image = view.image;
  if (image === undefined) return null;
  const alt = image.caption ?? t("card.imageAlt");
  if (image.kind === "inline")
    return <img className="badge-image" src={image.src} alt={alt} data-testid="card-image" />;
  if (show)
    return (
      <img className="badge-image" src={image.url} alt={alt} referrerPolicy="no-referrer" data-testid="card-image" />
    );
  return (
    <button
      type="button"
      className="secondary no-print"
      data-testid="card-load-image"
      onClick={() => {
        setShow(true);
      }}
    >
      {t("card.loadImage", { host: image.host })}
    </button>
  );
}

/**
 * The credential itself, readable: any OB 3.0 credential's achievement and its type, the learner, the institution
 * (the chain's name first), dates, credits, every result on its scale, criteria, alignments, evidence, endorsements
 * (as claimed, not verified), Acredita's microcredential facts, the fields the holder hid, and the credential's
 * own status service, which this verifier does not check unless the engine reports it in `checkedStatusTypes`.
 */
export function CredentialCard(props: {
  credential: JsonObject;
  /** How many fields the holder hid (the copy proves they exist, not what they are). */
  hiddenCount: number;
  chain?: ChainStatus;
  checkedStatusTypes?: readonly string[];
  /** How far the content can be trusted (by the verdict): anything but genuine is marked so, not shown as data. */
  trust?: CardTrust;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const view = credentialView(props.credential);
  const a = view.achievement;
  const onChain = props.chain?.anchored === true ? props.chain : undefined;
  const claimedDiffers =
    onChain !== undefined &&
    view.issuer.name !== undefined &&
    view.issuer.name.normalize("NFC") !== onChain.institutionName.normalize("NFC");
  const unchecked = uncheckedStatusEntries(view, props.checkedStatusTypes);
  const number = (v: number | undefined) => (v === undefined ? undefined : i18n.number(v));
  const trust = props.trust ?? "genuine";
  const hidden = props.hiddenCount > 0 ? hiddenFields(props.credential) : [];
  // What a plain badge lacks to be a microcredential; not for a redacted copy, whose hidden fields are not missing.
  const lacking = props.hiddenCount > 0 ? [] : reviewMicrocredential(props.credential).missing.map((m) => m.element);
  return (
    <article
      className={`panel card trust-${trust}`}
      aria-labelledby="card-title"
      aria-describedby={trust === "genuine" ? undefined : "card-trust"}
      data-testid="credential-card"
      data-trust={trust}
    >
      {trust !== "genuine" && (
        <p id="card-trust" className="trust-label" data-testid={`card-${trust}`}>
          <strong>{t(`card.trust.${trust}`)}</strong> {t(`card.trust.${trust}Hint`)}
        </p>
      )}
      <div className="card-head">
        <CredentialImage view={view} />
        <div>
          <p className="eyebrow" data-testid="card-type">
            {a.type === undefined ? t("card.eyebrow") : term(i18n, "achievementType", a.type)}
          </p>
          <h2 id="card-title" data-testid="card-title" dir="auto">
            {view.title ?? t("card.untitled")}
          </h2>
          {a.description !== undefined && <Markdown testId="card-description">{a.description}</Markdown>}
          {view.description !== undefined && view.description !== a.description && (
            <p className="description" dir="auto">
              {view.description}
            </p>
          )}
        </div>
      </div>
      <dl className="facts">
        <Fact
          label={t("card.learner")}
          value={view.learner.name ?? view.learner.id ?? (props.hiddenCount > 0 ? t("card.hiddenValue") : undefined)}
          testId="card-learner"
        />
        {view.learner.name !== undefined && <Fact label={t("card.subjectId")} value={view.learner.id} />}
        {view.learner.identifiers.map((identifier, i) => (
          <Identifier key={i} identifier={identifier} />
        ))}
        <Fact
          label={t("card.institution")}
          value={
            onChain === undefined
              ? view.issuer.name
              : `${onChain.institutionName}${onChain.institutionCountry ? ` (${onChain.institutionCountry})` : ""}`
          }
          testId="card-institution"
        />
        {claimedDiffers && (
          <>
            <dt>{t("card.nameInCredential")}</dt>
            <dd className="warning-text" data-testid="card-claimed-name">
              <bdi>{view.issuer.name}</bdi> — {t("card.nameDiffers")}
            </dd>
          </>
        )}
        {view.issuer.url !== undefined && (
          <Fact
            label={t("card.website")}
            value={<ExternalLink href={view.issuer.url}>{view.issuer.url}</ExternalLink>}
          />
        )}
        {a.name !== undefined && a.name !== view.title && <Fact label={t("card.achievement")} value={a.name} />}
        <Fact label={t("card.creator")} value={a.creator} />
        <Fact label={t("facts.field")} value={a.fieldOfStudy} />
        <Fact label={t("card.specialization")} value={a.specialization} />
        <Fact label={t("card.humanCode")} value={a.humanCode} />
        <Fact label={t("card.issued")} value={when(i18n, view.dates.validFrom)} />
        <Fact label={t("card.awarded")} value={when(i18n, view.dates.awardedDate)} />
        <Fact label={t("card.started")} value={when(i18n, view.dates.activityStartDate)} />
        <Fact label={t("card.completed")} value={when(i18n, view.dates.activityEndDate)} />
        <Fact label={t("card.expires")} value={when(i18n, view.dates.validUntil) ?? t("card.noExpiry")} />
        <Fact label={t("card.creditsEarned")} value={number(view.credits.earned)} testId="card-credits-earned" />
        <Fact
          label={t("card.creditsAvailable")}
          value={number(view.credits.available)}
          testId="card-credits-available"
        />
        <Fact label={t("card.role")} value={view.subject.role} />
        <Fact label={t("card.term")} value={view.subject.term} />
        <Fact label={t("card.licenseNumber")} value={view.subject.licenseNumber} />
        <Fact label={t("card.tags")} value={a.tags.join(", ")} />
      </dl>
      {view.subject.narrative !== undefined && (
        <Section id="narrative" title={t("card.narrative")} testId="card-narrative">
          <Markdown>{view.subject.narrative}</Markdown>
        </Section>
      )}
      {view.results.length > 0 && (
        <Section id="results" title={t("card.results")} testId="card-results">
          <ol className="results">
            {view.results.map((result, i) => (
              <Result key={i} result={result} n={i + 1} />
            ))}
          </ol>
        </Section>
      )}
      {a.criteria !== undefined && (
        <Section id="criteria" title={t("card.criteria")} testId="card-criteria">
          {a.criteria.narrative !== undefined && <Markdown>{a.criteria.narrative}</Markdown>}
          {a.criteria.url !== undefined && (
            <p>
              <ExternalLink href={a.criteria.url}>{t("card.criteriaLink")}</ExternalLink>
            </p>
          )}
          {a.criteria.url === undefined && a.criteria.idText !== undefined && (
            <p>
              <code>{a.criteria.idText}</code>
            </p>
          )}
        </Section>
      )}
      {a.alignments.length > 0 && (
        <Section id="alignments" title={t("card.alignments")} testId="card-alignments">
          <Alignments items={a.alignments} />
        </Section>
      )}
      {view.evidence.length > 0 && (
        <Section id="evidence" title={t("card.evidence")} testId="card-evidence">
          <ul className="evidence">
            {view.evidence.map((e, i) => (
              <li key={i} data-testid="card-evidence-item">
                <p>
                  <strong dir="auto">{e.name ?? t("evidence.untitled", { n: i + 1 })}</strong>
                  {e.url !== undefined && (
                    <>
                      {" — "}
                      <ExternalLink href={e.url}>{t("evidence.open")}</ExternalLink>
                    </>
                  )}
                </p>
                {e.description !== undefined && <p dir="auto">{e.description}</p>}
                {e.narrative !== undefined && <Markdown>{e.narrative}</Markdown>}
                <dl className="facts">
                  <Fact label={t("evidence.genre")} value={e.genre} />
                  <Fact label={t("evidence.audience")} value={e.audience} />
                </dl>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {(view.endorsements.length > 0 || view.jwtEndorsements > 0) && (
        <Section id="endorsements" title={t("card.endorsements")} testId="card-endorsements">
          <p className="hint">{t("card.endorsementsHint")}</p>
          <ul className="endorsements">
            {view.endorsements.map((e, i) => (
              <Endorsement key={i} endorsement={e} />
            ))}
          </ul>
          {view.jwtEndorsements > 0 && <p className="hint">{plural(i18n, "endorsement.jwt", view.jwtEndorsements)}</p>}
        </Section>
      )}
      <MicrocredentialFacts view={view} />
      {lacking.length > 0 && (
        <Section id="lacking" title={t("card.lacking")} testId="card-lacking">
          <p className="hint">{t("card.lackingHint")}</p>
          <ul>
            {lacking.map((element) => (
              <li key={element}>{t(`element.${element}`)}</li>
            ))}
          </ul>
        </Section>
      )}
      {unchecked.length > 0 && (
        <Section id="status" title={t("card.ownStatus")} testId="card-own-status">
          <ul>
            {unchecked.map((entry, i) => (
              <li key={i} data-testid="card-own-status-entry">
                {i18n.tIsolated("card.ownStatusEntry", { type: entry.type ?? t("card.ownStatusUnknownType") })}
                {entry.id !== undefined && (
                  <>
                    {" · "}
                    <code dir="auto">{entry.id}</code>
                  </>
                )}
              </li>
            ))}
          </ul>
          <p className="hint">{t("card.ownStatusHint")}</p>
        </Section>
      )}
      {props.hiddenCount > 0 && (
        <section aria-labelledby="hidden-title" data-testid="hidden-fields">
          <h3 id="hidden-title">{t("card.hiddenTitle")}</h3>
          {hidden.length > 0 && (
            <ul className="hidden-list" data-testid="hidden-names">
              {hidden.map((field, i) => (
                <li key={i} data-testid="hidden-name">
                  {hiddenName(i18n, field)}
                </li>
              ))}
            </ul>
          )}
          <p data-testid="hidden-count">
            {t("card.hiddenInAll", { fields: t("card.hidden", { n: props.hiddenCount }) })}
          </p>
          <p className="hint">{t("card.hiddenHint")}</p>
        </section>
      )}
      <button
        type="button"
        className="secondary no-print"
        onClick={() => {
          window.print();
        }}
      >
        {t("card.print")}
      </button>
    </article>
  );
}
