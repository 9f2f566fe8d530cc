import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useMemo } from "react";
import { WagmiProvider, type Config } from "wagmi";
import type { TrustedRegistry } from "../../config/env.ts";
import { ConsoleI18nProvider } from "./console-i18n.tsx";
import { createConsoleConfig } from "./console-config.ts";
import { ConnectPanel } from "./ConnectPanel.tsx";
import "./console.css";
import { testWalletSetup } from "./test-wallets.ts";

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 5_000 } } });

function consoleConfig(registries: readonly TrustedRegistry[]): Config {
  const testList = import.meta.env.VITE_ACREDITA_TEST_WALLET;
  // Test build only: Vite replaces the variable at build time, so a production build drops this branch and the
  // mock connector with it.
  if (testList !== undefined && testList !== "") {
    return createConsoleConfig(registries, testWalletSetup(testList));
  }
  return createConsoleConfig(registries);
}

/** The administration console (lazy-loaded): a wallet, its roles on each trusted registry, and what it may do. */
export default function Console({ registries }: { registries: readonly TrustedRegistry[] }) {
  const config = useMemo(() => consoleConfig(registries), [registries]);
  return (
    <WagmiProvider config={config} reconnectOnMount={false}>
      <QueryClientProvider client={queryClient}>
        <ConsoleI18nProvider>
          <ConnectPanel registries={registries} />
        </ConsoleI18nProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
