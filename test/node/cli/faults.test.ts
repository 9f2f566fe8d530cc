import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  anchoredRoots,
  type CliRun,
  expectExit,
  runCli,
  seedInstitutions,
  startTestChain,
  type TestChain,
  LEARNERS,
  TEMPLATE,
} from "../../helpers/cli-chain.ts";
import { type RpcProxy, startRpcProxy } from "../../helpers/rpc-proxy.ts";

function clean(run: CliRun): void {
  assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/, "no stack trace");
}

describe("acredita against a faulty RPC endpoint (fault-injecting proxy on loopback)", { timeout: 900_000 }, () => {
  let chain: TestChain;
  let proxy: RpcProxy;
  let batch: string;

  before(async () => {
    chain = await startTestChain();
    await seedInstitutions(chain);
    proxy = await startRpcProxy(chain.rpcUrl);
    batch = join(chain.tempDir("faults"), "batch");
    expectExit(
      await runCli(chain, ["issue", "--template", TEMPLATE, "--learners", LEARNERS, "--out", batch, "--account", "1"]),
      0,
    );
  });
  after(async () => {
    await proxy.close();
    await chain.stop();
  });

  /** Runs the CLI through the proxy, with short timeouts and backoff-friendly retries. */
  function viaProxy(args: string[], retries = "3", timeout = "2") {
    return runCli({ rpcUrl: proxy.url, stateDir: chain.stateDir }, [
      ...args,
      "--rpc-retries",
      retries,
      "--rpc-timeout",
      timeout,
      "--registry",
      chain.registry,
    ]);
  }

  it("retries a rate-limited request (HTTP 429) and succeeds", async () => {
    proxy.inject([{ kind: "http-429", method: "eth_call", times: 2 }]);
    const before = proxy.seen("eth_call");
    const run = expectExit(await viaProxy(["verify", join(batch, "credentials")]), 0);
    assert.match(run.stdout, /25 valid/);
    assert.match(run.stderr, /is rate-limiting requests \(HTTP 429\) \(eth_call\); retry 1\/3/);
    assert.match(run.stderr, /retry 2\/3/);
    assert.equal(
      proxy.seen("eth_call") - before,
      3,
      "two refusals, then one answer: the 256-credential batch is one call",
    );
  });

  it("gives up after a bounded number of retries on HTTP 5xx, and says so", async () => {
    proxy.inject([{ kind: "http-503", method: "eth_chainId" }]);
    const before = proxy.seen("eth_chainId");
    const run = expectExit(await viaProxy(["institution", "list"], "2"), 1);
    clean(run);
    assert.match(
      run.stderr,
      /http:\/\/127\.0\.0\.1:\d+ failed with HTTP 503 \(eth_chainId; gave up after 3 attempts\)/,
    );
    assert.match(run.stderr, /run the same command again/);
    assert.equal(proxy.seen("eth_chainId") - before, 3);
  });

  it("times out a node that never answers", async () => {
    proxy.inject([{ kind: "timeout", method: "eth_chainId" }]);
    const started = Date.now();
    const run = expectExit(await viaProxy(["institution", "list"], "1", "1"), 1);
    clean(run);
    assert.match(run.stderr, /did not answer within 1 s \(eth_chainId; gave up after 2 attempts\)/);
    assert.ok(Date.now() - started < 15_000);
  });

  it("rejects malformed replies", async () => {
    proxy.inject([{ kind: "malformed", method: "eth_chainId" }]);
    const run = expectExit(await viaProxy(["institution", "list"], "1"), 1);
    clean(run);
    assert.match(run.stderr, /answered something that is not JSON-RPC/);
  });

  it("refuses a node on the wrong chain before doing anything", async () => {
    proxy.inject([{ kind: "wrong-chain" }]);
    const out = join(chain.tempDir("wrong-chain"), "batch");
    const run = expectExit(
      await viaProxy(["issue", "--template", TEMPLATE, "--learners", LEARNERS, "--out", out, "--account", "1"]),
      1,
    );
    clean(run);
    assert.match(run.stderr, /is on chain 1, but network "local" is chain 31337: refusing to continue/);
    assert.equal(existsSync(out), false);
  });

  it("says a verification could not be checked when the registry read keeps failing", async () => {
    proxy.inject([{ kind: "http-500", method: "eth_call" }]);
    const run = expectExit(await viaProxy(["verify", join(batch, "credentials", "UNEJE-2026-0001.json")], "1"), 1);
    assert.match(run.stdout, /Could not be checked/);
    assert.match(run.stdout, /The registry could not be reached/);
  });

  it("keeps the signed transaction when broadcasting fails, and the rerun anchors it once", async () => {
    const out = join(chain.tempDir("broadcast"), "batch");
    const fromBlock = (await chain.client.getBlockNumber({ cacheTime: 0 })) + 1n;
    const args = ["issue", "--template", TEMPLATE, "--learners", LEARNERS, "--out", out, "--account", "1"];
    proxy.inject([{ kind: "http-500", method: "eth_sendRawTransaction" }]);
    const failed = expectExit(await viaProxy(args, "2"), 1);
    clean(failed);
    assert.match(failed.stderr, /failed with HTTP 500 \(eth_sendRawTransaction; gave up after 3 attempts\)/);
    const journal = JSON.parse(readFileSync(join(out, ".acredita", "journal.json"), "utf8")) as {
      stage: string;
      tx: { attempts: unknown[] };
    };
    assert.equal(journal.stage, "prepared");
    assert.equal(journal.tx.attempts.length, 1, "the signed transaction was recorded before broadcasting");
    assert.equal(existsSync(join(out, "credentials")), false, "no credential is written before the anchor");
    proxy.inject([
      { kind: "drop", method: "eth_sendRawTransaction", times: 1 },
      { kind: "http-429", method: "eth_getTransactionReceipt", times: 2 },
    ]);
    const rerun = expectExit(await viaProxy(args), 0);
    assert.match(rerun.stdout, /Finished issuing 25 credentials/);
    assert.equal(readdirSync(join(out, "credentials")).length, 25);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { batchRoot: string };
    assert.deepEqual(await anchoredRoots(chain, 1, fromBlock), [manifest.batchRoot]);
  });
});
