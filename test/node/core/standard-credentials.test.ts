/**
 * Acredita credentials are standard W3C VC 2.0 / Open Badges 3.0 credentials, checked by other people's code:
 * the official VC 2.0-era OB 3.0 JSON Schema (1EdTech), JSON-LD expansion in safe mode (jsonld.js), Digital
 * Bazaar's `vc` and DCC's `verifier-core` (the engine of the Learner Credential Wallet and VerifierPlus).
 *
 * verifier-core runs with its own document loader, which fetches any context it does not bundle. Acredita's
 * context is published at https://w3id.org/acredita/v2; here, with no network, the test's `fetch` serves exactly
 * that document (the bundled copy) and refuses everything else, so verifier-core's schema download and issuer
 * registry lookup fail as they would offline — neither is what these tests assert on.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import * as vc from "@digitalbazaar/vc";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import jsonld from "jsonld";
import { ACREDITA_CONTEXT, BUNDLED_CONTEXTS } from "../../../core/contexts.ts";
import {
  type CredentialDocument,
  issueBatch,
  type JsonObject,
  offlineDocumentLoader,
  parseStrict,
  redactCredential,
} from "../../../core/index.ts";
import { parseLearners } from "../../../scripts/lib/learners-csv.ts";

const fixture = (path: string) => new URL(`../../fixtures/${path}`, import.meta.url);
const sample = (file: string) => readFileSync(new URL(`../../../samples/${file}`, import.meta.url), "utf8");

const ANCHOR = { chainId: 31337, registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3", institutionId: 1 } as const;

/** Both sample cohorts, issued and sealed with a did:key credential key, each with its batch's status list entry. */
async function sampleCohorts(): Promise<CredentialDocument[]> {
  const key = await Ed25519Multikey.generate({ seed: new Uint8Array(32).fill(7) });
  const did = `did:key:${key.publicKeyMultibase}`;
  key.id = `${did}#${key.publicKeyMultibase}`;
  key.controller = did;
  const out: CredentialDocument[] = [];
  for (const [cohort, name, country] of [
    ["negociacion-liderazgo", "Universidad Nacional de Ejemplo", "MX"],
    ["analise-de-dados", "Instituto Federal de Exemplo", "BR"],
  ] as const) {
    const batch = await issueBatch({
      template: parseStrict(sample(`${cohort}.course.json`)),
      issuer: { id: did, name, country },
      learners: parseLearners(sample(`${cohort}.learners.csv`), `${cohort}.learners.csv`).learners,
      issuance: { validFrom: "2026-03-01T00:00:00Z" },
      anchor: ANCHOR,
      signer: key.signer(),
      statusList: `https://status.example/status-lists/${cohort}.json`,
    });
    out.push(...batch.credentials);
  }
  return out;
}

const realFetch = globalThis.fetch;
const fetched: string[] = [];

describe("issued credentials are standard VC 2.0 / OB 3.0", () => {
  let credentials: CredentialDocument[] = [];

  before(async () => {
    credentials = await sampleCohorts();
    globalThis.fetch = (input: string | URL | Request) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      fetched.push(url);
      if (url === ACREDITA_CONTEXT) {
        const body = JSON.stringify(BUNDLED_CONTEXTS.get(ACREDITA_CONTEXT));
        return Promise.resolve(new Response(body, { headers: { "content-type": "application/ld+json" } }));
      }
      return Promise.reject(new TypeError(`no network in tests: ${url}`));
    };
  });
  after(() => {
    globalThis.fetch = realFetch;
  });

  it("issues every sample credential (a non-empty cohort each), each with a BitstringStatusListEntry", () => {
    assert.ok(credentials.length >= 10, `only ${String(credentials.length)} credentials`);
    for (const c of credentials) assert.equal((c.credentialStatus as JsonObject).type, "BitstringStatusListEntry");
  });

  it("passes the official VC 2.0-era OB 3.0 JSON Schema, every one (proof is an array, no issuanceDate)", () => {
    const schema = JSON.parse(
      readFileSync(fixture("ob3/ob_v3p0_achievementcredential_schema.vc2.json"), "utf8"),
    ) as object;
    const ajv = new Ajv2019.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const compiled = ajv.compile(schema);
    const validate = (value: unknown): boolean => compiled(value);
    const failures = credentials.filter((c) => !validate(c)).map((c) => ({ id: c.id, errors: compiled.errors }));
    assert.deepEqual(failures, []);
    for (const c of credentials) {
      assert.ok(Array.isArray(c.proof));
      assert.equal("issuanceDate" in c, false);
    }
  });

  it("expands as JSON-LD in safe mode with the bundled contexts (every term defined), anchor proof included", async () => {
    for (const c of credentials) {
      await jsonld.expand(structuredClone(c), { documentLoader: offlineDocumentLoader(), safe: true });
    }
    // A term no context defines is refused in safe mode: the check can fail.
    await assert.rejects(
      jsonld.expand(
        { ...structuredClone(credentials[0] as JsonObject), notATerm: "x" },
        {
          documentLoader: offlineDocumentLoader(),
          safe: true,
        },
      ),
      /Safe mode validation error/,
    );
  });

  it("verifies in Digital Bazaar's vc (signature valid, offline loader), and fails once a value changes", async () => {
    const suite = new DataIntegrityProof({ cryptosuite });
    // vc refuses a credential with a credentialStatus unless given a status checker; the status list round trip
    // itself (DCC's checker, a real chain) is test/node/cli/status-list.test.ts. Here: the signature.
    const checkStatus = () => Promise.resolve({ verified: true });
    for (const c of credentials) {
      const result = await vc.verifyCredential({
        credential: structuredClone(c),
        suite,
        checkStatus,
        documentLoader: offlineDocumentLoader(),
      });
      assert.equal(result.verified, true, `${JSON.stringify(c.id)}: ${String(result.error)}`);
    }
    const altered = structuredClone(credentials[0]) as JsonObject & { name: string };
    altered.name = `${altered.name}!`;
    const result = await vc.verifyCredential({
      credential: altered,
      suite,
      checkStatus,
      documentLoader: offlineDocumentLoader(),
    });
    assert.equal(result.verified, false);
  });

  it("verifies in DCC's verifier-core: valid_signature for every credential, invalid once a value changes", async () => {
    const { verifyCredential } = await import("@digitalcredentials/verifier-core");
    const signatureOf = async (credential: JsonObject) => {
      const result = (await verifyCredential({ credential: credential as never, knownDIDRegistries: [] })) as {
        log?: { id: string; valid: boolean }[];
        errors?: { name: string; message: string }[];
      };
      const step = result.log?.find((entry) => entry.id === "valid_signature");
      return { valid: step?.valid, errors: result.errors };
    };
    for (const c of credentials) {
      const { valid, errors } = await signatureOf(structuredClone(c));
      assert.equal(valid, true, `${JSON.stringify(c.id)}: ${JSON.stringify(errors)}`);
    }
    const altered = structuredClone(credentials[1]) as JsonObject & { validFrom: string };
    altered.validFrom = "2026-03-02T00:00:00Z";
    const { valid, errors } = await signatureOf(altered);
    assert.notEqual(valid, true, JSON.stringify(errors));
    assert.ok(
      fetched.every((url) => url === ACREDITA_CONTEXT || !url.startsWith("https://w3id.org/acredita")),
      "only Acredita's own context is fetched from its namespace",
    );
  });

  it("a redacted copy drops the issuer's signature, so standard verifiers see no signature to check", async () => {
    const redacted = redactCredential(credentials[0] as JsonObject, ["/credentialSubject/identifier/1"]);
    const proofs = redacted.proof as JsonObject[];
    assert.deepEqual(
      proofs.map((p) => p.type),
      ["AcreditaMerkleProof2026"],
    );
    const suite = new DataIntegrityProof({ cryptosuite });
    const result = await vc.verifyCredential({
      credential: redacted,
      suite,
      checkStatus: () => Promise.resolve({ verified: true }),
      documentLoader: offlineDocumentLoader(),
    });
    assert.equal(result.verified, false);
  });
});
