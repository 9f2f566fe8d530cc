import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { keccak256, toHex } from "viem";
import CredentialRegistryModule from "../../ignition/modules/CredentialRegistry.ts";

describe("CredentialRegistry (skeleton)", async () => {
  const { viem, ignition } = await network.create();
  const [issuer] = await viem.getWalletClients();
  assert.ok(issuer, "the network has no funded account");
  const publicClient = await viem.getPublicClient();

  describe("anchorBatch", () => {
    it("anchors a root deployed through the Ignition module and emits BatchAnchored", async () => {
      const { registry } = await ignition.deploy(CredentialRegistryModule);
      const root = keccak256(toHex("cohort-2026"));
      assert.equal(await registry.read.isAnchored([root]), false);

      await viem.assertions.emitWithArgs(registry.write.anchorBatch([root, 25]), registry, "BatchAnchored", [
        root,
        issuer.account.address,
        25,
      ]);
      assert.equal(await registry.read.isAnchored([root]), true);
      const events = await publicClient.getContractEvents({ address: registry.address, abi: registry.abi });
      assert.equal(events.length, 1);
    });

    it("rejects anchoring the same root twice", async () => {
      const registry = await viem.deployContract("CredentialRegistry");
      const root = keccak256(toHex("twice"));
      await registry.write.anchorBatch([root, 1]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.anchorBatch([root, 1]),
        registry,
        "CredentialRegistryBatchAlreadyAnchored",
        [root],
      );
    });
  });
});
