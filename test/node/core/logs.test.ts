/**
 * Paged event reads against a real node (anvil, the registry deployed by `npm start`'s code) through a real
 * JSON-RPC proxy that plays a provider capping `eth_getLogs`: the same events come back, in chain order, with a
 * bounded number of requests; any other refusal surfaces at once.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createPublicClient, createTestClient, createWalletClient, type Hex, http, keccak256, toHex } from "viem";
import { anvil } from "viem/chains";
import { credentialRegistryAbi } from "../../../core/generated/abi.ts";
import { getContractEventsPaged, isLogRangeRefusal } from "../../../core/index.ts";
import { localDevAccount } from "../../../scripts/lib/local-chain.ts";
import { expectExit, runCli, startTestChain, type TestChain } from "../../helpers/cli-chain.ts";
import { type RpcProxy, startRpcProxy } from "../../helpers/rpc-proxy.ts";

const ROUNDS = 12;

describe("getContractEventsPaged (anvil behind a JSON-RPC proxy)", { timeout: 300_000 }, () => {
  let chain: TestChain;
  let proxy: RpcProxy;
  let latest: bigint;
  const roots: Hex[] = [];

  /** A client through the proxy, without viem's own retries (so every request the reader makes is counted). */
  const viaProxy = () => createPublicClient({ transport: http(proxy.url, { retryCount: 0 }) });
  const registry = () => ({ address: chain.registry, abi: credentialRegistryAbi }) as const;

  /** Reads through the proxy with `faults` on; returns the result and how many eth_getLogs it took. */
  async function read<T>(faults: Parameters<RpcProxy["inject"]>[0], reader: () => Promise<T>) {
    proxy.inject(faults);
    const before = proxy.seen("eth_getLogs");
    try {
      return { result: await reader(), requests: proxy.seen("eth_getLogs") - before };
    } finally {
      proxy.inject([]);
    }
  }

  before(async () => {
    chain = await startTestChain();
    proxy = await startRpcProxy(chain.rpcUrl);
    const transport = http(chain.rpcUrl);
    const testClient = createTestClient({ mode: "anvil", chain: anvil, transport });
    const send = async (index: number, write: (w: ReturnType<typeof wallet>) => Promise<Hex>) => {
      await chain.client.waitForTransactionReceipt({ hash: await write(wallet(index)) });
    };
    const wallet = (index: number) => createWalletClient({ account: localDevAccount(index), chain: anvil, transport });
    const call = { ...registry(), chain: anvil } as const;
    for (const [name, issuerId, country] of [
      ["Universidad Uno", "did:web:uno.example", "MX"],
      ["Instituto Dois", "did:web:dois.example", "BR"],
    ] as const) {
      const profile = {
        name,
        issuerId,
        country: toHex(country, { size: 2 }),
        website: "https://x.example",
        metadataURI: "",
        metadataHash: keccak256("0x"),
      };
      await send(0, (w) => w.writeContract({ ...call, functionName: "admitInstitution", args: [profile] }));
    }
    await send(0, (w) =>
      w.writeContract({ ...call, functionName: "addSigningKey", args: [1, localDevAccount(1).address] }),
    );
    await send(0, (w) =>
      w.writeContract({ ...call, functionName: "addSigningKey", args: [2, localDevAccount(2).address] }),
    );
    // Batches of both institutions spread over ~200 blocks, with revocations of every kind in between.
    for (let i = 0; i < ROUNDS; i++) {
      await testClient.mine({ blocks: 3 + ((i * 7) % 17) });
      const root = keccak256(toHex(`batch ${String(i)}`));
      roots.push(root);
      const id = i % 3 === 2 ? 2 : 1;
      await send(id, (w) => w.writeContract({ ...call, functionName: "anchorBatch", args: [root, 40] }));
      if (i % 4 === 1) {
        await send(id, (w) => w.writeContract({ ...call, functionName: "revokeCredential", args: [id, root, 3, 1] }));
        await send(id, (w) =>
          w.writeContract({ ...call, functionName: "revokeCredentials", args: [id, root, [5, 8, 13], 2] }),
        );
        await send(id, (w) =>
          w.writeContract({ ...call, functionName: "revokeCredentialRange", args: [id, root, 20, 10, 3] }),
        );
      }
    }
    await testClient.mine({ blocks: 9 });
    latest = await chain.client.getBlockNumber({ cacheTime: 0 });
  });
  after(async () => {
    await proxy.close();
    await chain.stop();
  });

  it("reads everything in one eth_getLogs request when the provider has no cap", async () => {
    const { result, requests } = await read([], () =>
      getContractEventsPaged(viaProxy(), { ...registry(), eventName: "BatchAnchored", fromBlock: 0n }),
    );
    assert.equal(requests, 1);
    assert.deepEqual(
      result.map((log) => log.args.root),
      roots,
    );
    const direct = await chain.client.getContractEvents({
      ...registry(),
      eventName: "BatchAnchored",
      fromBlock: 0n,
      toBlock: latest,
      strict: true,
    });
    assert.deepEqual(result, direct);
  });

  it("returns the same events in the same order when the provider caps ranges at 5 blocks", async (t) => {
    assert.ok(latest > 150n, `the events span ${String(latest)} blocks`);
    const all = (chunkSize?: bigint) => () =>
      getContractEventsPaged(viaProxy(), { ...registry(), fromBlock: 0n, toBlock: latest, chunkSize });
    const uncapped = await read([], all());
    const capped = await read([{ kind: "log-range", maxBlocks: 5 }], all());
    assert.deepEqual(capped.result, uncapped.result);
    const kinds = capped.result.map((log) => log.eventName);
    assert.equal(kinds.filter((k) => k === "BatchAnchored").length, ROUNDS);
    assert.equal(kinds.filter((k) => k === "CredentialRangeRevoked").length, 3);
    for (const [i, log] of capped.result.entries()) {
      const previous = capped.result[i - 1];
      if (previous === undefined) continue;
      assert.ok(
        log.blockNumber > previous.blockNumber ||
          (log.blockNumber === previous.blockNumber && log.logIndex > previous.logIndex),
        "chain order",
      );
    }
    // Each refusal halves the range (160 → 80 → 40 → 20 → 10 → 5 blocks here); once a size is answered, the
    // following ranges keep it. A size that passed the halving is over half the cap, hence the bound.
    const span = Number(latest) + 1;
    const refusals = Math.ceil(Math.log2(span));
    assert.ok(capped.requests <= Math.ceil(span / 3) + refusals, `${String(capped.requests)} eth_getLogs requests`);
    assert.ok(capped.requests >= Math.ceil(span / 5), "no range over the cap was answered");
    t.diagnostic(`${String(span)} blocks, cap 5: ${String(capped.requests)} eth_getLogs (uncapped: 1)`);
    // A starting size under the cap never meets a refusal.
    const small = await read([{ kind: "log-range", maxBlocks: 5 }], all(4n));
    assert.deepEqual(small.result, uncapped.result);
    assert.equal(small.requests, Math.ceil(span / 4));
  });

  it("filters by indexed arguments and stops at toBlock, in every range", async () => {
    const middle = latest / 2n;
    const read1 = () =>
      getContractEventsPaged(viaProxy(), {
        ...registry(),
        eventName: "BatchAnchored",
        args: { institutionId: 2 },
        fromBlock: 0n,
        toBlock: middle,
      });
    const capped = await read([{ kind: "log-range", maxBlocks: 7 }], read1);
    const expected = await chain.client.getContractEvents({
      ...registry(),
      eventName: "BatchAnchored",
      args: { institutionId: 2 },
      fromBlock: 0n,
      toBlock: middle,
      strict: true,
    });
    assert.ok(expected.length > 0 && expected.length < ROUNDS / 3);
    assert.deepEqual(capped.result, expected);
    assert.ok(capped.result.every((log) => log.args.institutionId === 2 && log.blockNumber <= middle));
  });

  for (const [code, message] of [
    [-32005, "query returned more than 10000 results"],
    [-32602, "block range is too wide"],
    [-32600, "exceed maximum block range: 20"],
    [-32000, "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range"],
    [-32005, "limit exceeded"],
  ] as const) {
    it(`adapts to the refusal ${String(code)} "${message}"`, async () => {
      const { result, requests } = await read([{ kind: "log-range", maxBlocks: 20, code, message }], () =>
        getContractEventsPaged(viaProxy(), { ...registry(), eventName: "CredentialsRevoked", fromBlock: 0n }),
      );
      assert.equal(result.length, 3);
      assert.deepEqual(result[0]?.args.indexes, [5, 8, 13]);
      assert.ok(requests > 1 && requests < 40, `${String(requests)} requests`);
    });
  }

  describe("refusals that are not about the range", () => {
    for (const [label, fault] of [
      ["an HTTP 500", { kind: "http-500", method: "eth_getLogs" }],
      ["another JSON-RPC error", { kind: "rpc-error", method: "eth_getLogs", code: -32603, message: "internal error" }],
      ["a rate limit", { kind: "rpc-error", method: "eth_getLogs", code: -32005, message: "rate limit exceeded" }],
    ] as const) {
      it(`surfaces ${label} at once, after one request`, async () => {
        proxy.inject([fault]);
        const before = proxy.seen("eth_getLogs");
        try {
          await assert.rejects(
            getContractEventsPaged(viaProxy(), { ...registry(), eventName: "BatchAnchored", fromBlock: 0n }),
            (error) => !isLogRangeRefusal(error),
          );
        } finally {
          proxy.inject([]);
        }
        assert.equal(proxy.seen("eth_getLogs") - before, 1);
      });
    }
  });

  it("surfaces the provider's error when even one block is refused, after halving down to it", async (t) => {
    proxy.inject([{ kind: "log-range", maxBlocks: 0 }]);
    const before = proxy.seen("eth_getLogs");
    try {
      await assert.rejects(
        getContractEventsPaged(viaProxy(), { ...registry(), eventName: "BatchAnchored", fromBlock: 0n }),
        (error: Error & { details?: string }) => {
          assert.equal(error.details, "query exceeds max block range 0");
          return true;
        },
      );
    } finally {
      proxy.inject([]);
    }
    const requests = proxy.seen("eth_getLogs") - before;
    assert.ok(requests <= Math.ceil(Math.log2(Number(latest) + 1)) + 1, `${String(requests)} requests`);
    t.diagnostic(`every range refused: gave up after ${String(requests)} eth_getLogs`);
  });

  it("lets `acredita status` list a batch's revocations through a provider with a 5-block cap", async (t) => {
    // Infura's wording under -32005, a code the CLI's transport otherwise retries as a rate limit.
    proxy.inject([
      { kind: "log-range", maxBlocks: 5, code: -32005, message: "query returned more than 10000 results" },
    ]);
    const before = proxy.seen("eth_getLogs");
    const run = await runCli({ rpcUrl: proxy.url, stateDir: chain.stateDir }, [
      "status",
      roots[1] ?? "",
      "--institution",
      "1",
      "--registry",
      chain.registry,
      "--json",
    ]);
    proxy.inject([]);
    const facts = JSON.parse(expectExit(run, 0).stdout) as { revokedCredentials: { index: number }[] };
    assert.deepEqual(
      facts.revokedCredentials.map((r) => r.index),
      [3, 5, 8, 13, ...Array.from({ length: 10 }, (_, i) => 20 + i)],
    );
    const requests = proxy.seen("eth_getLogs") - before;
    assert.ok(requests > 3, "the three reads were paged");
    t.diagnostic(`acredita status, cap 5: ${String(requests)} eth_getLogs for its three event reads`);
  });
});

describe("isLogRangeRefusal", () => {
  it("looks through causes and ignores rate limits and unrelated errors", () => {
    assert.equal(
      isLogRangeRefusal(new Error("wrapped", { cause: new Error("query exceeds max block range 5") })),
      true,
    );
    assert.equal(isLogRangeRefusal(new Error("eth_getLogs is limited to a 10,000 range")), true);
    assert.equal(isLogRangeRefusal(new Error("ranges over 10000 blocks are not supported on freetier")), true);
    assert.equal(isLogRangeRefusal(new Error("Requested range exceeds maximum range limit")), true);
    assert.equal(isLogRangeRefusal(new Error("rate limit exceeded")), false);
    assert.equal(isLogRangeRefusal(new Error("execution reverted")), false);
    assert.equal(isLogRangeRefusal("block range is too wide"), false);
  });
});
