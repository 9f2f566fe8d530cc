import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatCost, formatGasPrice, nativeCurrencyOf } from "../../../scripts/lib/costs.ts";
import { plural } from "../../../scripts/lib/output.ts";

describe("CLI output: costs and counts as people read them", () => {
  it("prints a cost in the chain's native currency, with the gas and the gas price in gwei", async () => {
    const eth = await nativeCurrencyOf(31337);
    assert.equal(formatCost(21_000n, 3_000_000_000n, eth), "0.000063 ETH (21,000 gas at 3.0 gwei)");
    assert.equal(formatCost(21_000n, 3_000_003_001n, eth), "0.000063 ETH (21,000 gas at 3.0 gwei)");
    assert.equal(
      formatCost(3_000_000n, 200_000_000_000n, eth, "max fee"),
      "0.6 ETH (3,000,000 gas at 200.0 gwei max fee)",
    );
    assert.equal(formatCost(47_528n, 0n, eth), "0 ETH (47,528 gas at 0 gwei)");
    assert.equal(formatGasPrice(250_000_000n), "0.25 gwei");
    assert.equal(
      formatCost(100_000n, 30_000_000_000n, await nativeCurrencyOf(137)),
      "0.003 POL (100,000 gas at 30.0 gwei)",
    );
  });

  it("says 1 credential, 2 credentials", () => {
    assert.equal(plural(1, "credential"), "1 credential");
    assert.equal(plural(0, "credential"), "0 credentials");
    assert.equal(plural(10_000, "credential"), "10,000 credentials");
    assert.equal(plural(2, "batch", "batches"), "2 batches");
  });
});
