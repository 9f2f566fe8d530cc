// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ICredentialRegistry} from "../../contracts/interfaces/ICredentialRegistry.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";
import {vm} from "./Vm.sol";

/// @notice The verification view's two implementations agree: {verifyCredential} answers an anchored batch from
/// the packed words (its fast path), and an unknown root, and every query of {verifyCredentials}, through the
/// general path. Also the Merkle walk against OpenZeppelin's, and {isAnchored}.
contract CredentialRegistryViewTest is RegistryTestBase {
    bytes32 internal root;
    bytes32[4] internal digests;
    bytes32[][4] internal proofs;

    function setUp() public override {
        super.setUp();
        (root, digests, proofs) = _fourLeafBatch(1, "view batch");
        _anchor(KEY, root, 4);
    }

    /// @dev The single view and the batched view, encoded, must be byte-for-byte equal.
    function _assertBothPathsAgree(
        uint32 institutionId,
        uint32 index,
        bytes32 digest,
        bytes32[] memory proof
    ) internal view returns (ICredentialRegistry.CredentialStatus memory single) {
        single = registry.verifyCredential(institutionId, index, digest, proof);
        ICredentialRegistry.CredentialQuery[] memory q = new ICredentialRegistry.CredentialQuery[](1);
        q[0] = ICredentialRegistry.CredentialQuery(institutionId, index, digest, proof);
        ICredentialRegistry.CredentialStatus[] memory batched = registry.verifyCredentials(q);
        require(keccak256(abi.encode(single)) == keccak256(abi.encode(batched[0])), "the two paths disagree");
    }

    function test_verifyCredential_fastPathMatchesTheGeneralPathForAValidCredential() public view {
        ICredentialRegistry.CredentialStatus memory s = _assertBothPathsAgree(1, 2, digests[2], proofs[2]);
        require(s.root == root && s.anchored && s.indexInRange && s.keyValidAtAnchoring, "valid");
        require(s.signingKey == KEY && s.anchoredAt == START && s.count == 4, "batch facts");
        require(
            s.institutionCountry == "MX" && s.institutionNameHash == bytes12(keccak256("Universidad Demo")),
            "name"
        );
        require(s.institutionStatus == ICredentialRegistry.InstitutionStatus.Active, "status");
    }

    function test_verifyCredential_fastPathMatchesTheGeneralPathAfterEveryKindOfChange() public {
        vm.warp(START + 50);
        vm.startPrank(REGISTRAR);
        registry.revokeCredential(1, root, 0, 5);
        registry.revokeCredentials(1, root, _one(1), 6); // a second stamp in the word: an override
        registry.updateInstitution(1, _profile("Universidad Demo Renombrada", "CL"));
        registry.suspendInstitution(1);
        registry.declareKeyCompromised(KEY, uint40(START));
        registry.revokeBatch(1, root, 4);
        vm.stopPrank();
        for (uint32 i; i < 4; ++i) {
            ICredentialRegistry.CredentialStatus memory s = _assertBothPathsAgree(1, i, digests[i], proofs[i]);
            require(s.institutionCountry == "CL" && s.batchRevocationReason == 4 && !s.keyValidAtAnchoring, "changes");
        }
        _assertBothPathsAgree(1, 3, digests[2], proofs[3]); // a wrong digest
        _assertBothPathsAgree(1, 7, digests[3], proofs[3]); // another index
    }

    function test_verifyCredential_longNamesAndUnknownBatchesAgreeToo() public {
        string memory longName = "Universidad Tecnologica Nacional de la Republica Argentina"; // > 31 bytes
        vm.prank(REGISTRAR);
        registry.updateInstitution(1, _profile(longName, "AR"));
        (bytes32 longRoot, bytes32[4] memory d, bytes32[][4] memory p) = _fourLeafBatch(1, "long name batch");
        _anchor(KEY, longRoot, 4);
        ICredentialRegistry.CredentialStatus memory s = _assertBothPathsAgree(1, 1, d[1], p[1]);
        require(s.root == longRoot && s.institutionNameHash == bytes12(keccak256(bytes(longName))), "long name");
        s = _assertBothPathsAgree(2, 1, digests[1], proofs[1]);
        require(!s.anchored && s.institutionStatus == ICredentialRegistry.InstitutionStatus.Active, "not anchored");
        s = _assertBothPathsAgree(9, 1, digests[1], proofs[1]);
        require(!s.anchored && s.institutionStatus == ICredentialRegistry.InstitutionStatus.None, "unknown");
    }

    function test_verifyCredentials_rejectsProofsLongerThanTheCap() public {
        ICredentialRegistry.CredentialQuery[] memory q = new ICredentialRegistry.CredentialQuery[](2);
        q[0] = ICredentialRegistry.CredentialQuery(1, 0, digests[0], proofs[0]);
        q[1] = ICredentialRegistry.CredentialQuery(1, 1, digests[1], new bytes32[](33));
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryProofTooLong.selector, 33, 32));
        registry.verifyCredentials(q);
    }

    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_verifyCredential_walksTheProofExactlyAsOpenZeppelin(
        bytes32 leafSeed,
        bytes32[] memory proof
    ) public view {
        vm.assume(proof.length <= registry.MAX_PROOF_LENGTH());
        bytes32 leaf = registry.credentialLeaf(1, 0, leafSeed);
        bytes32 reached = MerkleProof.processProof(proof, leaf);
        require(registry.verifyCredential(1, 0, leafSeed, proof).root == reached, "OZ root not reached");
        require(registry.verifyCredentials(_query(1, 0, leafSeed, proof))[0].root == reached, "batched view differs");
    }

    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_verifyCredential_fastAndGeneralPathsAgree(uint32 index, bytes32 digest, uint8 pick) public {
        uint256 position = pick % 4;
        if (pick & 0x10 != 0) {
            vm.prank(REGISTRAR);
            registry.revokeCredential(1, root, index, pick);
        }
        _assertBothPathsAgree(1, index, pick & 0x20 != 0 ? digests[position] : digest, proofs[position]);
    }

    function test_isAnchored_isTrueExactlyForAnchoredBatches() public {
        require(registry.isAnchored(1, root), "anchored");
        require(!registry.isAnchored(2, root), "another institution's");
        require(!registry.isAnchored(1, keccak256("not yet")), "not yet");
        _anchor(OTHER_KEY, root, 1);
        require(registry.isAnchored(2, root), "now anchored by institution 2 too");
    }

    function _query(
        uint32 institutionId,
        uint32 index,
        bytes32 digest,
        bytes32[] memory proof
    ) internal pure returns (ICredentialRegistry.CredentialQuery[] memory q) {
        q = new ICredentialRegistry.CredentialQuery[](1);
        q[0] = ICredentialRegistry.CredentialQuery(institutionId, index, digest, proof);
    }

    function _one(uint32 index) internal pure returns (uint32[] memory list) {
        list = new uint32[](1);
        list[0] = index;
    }
}
