/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** JSON array of trusted registries: [{ chainId, address, name, rpcUrls, explorerUrl? }]. */
  readonly VITE_ACREDITA_REGISTRIES?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
