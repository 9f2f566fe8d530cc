import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseBatchManifest } from "../../../core/index.ts";
import {
  anchoredRoots,
  expectExit,
  LEARNERS,
  runCli,
  seedInstitutions,
  spawnCli,
  startTestChain,
  TEMPLATE,
  type TestChain,
} from "../../helpers/cli-chain.ts";

/** Every output file of a batch folder (the journal included), by relative path, as bytes. */
function snapshot(out: string): Map<string, Buffer> {
  const files = readdirSync(out, { recursive: true, encoding: "utf8" }).sort();
  const result = new Map<string, Buffer>();
  for (const file of files) {
    const path = join(out, file);
    try {
      result.set(file, readFileSync(path));
    } catch {
      // a directory
    }
  }
  return result;
}

/** Removes a batch's outputs, keeping its journal (as a crash after the journal said "complete" might). */
function removeOutputs(out: string): void {
  for (const name of ["credentials", "qr", "links.csv", "manifest.json", "anchor.json"]) {
    rmSync(join(out, name), { recursive: true, force: true });
  }
}

describe("acredita issue on worker threads", { timeout: 600_000 }, () => {
  let chain: TestChain;
  let learners: string;

  before(async () => {
    chain = await startTestChain();
    await seedInstitutions(chain);
    // 300 learners: two chunks of the worker pool.
    const sample = readFileSync(LEARNERS, "utf8").trim().split(/\r?\n/);
    const lines = [sample[0] ?? ""];
    for (let i = 0; i < 300; i++) lines.push((sample[1 + (i % 25)] ?? "").replace(/^[^,]*/, `PAR-${i}`));
    learners = join(chain.tempDir("parallel-learners"), "learners.csv");
    writeFileSync(learners, `${lines.join("\n")}\n`);
  });
  after(async () => {
    await chain.stop();
  });

  const args = (out: string) => [
    "issue",
    "--template",
    TEMPLATE,
    "--learners",
    learners,
    "--out",
    out,
    "--account",
    "1",
  ];

  it("writes the same files, byte for byte, on two worker threads as in one thread", async () => {
    const out = join(chain.tempDir("parallel"), "batch");
    const fromBlock = (await chain.client.getBlockNumber({ cacheTime: 0 })) + 1n;
    const issued = expectExit(await runCli(chain, args(out), { ACREDITA_WORKERS: "2" }), 0);
    assert.match(issued.stdout, /batch built on 2 worker threads/);
    const onWorkers = snapshot(out);
    assert.equal([...onWorkers.keys()].filter((f) => f.startsWith("credentials/")).length, 300);
    // Rebuilt from the journal's seed in one thread: the same root (or the command refuses), the same files.
    removeOutputs(out);
    const rerun = expectExit(await runCli(chain, args(out), { ACREDITA_WORKERS: "0" }), 0);
    assert.match(rerun.stdout, /300 credentials/);
    assert.doesNotMatch(rerun.stdout, /worker threads/);
    const inOneThread = snapshot(out);
    assert.deepEqual([...inOneThread.keys()], [...onWorkers.keys()]);
    for (const [file, bytes] of onWorkers) {
      const again = inOneThread.get(file) as Buffer;
      // anchor.json restates the journal's receipt (rewritten from the parsed journal: same members, in its order).
      if (file === "anchor.json") assert.deepEqual(JSON.parse(again.toString()), JSON.parse(bytes.toString()));
      else assert.ok(bytes.equals(again), `${file} differs`);
    }
    const manifest = parseBatchManifest(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")));
    assert.deepEqual(await anchoredRoots(chain, 1, fromBlock), [manifest.batchRoot], "anchored once");
  });

  it("resumes in one thread a batch that crashed on worker threads, and the reverse, anchoring once", async () => {
    for (const [first, second, point] of [
      ["2", "0", "journal-prepared"],
      ["0", "2", "anchor-confirmed"],
    ] as const) {
      const out = join(chain.tempDir("parallel-crash"), "batch");
      const fromBlock = (await chain.client.getBlockNumber({ cacheTime: 0 })) + 1n;
      const crashed = await spawnCli(chain, args(out), { ACREDITA_WORKERS: first, ACREDITA_CRASH_AT: point });
      assert.equal(crashed.signal, "SIGKILL", `${crashed.stdout}\n${crashed.stderr}`);
      expectExit(await runCli(chain, args(out), { ACREDITA_WORKERS: second }), 0);
      const manifest = parseBatchManifest(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")));
      assert.equal(manifest.count, 300);
      assert.deepEqual(await anchoredRoots(chain, 1, fromBlock), [manifest.batchRoot], `one anchor (${point})`);
      const verified = expectExit(await runCli(chain, ["verify", join(out, "credentials")]), 0);
      assert.match(verified.stdout, /300 credentials verified in [\d.]+ s: 300 valid/);
    }
  });

  it("refuses an ACREDITA_WORKERS that is not a number", async () => {
    const out = join(chain.tempDir("parallel-bad"), "batch");
    const run = expectExit(await runCli(chain, args(out), { ACREDITA_WORKERS: "many" }), 1);
    assert.match(run.stderr, /ACREDITA_WORKERS must be a number of worker threads/);
  });
});
