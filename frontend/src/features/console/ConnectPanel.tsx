import { useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from "wagmi";
import type { TrustedRegistry } from "../../config/env.ts";
import { ActivityLog, ActivityProvider } from "./activity.tsx";
import { ExternalLink } from "../../components/ui/ExternalLink.tsx";
import { useConsoleI18n } from "./console-i18n.tsx";
import { InstitutionView } from "./InstitutionView.tsx";
import { PendingAdmin, RegistrarView } from "./RegistrarView.tsx";
import { useRoles } from "./use-console-data.ts";
import { hasBrowserWallet, walletErrorKey } from "./wallet-errors.ts";

/** The README section that pairs each console action with its CLI command (its heading, and its anchor). */
const CLI_SECTION = "Without a wallet: the command line";
const CLI_ANCHOR = "#without-a-wallet-the-command-line";

/**
 * For someone without a wallet: what a wallet is and why the console needs one, and the command line as the
 * alternative (linked to the README when the build says where it is published, `VITE_ACREDITA_DOCS_URL`).
 */
function WalletHelp({ walletFound }: { walletFound: boolean }) {
  const { ct } = useConsoleI18n();
  const docs = import.meta.env.VITE_ACREDITA_DOCS_URL;
  return (
    <section className="panel" aria-labelledby="wallet-help-title" data-testid="wallet-help">
      {!walletFound && (
        <p role="status" data-testid="wallet-none">
          {ct("wallet.none")}
        </p>
      )}
      <h3 id="wallet-help-title">{ct("wallet.what.title")}</h3>
      <p>{ct("wallet.what")}</p>
      <p>{ct("wallet.why")}</p>
      <h3>{ct("wallet.cli.title")}</h3>
      <p data-testid="wallet-cli">
        {ct("wallet.cli", { section: CLI_SECTION })}{" "}
        {docs !== undefined && docs !== "" && <ExternalLink href={`${docs}${CLI_ANCHOR}`}>README</ExternalLink>}
      </p>
      <pre className="hash">
        <code>
          {[
            "npx acredita institution admit --name … --issuer-id did:web:… --country MX",
            "npx acredita key add <institution> <address>",
            "npx acredita revoke --batch <folder> --learner <id> --reason issued-in-error",
          ].join("\n")}
        </code>
      </pre>
    </section>
  );
}

function RegistryRoles({ registry }: { registry: TrustedRegistry }) {
  const { ct } = useConsoleI18n();
  const { address, chainId } = useConnection();
  const roles = useRoles(registry, address);
  const switchChain = useSwitchChain();
  const onChain = chainId === registry.chainId;
  const isPendingAdmin =
    roles.data !== undefined &&
    address !== undefined &&
    roles.data.pendingAdmin.toLowerCase() === address.toLowerCase();
  return (
    <section className="panel" data-testid="console-registry" aria-labelledby={`console-${registry.address}`}>
      <h3 id={`console-${registry.address}`}>
        {registry.name} <span className="hint">({ct("connect.chain", { id: registry.chainId })})</span>
      </h3>
      <p>
        <code>{registry.address}</code>
      </p>
      {roles.isPending && <p role="status">{ct("loading")}</p>}
      {roles.isError && <p role="alert">{ct("readError")}</p>}
      {roles.data !== undefined && (
        <ul className="roles" data-testid="console-roles">
          {roles.data.admin && <li data-testid="role-admin">{ct("role.admin")}</li>}
          {roles.data.registrar && <li data-testid="role-registrar">{ct("role.registrar")}</li>}
          {roles.data.institutionId !== 0 && (
            <li data-testid="role-key">
              {ct(roles.data.keyActive ? "role.key" : "role.keyRemoved", { id: roles.data.institutionId })}
            </li>
          )}
          {isPendingAdmin && <li data-testid="role-pending-admin">{ct("role.pendingAdmin")}</li>}
          {!roles.data.admin && !roles.data.registrar && roles.data.institutionId === 0 && !isPendingAdmin && (
            <li data-testid="role-none">{ct("role.none")}</li>
          )}
        </ul>
      )}
      {!onChain && (
        <div role="alert" data-testid="wrong-chain">
          <p>{ct("connect.wrongChain", { current: chainId ?? "?", wanted: registry.chainId })}</p>
          <button
            type="button"
            onClick={() => {
              switchChain.mutate({ chainId: registry.chainId });
            }}
          >
            {ct("connect.switch", { name: registry.name })}
          </button>
          {switchChain.isError && <p>{ct("connect.switchFailed")}</p>}
        </div>
      )}
      {onChain && roles.data !== undefined && (
        <>
          {roles.data.registrar || roles.data.admin ? (
            <RegistrarView registry={registry} roles={roles.data} />
          ) : (
            isPendingAdmin && <PendingAdmin registry={registry} roles={roles.data} />
          )}
          {roles.data.keyActive && <InstitutionView registry={registry} institutionId={roles.data.institutionId} />}
        </>
      )}
    </section>
  );
}

/** Connect a wallet (the injected one, or any announced through EIP-6963), then its roles per registry. */
export function ConnectPanel({ registries }: { registries: readonly TrustedRegistry[] }) {
  const { ct } = useConsoleI18n();
  const connection = useConnection();
  const connectors = useConnectors();
  const connect = useConnect();
  const disconnect = useDisconnect();
  return (
    <div data-testid="console">
      <h2>{ct("title")}</h2>
      <p className="hint">{ct("hint")}</p>
      {connection.address === undefined ? (
        <>
          <section className="panel" aria-labelledby="connect-title">
            <h3 id="connect-title">{ct("connect.title")}</h3>
            <ul className="connectors">
              {connectors.map((connector) => (
                <li key={connector.uid}>
                  <button
                    type="button"
                    data-testid={`connect-${connector.id}`}
                    disabled={connect.isPending}
                    onClick={() => {
                      connect.mutate({ connector });
                    }}
                  >
                    {connector.name === "Injected" ? ct("connect.injected") : connector.name}
                  </button>
                </li>
              ))}
            </ul>
            {connect.isError && (
              <p role="alert" data-testid="connect-error">
                {ct(walletErrorKey(connect.error) ?? "connect.failed", {
                  message: connect.error.message.split("\n")[0] ?? "",
                })}
              </p>
            )}
          </section>
          <WalletHelp walletFound={hasBrowserWallet(connectors)} />
        </>
      ) : (
        <>
          <section className="panel" aria-labelledby="account-title">
            <h3 id="account-title">{ct("connect.connected")}</h3>
            <dl className="facts">
              <dt>{ct("connect.account")}</dt>
              <dd data-testid="console-account">
                <code>{connection.address}</code>
              </dd>
              <dt>{ct("connect.wallet")}</dt>
              <dd>{connection.connector?.name}</dd>
              <dt>{ct("connect.chainId")}</dt>
              <dd data-testid="console-chain">{connection.chainId}</dd>
            </dl>
            <button
              type="button"
              data-testid="disconnect"
              onClick={() => {
                disconnect.mutate();
              }}
            >
              {ct("connect.disconnect")}
            </button>
          </section>
          <ActivityProvider>
            <ActivityLog />
            {registries.map((registry) => (
              <RegistryRoles key={`${String(registry.chainId)}:${registry.address}`} registry={registry} />
            ))}
          </ActivityProvider>
        </>
      )}
    </div>
  );
}
