// Digital Bazaar's libraries and jsonld/rdf-canonize ship JavaScript without type declarations. One set of minimal
// declarations for the whole project (core, CLI, tests, benchmarks): only the functions used, with the options
// passed.
declare module "@digitalbazaar/ed25519-multikey" {
  export interface Ed25519Signer {
    id: string;
    algorithm: string;
    sign(input: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface Ed25519Verifier {
    id?: string;
    algorithm: string;
    verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
  }
  export interface KeyPair {
    id?: string;
    controller?: string;
    readonly publicKeyMultibase: string;
    readonly secretKeyMultibase?: string;
    signer(): Ed25519Signer;
    verifier(): Ed25519Verifier;
    export(options: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
      raw?: boolean;
      canonicalize?: boolean;
    }): Promise<Record<string, unknown> & { publicKey?: Uint8Array; secretKey?: Uint8Array }>;
  }
  export type Ed25519KeyPair = KeyPair;
  export type Ed25519MultikeyKeyPair = KeyPair;
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<KeyPair>;
  export function from(key: Record<string, unknown>): Promise<KeyPair>;
}
declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    readonly type: string;
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
  export const cryptosuite: {
    readonly name: string;
    readonly requiredAlgorithm: string;
    createVerifier(options: {
      verificationMethod: Record<string, unknown>;
    }): Promise<{ algorithm: string; verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> }>;
  };
}
declare module "@digitalbazaar/vc" {
  export type DocumentLoader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;
  interface Options {
    credential: object;
    suite: unknown;
    documentLoader: unknown;
    now?: string | Date;
    /** Required by `verifyCredential` for a credential with a `credentialStatus`. */
    checkStatus?: (options: unknown) => Promise<{ verified: boolean }>;
  }
  export function issue(options: Options): Promise<Record<string, unknown>>;
  export function _checkCredential(options: { credential: object; now?: string | Date }): void;
  export function verifyCredential(
    options: Options,
  ): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>;
}
declare module "jsonld" {
  const jsonld: {
    expand(input: object, options?: Record<string, unknown>): Promise<object[]>;
    toRDF(input: object, options: Record<string, unknown>): Promise<unknown>;
    canonize(input: object, options: Record<string, unknown>): Promise<string>;
  };
  export default jsonld;
}
declare module "rdf-canonize" {
  export function canonize(input: unknown, options: { algorithm: "RDFC-1.0" }): Promise<string>;
}
declare module "@digitalcredentials/vc-bitstring-status-list" {
  /** DCC's (Digital Bazaar's) Bitstring Status List, as verifier-core decodes published lists (tests only). */
  export class BitstringStatusList {
    static decode(options: { encodedList: string }): Promise<BitstringStatusList>;
    getStatus(index: number): boolean;
    readonly length: number;
  }
}
