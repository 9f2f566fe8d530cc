/**
 * The per-network Ignition parameter templates in `ignition/parameters/` name only the module's parameters, carry
 * either real addresses or unmistakable placeholders, and a placeholder stops a deployment before it sends
 * anything; the module's defaults (what `npm start` uses on the local chain) still deploy a working registry.
 */
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { network } from "hardhat";
import { isAddress } from "viem";
import CredentialRegistryModule from "../../../ignition/modules/CredentialRegistry.ts";

const DIR = new URL("../../../ignition/parameters/", import.meta.url);
const PLACEHOLDER = /^REPLACE_WITH_[A-Z0-9_]+$/;
const MAX_UINT48 = 2 ** 48 - 1;

function templates(): [string, Record<string, unknown>][] {
  return readdirSync(DIR)
    .filter((file) => file.endsWith(".json"))
    .map((file) => [file, JSON.parse(readFileSync(new URL(file, DIR), "utf8")) as Record<string, unknown>]);
}

describe("Ignition parameters", () => {
  describe("templates", () => {
    it("include a public L1 testnet and an L2", () => {
      const files = templates().map(([file]) => file);
      assert.ok(files.includes("sepolia.example.json"), files.join(", "));
      assert.ok(files.includes("base-sepolia.example.json"), files.join(", "));
    });

    it("name only the module's parameters, with addresses or marked placeholders and a uint48 delay", () => {
      for (const [file, parameters] of templates()) {
        assert.deepEqual(Object.keys(parameters), ["CredentialRegistryModule"], file);
        const values = parameters.CredentialRegistryModule as Record<string, unknown>;
        assert.deepEqual(Object.keys(values).sort(), ["admin", "adminTransferDelay", "registrar"], file);
        for (const role of ["admin", "registrar"]) {
          const value = values[role];
          assert.ok(
            typeof value === "string" && (PLACEHOLDER.test(value) || isAddress(value)),
            `${file}: ${role} must be an address or a REPLACE_WITH_… placeholder`,
          );
        }
        const delay = values.adminTransferDelay;
        assert.ok(typeof delay === "number" && Number.isInteger(delay) && delay > 0 && delay <= MAX_UINT48, file);
      }
    });
  });

  describe("deployment", () => {
    it("refuses a template whose placeholders were not replaced, before deploying anything", async () => {
      const connection = await network.create();
      const parameters = fileURLToPath(new URL("sepolia.example.json", DIR)); // as `--parameters` passes it
      await assert.rejects(
        connection.ignition.deploy(CredentialRegistryModule, { parameters, displayUi: false }),
        /invalid address.*REPLACE_WITH_ADMIN/,
      );
      const publicClient = await connection.viem.getPublicClient();
      assert.equal(await publicClient.getBlockNumber(), 0n, "no transaction was sent");
    });

    it("deploys with the module's defaults, as npm start does: the deployer is admin and registrar", async () => {
      const connection = await network.create();
      const { registry } = await connection.ignition.deploy(CredentialRegistryModule, { displayUi: false });
      const [deployer] = await connection.viem.getWalletClients();
      assert.ok(deployer);
      const typed = await connection.viem.getContractAt("CredentialRegistry", registry.address);
      assert.equal((await typed.read.defaultAdmin()).toLowerCase(), deployer.account.address.toLowerCase());
      assert.equal(await typed.read.hasRole([await typed.read.REGISTRAR_ROLE(), deployer.account.address]), true);
      assert.equal(await typed.read.defaultAdminDelay(), 2 * 24 * 60 * 60);
    });
  });
});
