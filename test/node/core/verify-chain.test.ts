/**
 * The verification engine against the real CredentialRegistry on Hardhat's in-process network: frozen golden
 * files (format v2, signed with the institutions' test credential keys) verify, the TypeScript leaf equals the
 * contract's, one eth_call per verification, batched reads, the issuer identity a batch was anchored under, the
 * issuer's signature, and every verdict (revoked, untrusted, could-not-check, invalid, warnings…).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createPublicClient, custom, getAddress, http, type PublicClient, toFunctionSelector, zeroAddress } from "viem";
import type { CheckName } from "../../../core/verification.ts";
import {
  type CredentialDocument,
  issueBatch,
  type JsonObject,
  MAX_NAME_LENGTH,
  MAX_URI_LENGTH,
  redactCredential,
  sealBatch,
  splitAnchor,
  type VerificationResult,
  batchState,
  readBatchStanding,
  verifyCredential,
  verifyCredentials,
  referenceOf,
} from "../../../core/index.ts";
import { fromHex, type Hex, toHex } from "../../../core/bytes.ts";
import { keccakUtf8 } from "../../../core/hash.ts";
import { leafOf } from "../../../core/digest.ts";
import { MAX_INDEXES_PER_CALL, MAX_KEYS_PER_INSTITUTION, MAX_PROOF_LENGTH } from "../../../core/generated/constants.ts";
import { deployCoreChain, hardhatChain, TEST_INSTITUTIONS, type TestInstitution } from "../../helpers/core-chain.ts";
import {
  anchorOf,
  COHORTS,
  GOLDEN_REGISTRY,
  GOLDEN_SIGNED_AT,
  readGolden,
  readTemplate,
  type TestCredentialKey,
  testCredentialKey,
} from "../../helpers/golden.ts";
import { parseLearners } from "../../../scripts/lib/learners-csv.ts";

interface GoldenFile {
  anchor: { chainId: number; registry: Hex; institutionId: number };
  batchRoot: Hex;
  manifest: { count: number; credentials: { index: number; credentialDigest: Hex; leaf: Hex }[] };
  credentials: CredentialDocument[];
}

const NOW = new Date("2027-01-15T00:00:00Z");
const chain = await deployCoreChain();
const { registry, wait, keys, trusted } = chain;
const client = chain.publicClient as unknown as PublicClient;
// These tests write to the chain between verifications: each verification asks for the block it reads at
// (blockRefreshMs 0) rather than reusing the one of a second ago. The request-count tests use the default.
const options = { trustedRegistries: trusted, now: NOW, blockRefreshMs: 0 };
/** The block pin of the first verification on a client: asked with the chain id, at once. */
const OPEN = ["eth_chainId", "eth_getBlockByNumber"];

const golden = COHORTS.map((c) => readGolden(`${c.name}.json`) as GoldenFile);
for (const [i, file] of golden.entries()) {
  const key = i === 0 ? keys[1] : keys[2];
  await wait(registry.write.anchorBatch([file.batchRoot, file.manifest.count], { account: key.account }));
}

/** The issuer profile institution `institutionId`'s credentials carry (with its registered issuer id). */
function issuerOf(institutionId: 1 | 2 | 3): TestInstitution["issuer"] {
  const institution = TEST_INSTITUTIONS.find((i) => i.institutionId === institutionId);
  if (institution === undefined) throw new Error(`no test institution ${String(institutionId)}`);
  return institution.issuer;
}

/** The credential key institution `institutionId` signs with. */
function keyOf(institutionId: 1 | 2 | 3): TestCredentialKey {
  const institution = TEST_INSTITUTIONS.find((i) => i.institutionId === institutionId);
  if (institution === undefined) throw new Error(`no test institution ${String(institutionId)}`);
  return institution.credentialKey;
}

/**
 * Issues a fresh three-credential batch (from the Brazilian cohort's course) for institution `institutionId`, as
 * its `issuer` (default: its own profile), signed with `key` (default: its own credential key), and anchors it
 * unless `anchor` is false.
 */
async function freshBatch(
  institutionId: 1 | 2 | 3,
  options: {
    issuance?: { validFrom: string; validUntil?: string };
    issuer?: TestInstitution["issuer"];
    key?: TestCredentialKey;
    anchor?: boolean;
  } = {},
) {
  const template = readTemplate("analise-de-dados");
  const learners = parseLearners(
    "learner_id,name,email,completed_on,grade\nT-1,Ana Teste,ana@x.example,2026-09-01,9.0\nT-2,Bia Teste,bia@x.example,2026-09-02,8.0\nT-3,Caio Teste,caio@x.example,2026-09-03,7.0\n",
    "learners.csv",
  ).learners;
  const batch = await issueBatch({
    template,
    issuer: options.issuer ?? issuerOf(institutionId),
    learners,
    issuance: options.issuance ?? { validFrom: "2026-10-01T00:00:00Z" },
    anchor: { chainId: 31337, registry: registry.address, institutionId },
    signer: (options.key ?? keyOf(institutionId)).signer,
    signedAt: GOLDEN_SIGNED_AT,
  });
  if (options.anchor !== false) {
    await wait(registry.write.anchorBatch([batch.batchRoot, 3], { account: keys[institutionId].account }));
  }
  return batch;
}

/** The check `name` of a result. */
const checkOf = (r: VerificationResult | undefined, name: CheckName) => r?.checks.find((c) => c.check === name);
/** The ISSUER check of a result. */
const issuerCheck = (r: VerificationResult | undefined) => checkOf(r, "ISSUER");

describe("verifyCredential (on the real registry)", () => {
  it("the registry sits at the golden fixtures' address", () => {
    assert.equal(registry.address, GOLDEN_REGISTRY);
  });

  it("core's generated limits are the deployed registry's, and the registry refuses a longer path", async () => {
    assert.deepEqual(
      await Promise.all([
        registry.read.MAX_PROOF_LENGTH(),
        registry.read.MAX_NAME_LENGTH(),
        registry.read.MAX_URI_LENGTH(),
        registry.read.MAX_INDEXES_PER_CALL(),
        registry.read.MAX_KEYS_PER_INSTITUTION(),
      ]),
      [MAX_PROOF_LENGTH, MAX_NAME_LENGTH, MAX_URI_LENGTH, MAX_INDEXES_PER_CALL, MAX_KEYS_PER_INSTITUTION].map(BigInt),
    );
    // Why core checks the length first: the view reverts (the verdict would be "could not check", not "invalid").
    const node = golden[0]?.batchRoot as Hex;
    await assert.rejects(
      registry.read.verifyCredential([1, 0, node, Array.from({ length: MAX_PROOF_LENGTH + 1 }, () => node)]),
      /CredentialRegistryProofTooLong/,
    );
  });

  describe("frozen golden files", () => {
    it("the TypeScript leaf equals the contract's own derivation for every golden credential", async () => {
      for (const file of golden) {
        for (const entry of file.manifest.credentials) {
          const onChain = await registry.read.credentialLeaf([
            file.anchor.institutionId,
            entry.index,
            entry.credentialDigest,
          ]);
          assert.equal(onChain, entry.leaf);
          assert.equal(toHex(leafOf(file.anchor, entry.index, fromHex(entry.credentialDigest))), onChain);
        }
      }
    });

    it("every credential of both frozen cohorts verifies as valid, in one batched eth_call", async () => {
      const { client: counting, calls } = chain.countingClient();
      const inputs = golden.flatMap((f) => f.credentials.map((c) => JSON.stringify(c)));
      const results = await verifyCredentials(counting, inputs, options);
      assert.equal(results.length, 37);
      for (const r of results) {
        assert.equal(r.verdict, "valid", JSON.stringify(r.checks));
        assert.deepEqual(
          r.checks.map((c) => c.status),
          ["VALID", "VALID", "VALID", "VALID", "VALID", "VALID", "VALID", "VALID"],
        );
        assert.equal(checkOf(r, "SIGNATURE")?.reason, "SIGNATURE_OK");
        assert.deepEqual(r.warnings, []);
      }
      assert.deepEqual(calls, [...OPEN, "eth_call"]);
      assert.equal(results[0]?.chain?.institutionName, "Universidad Nacional de Ejemplo");
      assert.equal(results[30]?.chain?.institutionCountry, "BR");
    });

    it("the frozen redacted credential verifies as valid, counts its hidden fields and skips the signature", async () => {
      const file = readGolden("redacted.json") as { hidden: string[]; credential: JsonObject };
      const result = await verifyCredential(client, file.credential, options);
      assert.equal(result.verdict, "valid");
      assert.equal(result.redacted, true);
      assert.equal(result.hiddenCount, 4 + 3 + 6);
      assert.equal(checkOf(result, "SIGNATURE")?.reason, "SIGNATURE_REDACTED");
    });
  });

  describe("JSON-RPC usage", () => {
    it("makes exactly one request (an eth_call) per verification once the chain id is known", async () => {
      const { client: counting, calls } = chain.countingClient();
      const reusing = { trustedRegistries: trusted, now: NOW };
      await verifyCredential(counting, JSON.stringify(golden[0]?.credentials[2]), reusing);
      assert.deepEqual(calls, [...OPEN, "eth_call"]);
      calls.length = 0;
      const result = await verifyCredential(counting, JSON.stringify(golden[0]?.credentials[3]), reusing);
      assert.equal(result.verdict, "valid");
      assert.deepEqual(calls, ["eth_call"], "the block of the first verification is reused for a second");
    });

    it("asks the node for its chain id once per client, even when the client was configured with a chain", async () => {
      for (const withChain of [true, false]) {
        const { client: counting, calls } = chain.countingClient(withChain);
        await verifyCredential(counting, JSON.stringify(golden[0]?.credentials[1]), options);
        await verifyCredential(counting, JSON.stringify(golden[0]?.credentials[2]), options);
        assert.deepEqual(calls, [...OPEN, "eth_call", "eth_getBlockByNumber", "eth_call"]);
      }
    });

    it("does not take a client's configured chain on trust: a node on another chain is 'could-not-check'", async () => {
      const { client: configuredFor31337 } = chain.countingClient(true);
      const lying = {
        ...configuredFor31337,
        getChainId: () => Promise.resolve(4242),
      };
      const result = await verifyCredential(lying, JSON.stringify(golden[0]?.credentials[1]), options);
      assert.equal(result.verdict, "could-not-check");
      assert.equal(checkOf(result, "REGISTRY")?.reason, "REGISTRY_CHAIN_MISMATCH");
    });

    it("makes no request for a Merkle path longer than the registry's MAX_PROOF_LENGTH: it is 'invalid'", async () => {
      const { client: counting, calls } = chain.countingClient();
      const credential = structuredClone(golden[0]?.credentials[1]) as JsonObject;
      const proof = anchorOf(credential);
      const tooLong = [...(proof.path as Hex[])];
      while (tooLong.length <= MAX_PROOF_LENGTH) tooLong.push(proof.batchRoot as Hex);
      assert.equal(tooLong.length, 33);
      proof.path = tooLong;
      const reference = { ...referenceOf(splitAnchor(golden[0]?.credentials[1] as JsonObject).anchor), path: tooLong };
      const results = [
        await verifyCredential(counting, credential, options),
        await verifyCredential(counting, { reference }, options),
        ...(await verifyCredentials(counting, [credential, { reference }], options)),
      ];
      for (const r of results) {
        assert.equal(r.verdict, "invalid");
        assert.deepEqual(
          [r.checks[0]?.check, r.checks[0]?.status, r.checks[0]?.reason],
          ["FORMAT", "INVALID", "PROOF_PATH_TOO_LONG"],
        );
        assert.equal(r.checks.filter((c) => c.status === "ERROR").length, 0);
      }
      assert.deepEqual(calls, []);
    });

    it("makes no request for a tampered credential or an untrusted registry", async () => {
      const { client: counting, calls } = chain.countingClient();
      const tampered = structuredClone(golden[0]?.credentials[0]) as JsonObject;
      (tampered.credentialSubject as JsonObject).creditsEarned = 99;
      const r1 = await verifyCredential(counting, tampered, options);
      assert.equal(r1.verdict, "invalid");
      assert.equal(checkOf(r1, "INTEGRITY")?.reason, "INTEGRITY_DIGEST_MISMATCH");
      assert.equal(checkOf(r1, "SIGNATURE")?.reason, "SKIPPED_AFTER_FAILURE");
      const r2 = await verifyCredential(counting, JSON.stringify(golden[0]?.credentials[0]), {
        ...options,
        trustedRegistries: [],
      });
      assert.equal(r2.verdict, "untrusted");
      assert.equal(checkOf(r2, "REGISTRY")?.reason, "REGISTRY_UNTRUSTED");
      assert.deepEqual(calls, []);
    });

    it("drops the registry read it started alongside a signature that fails: 'invalid', no chain checks", async () => {
      // Altered after signing and sealed again (its anchor is sound): only the signature catches it. The read runs
      // while the signature is checked, and its answer (the batch is anchored) must not reach the result.
      const { client: counting, calls } = chain.countingClient();
      const { document } = splitAnchor(structuredClone(golden[0]?.credentials[0]) as JsonObject);
      (document.credentialSubject as JsonObject).creditsEarned = 99;
      const resealed = sealBatch([document], golden[0]?.anchor as GoldenFile["anchor"]).credentials[0] as JsonObject;
      const r3 = await verifyCredential(counting, resealed, options);
      assert.equal(checkOf(r3, "INTEGRITY")?.status, "VALID");
      assert.equal(checkOf(r3, "SIGNATURE")?.reason, "DI_SIGNATURE_INVALID");
      assert.equal(r3.verdict, "invalid");
      assert.deepEqual(
        ["REGISTRY", "ANCHOR", "ISSUER", "STATUS"].map((name) => checkOf(r3, name as CheckName)?.reason),
        Array(4).fill("SKIPPED_AFTER_FAILURE"),
      );
      assert.equal(r3.read, undefined);
      assert.equal(r3.registry, undefined);
      assert.ok(calls.length <= OPEN.length + 1, `at most one read: ${calls.join(", ")}`);
    });
  });

  describe("verdicts", () => {
    it("a revoked credential is 'revoked', with the time and reason; its batch-mates stay valid", async () => {
      const batch = await freshBatch(2);
      await wait(registry.write.revokeCredential([2, batch.batchRoot, 1, 3], { account: keys[2].account }));
      const [a, b] = await verifyCredentials(
        client,
        [batch.credentials[0] as JsonObject, batch.credentials[1] as JsonObject],
        options,
      );
      assert.equal(a?.verdict, "valid");
      assert.equal(b?.verdict, "revoked");
      const status = b.checks.find((c) => c.check === "STATUS");
      assert.equal(status?.reason, "STATUS_CREDENTIAL_REVOKED");
      assert.equal(status.details?.reason, 3);
    });

    it("a credential of a revoked batch is 'revoked'", async () => {
      const batch = await freshBatch(2);
      await wait(registry.write.revokeBatch([2, batch.batchRoot, 1], { account: keys[2].account }));
      const result = await verifyCredential(client, batch.credentials[2] as JsonObject, options);
      assert.equal(result.verdict, "revoked");
      assert.equal(checkOf(result, "STATUS")?.reason, "STATUS_BATCH_REVOKED");
    });

    it("a credential that was never anchored is 'invalid'", async () => {
      const batch = await freshBatch(2, { anchor: false });
      const result = await verifyCredential(client, batch.credentials[0] as JsonObject, options);
      assert.equal(result.verdict, "invalid");
      assert.equal(checkOf(result, "ANCHOR")?.reason, "ANCHOR_NOT_ANCHORED");
      assert.equal(
        checkOf(result, "SIGNATURE")?.reason,
        "SIGNATURE_OK",
        "a good signature does not replace the anchor",
      );
    });

    it("a proof replayed for another institution is 'invalid' (the leaf binds the institution)", async () => {
      const batch = await freshBatch(2);
      const forged = structuredClone(batch.credentials[0]) as JsonObject;
      anchorOf(forged).institutionId = 1;
      const result = await verifyCredential(client, forged, options);
      assert.equal(result.verdict, "invalid");
      assert.equal(checkOf(result, "INTEGRITY")?.reason, "INTEGRITY_PATH_MISMATCH");
    });

    it("an expired and a not-yet-valid credential get those verdicts", async () => {
      const expired = await freshBatch(2, {
        issuance: { validFrom: "2026-01-01T00:00:00Z", validUntil: "2026-12-31T00:00:00Z" },
      });
      const future = await freshBatch(2, { issuance: { validFrom: "2027-06-01T00:00:00Z" } });
      const [e, f] = await verifyCredentials(
        client,
        [expired.credentials[0] as JsonObject, future.credentials[0] as JsonObject],
        options,
      );
      assert.equal(e?.verdict, "expired");
      assert.equal(f?.verdict, "not-yet-valid");
      // Their status-only references (what a hash-only link or QR code carries) cannot see the dates: never "valid".
      const references = [expired, future].map((b) => ({
        reference: referenceOf(splitAnchor(b.credentials[0] as JsonObject).anchor),
      }));
      const statusOnly = [
        ...(await verifyCredentials(client, references, options)),
        ...(await Promise.all(references.map((r) => verifyCredential(client, r, options)))),
      ];
      for (const r of statusOnly) {
        assert.equal(r.verdict, "status-only");
        assert.deepEqual(
          r.checks.filter((c) => c.status === "SKIPPED").map((c) => [c.check, c.reason]),
          [
            ["INTEGRITY", "SKIPPED_STATUS_ONLY"],
            ["SIGNATURE", "SKIPPED_STATUS_ONLY"],
            ["VALIDITY", "SKIPPED_STATUS_ONLY"],
          ],
        );
        assert.equal(r.chain?.institutionName, issuerOf(2).name);
      }
    });

    it("a name differing from the registry's (same issuer id) and a suspended institution are warnings", async () => {
      const batch = await freshBatch(3);
      const { client: counting, calls } = chain.countingClient();
      const r1 = await verifyCredential(counting, batch.credentials[0] as JsonObject, options);
      assert.equal(r1.verdict, "valid-with-warnings");
      assert.deepEqual(r1.warnings, ["ISSUER_NAME_MISMATCH"]);
      assert.equal(issuerCheck(r1)?.reason, "ISSUER_OK");
      // Only a mismatch costs more calls: the identity recorded at anchoring (which of name and issuer id
      // differs), then the registry's current name, to show next to the warning.
      assert.deepEqual(calls, [...OPEN, "eth_call", "eth_call", "eth_call"]);
      await wait(registry.write.suspendInstitution([3], { account: chain.registrar.account }));
      const r2 = await verifyCredential(client, batch.credentials[1] as JsonObject, options);
      assert.equal(r2.verdict, "valid-with-warnings");
      assert.deepEqual(r2.warnings, ["ISSUER_SUSPENDED_NOW", "ISSUER_NAME_MISMATCH"]);
      assert.equal(r2.chain?.institutionName, (await registry.read.getInstitution([3])).profile.name);
      assert.equal(r2.chain.institutionName, TEST_INSTITUTIONS[2].registered.name);
      assert.notEqual(r2.chain.institutionName, issuerOf(3).name);
      await wait(registry.write.reinstateInstitution([3], { account: chain.registrar.account }));
    });

    it("credentials keep the institution name they were anchored under; a rename applies to later batches", async () => {
      const before = await freshBatch(2);
      const { profile } = await registry.read.getInstitution([2]);
      assert.equal(profile.name, COHORTS[1].issuer.name);
      const asRegistrar = { account: chain.registrar.account };
      await wait(registry.write.updateInstitution([2, { ...profile, name: "Instituto Renomeado" }], asRegistrar));
      try {
        const earlier = await verifyCredential(client, before.credentials[0] as JsonObject, options);
        assert.equal(earlier.verdict, "valid");
        assert.equal(earlier.chain?.institutionName, COHORTS[1].issuer.name);
        const later = await freshBatch(2);
        const renamed = (await verifyCredentials(client, [later.credentials[0] as JsonObject], options))[0];
        assert.equal(renamed?.verdict, "valid-with-warnings");
        assert.deepEqual(renamed.warnings, ["ISSUER_NAME_MISMATCH"]);
        assert.equal(renamed.chain?.institutionName, "Instituto Renomeado");
      } finally {
        await wait(registry.write.updateInstitution([2, profile], asRegistrar));
      }
    });

    it("a credential whose issuer id is not the one recorded at anchoring is 'invalid' (ISSUER_ID_MISMATCH)", async () => {
      // Institution 2 anchors credentials that claim institution 1's issuer id (signed with institution 1's
      // credential key, as if it had been stolen), and credentials that claim an id nobody registered (signed with
      // that id's own key): both are refused, though the signature, the batch, the key and the name are in order.
      const nobody = await testCredentialKey("nobody");
      const asUneje = await freshBatch(2, { issuer: { ...issuerOf(2), id: issuerOf(1).id }, key: keyOf(1) });
      const asNobody = await freshBatch(2, { issuer: { ...issuerOf(2), id: nobody.did }, key: nobody });
      const { client: counting, calls } = chain.countingClient();
      const results = await verifyCredentials(
        counting,
        [asUneje.credentials[0] as JsonObject, asNobody.credentials[1] as JsonObject],
        options,
      );
      for (const [r, claimed] of [
        [results[0], issuerOf(1).id],
        [results[1], nobody.did],
      ] as const) {
        assert.equal(r?.verdict, "invalid");
        assert.equal(checkOf(r, "SIGNATURE")?.reason, "SIGNATURE_OK");
        const issuer = issuerCheck(r);
        assert.equal(issuer?.status, "INVALID");
        assert.equal(issuer.reason, "ISSUER_ID_MISMATCH");
        assert.equal(issuer.details?.issuerId, claimed);
        assert.equal(issuer.details.issuerIdHash, toHex(keccakUtf8(issuerOf(2).id)));
        assert.deepEqual(r.warnings, []);
        assert.equal(r.chain?.issuerIdHash, toHex(keccakUtf8(issuerOf(2).id)));
      }
      // One batched view, then the identity recorded at anchoring, read once for the batch's identity version
      // (the identity hash differs, so which text differs is read); the names are the recorded one, so the
      // registry's current name is not needed.
      assert.deepEqual(calls, [...OPEN, "eth_call", "eth_call"]);
    });

    it("an answer for the recorded identity that does not give the view's identity hash is 'could-not-check'", async () => {
      // The credential's name differs from the registered one, so the engine reads the identity recorded at
      // anchoring; a node that swaps that identity's hashes (to turn an issuer-id mismatch into a name-only
      // warning, say) is caught: the hashes must give the identity hash the view returned.
      const batch = await freshBatch(3);
      const selector = toFunctionSelector("getIssuerIdentity(uint32,uint32)");
      const transport = custom({
        request: async ({ method, params }: { method: string; params?: unknown }) => {
          const answer = (await chain.connection.provider.request({ method, params: params as unknown[] })) as Hex;
          const call = (params as [{ data?: Hex }] | undefined)?.[0];
          if (method !== "eth_call" || call?.data?.slice(0, 10) !== selector) return answer;
          // identityHash, nameHash, issuerIdHash: keep the identity hash, swap the two text hashes.
          return `0x${answer.slice(2, 66)}${answer.slice(130, 194)}${answer.slice(66, 130)}` as Hex;
        },
      });
      const lying = createPublicClient({ chain: hardhatChain, transport }) as unknown as PublicClient;
      const honest = await verifyCredential(client, batch.credentials[0] as JsonObject, options);
      assert.equal(honest.verdict, "valid-with-warnings");
      const result = await verifyCredential(lying, batch.credentials[0] as JsonObject, options);
      assert.equal(result.verdict, "could-not-check");
    });

    it("a change of issuer id leaves earlier batches valid; later batches must carry the new id", async () => {
      const before = await freshBatch(2);
      const institution = await registry.read.getInstitution([2]);
      const { profile } = institution;
      const asRegistrar = { account: chain.registrar.account };
      const newKey = await testCredentialKey("ifex-renewed");
      const newId = newKey.did;
      await wait(registry.write.updateInstitution([2, { ...profile, issuerId: newId }], asRegistrar));
      try {
        const updated = await registry.read.getInstitution([2]);
        assert.equal(updated.identityVersion, institution.identityVersion + 1);
        const identity = await registry.read.getIssuerIdentity([2, updated.identityVersion]);
        assert.equal(identity.issuerIdHash, toHex(keccakUtf8(newId)));

        const stale = await freshBatch(2);
        const renewed = await freshBatch(2, { issuer: { ...issuerOf(2), id: newId }, key: newKey });
        const [earlier, staleResult, renewedResult] = await verifyCredentials(
          client,
          [before.credentials[0], stale.credentials[0], renewed.credentials[0]] as JsonObject[],
          options,
        );
        // The earlier batch recorded the identity it was anchored under: its credentials carry that id.
        assert.equal(earlier?.verdict, "valid");
        assert.equal(earlier.chain?.issuerIdHash, toHex(keccakUtf8(issuerOf(2).id)));
        // A batch anchored after the change, still carrying the old id, is refused.
        assert.equal(staleResult?.verdict, "invalid");
        assert.equal(issuerCheck(staleResult)?.reason, "ISSUER_ID_MISMATCH");
        assert.equal(renewedResult?.verdict, "valid");
        assert.equal(issuerCheck(renewedResult)?.details?.issuerId, newId);
        // Status-only references have no issuer id to compare: the anchoring facts decide.
        const reference = referenceOf(splitAnchor(stale.credentials[1] as JsonObject).anchor);
        assert.equal((await verifyCredential(client, { reference }, options)).verdict, "status-only");
      } finally {
        await wait(registry.write.updateInstitution([2, profile], asRegistrar));
      }
    });

    it("a batch anchored by a key compromised before anchoring is 'invalid', and its root lookup says so", async () => {
      const batch = await freshBatch(3);
      const proof = splitAnchor(batch.credentials[0] as JsonObject).anchor;
      const status = await registry.read.getBatch([3, proof.batchRoot]);
      const before = await readBatchStanding(client, registry.address, 3, proof.batchRoot);
      assert.deepEqual(
        [batchState(before), before.keyValidAtAnchoring, before.keyCompromisedFrom],
        ["active", true, 0],
      );
      await wait(
        registry.write.declareKeyCompromised([keys[3].account.address, status.anchoredAt], {
          account: chain.registrar.account,
        }),
      );
      const result = await verifyCredential(client, batch.credentials[0] as JsonObject, options);
      assert.equal(result.verdict, "invalid");
      assert.equal(checkOf(result, "ISSUER")?.reason, "ISSUER_KEY_COMPROMISED");
      // The status box looks the batch up by its root: never "anchored, not revoked" once its key is void.
      const after = await readBatchStanding(client, registry.address, 3, proof.batchRoot);
      assert.equal(after.revokedAt, 0, "the batch itself is not revoked");
      assert.deepEqual(
        [batchState(after), after.keyValidAtAnchoring, after.keyCompromisedFrom, after.signingKey],
        ["key-compromised", false, status.anchoredAt, getAddress(keys[3].account.address)],
      );
      const reference = referenceOf(proof);
      assert.equal((await verifyCredential(client, { reference }, options)).verdict, "invalid");
      const unknown = await readBatchStanding(client, registry.address, 3, `0x${"ab".repeat(32)}`);
      assert.deepEqual([batchState(unknown), unknown.keyValidAtAnchoring], ["not-anchored", false]);
    });

    it("a status-only reference (digest + coordinates) gets the on-chain status", async () => {
      const proof = splitAnchor(golden[1]?.credentials[4] as JsonObject).anchor;
      const reference = referenceOf(proof);
      const result = await verifyCredential(client, { reference }, options);
      assert.equal(result.verdict, "status-only");
      assert.equal(checkOf(result, "INTEGRITY")?.status, "SKIPPED");
      assert.equal(checkOf(result, "SIGNATURE")?.reason, "SKIPPED_STATUS_ONLY");
      const wrong = await verifyCredential(client, { reference: { ...reference, index: 5 } }, options);
      assert.equal(wrong.verdict, "invalid");
    });

    it("the same credential redacted in any way keeps its verdict", async () => {
      const batch = await freshBatch(2);
      await wait(registry.write.revokeCredential([2, batch.batchRoot, 0, 1], { account: keys[2].account }));
      const revoked = redactCredential(batch.credentials[0] as JsonObject, [
        "/credentialSubject/result/0",
        "/credentialSubject/identifier/1",
      ]);
      const valid = redactCredential(batch.credentials[1] as JsonObject, ["/credentialSubject/identifier/0"]);
      const [r, v] = await verifyCredentials(client, [revoked, valid], options);
      assert.equal(r?.verdict, "revoked");
      assert.equal(v?.verdict, "valid");
      assert.deepEqual([v.redacted, v.hiddenCount], [true, 4 + 6]);
      assert.equal(checkOf(v, "SIGNATURE")?.reason, "SIGNATURE_REDACTED");
      assert.equal(checkOf(r, "SIGNATURE")?.reason, "SIGNATURE_REDACTED");
    });
  });

  describe("failing closed", () => {
    it("an unreachable RPC endpoint is 'could-not-check', never valid", async () => {
      const dead = createPublicClient({
        chain: hardhatChain,
        transport: http("http://127.0.0.1:9", { retryCount: 0, timeout: 2_000 }),
      });
      const result = await verifyCredential(dead, JSON.stringify(golden[0]?.credentials[0]), options);
      assert.equal(result.verdict, "could-not-check");
      assert.equal(checkOf(result, "REGISTRY")?.status, "ERROR");
      assert.equal(checkOf(result, "REGISTRY")?.reason, "REGISTRY_CHAIN_UNKNOWN");
      const many = await verifyCredentials(dead, [JSON.stringify(golden[0]?.credentials[0])], options);
      assert.equal(many[0]?.verdict, "could-not-check");
    });

    it("a node that answers its chain id but fails the registry read is 'could-not-check'", async () => {
      const failingReads = createPublicClient({
        transport: custom({
          request: ({ method }: { method: string }) => {
            if (method === "eth_chainId") return Promise.resolve("0x7a69");
            return Promise.reject(new Error("connection reset"));
          },
        }),
      });
      const result = await verifyCredential(failingReads, JSON.stringify(golden[0]?.credentials[0]), options);
      assert.equal(result.verdict, "could-not-check");
      assert.equal(checkOf(result, "REGISTRY")?.reason, "REGISTRY_TRUSTED");
      assert.equal(checkOf(result, "ANCHOR")?.status, "ERROR");
      assert.equal(checkOf(result, "ANCHOR")?.reason, "ANCHOR_RPC_FAILED");
    });

    it("a client on another chain is 'could-not-check'", async () => {
      const otherChain = { ...trusted[0], chainId: 1 } as (typeof trusted)[number];
      const batch = await issueBatch({
        template: readTemplate("analise-de-dados"),
        issuer: COHORTS[1].issuer,
        learners: [{ id: "Z-1", name: "Zé", completedOn: "2026-09-01" }],
        issuance: { validFrom: "2026-10-01T00:00:00Z" },
        anchor: { chainId: 1, registry: registry.address, institutionId: 2 },
        signer: keyOf(2).signer,
      });
      const result = await verifyCredential(client, batch.credentials[0] as JsonObject, {
        ...options,
        trustedRegistries: [otherChain],
      });
      assert.equal(result.verdict, "could-not-check");
      assert.equal(checkOf(result, "REGISTRY")?.reason, "REGISTRY_CHAIN_MISMATCH");
    });

    it("an address that is not a registry is 'could-not-check'", async () => {
      const notRegistry = { chainId: 31337, address: zeroAddress, name: "nothing" };
      const batch = await issueBatch({
        template: readTemplate("analise-de-dados"),
        issuer: COHORTS[1].issuer,
        learners: [{ id: "Z-2", name: "Zu", completedOn: "2026-09-01" }],
        issuance: { validFrom: "2026-10-01T00:00:00Z" },
        anchor: { chainId: 31337, registry: zeroAddress, institutionId: 2 },
        signer: keyOf(2).signer,
      });
      const result = await verifyCredential(client, batch.credentials[0] as JsonObject, {
        ...options,
        trustedRegistries: [notRegistry],
      });
      assert.equal(result.verdict, "could-not-check");
      assert.equal(checkOf(result, "ANCHOR")?.status, "ERROR");
      assert.equal(checkOf(result, "ANCHOR")?.reason, "ANCHOR_BAD_RESPONSE");
    });
  });
});
