// Minimal declarations for the untyped Digital Bazaar libraries the CLI and its tests call: only the functions
// used, with the options passed.
declare module "@digitalbazaar/ed25519-multikey" {
  export interface Ed25519Signer {
    id: string;
    algorithm: "Ed25519";
    sign(input: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    export(options: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
      raw?: boolean;
      canonicalize?: boolean;
    }): Promise<Record<string, unknown>>;
    signer(): Ed25519Signer;
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
  export function from(key: Record<string, unknown>): Promise<Ed25519KeyPair>;
}

declare module "@digitalbazaar/data-integrity" {
  export const DataIntegrityProof: new (options: {
    signer?: unknown;
    cryptosuite: unknown;
    date?: string | Date;
  }) => object;
}

declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: unknown;
}

declare module "@digitalbazaar/vc" {
  export type DocumentLoader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;
  export function issue(options: {
    credential: object;
    suite: unknown;
    documentLoader: DocumentLoader;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: object;
    suite: unknown;
    documentLoader: DocumentLoader;
  }): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>;
}
