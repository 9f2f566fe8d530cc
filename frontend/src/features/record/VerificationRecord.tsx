import { credentialView, createReceipt, receiptText, type VerificationResult } from "@acredita/core";
import { useMemo } from "react";
import { createPortal } from "react-dom";
import { findTrustedRegistry, type TrustedRegistry } from "../../config/env.ts";
import { useI18n } from "../../i18n/I18nProvider.tsx";
import { INTL_LOCALE } from "../../i18n/languages.ts";
import { pageBase, printedLink } from "../../lib/paper-qr.ts";
import { QrCode } from "../../components/ui/QrCode.tsx";
import { useAnchoring } from "../../lib/use-anchoring.ts";
import "./record.css";

const MARK = { VALID: "✔", INVALID: "✘", ERROR: "✘", SKIPPED: "·" } as const;

/**
 * A record an employer can keep: "Print / Save as PDF" prints one page (the verdict, the learner and the
 * achievement, each check, the anchoring, when and through which sources it was verified, and the verification
 * link with its QR code — the paper link), and "Download verification receipt" saves the same as JSON
 * (core/receipt.ts) for `acredita verify --receipt`. The printed page is its own element beside the app (print CSS
 * shows it alone), so the app's layout never decides how many pages it takes.
 */
export default function VerificationRecord(props: {
  result: VerificationResult;
  registries: readonly TrustedRegistry[];
}) {
  const { t, verdict, reason, number, date, language } = useI18n();
  const { result } = props;
  const verifiedAt = useMemo(() => new Date(), [result]);
  const printed = useMemo(() => printedLink(result.credential, result.reference), [result]);
  const view = useMemo(() => credentialView(result.credential), [result]);
  const reference = result.reference;
  const registry =
    reference === undefined ? undefined : findTrustedRegistry(props.registries, reference.chainId, reference.registry);
  const anchored = result.chain?.anchored === true ? result.chain : undefined;
  const anchoring = useAnchoring(
    anchored === undefined ? undefined : registry,
    reference?.institutionId ?? 0,
    reference?.batchRoot,
  );
  const found = anchoring.status === "success" ? anchoring.data : undefined;
  const block = found === undefined ? undefined : Number(found.blockNumber);
  const transaction = found?.transactionHash;

  const when = new Intl.DateTimeFormat(INTL_LOCALE[language], { dateStyle: "long", timeStyle: "long" }).format(
    verifiedAt,
  );
  const read = result.read;
  const verifiedLine =
    read === undefined
      ? t("record.verifiedOn", { time: when })
      : t("record.verifiedWith", {
          time: when,
          sources: read.sources.map((s) => s.name).join(", "),
          block: number(read.block.number),
        });

  const download = () => {
    const receipt = createReceipt(result, {
      verifiedAt,
      verifier: pageBase(),
      ...(printed === undefined ? {} : { link: printed.link }),
      ...(block === undefined ? {} : { block }),
      ...(transaction === undefined ? {} : { transaction }),
    });
    const url = URL.createObjectURL(new Blob([receiptText(receipt)], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `verification-receipt-${verifiedAt.toISOString().slice(0, 19).replace(/:/g, "")}Z.json`;
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(url);
    }, 0);
  };

  const institution = anchored?.institutionName ?? view.issuer.name;
  return (
    <>
      <section className="panel record no-print" aria-labelledby="record-title" data-testid="record">
        <h2 id="record-title">{t("record.title")}</h2>
        <p className="hint">{t("record.hint")}</p>
        <div className="record-actions">
          <button
            type="button"
            onClick={() => {
              window.print();
            }}
            data-testid="record-print"
          >
            {t("record.print")}
          </button>
          <button type="button" className="secondary" onClick={download} data-testid="record-receipt">
            {t("record.receipt")}
          </button>
        </div>
      </section>
      {createPortal(
        <article className="print-record" data-testid="print-record" data-verdict={result.verdict}>
          <h1>{t("record.title")}</h1>
          <p className="print-verdict">
            <strong>{verdict(result.verdict)}</strong>
          </p>
          <dl>
            {view.learner.name !== undefined && (
              <>
                <dt>{t("card.learner")}</dt>
                <dd dir="auto">{view.learner.name}</dd>
              </>
            )}
            {(view.title ?? view.achievement.name) !== undefined && (
              <>
                <dt>{t("card.achievement")}</dt>
                <dd dir="auto">{view.title ?? view.achievement.name}</dd>
              </>
            )}
            {institution !== undefined && (
              <>
                <dt>{t("card.institution")}</dt>
                <dd dir="auto">{institution}</dd>
              </>
            )}
            {view.dates.validFrom !== undefined && (
              <>
                <dt>{t("card.issued")}</dt>
                <dd>{date(Date.parse(view.dates.validFrom))}</dd>
              </>
            )}
            <dt>{t("card.expires")}</dt>
            <dd>
              {view.dates.validUntil === undefined ? t("card.noExpiry") : date(Date.parse(view.dates.validUntil))}
            </dd>
            {result.hiddenCount > 0 && (
              <>
                <dt>{t("card.hiddenTitle")}</dt>
                <dd>{t("card.hidden", { n: result.hiddenCount })}</dd>
              </>
            )}
          </dl>
          <h2>{t("record.checks")}</h2>
          <ul className="print-checks">
            {result.checks.map((c) => (
              <li key={c.check} data-status={c.status}>
                {MARK[c.status]} <strong>{t(`check.${c.check}`)}</strong>: {reason(c.reason)}
              </li>
            ))}
          </ul>
          {reference !== undefined && (
            <>
              <h2>{t("anchoring.title")}</h2>
              <dl>
                <dt>{t("anchoring.chain")}</dt>
                <dd>
                  {registry === undefined ? String(reference.chainId) : `${registry.name} (${reference.chainId})`}
                </dd>
                <dt>{t("anchoring.block")}</dt>
                <dd>{block === undefined ? "—" : number(block)}</dd>
                <dt>{t("anchoring.time")}</dt>
                <dd>{anchored === undefined ? "—" : date(anchored.anchoredAt * 1000, true)}</dd>
                <dt>{t("anchoring.transaction")}</dt>
                <dd>
                  <code data-testid="print-transaction">{transaction ?? "—"}</code>
                </dd>
              </dl>
            </>
          )}
          <p className="print-verified" data-testid="print-verified">
            {verifiedLine}
          </p>
          {printed !== undefined && (
            <div className="print-link">
              <QrCode
                text={printed.link}
                label={t(printed.kind === "paper" ? "share.qrLabel" : "share.qrStatusLabel")}
                testId="print-qr"
              />
              <p>
                {t(printed.kind === "paper" ? "share.link" : "share.statusLink")}
                <br />
                <code>{printed.link}</code>
              </p>
            </div>
          )}
        </article>,
        document.body,
      )}
    </>
  );
}
