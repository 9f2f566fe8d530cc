// Digital Bazaar's libraries ship JavaScript without type declarations; these cover what core uses.
declare module "@digitalbazaar/vc" {
  export function issue(options: { credential: object; suite: unknown; documentLoader: unknown }): Promise<object>;
  export function verifyCredential(options: object): Promise<{ verified: boolean; error?: unknown }>;
}
declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: string | Date | undefined });
    verifyProof(options: {
      proof: object;
      proofSet: object[];
      document: object;
      documentLoader: unknown;
    }): Promise<{ verified: boolean; error?: unknown; verificationMethod?: { id: string } }>;
  }
}
declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: unknown;
}
declare module "@digitalbazaar/ed25519-multikey" {
  export interface KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): { id: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<object>;
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<KeyPair>;
  export function from(key: object): Promise<KeyPair>;
}
declare module "jsonld" {
  const jsonld: {
    expand(input: object, options?: object): Promise<object[]>;
    toRDF(input: object, options?: object): Promise<unknown>;
  };
  export default jsonld;
}
