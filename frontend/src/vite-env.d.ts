/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** JSON array of trusted registries: [{ chainId, address, name, rpcUrls, explorerUrl? }]. */
  readonly VITE_ACREDITA_REGISTRIES?: string;
  /** Test builds only: comma-separated dev-account addresses the console offers as mock wallets. */
  readonly VITE_ACREDITA_TEST_WALLET?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
