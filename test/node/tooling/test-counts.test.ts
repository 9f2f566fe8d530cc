import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseCounts } from "../../../tools/test-counts.ts";

describe("parseCounts", () => {
  it("reads Hardhat's passing and failing lines", () => {
    assert.deepEqual(parseCounts("…\n  12 passing (4 solidity, 8 nodejs)\n  3 failing\n"), { passed: 12, failed: 3 });
  });
  it("counts Hardhat's and node:test's cancelled tests (a suite that timed out) as failed", () => {
    assert.deepEqual(parseCounts("  224 passing (1846504ms)\n  3 cancelled\n"), { passed: 224, failed: 3 });
    assert.deepEqual(parseCounts("  5 passing (9ms)\n  1 failing\n  2 cancelled\n"), { passed: 5, failed: 3 });
    assert.deepEqual(parseCounts("ℹ tests 30\nℹ pass 29\nℹ fail 0\nℹ cancelled 1\n"), { passed: 29, failed: 1 });
  });
  it("reads Vitest's Tests line through colour codes", () => {
    const line =
      "\u001b[2m      Tests \u001b[22m \u001b[1m\u001b[31m2 failed\u001b[39m\u001b[22m | \u001b[32m7 passed\u001b[39m (9)";
    assert.deepEqual(parseCounts(line), { passed: 7, failed: 2 });
  });
  it("reads node:test's spec reporter summary", () => {
    assert.deepEqual(parseCounts("ℹ tests 5\nℹ pass 4\nℹ fail 1\n"), { passed: 4, failed: 1 });
  });
  it("returns undefined when no runner summary is present, so the stage counts as failed", () => {
    assert.equal(parseCounts("Error: cannot find module"), undefined);
  });
});
