import {
  type JsonObject,
  isAcreditaError,
  redactCredential,
  credentialView,
  encodeVerificationLink,
  type ReasonCode,
  type CredentialReference,
} from "@acredita/core";
import { useEffect, useMemo, useState } from "react";
import { CopyButton } from "../../components/ui/CopyButton.tsx";
import { useI18n } from "../../i18n/I18nProvider.tsx";
import type { MessageKey } from "../../i18n/messages/en.ts";
import { certificationOf, embedSnippet, linkedInAddUrl } from "./linkedin.ts";
import { pageBase, printedLink } from "../../lib/paper-qr.ts";
import { QrCode } from "../../components/ui/QrCode.tsx";
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

/**
 * Learner sharing: choose fields to hide → a new link and a JSON file, with copy buttons; the QR code for paper
 * (the paper link: what a printed certificate shows, verified); LinkedIn's "Add to profile" and an embed snippet.
 */
export default function SharePanel(props: {
  credential: JsonObject;
  reference?: CredentialReference;
  /** The institution's name as the registry has it. */
  institution?: string;
}) {
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
  const printed = useMemo(() => printedLink(props.credential, props.reference), [props.credential, props.reference]);
  const profile = useMemo(() => {
    const url = printed?.kind === "paper" ? printed.link : shared.ok ? shared.credentialLink : undefined;
    const view = credentialView(props.credential);
    const cert = url === undefined ? undefined : certificationOf(view, url, props.institution);
    if (cert === undefined) return undefined;
    const id = typeof props.credential.id === "string" ? props.credential.id : undefined;
    return { linkedIn: linkedInAddUrl(cert, id), embed: embedSnippet(cert, view.image) };
  }, [printed, shared, props.credential, props.institution]);

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
            {printed !== undefined && (
              <QrCode
                text={printed.link}
                label={t(printed.kind === "paper" ? "share.qrLabel" : "share.qrStatusLabel")}
              />
            )}
            <div>
              <p className="hint">{t(printed?.kind === "paper" ? "share.qrPaper" : "share.qrTooLong")}</p>
              {download !== undefined && (
                <a className="button" href={download} download="credential.json" data-testid="share-download">
                  {t("share.download")}
                </a>
              )}
              <CopyButton text={shared.json} label={t("share.copyJson")} {...copy} />
            </div>
          </div>
          {profile !== undefined && (
            <div className="share-profile">
              <a
                className="button"
                href={profile.linkedIn}
                target="_blank"
                rel="noopener noreferrer"
                data-testid="share-linkedin"
              >
                {t("share.linkedIn")}
              </a>
              <label htmlFor="share-embed">{t("share.embed")}</label>
              <textarea id="share-embed" readOnly rows={3} value={profile.embed} data-testid="share-embed" />
              <CopyButton text={profile.embed} label={t("share.copyEmbed")} {...copy} />
            </div>
          )}
        </>
      ) : (
        <p role="alert">{t("problem.link", { reason: reason(shared.reason) })}</p>
      )}
    </section>
  );
}
