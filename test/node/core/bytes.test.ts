import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { fromHex, toHex } from "../../../core/bytes.ts";

describe("bytes", () => {
  it("toHex writes 0x and two lower-case digits per byte, for short and long inputs alike, and fromHex reads it back", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
        const hex = toHex(bytes);
        assert.equal(hex, `0x${Buffer.from(bytes).toString("hex")}`);
        assert.deepEqual(fromHex(hex), bytes);
      }),
      { numRuns: 500 },
    );
  });

  it("toHex of inputs of different lengths in turn (reused buffers) gives each its own digits", () => {
    const inputs = [new Uint8Array(32).fill(0xab), new Uint8Array(16).fill(0x01), new Uint8Array(200).fill(0xff)];
    for (let round = 0; round < 3; round++) {
      for (const bytes of inputs) assert.equal(toHex(bytes), `0x${Buffer.from(bytes).toString("hex")}`);
    }
  });
});
