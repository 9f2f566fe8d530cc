/**
 * End to end: `acredita verify` (the CLI command, run in the test process) reading the registry of a real local chain
 * through two endpoints, one of which lies — it erases revocations from the registry's answers. With both
 * endpoints, the lie cannot make the revoked credential pass: the sources disagree and the CLI says which said
 * what. Through the lying endpoint alone it would pass, and the CLI says the result rests on a single source.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { reasonMessage } from "../../../core/index.ts";
import {
  expectExit,
  LEARNERS,
  runCli,
  seedInstitutions,
  startTestChain,
  TEMPLATE,
  type TestChain,
} from "../../helpers/cli-chain.ts";
import { everythingPasses, registryLie } from "../../helpers/lying-registry.ts";
import { type RpcProxy, startRpcProxy } from "../../helpers/rpc-proxy.ts";

describe("acredita verify through two sources, one of them lying", { timeout: 900_000 }, () => {
  let chain: TestChain;
  let liar: RpcProxy;
  let out: string;

  before(async () => {
    chain = await startTestChain();
    await seedInstitutions(chain);
    liar = await startRpcProxy(chain.rpcUrl);
    liar.inject([registryLie(everythingPasses({}))]);
    out = join(chain.tempDir("sources"), "batch");
    expectExit(
      await runCli(chain, ["issue", "--template", TEMPLATE, "--learners", LEARNERS, "--out", out, "--account", "1"]),
      0,
    );
    expectExit(
      await runCli(chain, ["revoke", "--batch", out, "--learner", "UNEJE-2026-0003", "--reason", "misconduct"]),
      0,
    );
  });
  after(async () => {
    await liar.close();
    await chain.stop();
  });

  it("a revoked credential is never valid: 'could not be checked', with what each source said", async () => {
    const revoked = join(out, "credentials", "UNEJE-2026-0003.json");
    const one = expectExit(await runCli(chain, ["verify", revoked, "--source", liar.url]), 1);
    assert.match(one.stdout, /Could not be checked/);
    assert.ok(one.stdout.includes(reasonMessage("SOURCES_DISAGREE")));
    const honest = new URL(chain.rpcUrl).origin;
    const lying = new URL(liar.url).origin;
    assert.match(one.stdout, new RegExp(`${honest} \\(block \\d+\\): ${reasonMessage("STATUS_CREDENTIAL_REVOKED")}`));
    assert.match(one.stdout, new RegExp(`${lying} \\(block \\d+\\): ${reasonMessage("STATUS_ACTIVE")}`));
    assert.match(one.stdout, /Registry read at block \d+ \(.+ UTC\) through 2 sources, 2 answered \(quorum 2\)/);

    const bulk = expectExit(await runCli(chain, ["verify", join(out, "credentials"), "--source", liar.url]), 1);
    assert.match(bulk.stdout, /25 credentials verified in [\d.]+ s: 24 valid, 1 could not be checked/);
    assert.doesNotMatch(bulk.stdout, /Note:/, "two agreeing sources: no single-source note");
    const json = JSON.parse(
      expectExit(await runCli(chain, ["verify", revoked, "--source", liar.url, "--json"]), 1).stdout,
    ) as { results: { verdict: string; read: { sources: { name: string; reason: string }[] } }[] };
    assert.equal(json.results[0]?.verdict, "could-not-check");
    assert.deepEqual(
      json.results[0].read.sources.map((s) => [s.name, s.reason]),
      [
        [honest, "STATUS_CREDENTIAL_REVOKED"],
        [lying, "STATUS_ACTIVE"],
      ],
    );
  });

  it("through the lying endpoint alone the lie passes, and the CLI says the result rests on one source", async () => {
    const revoked = join(out, "credentials", "UNEJE-2026-0003.json");
    const run = expectExit(await runCli({ rpcUrl: liar.url, stateDir: chain.stateDir }, ["verify", revoked]), 0);
    assert.match(run.stdout, /Valid/);
    assert.ok(run.stdout.includes(`Note: ${reasonMessage("SOURCE_SINGLE")}`));
  });

  it("refuses a quorum larger than the number of sources, before reading anything", async () => {
    const run = expectExit(
      await runCli(chain, ["verify", join(out, "credentials"), "--quorum", "3", "--source", liar.url]),
      1,
    );
    assert.match(run.stderr, /--quorum must be between 1 and the number of sources \(2\), not 3/);
  });
});
