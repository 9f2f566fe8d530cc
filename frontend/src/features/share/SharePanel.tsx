import type { JsonObject } from "@acredita/core/canonical.ts";
import { isAcreditaError } from "@acredita/core/errors.ts";
import { redactCredential } from "@acredita/core/commitment.ts";
import { encodeVerificationLink } from "@acredita/core/link.ts";
import type { ReasonCode } from "@acredita/core/reasons.ts";
import type { CredentialReference } from "@acredita/core/verify.ts";
import { useEffect, useMemo, useState } from "react";
import { CopyButton } from "../../components/ui/CopyButton.tsx";
import { useI18n } from "../../i18n/I18nProvider.tsx";
import type { MessageKey } from "../../i18n/messages/en.ts";
import { fitsInQr, QrCode } from "./QrCode.tsx";
import { shareableFields } from "./share-fields.ts";

const FIELD_LABELS: Record<string, MessageKey> = {
  name: "share.field.name",
  emailAddress: "share.field.email",
  sisSourcedId: "share.field.learnerId",
  result: "share.field.result",
  activityStartDate: "share.field.activityStartDate",
  activityEndDate: "share.field.activityEndDate",
  creditsEarned: "share.field.creditsEarned",
};

type Shared =
  { ok: true; credentialLink: string; referenceLink?: string; json: string } | { ok: false; reason: ReasonCode };

function pageBase(): string {
  return window.location.href.split("#")[0] ?? "";
}

/** Learner sharing: choose fields to hide → a new link, a QR code and a JSON file, with copy buttons. */
export default function SharePanel(props: { credential: JsonObject; reference?: CredentialReference }) {
  const { t, reason } = useI18n();
  const fields = useMemo(() => shareableFields(props.credential), [props.credential]);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const shared = useMemo((): Shared => {
    try {
      // Nothing hidden: the credential as issued, with the issuer's signature that standard wallets check.
      const redacted = hidden.size === 0 ? props.credential : redactCredential(props.credential, [...hidden]);
      const credentialLink = encodeVerificationLink(pageBase(), { kind: "credential", credential: redacted });
      const out: Shared = { ok: true, credentialLink, json: `${JSON.stringify(redacted, null, 2)}\n` };
      if (props.reference !== undefined) {
        out.referenceLink = encodeVerificationLink(pageBase(), { kind: "reference", reference: props.reference });
      }
      return out;
    } catch (error) {
      return { ok: false, reason: isAcreditaError(error) ? error.code : "PROOF_MALFORMED" };
    }
  }, [props.credential, props.reference, hidden]);
  const download = useMemo(
    () => (shared.ok ? URL.createObjectURL(new Blob([shared.json], { type: "application/json" })) : undefined),
    [shared],
  );
  useEffect(
    () => () => {
      if (download !== undefined) URL.revokeObjectURL(download);
    },
    [download],
  );
  const copy = { copiedLabel: t("share.copied"), failedLabel: t("share.copyFailed") };
  const qrText = shared.ok
    ? fitsInQr(shared.credentialLink)
      ? shared.credentialLink
      : shared.referenceLink
    : undefined;

  return (
    <section className="panel share no-print" aria-labelledby="share-title" data-testid="share">
      <h2 id="share-title">{t("share.title")}</h2>
      <p className="hint">{t("share.hint")}</p>
      {fields.length > 0 && (
        <fieldset>
          <legend>{t("share.hideLegend")}</legend>
          {fields.map((field) => (
            <label key={field.pointer} className="check-option">
              <input
                type="checkbox"
                checked={hidden.has(field.pointer)}
                onChange={(e) => {
                  const next = new Set(hidden);
                  if (e.target.checked) next.add(field.pointer);
                  else next.delete(field.pointer);
                  setHidden(next);
                }}
              />
              {t(FIELD_LABELS[field.kind] ?? "share.field.other", { name: field.kind })}
              {field.preview !== undefined && <span className="preview">: {field.preview}</span>}
            </label>
          ))}
        </fieldset>
      )}
      {shared.ok ? (
        <>
          <label htmlFor="share-link">{t("share.link")}</label>
          <input id="share-link" type="text" readOnly value={shared.credentialLink} data-testid="share-link" />
          <CopyButton text={shared.credentialLink} label={t("share.copyLink")} {...copy} />
          {shared.referenceLink !== undefined && (
            <>
              <label htmlFor="share-status-link">{t("share.statusLink")}</label>
              <input
                id="share-status-link"
                type="text"
                readOnly
                value={shared.referenceLink}
                data-testid="share-status-link"
              />
              <CopyButton text={shared.referenceLink} label={t("share.copyStatusLink")} {...copy} />
            </>
          )}
          <div className="share-row">
            {qrText !== undefined && (
              <QrCode
                text={qrText}
                label={t(qrText === shared.credentialLink ? "share.qrLabel" : "share.qrStatusLabel")}
              />
            )}
            <div>
              {qrText !== shared.credentialLink && <p className="hint">{t("share.qrTooLong")}</p>}
              {download !== undefined && (
                <a className="button" href={download} download="credential.json" data-testid="share-download">
                  {t("share.download")}
                </a>
              )}
              <CopyButton text={shared.json} label={t("share.copyJson")} {...copy} />
            </div>
          </div>
        </>
      ) : (
        <p role="alert">{t("problem.link", { reason: reason(shared.reason) })}</p>
      )}
    </section>
  );
}
