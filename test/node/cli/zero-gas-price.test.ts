import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import {
  anchoredRoots,
  expectExit,
  LEARNERS,
  runCli,
  startTestChain,
  TEMPLATE,
  type TestChain,
  UNEJE_ISSUER_ID,
} from "../../helpers/cli-chain.ts";

/**
 * A permissioned network as Latin American public networks run them (Hyperledger Besu, zero gas price): a chain
 * with a zero base fee, where the institution's signing key holds no ether at all.
 */
describe("acredita on a chain with a zero base fee and no gas fees", { timeout: 120_000 }, () => {
  let chain: TestChain;

  before(async () => {
    chain = await startTestChain({ anvilArgs: ["--base-fee", "0", "--gas-price", "0"] });
  });
  after(async () => {
    await chain.stop();
  });

  /** The transaction of the chain's latest block (anvil mines one per transaction). */
  async function lastTransaction() {
    const block = await chain.client.getBlock({ blockTag: "latest", includeTransactions: true });
    assert.equal(block.baseFeePerGas, 0n);
    const tx = block.transactions.at(-1);
    assert.ok(tx !== undefined);
    return tx;
  }

  it("sends EIP-1559 and legacy transactions at a zero gas price, from a key without funds", async () => {
    expectExit(
      await runCli(chain, [
        "institution",
        "admit",
        "--name",
        "Universidad Nacional de Ejemplo",
        "--issuer-id",
        UNEJE_ISSUER_ID,
        "--country",
        "MX",
        "--gas-price",
        "0",
      ]),
      0,
    );
    const admit = await lastTransaction();
    assert.deepEqual([admit.type, admit.maxFeePerGas, admit.maxPriorityFeePerGas], ["eip1559", 0n, 0n]);

    const issuerKey = generatePrivateKey();
    const issuer = privateKeyToAccount(issuerKey).address;
    assert.equal(await chain.client.getBalance({ address: issuer }), 0n);
    expectExit(await runCli(chain, ["key", "add", "1", issuer, "--tx-type", "legacy", "--gas-price", "0"]), 0);
    const keyAdd = await lastTransaction();
    assert.deepEqual([keyAdd.type, keyAdd.gasPrice], ["legacy", 0n]);

    const dir = chain.tempDir("zero-gas");
    const learners = join(dir, "learners.csv");
    writeFileSync(learners, readFileSync(LEARNERS, "utf8").split("\n").slice(0, 3).join("\n"));
    const out = join(dir, "out");
    expectExit(
      await runCli(
        chain,
        [
          "issue",
          "--template",
          TEMPLATE,
          "--learners",
          learners,
          "--out",
          out,
          "--tx-type",
          "legacy",
          "--gas-price",
          "0",
        ],
        { ACREDITA_PRIVATE_KEY: issuerKey },
      ),
      0,
    );
    const anchor = await lastTransaction();
    assert.deepEqual([anchor.type, anchor.gasPrice, anchor.from.toLowerCase()], ["legacy", 0n, issuer.toLowerCase()]);
    assert.equal((await anchoredRoots(chain, 1)).length, 1);
    assert.equal(await chain.client.getBalance({ address: issuer }), 0n, "the key paid nothing");
  });
});
