import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createWalletClient, http } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { parseBatchManifest } from "../../../core/index.ts";
import {
  anchoredRoots,
  DEV_ADDRESSES,
  expectExit,
  runCli,
  seedInstitutions,
  spawnCli,
  startTestChain,
  type TestChain,
  LEARNERS,
  TEMPLATE,
} from "../../helpers/cli-chain.ts";

/**
 * The hash of the transaction `from` has waiting in the node's pool (anvil's `txpool_content`), once there is one
 * other than `other`; fails after `timeoutMs`.
 */
async function pendingHash(chain: TestChain, from: string, timeoutMs: number, other?: string): Promise<string> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    const answer: unknown = await chain.client.request({ method: "txpool_content" as never, params: [] as never });
    const pool = answer as { pending: Record<string, Record<string, { hash: string }>> };
    for (const [sender, byNonce] of Object.entries(pool.pending)) {
      if (sender.toLowerCase() !== from.toLowerCase()) continue;
      const hash = Object.values(byNonce)[0]?.hash;
      if (hash !== undefined && hash !== other) return hash;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${other === undefined ? "" : "new "}pending transaction from ${from} in ${timeoutMs} ms`);
}

/** Every file under `dir`, recursively (names only). */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" });
}

async function assertComplete(chain: TestChain, out: string, count: number, fromBlock: bigint): Promise<void> {
  const manifest = parseBatchManifest(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")));
  assert.equal(manifest.count, count);
  assert.deepEqual(await anchoredRoots(chain, 1, fromBlock), [manifest.batchRoot], "exactly one anchor, of this root");
  assert.equal(readdirSync(join(out, "credentials")).length, count);
  assert.equal(readdirSync(join(out, "qr")).length, count);
  assert.equal(readFileSync(join(out, "links.csv"), "utf8").trim().split("\n").length, count + 1);
  assert.ok(existsSync(join(out, "anchor.json")));
  assert.deepEqual(
    allFiles(out).filter((f) => f.endsWith(".tmp")),
    [],
    "no temporary file is left behind",
  );
  const journal = JSON.parse(readFileSync(join(out, ".acredita", "journal.json"), "utf8")) as { stage: string };
  assert.equal(journal.stage, "complete");
  const verified = expectExit(await runCli(chain, ["verify", join(out, "credentials")]), 0);
  assert.match(verified.stdout, new RegExp(`${count} credentials verified in [\\d.]+ s: ${count} valid`));
}

describe(
  "acredita issue: crash at any point, rerun, exactly one anchor and complete outputs",
  { timeout: 600_000 },
  () => {
    let chain: TestChain;

    before(async () => {
      chain = await startTestChain();
      await seedInstitutions(chain);
    });
    after(async () => {
      await chain.stop();
    });

    // Two relays of crashes, each point in the order a run reaches it: every rerun resumes from the state the
    // crash before left and is itself killed at the next point, so each point is both a crash and a recovery
    // (crashes during recovery included), and one final run must finish the job with exactly one anchor.
    const relays = [
      ["journal-prepared", "tx-recorded", "anchor-confirmed", "credential-file:1", "tmp-written:20", "links-written"],
      ["tmp-written:2", "tx-broadcast", "journal-anchored", "credential-file:13", "qr-file:7", "manifest-written"],
      ["outputs-written"],
    ];
    for (const points of relays) {
      it(`finishes the job after crashes at ${points.join(", then ")}`, async () => {
        const out = join(chain.tempDir("crash"), "batch");
        const fromBlock = (await chain.client.getBlockNumber({ cacheTime: 0 })) + 1n;
        const args = ["issue", "--template", TEMPLATE, "--learners", LEARNERS, "--out", out, "--account", "1"];
        for (const point of points) {
          const crashed = await spawnCli(chain, args, { ACREDITA_CRASH_AT: point });
          assert.equal(
            crashed.signal,
            "SIGKILL",
            `the process should die at ${point}:\n${crashed.stdout}\n${crashed.stderr}`,
          );
        }
        const rerun = expectExit(await runCli(chain, args), 0);
        assert.match(rerun.stdout, /(Issued|Finished issuing) 25 credentials/);
        await assertComplete(chain, out, 25, fromBlock);
      });
    }

    it("finishes the job after a crash inside a worker thread of a large batch", async () => {
      const dir = chain.tempDir("crash-large");
      const sample = readFileSync(LEARNERS, "utf8").trim().split(/\r?\n/);
      const lines = [sample[0] ?? ""];
      for (let i = 0; i < 450; i++) lines.push((sample[1 + (i % 25)] ?? "").replace(/^[^,]*/, `BIG-${i}`));
      writeFileSync(join(dir, "learners.csv"), `${lines.join("\n")}\n`);
      const out = join(dir, "out");
      const fromBlock = (await chain.client.getBlockNumber({ cacheTime: 0 })) + 1n;
      const args = [
        "issue",
        "--template",
        TEMPLATE,
        "--learners",
        join(dir, "learners.csv"),
        "--out",
        out,
        "--account",
        "1",
      ];
      const crashed = await spawnCli(chain, args, { ACREDITA_CRASH_AT: "qr-file:120" });
      assert.equal(crashed.signal, "SIGKILL");
      assert.ok(readdirSync(join(out, "qr")).length < 450, "the crash happened before every QR code was written");
      expectExit(await runCli(chain, args), 0);
      await assertComplete(chain, out, 450, fromBlock);
    });

    it("stops with instructions when another sender takes the nonce, then signs afresh on the next run", async () => {
      const out = join(chain.tempDir("nonce"), "batch");
      const fromBlock = (await chain.client.getBlockNumber({ cacheTime: 0 })) + 1n;
      const args = ["issue", "--template", TEMPLATE, "--learners", LEARNERS, "--out", out, "--account", "1"];
      assert.equal((await spawnCli(chain, args, { ACREDITA_CRASH_AT: "tx-recorded" })).signal, "SIGKILL");
      // Someone else uses the same key meanwhile: the recorded transaction's nonce is consumed.
      const account = mnemonicToAccount("test test test test test test test test test test test junk", {
        addressIndex: 1,
      });
      const wallet = createWalletClient({ account, transport: http(chain.rpcUrl) });
      const hash = await wallet.sendTransaction({ to: account.address, value: 1n, chain: null });
      await chain.client.waitForTransactionReceipt({ hash });
      const stopped = expectExit(await runCli(chain, args), 3);
      assert.match(stopped.stderr, /was used by another transaction, not the one this command signed/);
      assert.match(stopped.stderr, /Make sure nothing else uses it, then run the same command again/);
      assert.deepEqual(await anchoredRoots(chain, 1, fromBlock), []);
      expectExit(await runCli(chain, args), 0);
      await assertComplete(chain, out, 25, fromBlock);
    });

    it("a rerun while the anchoring transaction is still pending waits for it, and anchors once", async () => {
      const out = join(chain.tempDir("pending"), "batch");
      const fromBlock = (await chain.client.getBlockNumber({ cacheTime: 0 })) + 1n;
      const args = ["issue", "--template", TEMPLATE, "--learners", LEARNERS, "--out", out, "--account", "1"];
      await chain.client.request({ method: "evm_setAutomine" as never, params: [false] as never });
      try {
        // Killed right after broadcasting: the transaction sits in the node's pool, not mined.
        const crashed = await spawnCli(chain, args, { ACREDITA_CRASH_AT: "tx-broadcast" });
        assert.equal(crashed.signal, "SIGKILL", crashed.stderr);
        const hash = await pendingHash(chain, DEV_ADDRESSES[1], 10_000);
        let waiting: () => void = () => undefined;
        const sawWaiting = new Promise<void>((resolve) => (waiting = resolve));
        const rerun = runCli(chain, args, {}, (stderr) => {
          if (stderr.includes("is still pending")) waiting();
        });
        // Before the fix the rerun broadcast the transaction again and exited 1 ("transaction already imported").
        const early = await Promise.race([sawWaiting.then(() => undefined), rerun]);
        assert.equal(early, undefined, `the rerun ended instead of waiting:\n${early?.stderr ?? ""}`);
        await chain.client.request({ method: "evm_mine" as never, params: [] as never });
        const done = expectExit(await rerun, 0);
        assert.match(done.stderr, new RegExp(`The transaction for anchoring the batch is still pending \\(${hash}\\)`));
        assert.doesNotMatch(done.stderr, /already imported/);
      } finally {
        await chain.client.request({ method: "evm_setAutomine" as never, params: [true] as never });
      }
      await assertComplete(chain, out, 25, fromBlock);
    });

    it("replaces a transaction that is not mined with higher fees, and still anchors once", async () => {
      const out = join(chain.tempDir("bump"), "batch");
      const fromBlock = (await chain.client.getBlockNumber({ cacheTime: 0 })) + 1n;
      await chain.client.request({ method: "evm_setAutomine" as never, params: [false] as never });
      try {
        const running = runCli(chain, [
          "issue",
          "--template",
          TEMPLATE,
          "--learners",
          LEARNERS,
          "--out",
          out,
          "--account",
          "1",
          "--bump-after",
          "1",
        ]);
        // Mine once the first transaction has been replaced (however slowly the CLI starts on a busy machine).
        const first = await pendingHash(chain, DEV_ADDRESSES[1], 60_000);
        await pendingHash(chain, DEV_ADDRESSES[1], 60_000, first);
        await chain.client.request({ method: "evm_mine" as never, params: [] as never });
        const done = expectExit(await running, 0);
        assert.match(done.stderr, /Not mined yet; replacing it with higher fees/);
      } finally {
        await chain.client.request({ method: "evm_setAutomine" as never, params: [true] as never });
      }
      await assertComplete(chain, out, 25, fromBlock);
    });
  },
);
