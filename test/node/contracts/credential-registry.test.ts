import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { getAddress, type Hex, keccak256, toFunctionSelector, toHex, zeroAddress } from "viem";
import {
  INSTITUTION_PROFILE,
  LEAF_ENCODING,
  buildBatchTree,
  countryCode,
  deployRegistryFixture,
  digestFor,
  proofOf,
  waitFor,
} from "../../helpers/registry-fixture.ts";

describe("CredentialRegistry", async () => {
  const fixture = await deployRegistryFixture(await network.create());
  const { registry, publicClient, registrar, issuer, admin, others, chainId, connection } = fixture;
  const { viem } = connection;
  const [stranger, otherIssuer] = others;
  assert.ok(stranger && otherIssuer, "the network has too few accounts");
  const asIssuer = { account: issuer.account };
  const asRegistrar = { account: registrar.account };
  await waitFor(
    publicClient,
    registry.write.admitInstitution(
      [{ ...INSTITUTION_PROFILE, name: "Instituto Otro", country: countryCode("AR") }],
      asRegistrar,
    ),
  );
  await waitFor(publicClient, registry.write.addSigningKey([2, otherIssuer.account.address], asRegistrar));

  describe("anchorBatch", () => {
    it("emits BatchAnchored, stores the batch and reports it in the view", async () => {
      const digests = Array.from({ length: 5 }, (_, i) => digestFor("anchor", i));
      const tree = buildBatchTree(chainId, registry.address, 1, digests);
      const root = tree.root as Hex;
      await viem.assertions.emitWithArgs(registry.write.anchorBatch([root, 5], asIssuer), registry, "BatchAnchored", [
        1,
        root,
      ]);
      const batch = await registry.read.getBatch([1, root]);
      assert.equal(batch.signingKey.toLowerCase(), issuer.account.address.toLowerCase());
      assert.equal(batch.count, 5);
      const status = await registry.read.verifyCredential([1, 3, digests[3] ?? "0x", proofOf(tree, 3)]);
      assert.equal(status.root, root);
      assert.equal(status.anchored, true);
      assert.equal(status.anchoredAt, batch.anchoredAt);
      assert.equal(status.institutionNameHash, keccak256(toHex(INSTITUTION_PROFILE.name)).slice(0, 26));
      assert.equal(status.institutionCountry, INSTITUTION_PROFILE.country);
    });

    it("anchors through the cheaper-selector entry point exactly as through anchorBatch", async () => {
      assert.ok(toFunctionSelector("anchorBatch_efficient_qXe(bytes32,uint32)").startsWith("0x0000"));
      const root = keccak256(toHex("efficient entry"));
      const hash = registry.write.anchorBatch_efficient_qXe([root, 9], asIssuer);
      await viem.assertions.emitWithArgs(hash, registry, "BatchAnchored", [1, root]);
      const batch = await registry.read.getBatch([1, root]);
      assert.equal(batch.count, 9);
      assert.equal(batch.signingKey.toLowerCase(), issuer.account.address.toLowerCase());
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.anchorBatch([root, 9], asIssuer),
        registry,
        "CredentialRegistryBatchAlreadyAnchored",
        [1, root, batch.anchoredAt],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.anchorBatch_efficient_qXe([root, 9], { account: stranger.account }),
        registry,
        "CredentialRegistryUnknownSigningKey",
        [getAddress(stranger.account.address)],
      );
    });

    it("lets no other institution front-run a root: each anchors under its own id", async () => {
      const root = keccak256(toHex("contested root"));
      await waitFor(publicClient, registry.write.anchorBatch([root, 3], { account: otherIssuer.account }));
      await waitFor(publicClient, registry.write.anchorBatch([root, 7], asIssuer));
      assert.equal((await registry.read.getBatch([1, root])).count, 7);
      assert.equal((await registry.read.getBatch([2, root])).count, 3);
    });

    it("rejects a second anchor of the same root with evidence", async () => {
      const root = keccak256(toHex("twice"));
      await waitFor(publicClient, registry.write.anchorBatch([root, 1], asIssuer));
      const { anchoredAt } = await registry.read.getBatch([1, root]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.anchorBatch([root, 1], asIssuer),
        registry,
        "CredentialRegistryBatchAlreadyAnchored",
        [1, root, anchoredAt],
      );
    });

    it("rejects an empty batch and a zero root", async () => {
      await viem.assertions.revertWithCustomError(
        registry.write.anchorBatch([`0x${"00".repeat(32)}`, 1], asIssuer),
        registry,
        "CredentialRegistryZeroRoot",
      );
      const root = keccak256(toHex("empty"));
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.anchorBatch([root, 0], asIssuer),
        registry,
        "CredentialRegistryEmptyBatch",
        [root],
      );
    });
  });

  describe("verifyCredential", async () => {
    const digests = Array.from({ length: 37 }, (_, i) => digestFor("oz", i));
    const tree = buildBatchTree(chainId, registry.address, 1, digests);
    const root = tree.root as Hex;
    await waitFor(publicClient, registry.write.anchorBatch([root, digests.length], asIssuer));

    it("derives exactly the OpenZeppelin StandardMerkleTree leaf", async () => {
      for (const [i, value] of tree.entries()) {
        assert.equal(await registry.read.credentialLeaf([1, value[4], value[5]]), tree.leafHash(value), `leaf ${i}`);
      }
    });

    it("accepts every OpenZeppelin proof of the batch, in one batched call", async () => {
      const queries = digests.map((digest, index) => ({
        institutionId: 1,
        index,
        credentialDigest: digest,
        proof: proofOf(tree, index),
      }));
      const statuses = await registry.read.verifyCredentials([queries]);
      assert.equal(statuses.length, digests.length);
      assert.ok(statuses.every((s) => s.root === root && s.anchored && s.indexInRange && s.keyValidAtAnchoring));
    });

    it("reaches no anchored root with another batch's path, index, digest or institution", async () => {
      const other = StandardMerkleTree.of(
        [[keccak256(toHex("x")), 1n, registry.address, 1, 0, digests[0] ?? "0x"]],
        [...LEAF_ENCODING],
      );
      const proof = proofOf(tree, 4);
      const digest = digests[4] ?? "0x";
      const answers = [
        await registry.read.verifyCredential([1, 0, digests[0] ?? "0x", other.getProof(0) as Hex[]]),
        await registry.read.verifyCredential([1, 5, digest, proof]),
        await registry.read.verifyCredential([1, 4, digests[5] ?? "0x", proof]),
        await registry.read.verifyCredential([2, 4, digest, proof]),
      ];
      for (const answer of answers) {
        assert.notEqual(answer.root === root && answer.anchored, true);
        assert.equal(answer.anchored, false);
        assert.equal(answer.count, 0);
      }
    });

    it("rejects a 64-byte inner node presented as a leaf with a shortened path", async () => {
      const proof = proofOf(tree, 0);
      const leaf = await registry.read.credentialLeaf([1, 0, digests[0] ?? "0x"]);
      const sibling = proof[0] ?? "0x";
      const [a, b] = leaf < sibling ? [leaf, sibling] : [sibling, leaf];
      const inner = keccak256(`0x${a.slice(2)}${b.slice(2)}`);
      const shortened = proof.slice(1);
      const answer = await registry.read.verifyCredential([1, 0, inner, shortened]);
      assert.notEqual(answer.root, root);
      assert.equal(answer.anchored, false);
    });

    it("rejects proofs longer than the cap", async () => {
      const tooLong = Array.from({ length: 33 }, (_, i) => keccak256(toHex(i)));
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.read.verifyCredential([1, 0, digests[0] ?? "0x", tooLong]),
        registry,
        "CredentialRegistryProofTooLong",
        [33n, 32n],
      );
    });
  });

  describe("revocation", async () => {
    const digests = Array.from({ length: 500 }, (_, i) => digestFor("r", i));
    const tree = buildBatchTree(chainId, registry.address, 1, digests);
    const root = tree.root as Hex;
    const viewOf = (index: number) =>
      registry.read.verifyCredential([1, index, digests[index] ?? "0x", proofOf(tree, index)]);
    await waitFor(publicClient, registry.write.anchorBatch([root, 500], asIssuer));

    it("revokes one credential: event, stored record and view agree", async () => {
      await viem.assertions.emitWithArgs(
        registry.write.revokeCredential([1, root, 12, 3], asIssuer),
        registry,
        "CredentialRevoked",
        [1, root, 12, 3],
      );
      const [revokedAt, reason] = await registry.read.getCredentialRevocation([1, root, 12]);
      const block = await publicClient.getBlock();
      assert.equal(BigInt(revokedAt), block.timestamp);
      assert.equal(reason, 3);
      const status = await viewOf(12);
      assert.equal(status.root, root);
      assert.equal(status.credentialRevokedAt, revokedAt);
      assert.equal(status.credentialRevocationReason, 3);
    });

    it("refuses a second revocation, a stranger and another institution", async () => {
      await viem.assertions.revertWithCustomError(
        registry.write.revokeCredential([1, root, 12, 1], asIssuer),
        registry,
        "CredentialRegistryCredentialAlreadyRevoked",
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.revokeCredential([1, root, 13, 1], { account: stranger.account }),
        registry,
        "CredentialRegistryUnauthorizedRevoker",
        [stranger.account.address, 1],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.revokeBatch([1, root, 1], { account: otherIssuer.account }),
        registry,
        "CredentialRegistryUnauthorizedRevoker",
        [otherIssuer.account.address, 1],
      );
    });

    it("rejects empty and oversized lists", async () => {
      await viem.assertions.revertWithCustomError(
        registry.write.revokeCredentials([1, root, [], 1], asIssuer),
        registry,
        "CredentialRegistryNoIndexes",
      );
      const tooMany = Array.from({ length: 1001 }, (_, i) => i);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.revokeCredentials([1, root, tooMany, 1], asIssuer),
        registry,
        "CredentialRegistryTooManyIndexes",
        [1001n, 1000n],
      );
    });

    it("revokes a cohort and a whole batch, reported by the view", async () => {
      await waitFor(publicClient, registry.write.revokeCredentialRange([1, root, 100, 50, 2], asIssuer));
      await viem.assertions.emitWithArgs(
        registry.write.revokeBatch([1, root, 4], asRegistrar),
        registry,
        "BatchRevoked",
        [1, root, 4],
      );
      const status = await viewOf(120);
      assert.equal(status.credentialRevocationReason, 2);
      assert.equal(status.batchRevocationReason, 4);
      assert.ok(status.batchRevokedAt > 0);
    });
  });

  describe("governance", () => {
    it("rejects zero addresses, over-long and control-character names", async () => {
      await viem.assertions.revertWithCustomError(
        registry.write.addSigningKey([1, zeroAddress], asRegistrar),
        registry,
        "CredentialRegistryZeroAddress",
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.admitInstitution([{ ...INSTITUTION_PROFILE, name: "x".repeat(97) }], asRegistrar),
        registry,
        "CredentialRegistryTextTooLong",
        ["name", 97n, 96n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.admitInstitution([{ ...INSTITUTION_PROFILE, name: "Uni\u0007" }], asRegistrar),
        registry,
        "CredentialRegistryControlCharacter",
        ["name", 3n],
      );
    });

    it("refuses granting the admin role directly and accepting a transfer early or from the wrong account", async () => {
      await viem.assertions.revertWithCustomError(
        registry.write.grantRole([`0x${"00".repeat(32)}`, stranger.account.address], { account: admin.account }),
        registry,
        "AccessControlEnforcedDefaultAdminRules",
      );
      await waitFor(
        publicClient,
        registry.write.beginDefaultAdminTransfer([otherIssuer.account.address], { account: admin.account }),
      );
      await viem.assertions.revertWithCustomError(
        registry.write.acceptDefaultAdminTransfer({ account: otherIssuer.account }),
        registry,
        "AccessControlEnforcedDefaultAdminDelay",
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.acceptDefaultAdminTransfer({ account: stranger.account }),
        registry,
        "AccessControlInvalidDefaultAdmin",
        [stranger.account.address],
      );
      assert.equal((await registry.read.defaultAdmin()).toLowerCase(), admin.account.address.toLowerCase());
    });
  });
});
