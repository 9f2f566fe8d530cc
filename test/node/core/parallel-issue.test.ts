import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  enableFastHashing,
  isAcreditaError,
  issueBatch,
  type JsonObject,
  type LearnerRecord,
  type SealedBatch,
} from "../../../core/index.ts";
import { createNodeEd25519Signer } from "../../../core/node/ed25519-signer.ts";
import { createParallelIssuer, type ParallelIssuer } from "../../../core/node/parallel-issue.ts";
import { createDidKeyIssuer, type DidKeyIssuer } from "../../helpers/did-key-signing.ts";
import { deterministicId, deterministicRandom, GOLDEN_REGISTRY, readTemplate, SAMPLES } from "../../helpers/golden.ts";
import { readFileSync } from "node:fs";
import { parseLearners } from "../../../scripts/lib/learners-csv.ts";

const CREATED = "2026-10-01T12:00:00Z";
const ANCHOR = { chainId: 31337, registry: GOLDEN_REGISTRY.toLowerCase() as `0x${string}`, institutionId: 2 };

let issuer: DidKeyIssuer;
let pool: ParallelIssuer;

/** 61 learners of the analise-de-dados cohort; some without e-mail or grade, so the batch has several shapes. */
function learners(): LearnerRecord[] {
  const cohort = parseLearners(
    readFileSync(`${SAMPLES}analise-de-dados.learners.csv`, "utf8"),
    "learners.csv",
  ).learners;
  return Array.from({ length: 61 }, (_, i) => {
    const base = cohort[i % cohort.length] as LearnerRecord;
    const learner: LearnerRecord = { ...base, id: `IFEX-${i}` };
    if (i % 7 === 3) delete learner.email;
    if (i % 5 === 1) learner.grade = "";
    return learner;
  });
}

function parameters() {
  return {
    template: readTemplate("analise-de-dados"),
    issuer: { id: issuer.did, name: "Instituto Federal de Exemplo", country: "BR" },
    learners: learners(),
    issuance: { validFrom: "2026-10-01T00:00:00Z" },
    anchor: ANCHOR,
    credentialId: (i: number) => deterministicId("parallel", i),
    random: deterministicRandom("parallel"),
    signedAt: CREATED,
  };
}

/** Byte-level comparison of two batches: every credential file, the manifest and the tree. */
function assertSameBatch(actual: SealedBatch, expected: SealedBatch): void {
  assert.equal(actual.batchRoot, expected.batchRoot);
  assert.equal(actual.credentials.length, expected.credentials.length);
  actual.credentials.forEach((credential, i) => {
    assert.equal(
      JSON.stringify(credential, null, 2),
      JSON.stringify(expected.credentials[i], null, 2),
      `credential ${i}`,
    );
  });
  assert.equal(JSON.stringify(actual.manifest), JSON.stringify(expected.manifest));
  assert.deepEqual(actual.tree.nodes(), expected.tree.nodes());
}

before(async () => {
  await enableFastHashing();
  issuer = await createDidKeyIssuer();
  pool = createParallelIssuer({ workers: 2, chunkSize: 7 });
});
after(async () => {
  await pool.close();
});

describe("parallel issuer (core/node/parallel-issue.ts)", () => {
  it("the Node Ed25519 signer signs exactly as the Multikey signer (Ed25519 is deterministic)", async () => {
    const data = new TextEncoder().encode("acredita");
    const node = createNodeEd25519Signer(issuer.seed, issuer.verificationMethod);
    assert.deepEqual(new Uint8Array(await node.sign({ data })), new Uint8Array(await issuer.signer.sign({ data })));
  });

  it("issues an unsigned batch byte for byte as core's issueBatch, over chunks on two workers", async () => {
    const expected = await issueBatch(parameters());
    assertSameBatch(await pool.issueBatch(parameters()), expected);
  });

  it("issues a signed batch byte for byte as issueBatch with the key's signer; its proofs are the reference's", async () => {
    const statusList = "https://demo.example.edu/status/batch-1.json";
    const expected = await issueBatch({
      ...parameters(),
      statusList,
      signer: { ...issuer.signer, id: issuer.verificationMethod, algorithm: "Ed25519" },
    });
    const credentialKey = { seed: issuer.seed, verificationMethod: issuer.verificationMethod };
    const actual = await pool.issueBatch({ ...parameters(), statusList, credentialKey });
    assertSameBatch(actual, expected);
    // Twice on the same pool: the workers' signer and layouts carry over, the bytes do not change.
    assertSameBatch(await pool.issueBatch({ ...parameters(), statusList, credentialKey }), expected);
    const credential = actual.credentials[13] as JsonObject;
    assert.deepEqual(
      { ...(credential.credentialStatus as JsonObject), id: null },
      {
        ...(credential.credentialStatus as JsonObject),
        id: null,
        statusListIndex: "13",
        statusListCredential: statusList,
      },
    );
    const [signature] = credential.proof as JsonObject[];
    const unsigned = { ...credential };
    delete unsigned.proof;
    const reference = await issuer.referenceIssue(unsigned, CREATED);
    assert.deepEqual(signature, reference.proof);
    assert.equal((await issuer.referenceVerify({ ...unsigned, proof: signature ?? null })).verified, true);
  });

  it("refuses invalid inputs as issueBatch does, even when workers already run earlier chunks, and stays usable", async () => {
    for (const at of [3, 40]) {
      const list = learners();
      list.splice(at, 0, { id: "X", name: "", completedOn: "2026-01-01" });
      const bad = { ...parameters(), learners: list };
      await assert.rejects(issueBatch(bad), (error: unknown) => isAcreditaError(error, "CREDENTIAL_INVALID_LEARNER"));
      await assert.rejects(pool.issueBatch(bad), (error: unknown) =>
        isAcreditaError(error, "CREDENTIAL_INVALID_LEARNER"),
      );
    }
    await assert.rejects(pool.issueBatch({ ...parameters(), learners: [] }), (error: unknown) =>
      isAcreditaError(error, "BATCH_EMPTY"),
    );
    assertSameBatch(await pool.issueBatch(parameters()), await issueBatch(parameters()));
  });

  it("takes one batch at a time", async () => {
    const first = pool.issueBatch(parameters());
    await assert.rejects(pool.issueBatch(parameters()), /already issuing/);
    await first;
  });

  it("rejects a batch a worker cannot issue, and then stops", async () => {
    const broken = createParallelIssuer({ workers: 2 });
    try {
      const credentialKey = { seed: new Uint8Array(31), verificationMethod: issuer.verificationMethod };
      await assert.rejects(broken.issueBatch({ ...parameters(), credentialKey }), /failed in a worker: .*32 bytes/);
      await assert.rejects(broken.issueBatch(parameters()), /stopped/);
    } finally {
      await broken.close();
    }
  });
});
