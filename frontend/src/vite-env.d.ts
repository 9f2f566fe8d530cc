/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** JSON array of trusted registries: [{ chainId, address, name, rpcUrls, explorerUrl? }]. */
  readonly VITE_ACREDITA_REGISTRIES?: string;
  /** Test builds only: comma-separated dev-account addresses the console offers as mock wallets. */
  readonly VITE_ACREDITA_TEST_WALLET?: string;
  /** Optional: where the project's README is published (https), for the console's link to the CLI section. */
  readonly VITE_ACREDITA_DOCS_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

/** core's reason sentences in one language (vite.config.ts: `reasonTables`). */
declare module "virtual:acredita-reasons/*" {
  const reasons: Readonly<Record<import("@acredita/core").ReasonCode, string>>;
  export default reasons;
}
