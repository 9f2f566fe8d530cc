import { createRequire } from "node:module";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

/**
 * The compiler comes from the npm `solc` package (wasm), so builds work offline: Hardhat cannot download
 * compilers on the machines we target. `version` must equal the installed package's version.
 *
 * `viaIR`: the IR pipeline's optimizer makes the registry's hot paths cheaper than the legacy one (measured with
 * `npm run bench`: the one-call view 47.4k vs 48.3k gas, anchoring 49.3k vs 49.6k) and keeps the deployed code under
 * the 24 KiB limit at 10,000 runs, where the legacy pipeline exceeds it.
 */
const SOLC_VERSION = "0.8.30";

/** The local chain that `npm start` runs (anvil, chain id 31337). Override the port with ACREDITA_RPC_PORT. */
const LOCAL_RPC_URL = process.env.ACREDITA_RPC_URL ?? `http://127.0.0.1:${process.env.ACREDITA_RPC_PORT ?? "8545"}`;

export default defineConfig({
  plugins: [hardhatToolboxViem],
  solidity: {
    profiles: {
      default: {
        version: SOLC_VERSION,
        path: require.resolve("solc/soljson.js"),
        settings: {
          optimizer: { enabled: true, runs: 10_000 },
          viaIR: true,
          evmVersion: "prague",
        },
      },
      // Test builds (the Solidity suites and the coverage run, which compile the test files too): the legacy
      // pipeline, which compiles them in seconds where the IR pipeline takes minutes. Behaviour and coverage are the
      // same; gas is measured on the default profile's artifacts (the gas snapshot test and `npm run bench`).
      test: {
        version: SOLC_VERSION,
        path: require.resolve("solc/soljson.js"),
        settings: {
          optimizer: { enabled: true, runs: 200 },
          evmVersion: "prague",
        },
      },
      production: {
        version: SOLC_VERSION,
        path: require.resolve("solc/soljson.js"),
        settings: {
          optimizer: { enabled: true, runs: 10_000 },
          viaIR: true,
          evmVersion: "prague",
        },
      },
    },
  },
  paths: {
    // The coverage run builds instrumented artifacts into its own folders, so the production artifacts that the other
    // suites deploy are never replaced while it runs (`tools/check-coverage.ts` sets these).
    artifacts: process.env.ACREDITA_ARTIFACTS_DIR ?? "artifacts",
    cache: process.env.ACREDITA_CACHE_DIR ?? "cache",
    // Solidity tests (*.t.sol) and node:test files live apart from the e2e suite; helpers go in test/helpers.
    tests: { solidity: "test/contracts", nodejs: "test/node" },
  },
  test: {
    solidity: {
      // Failing fuzz inputs and invariant call sequences are written under test/contracts/fuzz-failures/ (checked
      // in) and replayed first on every later run, so a failure found once, in CI or locally, stays a test case.
      fuzz: {
        runs: Number(process.env.ACREDITA_FUZZ_RUNS ?? 1_000),
        failurePersistDir: "test/contracts/fuzz-failures/fuzz",
      },
      invariant: { failurePersistDir: "test/contracts/fuzz-failures/invariant" },
    },
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    localhost: { type: "http", chainType: "l1", url: LOCAL_RPC_URL },
  },
});
