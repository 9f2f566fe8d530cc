import { getChainId } from "viem/actions";
import { verificationClient } from "../config/clients.ts";
import type { TrustedRegistry } from "../config/env.ts";
import { useI18n } from "../i18n/I18nProvider.tsx";
import { useAsync } from "../lib/use-async.ts";

/** The chain id the RPC node itself reports (not the configured one), so a wrong node shows at once. */
function NodeChainId({ registry }: { registry: TrustedRegistry }) {
  const { t } = useI18n();
  const chainId = useAsync(`${registry.chainId}:${registry.rpcUrls.join(" ")}`, () =>
    getChainId(verificationClient(registry)),
  );
  if (chainId.status === "idle" || chainId.status === "pending") return <>{t("registries.connecting")}</>;
  if (chainId.status === "error") return <>{t("registries.unreachable")}</>;
  if (chainId.data !== registry.chainId) return <>{t("registries.wrongChain", { id: chainId.data })}</>;
  return <>{chainId.data}</>;
}

/** Which registries this verifier trusts: its own configuration, never a credential's say-so. */
export function TrustedRegistries({ registries }: { registries: readonly TrustedRegistry[] }) {
  const { t } = useI18n();
  return (
    <section className="trusted" aria-labelledby="trusted-title">
      <h2 id="trusted-title">{t("registries.title")}</h2>
      {registries.map((registry) => (
        <dl className="facts" key={`${registry.chainId}:${registry.address}`}>
          <dt>{t("registries.name")}</dt>
          <dd>{registry.name}</dd>
          <dt>{t("registries.chainId")}</dt>
          <dd data-testid="chain-id">
            <NodeChainId registry={registry} />
          </dd>
          <dt>{t("registries.address")}</dt>
          <dd data-testid="registry-address">
            <code>{registry.address}</code>
          </dd>
        </dl>
      ))}
    </section>
  );
}
