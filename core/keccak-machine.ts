/**
 * A keccak-256 machine for batches: hashes inputs laid out in one linear memory and writes digests back into it,
 * so the issuing pipeline hashes ~190 times per credential without allocating or crossing into WebAssembly once
 * per hash. Two interchangeable backends compute exactly the same bytes (tests compare them with `@noble/hashes`):
 * - a WebAssembly module generated in keccak-wasm.ts (keccak-f[1600] with the 25 lanes in locals; ~1.5 KB, compiled
 *   synchronously), and
 * - plain JavaScript over an ordinary byte array (`@noble/hashes`), where WebAssembly is not allowed.
 *
 * Operations (addresses are byte offsets into `memory()`):
 *   hash(in, len, out, outLen)    keccak256(mem[in, in+len)), its first outLen (16 or 32) bytes to mem[out…]
 *   hashMany(table, count, seed)  for each 16-byte row (in, len, out, flags) of the table (u32 little-endian):
 *                                 flags & 2: first copy the 16 bytes at `seed` to mem[in+32…]; then
 *                                 hash(in, len, out, flags & 1 ? 16 : 32)
 *   fieldRoot(leaves, count, out) the field tree's root (field-tree.ts) of `count` 32-byte leaves; overwrites the
 *                                 leaves.
 * The first {@link RESERVED_BYTES} of memory belong to the machine; `alloc` hands out the rest.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { NODE, RESERVED_BYTES } from "./keccak-memory.ts";
import { keccakModuleBytes } from "./keccak-wasm.ts";

/** A keccak-256 machine over one linear memory (see the module comment). */
export interface KeccakMachine {
  readonly backend: KeccakBackend;
  /** The memory as bytes; call again after `alloc` (growing replaces the buffer). */
  memory(): Uint8Array;
  /** Reserves `bytes` bytes (8-byte aligned) and returns their address. */
  alloc(bytes: number): number;
  hash(input: number, length: number, output: number, outputLength: 16 | 32): void;
  hashMany(table: number, count: number, seed: number): void;
  fieldRoot(leaves: number, count: number, output: number): void;
}

/** The part of the WebAssembly JavaScript API the machine uses (declared here: core's Node build has no DOM lib). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
}
type WasmModule = { readonly kind?: "WebAssembly.Module" };
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

const wasmApi = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
const compiled = new Map<boolean, WasmModule | null>();

/** The smallest valid module: the magic number and version 1. */
const EMPTY_MODULE = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
let wasmCompiles: boolean | undefined;

/**
 * Whether WebAssembly compiles here at all, found once with the empty module: where a Content-Security-Policy
 * forbids it (the web app's), the keccak modules are then neither generated nor refused, which took tens of
 * milliseconds of a phone's first verification.
 */
function compilesWasm(api: WasmApi): boolean {
  if (wasmCompiles === undefined) {
    try {
      new api.Module(EMPTY_MODULE);
      wasmCompiles = true;
    } catch {
      wasmCompiles = false;
    }
  }
  return wasmCompiles;
}

/**
 * The compiled module, or null where WebAssembly (or its 128-bit SIMD) is unavailable or forbidden (e.g. a CSP
 * without 'wasm-unsafe-eval'). Both modules are small enough to compile synchronously, even in a browser.
 */
function wasmModule(simd: boolean): WasmModule | null {
  let module = compiled.get(simd);
  if (module === undefined) {
    try {
      module = wasmApi === undefined || !compilesWasm(wasmApi) ? null : new wasmApi.Module(keccakModuleBytes(simd));
    } catch {
      module = null;
    }
    compiled.set(simd, module);
  }
  return module;
}

const PAGE = 65_536;

function align8(n: number): number {
  return (n + 7) & ~7;
}

function wasmMachine(api: WasmApi, module: WasmModule, backend: "wasm-simd" | "wasm"): KeccakMachine {
  const instance = new api.Instance(module, {});
  const exports = instance.exports as {
    memory: WasmMemory;
    hash: (input: number, length: number, output: number, outputLength: number) => void;
    hashMany: (table: number, count: number, seed: number) => void;
    fieldRoot: (leaves: number, count: number, output: number) => void;
  };
  let view = new Uint8Array(exports.memory.buffer);
  let top = RESERVED_BYTES;
  return {
    backend,
    memory: () => view,
    alloc(bytes) {
      const at = top;
      top = align8(top + bytes);
      if (top > view.length) {
        exports.memory.grow(Math.ceil((top - view.length) / PAGE));
        view = new Uint8Array(exports.memory.buffer);
      }
      return at;
    },
    hash: exports.hash,
    hashMany: exports.hashMany,
    fieldRoot: exports.fieldRoot,
  };
}

function jsMachine(): KeccakMachine {
  let view = new Uint8Array(PAGE);
  let top = RESERVED_BYTES;
  const words = () => new DataView(view.buffer);
  const hash = (input: number, length: number, output: number, outputLength: number): void => {
    view.set(keccak_256(view.subarray(input, input + length)).subarray(0, outputLength), output);
  };
  return {
    backend: "js",
    memory: () => view,
    alloc(bytes) {
      const at = top;
      top = align8(top + bytes);
      if (top > view.length) {
        const grown = new Uint8Array(Math.ceil(top / PAGE) * PAGE);
        grown.set(view);
        view = grown;
      }
      return at;
    },
    hash,
    hashMany(table, count, seed) {
      const w = words();
      for (let row = table; row < table + 16 * count; row += 16) {
        const input = w.getUint32(row, true);
        const flags = w.getUint32(row + 12, true);
        if ((flags & 2) !== 0) view.copyWithin(input + 32, seed, seed + 16);
        hash(input, w.getUint32(row + 4, true), w.getUint32(row + 8, true), (flags & 1) !== 0 ? 16 : 32);
      }
    },
    fieldRoot(leaves, count, output) {
      if (count === 0) {
        view.fill(0, output, output + 32);
        return;
      }
      view[NODE[0]] = 1;
      let n = count;
      while (n > 1) {
        const pairs = n >>> 1;
        for (let i = 0; i < pairs; i++) {
          view.copyWithin(NODE[0] + 1, leaves + 64 * i, leaves + 64 * i + 64);
          hash(NODE[0], 65, leaves + 32 * i, 32);
        }
        if ((n & 1) !== 0) view.copyWithin(leaves + 32 * pairs, leaves + 32 * (n - 1), leaves + 32 * n);
        n = (n + 1) >>> 1;
      }
      view.copyWithin(output, leaves, leaves + 32);
    },
  };
}

/** The machine's implementations, fastest first. */
export type KeccakBackend = "wasm-simd" | "wasm" | "js";

/**
 * A new machine with its own memory: the fastest backend the platform allows (`backend` forces one, for tests;
 * a forced WebAssembly backend the platform lacks throws).
 */
export function createKeccakMachine(backend?: KeccakBackend): KeccakMachine {
  for (const candidate of ["wasm-simd", "wasm"] as const) {
    if (backend !== undefined && backend !== candidate) continue;
    const module = wasmModule(candidate === "wasm-simd");
    if (module !== null && wasmApi !== undefined) return wasmMachine(wasmApi, module, candidate);
    if (backend !== undefined) throw new Error(`the ${candidate} keccak machine is not available here`);
  }
  return jsMachine();
}
