import type { JsonObject } from "@acredita/core/canonical.ts";
import type { ChainStatus } from "@acredita/core/verify.ts";
import { useState } from "react";
import { ExternalLink } from "../../components/ui/ExternalLink.tsx";
import { useI18n, type I18n } from "../../i18n/I18nProvider.tsx";
import type { MessageKey } from "../../i18n/messages/en.ts";
import { credentialView, parseDate, type CredentialView } from "./credential-view.ts";

function when(i18n: I18n, value: string | undefined): string | undefined {
  const parsed = parseDate(value);
  return parsed === undefined ? value : i18n.date(parsed);
}

function Fact(props: { label: string; value: string | undefined; testId?: string }) {
  if (props.value === undefined) return null;
  return (
    <>
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.value}</dd>
    </>
  );
}

function MicrocredentialFacts({ view }: { view: CredentialView }) {
  const i18n = useI18n();
  const { t, number } = i18n;
  const f = view.facts;
  const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : v ? t("common.yes") : t("common.no"));
  const n = (v: number | undefined, key: MessageKey) => (v === undefined ? undefined : t(key, { n: number(v) }));
  return (
    <section className="facts-panel" aria-labelledby="facts-title">
      <h3 id="facts-title">{t("card.facts")}</h3>
      <dl className="facts">
        <Fact label={t("facts.workload")} value={n(f.workloadHours, "facts.hours")} />
        <Fact label={t("facts.ects")} value={f.ects === undefined ? undefined : number(f.ects)} />
        <Fact
          label={t("facts.credits")}
          value={
            f.credits === undefined ? undefined : `${number(f.credits)}${f.creditSystem ? ` (${f.creditSystem})` : ""}`
          }
        />
        <Fact
          label={t("facts.level")}
          value={
            [f.eqfLevel === undefined ? undefined : t("facts.eqf", { n: f.eqfLevel }), f.nqfLevel]
              .filter((v) => v !== undefined)
              .join(" · ") || undefined
          }
        />
        <Fact label={t("facts.field")} value={f.fieldOfStudy} />
        <Fact label={t("facts.assessment")} value={f.assessment} />
        <Fact label={t("facts.participation")} value={f.participation} />
        <Fact label={t("facts.identityChecked")} value={yesNo(f.identityChecked)} />
        <Fact label={t("facts.qualityAssurance")} value={f.qualityAssurance} />
        <Fact label={t("facts.stackability")} value={f.stackableInto} />
        <Fact label={t("facts.prerequisites")} value={f.prerequisites} />
        <Fact label={t("facts.language")} value={f.language} />
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

/** An https image is fetched only if the user asks for it (verification itself never contacts other hosts). */
function CredentialImage({ view }: { view: CredentialView }) {
  const { t } = useI18n();
  const [show, setShow] = useState(false);
  const image = view.image;
  if (image === undefined) return null;
  if (image.kind === "inline") return <img className="badge-image" src={image.src} alt={t("card.imageAlt")} />;
  if (show)
    return <img className="badge-image" src={image.url} alt={t("card.imageAlt")} referrerPolicy="no-referrer" />;
  return (
    <button
      type="button"
      className="secondary no-print"
      onClick={() => {
        setShow(true);
      }}
    >
      {t("card.loadImage", { host: image.host })}
    </button>
  );
}

/** The credential itself, readable: title, learner, institution (the chain's name first), dates and facts. */
export function CredentialCard(props: {
  credential: JsonObject;
  /** How many fields the holder hid (the copy proves they exist, not what they are). */
  hiddenCount: number;
  chain?: ChainStatus;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const view = credentialView(props.credential);
  const onChain = props.chain?.anchored === true ? props.chain : undefined;
  const claimedDiffers =
    onChain !== undefined &&
    view.institutionName !== undefined &&
    view.institutionName.normalize("NFC") !== onChain.institutionName.normalize("NFC");
  return (
    <article className="panel card" aria-labelledby="card-title" data-testid="credential-card">
      <div className="card-head">
        <CredentialImage view={view} />
        <div>
          <p className="eyebrow">{t("card.eyebrow")}</p>
          <h2 id="card-title" data-testid="card-title">
            {view.title ?? t("card.untitled")}
          </h2>
          {view.description !== undefined && <p className="description">{view.description}</p>}
        </div>
      </div>
      <dl className="facts">
        <Fact
          label={t("card.learner")}
          value={view.learnerName ?? (props.hiddenCount > 0 ? t("card.hiddenValue") : undefined)}
          testId="card-learner"
        />
        <Fact label={t("card.email")} value={view.learnerEmail} />
        <Fact label={t("card.learnerId")} value={view.learnerId} />
        <Fact
          label={t("card.institution")}
          value={
            onChain === undefined
              ? view.institutionName
              : `${onChain.institutionName}${onChain.institutionCountry ? ` (${onChain.institutionCountry})` : ""}`
          }
          testId="card-institution"
        />
        {claimedDiffers && (
          <>
            <dt>{t("card.nameInCredential")}</dt>
            <dd className="warning-text" data-testid="card-claimed-name">
              {view.institutionName} — {t("card.nameDiffers")}
            </dd>
          </>
        )}
        {view.institutionUrl !== undefined && (
          <>
            <dt>{t("card.website")}</dt>
            <dd>
              <ExternalLink href={view.institutionUrl}>{view.institutionUrl}</ExternalLink>
            </dd>
          </>
        )}
        <Fact label={t("card.issued")} value={when(i18n, view.validFrom)} />
        <Fact label={t("card.completed")} value={when(i18n, view.completedOn)} />
        <Fact label={t("card.expires")} value={when(i18n, view.validUntil) ?? t("card.noExpiry")} />
        <Fact label={t("card.grade")} value={view.grade} />
      </dl>
      <MicrocredentialFacts view={view} />
      {props.hiddenCount > 0 && (
        <section aria-labelledby="hidden-title" data-testid="hidden-fields">
          <h3 id="hidden-title">{t("card.hiddenTitle")}</h3>
          <p data-testid="hidden-count">
            {props.hiddenCount === 1 ? t("card.hiddenOne") : t("card.hiddenMany", { n: props.hiddenCount })}
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
