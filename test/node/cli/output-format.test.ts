import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import { confirmFinal } from "../../../scripts/lib/confirm.ts";
import { formatCost, formatGasPrice, nativeCurrencyOf } from "../../../scripts/lib/costs.ts";
import { plural, Progress } from "../../../scripts/lib/output.ts";

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

  it("shows progress with ETA: a bar on a terminal, a plain line every 10 s in a log, nothing for short work", () => {
    const written: string[] = [];
    const log = { isTTY: false, write: (text: string) => written.push(text) };
    const base = performance.now();
    const quick = new Progress("Verifying", 100, "credentials", log);
    quick.tick(100, base + 500);
    quick.finish(base + 500);
    assert.equal(written.length, 0, "work shorter than 10 s prints nothing off a terminal");
    const slow = new Progress("Writing credentials", 10_000, "credentials", log);
    slow.tick(4_000, base + 10_001);
    slow.tick(1_000, base + 12_000);
    slow.tick(5_000, base + 25_000);
    slow.finish(base + 25_000);
    assert.equal(written.length, 2);
    assert.match(written[0] ?? "", /^Writing credentials: 4,000\/10,000 credentials \(40 %\) · \d+\/s · ETA \d+ s\n$/);
    assert.match(written[1] ?? "", /^Writing credentials: 10,000 credentials done in \d+ s\n$/);
    const screen: string[] = [];
    const bar = new Progress("Verifying", 10, "credentials", { isTTY: true, write: (text) => screen.push(text) });
    bar.tick(5, base + 1_000);
    assert.match(screen[0] ?? "", /^\rVerifying █{12}░{12} 5\/10 credentials · \d+\/s · ETA \d+ s/);
  });
});

describe("final actions are confirmed before anything is sent", () => {
  /** A terminal that types `answer`. */
  function terminal(answer: string): NodeJS.ReadStream {
    const input = Object.assign(new PassThrough(), { isTTY: true }) as unknown as NodeJS.ReadStream;
    setImmediate(() => input.write(answer));
    return input;
  }

  it("asks y/N on a terminal: only yes goes on", async () => {
    await confirmFinal("revoke 3 credentials", ["3 credentials of batch 0x…"], {}, terminal("y\n"));
    await confirmFinal("revoke 3 credentials", [], {}, terminal("sí\n"));
    await assert.rejects(
      confirmFinal("revoke 3 credentials", [], {}, terminal("\n")),
      /not confirmed: nothing was sent/,
    );
    await assert.rejects(confirmFinal("revoke 3 credentials", [], {}, terminal("n\n")), /not confirmed/);
  });

  it("needs --yes without a terminal, and --yes asks nothing", async () => {
    const pipe = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
    await assert.rejects(
      confirmFinal("revoke the whole batch 0x12", [], {}, pipe),
      /revoke the whole batch 0x12 cannot be undone, and there is no terminal to confirm it on: pass --yes/,
    );
    await confirmFinal("revoke the whole batch 0x12", [], { yes: true }, pipe);
  });
});
