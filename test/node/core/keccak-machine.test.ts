import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { keccak_256 } from "@noble/hashes/sha3.js";
import fc from "fast-check";
import { fieldRoot } from "../../../core/field-tree.ts";
import { createKeccakMachine, type KeccakBackend } from "../../../core/keccak-machine.ts";
import { keccakModuleBytes } from "../../../core/keccak-wasm.ts";

const BACKENDS: readonly KeccakBackend[] = ["wasm-simd", "wasm", "js"];

function bytes(length: number, salt: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + salt * 7 + 3) & 255);
}

function hex(data: Uint8Array): string {
  return Buffer.from(data).toString("hex");
}

/** Writes a hashMany table of rows (input, length, output, flags). */
function writeTable(memory: Uint8Array, at: number, rows: readonly (readonly number[])[]): void {
  const view = new DataView(memory.buffer);
  rows.forEach((row, r) => {
    row.forEach((word, w) => {
      view.setUint32(at + 16 * r + 4 * w, word, true);
    });
  });
}

describe("keccak machine", () => {
  it("compiles both WebAssembly modules under the 4 KB a browser's main thread compiles synchronously", () => {
    assert.ok(keccakModuleBytes(true).length < 4096);
    assert.ok(keccakModuleBytes(false).length < 4096);
  });

  for (const backend of BACKENDS) {
    describe(backend, () => {
      it("hashes every length across block boundaries as keccak-256 (noble)", () => {
        const machine = createKeccakMachine(backend);
        assert.equal(machine.backend, backend);
        const input = machine.alloc(700);
        const output = machine.alloc(32);
        for (let length = 0; length <= 700; length++) {
          const data = bytes(length, length);
          machine.memory().set(data, input);
          machine.hash(input, length, output, 32);
          assert.equal(hex(machine.memory().subarray(output, output + 32)), hex(keccak_256(data)), `length ${length}`);
        }
      });

      it("writes only 16 bytes for a 16-byte output", () => {
        const machine = createKeccakMachine(backend);
        const input = machine.alloc(40);
        const output = machine.alloc(32);
        machine.memory().fill(0xee, output, output + 32);
        machine.memory().set(bytes(40, 1), input);
        machine.hash(input, 40, output, 16);
        const memory = machine.memory();
        assert.equal(hex(memory.subarray(output, output + 16)), hex(keccak_256(bytes(40, 1)).subarray(0, 16)));
        assert.deepEqual([...memory.subarray(output + 16, output + 32)], new Array<number>(16).fill(0xee));
      });

      it("hashMany: rows of any length and count, seeds copied in where flagged, like one hash each", () => {
        fc.assert(
          fc.property(
            fc.array(fc.record({ length: fc.integer({ min: 48, max: 420 }), flags: fc.integer({ min: 0, max: 3 }) }), {
              minLength: 0,
              maxLength: 9,
            }),
            fc.uint8Array({ minLength: 16, maxLength: 16 }),
            (rows, seed) => {
              const machine = createKeccakMachine(backend);
              const seedAt = machine.alloc(16);
              const inputs = rows.map((row, r) => {
                const at = machine.alloc(row.length);
                machine.memory().set(bytes(row.length, r), at);
                return at;
              });
              const outputs = rows.map(() => machine.alloc(32));
              const table = machine.alloc(16 * Math.max(rows.length, 1));
              const memory = machine.memory();
              memory.set(seed, seedAt);
              writeTable(
                memory,
                table,
                rows.map((row, r) => [inputs[r] ?? 0, row.length, outputs[r] ?? 0, row.flags]),
              );
              machine.hashMany(table, rows.length, seedAt);
              rows.forEach((row, r) => {
                const expected = bytes(row.length, r);
                if ((row.flags & 2) !== 0) expected.set(seed, 32);
                const size = (row.flags & 1) !== 0 ? 16 : 32;
                const out = outputs[r] ?? 0;
                assert.equal(hex(memory.subarray(out, out + size)), hex(keccak_256(expected).subarray(0, size)));
              });
            },
          ),
          { numRuns: 60 },
        );
      });

      it("fieldRoot: the field tree's root (field-tree.ts) for 0 to 70 leaves", () => {
        const machine = createKeccakMachine(backend);
        const output = machine.alloc(32);
        for (let count = 0; count <= 70; count++) {
          const leaves = Array.from({ length: count }, (_, i) => keccak_256(bytes(8, i + 100 * count)));
          const at = machine.alloc(32 * Math.max(count, 1));
          leaves.forEach((leaf, i) => {
            machine.memory().set(leaf, at + 32 * i);
          });
          machine.fieldRoot(at, count, output);
          assert.equal(hex(machine.memory().subarray(output, output + 32)), hex(fieldRoot(leaves)), `${count} leaves`);
        }
      });

      it("keeps its results across memory growth (alloc past the first page)", () => {
        const machine = createKeccakMachine(backend);
        const input = machine.alloc(100);
        machine.memory().set(bytes(100, 5), input);
        const far = machine.alloc(200_000);
        machine.hash(input, 100, far, 32);
        assert.equal(hex(machine.memory().subarray(far, far + 32)), hex(keccak_256(bytes(100, 5))));
      });
    });
  }
});
