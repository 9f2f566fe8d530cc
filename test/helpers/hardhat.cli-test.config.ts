/**
 * The project's Hardhat config plus two "remote" networks for CLI tests (both point at a local test node, given
 * through the environment): `testnet`, whose key is a configuration variable (resolved like a keystore entry),
 * and `plaintext`, whose key is written in the file (which the CLI must refuse off the local chain).
 */
import { configVariable, defineConfig } from "hardhat/config";
import base from "../../hardhat.config.ts";

export default defineConfig({
  ...base,
  networks: {
    ...base.networks,
    testnet: {
      type: "http",
      chainType: "l1",
      url: configVariable("ACREDITA_TEST_RPC_URL"),
      chainId: 31337,
      accounts: [configVariable("ACREDITA_TEST_KEY")],
    },
    plaintext: {
      type: "http",
      chainType: "l1",
      url: configVariable("ACREDITA_TEST_RPC_URL"),
      accounts: ["0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"],
    },
  },
});
