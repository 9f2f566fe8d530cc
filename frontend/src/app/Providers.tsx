import type { ReactNode } from "react";
import { WagmiProvider, type Config } from "wagmi";

/** wagmi's configuration for every chain read. (The registry explorer brings its own query cache, lazily.) */
export function Providers({ config, children }: { config: Config; children: ReactNode }) {
  return <WagmiProvider config={config}>{children}</WagmiProvider>;
}
