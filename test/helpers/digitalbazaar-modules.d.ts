// Digital Bazaar's libraries ship no type declarations; the tests, benchmarks and the Node signer use these parts.
declare module "@digitalbazaar/ed25519-multikey" {
  export interface Ed25519MultikeyKeyPair {
    id?: string;
    controller?: string;
    readonly publicKeyMultibase: string;
    signer(): { id: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
    export(options: {
      publicKey?: boolean;
      secretKey?: boolean;
      raw?: boolean;
    }): Promise<{ publicKey?: Uint8Array; secretKey?: Uint8Array }>;
  }
  export function generate(options?: { seed?: Uint8Array }): Promise<Ed25519MultikeyKeyPair>;
}
declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    readonly type: string;
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: string });
  }
}
declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: { readonly name: string };
}
declare module "@digitalbazaar/vc" {
  interface Options {
    credential: object;
    suite: unknown;
    documentLoader: unknown;
  }
  export function issue(options: Options): Promise<Record<string, unknown>>;
  export function verifyCredential(options: Options): Promise<{ verified: boolean; error?: unknown }>;
}
