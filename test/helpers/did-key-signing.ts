/**
 * A `did:key` issuer for Data Integrity tests and benchmarks: an Ed25519 Multikey key pair, an offline document
 * loader (bundled contexts + this key's DID document), the reference issuance and verification through Digital
 * Bazaar's `vc`, and VC 2.0-clean OB 3.0 credentials built from the samples.
 */
import { readFileSync } from "node:fs";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { type CourseContext, credentialFor } from "../../core/credential.ts";
import { type CredentialDocument, type LearnerRecord, prepareCourse } from "../../core/index.ts";
import type { DocumentLoader, Ed25519Signer } from "../../core/data-integrity-sign.ts";
import { bundledDocumentLoader } from "../../core/jsonld-contexts.ts";
import { parseLearners } from "../../scripts/lib/learners-csv.ts";

const SAMPLES = new URL("../../samples/", import.meta.url).pathname;
export const SAMPLE_COHORTS = ["analise-de-dados", "negociacion-liderazgo"] as const;

export interface DidKeyIssuer {
  readonly did: string;
  readonly verificationMethod: string;
  readonly signer: Ed25519Signer;
  /** The 32-byte Ed25519 seed (secret key). */
  readonly seed: Uint8Array;
  readonly documentLoader: DocumentLoader;
  /** `vc.issue` with DataIntegrityProof + eddsa-rdfc-2022 (the reference), `created` fixed. */
  referenceIssue(credential: CredentialDocument, created: string): Promise<CredentialDocument>;
  /** `vc.verifyCredential` with the eddsa-rdfc-2022 suite. */
  referenceVerify(credential: CredentialDocument): Promise<{ verified: boolean; error?: unknown }>;
}

export async function createDidKeyIssuer(): Promise<DidKeyIssuer> {
  const keyPair = await Ed25519Multikey.generate();
  const did = `did:key:${keyPair.publicKeyMultibase}`;
  const verificationMethod = `${did}#${keyPair.publicKeyMultibase}`;
  keyPair.id = verificationMethod;
  keyPair.controller = did;
  const method = {
    "@context": "https://w3id.org/security/multikey/v1",
    id: verificationMethod,
    type: "Multikey",
    controller: did,
    publicKeyMultibase: keyPair.publicKeyMultibase,
  };
  const documentLoader = bundledDocumentLoader((url) => {
    if (url === verificationMethod) return Promise.resolve({ contextUrl: null, documentUrl: url, document: method });
    if (url === did) {
      const document = {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        id: did,
        verificationMethod: [method],
        assertionMethod: [verificationMethod],
      };
      return Promise.resolve({ contextUrl: null, documentUrl: url, document });
    }
    return Promise.reject(new Error(`test document loader: no offline copy of ${url}`));
  });
  const { secretKey } = await keyPair.export({ publicKey: true, secretKey: true, raw: true });
  if (secretKey === undefined) throw new Error("the Multikey key pair exported no secret key");
  return {
    did,
    verificationMethod,
    signer: keyPair.signer(),
    seed: secretKey.slice(0, 32),
    documentLoader,
    async referenceIssue(credential, created) {
      const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite, date: created });
      return (await vc.issue({ credential: structuredClone(credential), suite, documentLoader })) as CredentialDocument;
    },
    async referenceVerify(credential) {
      const suite = new DataIntegrityProof({ cryptosuite });
      // The signature only: a credential's status (its status list) is not what this reference checks.
      const checkStatus = () => Promise.resolve({ verified: true });
      return await vc.verifyCredential({ credential, suite, documentLoader, checkStatus });
    },
  };
}

/** A credential made VC 2.0 clean for safe-mode JSON-LD (no `issuanceDate`, a `JsonSchema` credentialSchema). */
export function vc2Clean(credential: CredentialDocument): CredentialDocument {
  const rest = { ...credential };
  delete rest.issuanceDate;
  const schemas = rest.credentialSchema as { id: string }[];
  return { ...rest, credentialSchema: schemas.map((s) => ({ id: s.id, type: "JsonSchema" })) };
}

/** A sample cohort: its prepared course (issuer `issuerId`) and its learners. */
export function sampleCohort(name: string, issuerId: string): { course: CourseContext; learners: LearnerRecord[] } {
  const template = JSON.parse(readFileSync(`${SAMPLES}${name}.course.json`, "utf8")) as unknown;
  const learners = parseLearners(readFileSync(`${SAMPLES}${name}.learners.csv`, "utf8"), "learners.csv").learners;
  const course = prepareCourse(
    template,
    { id: issuerId, name: "Instituto Federal de Exemplo", country: "BR" },
    {
      validFrom: "2026-10-01T00:00:00Z",
    },
  );
  return { course, learners };
}

/** The VC 2.0-clean credential of one learner. */
export function sampleCredential(course: CourseContext, learner: LearnerRecord, index: number): CredentialDocument {
  const id = `urn:uuid:00000000-0000-4000-8000-${index.toString(16).padStart(12, "0")}`;
  return vc2Clean(credentialFor(course, learner, id));
}
