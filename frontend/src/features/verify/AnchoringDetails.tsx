import type { VerificationResult } from "@acredita/core";
import { ExternalLink } from "../../components/ui/ExternalLink.tsx";
import { findTrustedRegistry, type TrustedRegistry } from "../../config/env.ts";
import { useI18n } from "../../i18n/I18nProvider.tsx";
import { useAnchoring } from "../../lib/use-anchoring.ts";

/** Where and when the credential was anchored: chain, registry, block, time, transaction (explorer link if any). */
export function AnchoringDetails(props: {
  result: VerificationResult;
  registries: readonly TrustedRegistry[];
  /** Whether to look up the anchoring transaction yet (after the verdict is on screen). */
  lookup: boolean;
}) {
  const { t, date, number } = useI18n();
  const { reference, chain } = props.result;
  const registry =
    reference === undefined ? undefined : findTrustedRegistry(props.registries, reference.chainId, reference.registry);
  const anchored = chain?.anchored === true ? chain : undefined;
  const anchoring = useAnchoring(
    anchored === undefined ? undefined : registry,
    reference?.institutionId ?? 0,
    reference?.batchRoot,
  );
  if (reference === undefined) return null;
  const found = anchoring.status === "success" ? anchoring.data : undefined;
  const pending = anchoring.status === "pending";
  const tx = found?.transactionHash;
  const explorer = registry?.explorerUrl;
  return (
    <section className="panel" aria-labelledby="anchoring-title" data-testid="anchoring">
      <h2 id="anchoring-title">{t("anchoring.title")}</h2>
      <dl className="facts">
        <dt>{t("anchoring.chain")}</dt>
        <dd>{registry === undefined ? String(reference.chainId) : `${registry.name} (${reference.chainId})`}</dd>
        <dt>{t("anchoring.registry")}</dt>
        <dd>
          <code>{reference.registry}</code>
        </dd>
        <dt>{t("anchoring.institutionId")}</dt>
        <dd>{number(reference.institutionId)}</dd>
        <dt>{t("anchoring.root")}</dt>
        <dd>
          <code className="hash">{reference.batchRoot}</code>
        </dd>
        <dt>{t("anchoring.index")}</dt>
        <dd>{number(reference.index)}</dd>
        {props.result.leaf !== undefined && (
          <>
            <dt>{t("anchoring.leaf")}</dt>
            <dd>
              <code className="hash">{props.result.leaf}</code>
            </dd>
          </>
        )}
        {anchored !== undefined && (
          <>
            <dt>{t("anchoring.time")}</dt>
            <dd data-testid="anchored-at">{date(anchored.anchoredAt * 1000, true)}</dd>
            <dt>{t("anchoring.block")}</dt>
            <dd>{found ? number(Number(found.blockNumber)) : pending ? "…" : "—"}</dd>
            <dt>{t("anchoring.transaction")}</dt>
            <dd>
              {tx === undefined ? (
                pending ? (
                  "…"
                ) : (
                  "—"
                )
              ) : explorer === undefined ? (
                <code className="hash">{tx}</code>
              ) : (
                <ExternalLink href={`${explorer.replace(/\/$/, "")}/tx/${tx}`}>
                  <code className="hash">{tx}</code>
                </ExternalLink>
              )}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
