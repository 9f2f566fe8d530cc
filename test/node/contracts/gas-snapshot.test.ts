/**
 * Keeps the registry's gas a reviewed decision: measures every scenario of `test/helpers/gas-scenarios.ts` and
 * fails when a figure moves more than the tolerance away from `test/contracts/gas-snapshot.json`.
 * After an intended change, refresh the snapshot with `ACREDITA_UPDATE_GAS_SNAPSHOT=1 npx hardhat test nodejs
 * test/node/contracts/gas-snapshot.test.ts` and commit it with the change.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { type GasFigures, measureTransactions, measureVerifyViewGas } from "../../helpers/gas-scenarios.ts";

const SNAPSHOT = new URL("../../contracts/gas-snapshot.json", import.meta.url);
/** A figure may drift by this fraction (or 10 gas, whichever is larger) before the test fails: gas is deterministic, but the
 * deployment carries the metadata hash, whose bytes change with any source edit. */
const TOLERANCE = 0.001;

/** Coverage instruments the bytecode, which changes gas: `npm test` runs this test uninstrumented, with the node suites. */
const UNDER_COVERAGE = process.env.ACREDITA_COVERAGE === "1";

describe("CredentialRegistry gas", () => {
  it("matches the checked-in gas snapshot", { skip: UNDER_COVERAGE && "instrumented bytecode" }, async () => {
    const measured: GasFigures = {
      ...(await measureTransactions(await network.create())),
      ...(await measureVerifyViewGas(
        await network.create({ override: { hardfork: "cancun" } }),
        await network.create(),
      )),
    };
    if (process.env.ACREDITA_UPDATE_GAS_SNAPSHOT === "1") {
      writeFileSync(SNAPSHOT, JSON.stringify(measured, null, 2) + "\n");
    }
    const snapshot = JSON.parse(readFileSync(SNAPSHOT, "utf8")) as GasFigures;
    assert.deepEqual(Object.keys(measured).sort(), Object.keys(snapshot).sort(), "the set of measured scenarios");
    for (const [name, value] of Object.entries(measured)) {
      const expected = snapshot[name] ?? 0;
      const allowed = Math.max(10, expected * TOLERANCE);
      assert.ok(
        Math.abs(value - expected) <= allowed,
        `${name}: measured ${value}, snapshot ${expected} (±${Math.round(allowed)}); update the snapshot if intended`,
      );
    }
  });
});
