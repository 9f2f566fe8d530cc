/**
 * The fault matrix: the verification engine reading the real CredentialRegistry (Hardhat's in-process network)
 * through RPC endpoints in front of it (test/helpers/rpc-proxy.ts), one of which is down, slow, on another chain,
 * lying about the registry, or lying about the chain's height. For each fault and each input mode (full credential,
 * redacted credential, status-only reference), through `verifyCredential` and `verifyCredentials` alike, the
 * expected verdict — and with two sources no single lying endpoint makes the verifier report anything but the
 * honest verdict or "could not check".
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createPublicClient, http, type PublicClient } from "viem";
import type { CheckName } from "../../../core/verification.ts";
import {
  issueBatch,
  type JsonObject,
  redactCredential,
  referenceOf,
  type SealedBatch,
  splitAnchor,
  type TrustedRegistry,
  type Verdict,
  type VerificationResult,
  type VerifyInput,
  verifyCredential,
  verifyCredentials,
} from "../../../core/index.ts";
import type { RegistrySource } from "../../../core/sources.ts";
import { deployCoreChain, TEST_INSTITUTIONS } from "../../helpers/core-chain.ts";
import { GOLDEN_SIGNED_AT, readTemplate } from "../../helpers/golden.ts";
import { everythingPasses, forkLie, heightLie, registryLie, type ViewStatus } from "../../helpers/lying-registry.ts";
import { type Fault, type RpcProxy, startRpcProxy } from "../../helpers/rpc-proxy.ts";
import { parseLearners } from "../../../scripts/lib/learners-csv.ts";

const NOW = new Date("2027-01-15T00:00:00Z");
const MODES = ["full", "redacted", "status-only"] as const;
type Mode = (typeof MODES)[number];

const chain = await deployCoreChain();
const { registry, wait, keys } = chain;
const trusted: TrustedRegistry = chain.trusted[0] as TrustedRegistry;

async function issue(institutionId: 1 | 2 | 3, options: { signed?: boolean; anchor?: boolean } = {}) {
  const institution = TEST_INSTITUTIONS[institutionId - 1] as (typeof TEST_INSTITUTIONS)[number];
  const batch = await issueBatch({
    template: readTemplate("analise-de-dados"),
    issuer: institution.issuer,
    learners: parseLearners(
      "learner_id,name,email,completed_on,grade\nF-1,Ana Falha,ana@f.example,2026-09-01,9.0\nF-2,Bia Falha,bia@f.example,2026-09-02,8.0\n",
      "learners.csv",
    ).learners,
    issuance: { validFrom: "2026-10-01T00:00:00Z" },
    anchor: { chainId: 31337, registry: registry.address, institutionId },
    ...(options.signed === false ? {} : { signer: institution.credentialKey.signer }),
    signedAt: GOLDEN_SIGNED_AT,
  });
  if (options.anchor !== false) {
    await wait(registry.write.anchorBatch([batch.batchRoot, 2], { account: keys[institutionId].account }));
  }
  return batch;
}

/** The credential in each input mode: as issued, redacted (one field hidden), and its status-only reference. */
function modes(credential: JsonObject): Record<Mode, VerifyInput> {
  return {
    full: credential,
    redacted: redactCredential(credential, ["/credentialSubject/identifier/0"]),
    "status-only": { reference: referenceOf(splitAnchor(credential).anchor) },
  };
}

// The cases, set up once on the chain: the honest verdict of each in each mode.
const good = await issue(2);
const revoked = await issue(2);
const batchRevoked = await issue(2);
const compromised = await issue(3);
const genuineOne = await issue(1);
// A forgery under a real institution: content of its choosing, sealed into a batch of its own, never anchored,
// without the institution's signature (none at all, or dropped by redaction).
const forged = await issue(1, { signed: false, anchor: false });
const beforeRevocations = await chain.publicClient.getBlockNumber();
await wait(registry.write.revokeCredential([2, revoked.batchRoot, 1, 3], { account: keys[2].account }));
await wait(registry.write.revokeBatch([2, batchRevoked.batchRoot, 1], { account: keys[2].account }));
const compromisedAt = (await registry.read.getBatch([3, compromised.batchRoot])).anchoredAt;
await wait(
  registry.write.declareKeyCompromised([keys[3].account.address, compromisedAt], { account: chain.registrar.account }),
);
const latest = await chain.publicClient.getBlock();

interface Case {
  name: string;
  credential: JsonObject;
  honest: Record<Mode, Verdict>;
}
const first = (batch: SealedBatch, i = 0) => batch.credentials[i] as JsonObject;
const CASES: Case[] = [
  { name: "good", credential: first(good), honest: { full: "valid", redacted: "valid", "status-only": "status-only" } },
  {
    name: "revoked",
    credential: first(revoked, 1),
    honest: { full: "revoked", redacted: "revoked", "status-only": "revoked" },
  },
  {
    name: "batch revoked",
    credential: first(batchRevoked),
    honest: { full: "revoked", redacted: "revoked", "status-only": "revoked" },
  },
  {
    name: "compromised key",
    credential: first(compromised),
    honest: { full: "invalid", redacted: "invalid", "status-only": "invalid" },
  },
  {
    name: "forgery",
    credential: first(forged),
    honest: { full: "invalid", redacted: "invalid", "status-only": "invalid" },
  },
];
const CELLS = CASES.flatMap((c) =>
  MODES.map((mode) => ({ label: `${c.name} (${mode})`, input: modes(c.credential)[mode], honest: c.honest[mode] })),
);

/** The view's honest answers for a real batch of each institution: what the liar copies into a forgery. */
const genuine: Record<number, ViewStatus> = {};
for (const [institutionId, batch] of [
  [1, genuineOne],
  [2, good],
  [3, compromised],
] as const) {
  const anchor = splitAnchor(first(batch)).anchor;
  genuine[institutionId] = await registry.read.verifyCredential([
    institutionId,
    anchor.index,
    anchor.credentialDigest,
    anchor.path,
  ]);
}
const LIE: Fault = registryLie(everythingPasses(genuine));

/**
 * A fresh client for an endpoint (no cached chain id or block), failing after `timeoutMs`: generous by default, so
 * an honest source on a loaded machine is never taken for a slow one; the slow-source cases set a short one.
 */
function source(url: string, timeoutMs = 15_000): RegistrySource {
  const client = createPublicClient({ transport: http(url, { retryCount: 0, timeout: timeoutMs }) }) as PublicClient;
  return { name: new URL(url).origin, client };
}

const DEAD = "http://127.0.0.1:9";

const checkOf = (r: VerificationResult, name: CheckName) => r.checks.find((c) => c.check === name);

/** Every cell through verifyCredential (concurrently) and verifyCredentials (one call); both must agree. */
async function verifyAll(sources: RegistrySource[], registryConfig: Partial<TrustedRegistry> = {}) {
  const options = { trustedRegistries: [{ ...trusted, ...registryConfig }], now: NOW };
  const one = await Promise.all(CELLS.map((cell) => verifyCredential(sources, cell.input, options)));
  const many = await verifyCredentials(
    sources,
    CELLS.map((cell) => cell.input),
    options,
  );
  for (const [k, cell] of CELLS.entries()) {
    assert.equal(one[k]?.verdict, many[k]?.verdict, `${cell.label}: verifyCredential and verifyCredentials differ`);
  }
  return CELLS.map((cell, k) => ({ ...cell, one: one[k] as VerificationResult, many: many[k] as VerificationResult }));
}

describe("the fault matrix: sources, quorum and a pinned block", { timeout: 120_000 }, () => {
  let honest: RpcProxy;
  let faulty: RpcProxy;
  let third: RpcProxy;

  before(async () => {
    [honest, faulty, third] = await Promise.all([
      startRpcProxy(chain.connection.provider),
      startRpcProxy(chain.connection.provider),
      startRpcProxy(chain.connection.provider),
    ]);
  });
  after(async () => {
    await Promise.all([honest.close(), faulty.close(), third.close()]);
  });

  /** Two sources: the honest endpoint, then the faulty one with `faults`. */
  function pair(faults: Fault[], timeoutMs?: number): RegistrySource[] {
    faulty.inject(faults);
    return [source(honest.url), source(faulty.url, timeoutMs)];
  }

  it("one honest source: the honest verdicts, each resting on one source, read at the latest block", async () => {
    for (const cell of await verifyAll([source(honest.url)])) {
      for (const r of [cell.one, cell.many]) {
        assert.equal(r.verdict, cell.honest, cell.label);
        assert.deepEqual(r.notices, ["SOURCE_SINGLE"], cell.label);
        assert.equal(r.read?.block.number, Number(latest.number), cell.label);
        assert.equal(r.read.block.time, Number(latest.timestamp));
        assert.equal(r.read.block.hash, latest.hash);
        assert.equal(r.read.quorum, 1);
      }
    }
  });

  it("two honest sources: the honest verdicts, no notice, both sources answered alike at one block", async () => {
    for (const cell of await verifyAll(pair([]))) {
      for (const r of [cell.one, cell.many]) {
        assert.equal(r.verdict, cell.honest, cell.label);
        assert.equal(r.notices, undefined);
        assert.equal(r.read?.quorum, 2);
        assert.deepEqual(
          r.read.sources.map((s) => [s.answered, s.block]),
          [
            [true, Number(latest.number)],
            [true, Number(latest.number)],
          ],
        );
        assert.equal(r.read.sources[0]?.reason, r.read.sources[1]?.reason);
      }
    }
  });

  for (const [fault, faults, check, sourceReason] of [
    ["down", "dead", "REGISTRY", "REGISTRY_CHAIN_UNKNOWN"],
    [
      "slow (no answer to the registry read within the timeout)",
      [{ kind: "timeout", method: "eth_call" }],
      "ANCHOR",
      "ANCHOR_RPC_FAILED",
    ],
    ["on another chain", [{ kind: "wrong-chain" }], "REGISTRY", "REGISTRY_CHAIN_MISMATCH"],
  ] as const) {
    it(`one of two sources ${fault}: 'could-not-check' (too few sources), whatever the credential`, async () => {
      // Only the slow source gets a short timeout (the time it is given to answer); the others answer at once.
      const slow = faults !== "dead" && faults.some((f) => f.kind === "timeout");
      const sources =
        faults === "dead"
          ? [source(honest.url), source(DEAD)]
          : pair(faults as unknown as Fault[], slow ? 500 : undefined);
      for (const cell of await verifyAll(sources)) {
        for (const r of [cell.one, cell.many]) {
          assert.equal(r.verdict, "could-not-check", cell.label);
          const failed = checkOf(r, check);
          assert.equal(failed?.status, "ERROR", cell.label);
          assert.equal(failed.reason, "SOURCES_TOO_FEW", cell.label);
          const reports = failed.details?.sources as { name: string; answered: boolean; reason: string }[];
          assert.equal(reports[1]?.answered, false);
          assert.equal(reports[1].reason, sourceReason, cell.label);
          assert.equal(reports[1].name, sources[1]?.name);
        }
      }
    });
  }

  it("one of two sources lying about the registry: honest verdicts where it has nothing to hide, else 'sources disagree'", async () => {
    for (const cell of await verifyAll(pair([LIE]))) {
      for (const r of [cell.one, cell.many]) {
        if (cell.honest === "valid" || cell.honest === "status-only") {
          assert.equal(r.verdict, cell.honest, cell.label);
          continue;
        }
        assert.equal(r.verdict, "could-not-check", cell.label);
        const anchor = checkOf(r, "ANCHOR");
        assert.equal(anchor?.reason, "SOURCES_DISAGREE", cell.label);
        const [truth, lie] = anchor.details?.sources as { name: string; answered: boolean; reason: string }[];
        assert.deepEqual([truth?.name, lie?.name], [new URL(honest.url).origin, new URL(faulty.url).origin]);
        assert.ok(truth?.answered === true && lie?.answered === true);
        assert.notEqual(truth.reason, lie.reason, `${cell.label}: each source's own answer is listed`);
        assert.ok(["STATUS_ACTIVE", "ISSUER_NAME_MISMATCH"].includes(lie.reason), lie.reason);
        assert.ok(
          [
            "STATUS_CREDENTIAL_REVOKED",
            "STATUS_BATCH_REVOKED",
            "ISSUER_KEY_COMPROMISED",
            "ANCHOR_NOT_ANCHORED",
          ].includes(truth.reason),
          `${cell.label}: ${truth.reason}`,
        );
        assert.ok((anchor.details?.differing as string[]).length > 0);
      }
    }
  });

  it("no single lying endpoint changes a verdict: the liar first or second, two or three sources", async () => {
    const layouts: [string, RegistrySource[], Partial<TrustedRegistry>][] = [
      ["liar first", [source(faulty.url), source(honest.url)], {}],
      ["three sources, quorum 2", [source(honest.url), source(faulty.url), source(third.url)], {}],
      ["three sources, quorum 3", [source(third.url), source(honest.url), source(faulty.url)], { quorum: 3 }],
    ];
    faulty.inject([LIE]);
    for (const [layout, sources, config] of layouts) {
      for (const cell of await verifyAll(sources, config)) {
        for (const r of [cell.one, cell.many]) {
          assert.ok([cell.honest, "could-not-check"].includes(r.verdict), `${layout}, ${cell.label}: ${r.verdict}`);
          if (r.verdict === "could-not-check") assert.equal(checkOf(r, "ANCHOR")?.reason, "SOURCES_DISAGREE");
        }
      }
    }
  });

  it("a source that is down does not stop a quorum of the others (three sources, quorum 2)", async () => {
    for (const cell of await verifyAll([source(DEAD), source(honest.url), source(third.url)])) {
      for (const r of [cell.one, cell.many]) {
        assert.equal(r.verdict, cell.honest, cell.label);
        assert.deepEqual(
          r.read?.sources.map((s) => [s.answered, s.reason === "REGISTRY_CHAIN_UNKNOWN"]),
          [
            [false, true],
            [true, false],
            [true, false],
          ],
        );
      }
    }
  });

  it("both sources lying the same way decide (the quorum is only as good as the sources' independence)", async () => {
    honest.inject([LIE]);
    try {
      for (const cell of await verifyAll(pair([LIE]))) {
        for (const r of [cell.one, cell.many]) {
          const expected =
            cell.honest === "status-only" || cell.label.endsWith("(status-only)") ? "status-only" : undefined;
          if (expected !== undefined) assert.equal(r.verdict, expected, cell.label);
          else assert.ok(["valid", "valid-with-warnings"].includes(r.verdict), `${cell.label}: ${r.verdict}`);
          assert.equal(r.notices, undefined);
        }
      }
    } finally {
      honest.inject([]);
    }
  });

  it("one source alone decides, lies included: the result says it rests on one source", async () => {
    faulty.inject([LIE]);
    for (const cell of await verifyAll([source(faulty.url)])) {
      for (const r of [cell.one, cell.many]) {
        assert.ok(["valid", "valid-with-warnings", "status-only"].includes(r.verdict), `${cell.label}: ${r.verdict}`);
        assert.deepEqual(r.notices, ["SOURCE_SINGLE"]);
      }
    }
  });

  it("one of two sources reporting a stale height cannot take the read back before the revocations", async () => {
    const stale = Number(beforeRevocations) - Number(latest.number);
    for (const cell of await verifyAll(pair([heightLie(stale)]))) {
      for (const r of [cell.one, cell.many]) {
        assert.equal(r.verdict, cell.honest, cell.label);
        assert.equal(r.read?.block.number, Number(latest.number), "read at the highest block given");
        assert.deepEqual(
          r.read.sources.map((s) => s.block),
          [Number(latest.number), Number(beforeRevocations)],
        );
      }
    }
  });

  it("one of two sources reporting a block that does not exist: 'sources disagree' (about the block)", async () => {
    for (const cell of await verifyAll(pair([heightLie(1_000)]))) {
      for (const r of [cell.one, cell.many]) {
        assert.equal(r.verdict, "could-not-check", cell.label);
        const anchor = checkOf(r, "ANCHOR");
        assert.equal(anchor?.reason, "SOURCES_DISAGREE", cell.label);
        assert.deepEqual(anchor.details?.differing, ["block"]);
        const reports = anchor.details.sources as { reason: string; block: number }[];
        assert.equal(reports[0]?.reason, "SOURCE_BLOCK_UNAVAILABLE");
        assert.equal(reports[1]?.block, Number(latest.number) + 1_000);
      }
    }
  });

  it("two sources giving the read block's number with different hashes (another fork): 'sources disagree'", async () => {
    for (const cell of await verifyAll(pair([forkLie()]))) {
      for (const r of [cell.one, cell.many]) {
        assert.equal(r.verdict, "could-not-check", cell.label);
        assert.equal(checkOf(r, "ANCHOR")?.reason, "SOURCES_DISAGREE");
        assert.deepEqual(checkOf(r, "ANCHOR")?.details?.differing, ["block"]);
      }
    }
  });

  it("a node without the 'safe' tag is read at its latest block minus the configured confirmations", async () => {
    honest.inject([
      {
        kind: "rpc-error",
        method: "eth_getBlockByNumber",
        params: (params) => Array.isArray(params) && params[0] === "safe",
        code: -32602,
        message: "unknown block tag",
      },
    ]);
    try {
      const seen = honest.seen("eth_getBlockByNumber");
      const r = await verifyCredential([source(honest.url)], modes(first(good)).full, {
        trustedRegistries: [{ ...trusted, confirmations: 2 }],
        now: NOW,
      });
      assert.equal(r.verdict, "valid");
      assert.equal(r.read?.block.number, Number(latest.number) - 2);
      assert.equal(honest.seen("eth_getBlockByNumber") - seen, 3, "safe (refused), latest, latest - 2");
    } finally {
      honest.inject([]);
    }
  });

  it("costs one request per source per verification once the chain id is known", async () => {
    const sources = pair([]);
    const options = { trustedRegistries: [trusted], now: NOW };
    await verifyCredential(sources, modes(first(good)).full, options);
    const before = [honest, faulty].map((p) => [
      p.seen("eth_call"),
      p.seen("eth_getBlockByNumber"),
      p.seen("eth_chainId"),
    ]);
    const r = await verifyCredential(sources, modes(first(good, 1)).full, options);
    assert.equal(r.verdict, "valid");
    const after = [honest, faulty].map((p) => [
      p.seen("eth_call"),
      p.seen("eth_getBlockByNumber"),
      p.seen("eth_chainId"),
    ]);
    assert.deepEqual(
      after.map((counts, k) => counts.map((n, m) => n - (before[k]?.[m] ?? 0))),
      [
        [1, 0, 0],
        [1, 0, 0],
      ],
    );
  });
});
