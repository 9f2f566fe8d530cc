import { INSTITUTION_STATUS_LABELS } from "@acredita/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { WagmiProvider } from "wagmi";
import { ExternalLink } from "../../components/ui/ExternalLink.tsx";
import type { TrustedRegistry } from "../../config/env.ts";
import { createWagmiConfig } from "../../config/wagmi.ts";
import { useI18n } from "../../i18n/I18nProvider.tsx";
import type { MessageKey } from "../../i18n/messages/en.ts";
import type { InstitutionRecord } from "../../lib/chain-history.ts";
import { useInstitutionDetail, useInstitutions } from "./use-registry.ts";

function InstitutionDetail(props: { registry: TrustedRegistry; institution: InstitutionRecord }) {
  const { t, tIsolated, date, number } = useI18n();
  const detail = useInstitutionDetail(props.registry, props.institution);
  const explorer = props.registry.explorerUrl?.replace(/\/$/, "");
  if (detail.isPending) return <p role="status">{t("registry.loading")}</p>;
  if (detail.isError) return <p role="alert">{t("registry.error")}</p>;
  return (
    <div className="institution-detail" data-testid="institution-detail">
      <h4>{t("registry.identities")}</h4>
      <p className="hint">{t("registry.identitiesHint")}</p>
      <table className="batches-table">
        <thead>
          <tr>
            <th scope="col">{t("registry.identity.version")}</th>
            <th scope="col">{t("registry.identity.since")}</th>
            <th scope="col">{t("registry.identity.name")}</th>
            <th scope="col">{t("registry.identity.issuerId")}</th>
          </tr>
        </thead>
        <tbody>
          {detail.data.identities.map((identity) => (
            <tr key={identity.version} data-testid="identity-version" data-version={identity.version}>
              <td>
                {t("registry.identity.v", { n: number(identity.version) })}
                {identity.version === props.institution.identityVersion && (
                  <>
                    {" "}
                    <span className="pill">{t("registry.identity.current")}</span>
                  </>
                )}
              </td>
              <td>{identity.time === undefined ? "—" : date(identity.time * 1000, true)}</td>
              <td data-testid="identity-name" dir="auto">
                {identity.name}
              </td>
              <td>
                <code data-testid="identity-issuer-id">{identity.issuerId}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t("registry.history")}</h4>
      <ol className="history">
        {detail.data.history.map((event) => (
          <li key={`${event.transactionHash}:${event.kind}:${event.detail ?? ""}`}>
            {event.time !== undefined ? `${date(event.time * 1000, true)} — ` : ""}
            {t(`registry.event.${event.kind}` as MessageKey)}
            {event.detail !== undefined && (
              <>
                {" "}
                <code>{event.detail}</code>
              </>
            )}
            {event.identity !== undefined && (
              <>
                {": "}
                {tIsolated("registry.identity.event", {
                  name: event.identity.name,
                  issuerId: event.identity.issuerId,
                  n: number(event.identity.version),
                })}
              </>
            )}
          </li>
        ))}
      </ol>
      <h4>{t("registry.batches", { n: number(detail.data.batches.length) })}</h4>
      {detail.data.batches.length === 0 ? (
        <p>{t("registry.noBatches")}</p>
      ) : (
        <table className="batches-table">
          <thead>
            <tr>
              <th scope="col">{t("registry.col.anchored")}</th>
              <th scope="col">{t("registry.col.root")}</th>
              <th scope="col">{t("registry.col.count")}</th>
              <th scope="col">{t("registry.col.identity")}</th>
              <th scope="col">{t("registry.col.status")}</th>
            </tr>
          </thead>
          <tbody>
            {detail.data.batches.map((batch) => (
              <tr key={batch.root} data-testid="registry-batch">
                <td>
                  {explorer === undefined ? (
                    date(batch.anchoredAt * 1000, true)
                  ) : (
                    <ExternalLink href={`${explorer}/tx/${batch.transactionHash}`}>
                      {date(batch.anchoredAt * 1000, true)}
                    </ExternalLink>
                  )}
                </td>
                <td>
                  <code className="hash">{batch.root}</code>
                </td>
                <td>{number(batch.count)}</td>
                <td data-testid="batch-identity">{t("registry.identity.v", { n: number(batch.identityVersion) })}</td>
                <td>
                  {batch.state === "key-compromised"
                    ? t("registry.batchKeyCompromised", { time: date(batch.keyCompromisedFrom * 1000, true) })
                    : batch.revokedAt === 0
                      ? t("registry.batchActive")
                      : t("registry.batchRevoked", { time: date(batch.revokedAt * 1000, true) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function RegistrySection({ registry }: { registry: TrustedRegistry }) {
  const { t, date, language } = useI18n();
  const institutions = useInstitutions(registry);
  const [open, setOpen] = useState<number>();
  return (
    <section className="panel" aria-labelledby={`registry-${registry.address}`}>
      <h3 id={`registry-${registry.address}`}>
        {registry.name} <span className="hint">({t("registry.chain", { id: registry.chainId })})</span>
      </h3>
      <p>
        <code>{registry.address}</code>
      </p>
      {institutions.isPending && <p role="status">{t("registry.loading")}</p>}
      {institutions.isError && <p role="alert">{t("registry.error")}</p>}
      {institutions.data?.length === 0 && <p>{t("registry.empty")}</p>}
      {institutions.data !== undefined && institutions.data.length > 0 && (
        <ul className="institutions">
          {institutions.data.map((institution) => (
            <li key={institution.id} data-testid="registry-institution">
              <button
                type="button"
                className="link-button"
                aria-expanded={open === institution.id}
                onClick={() => {
                  setOpen(open === institution.id ? undefined : institution.id);
                }}
              >
                <bdi>{institution.name}</bdi> ({institution.country})
              </button>{" "}
              <span className={`pill status-${institution.status.toLowerCase()}`}>
                {INSTITUTION_STATUS_LABELS[language][institution.status]}
              </span>{" "}
              <span className="hint">{t("registry.since", { date: date(institution.statusChangedAt * 1000) })}</span>
              <div className="hint">
                {t("registry.issuerId")} <code data-testid="registry-issuer-id">{institution.issuerId}</code>
              </div>
              {open === institution.id && <InstitutionDetail registry={registry} institution={institution} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The registry explorer: who each trusted registry admitted, their status and history, and what they anchored. */
const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 30_000 } } });

export default function RegistryExplorer({ registries }: { registries: readonly TrustedRegistry[] }) {
  const { t } = useI18n();
  // wagmi (its config and provider) is the explorer's own, in this lazy chunk: the verifier reads through viem.
  const config = useMemo(() => createWagmiConfig(registries), [registries]);
  return (
    <WagmiProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <div data-testid="registry-explorer">
          <h2>{t("registry.title")}</h2>
          <p className="hint">{t("registry.hint")}</p>
          {registries.map((registry) => (
            <RegistrySection key={`${registry.chainId}:${registry.address}`} registry={registry} />
          ))}
        </div>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
