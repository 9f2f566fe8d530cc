// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ICredentialRegistry} from "../../contracts/interfaces/ICredentialRegistry.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";
import {vm} from "./Vm.sol";

/// @notice The two verification views agree: {verifyCredentials} answers each query exactly as {verifyCredential}
/// does, in every state. Also the Merkle walk against OpenZeppelin's, and {isAnchored}.
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
    function _assertBothViewsAgree(
        uint32 institutionId,
        uint32 index,
        bytes32 digest,
        bytes32[] memory proof
    ) internal view returns (ICredentialRegistry.CredentialStatus memory single) {
        single = registry.verifyCredential(institutionId, index, digest, proof);
        ICredentialRegistry.CredentialStatus[] memory batched = registry.verifyCredentials(
            _query(institutionId, index, digest, proof)
        );
        require(batched.length == 1, "one status per query");
        require(keccak256(abi.encode(single)) == keccak256(abi.encode(batched[0])), "the two views disagree");
    }

    function test_verifyCredentials_matchesVerifyCredentialForAValidCredential() public view {
        ICredentialRegistry.CredentialStatus memory s = _assertBothViewsAgree(1, 2, digests[2], proofs[2]);
        require(s.root == root && s.anchored && s.indexInRange && s.keyValidAtAnchoring, "valid");
        require(s.signingKey == KEY && s.anchoredAt == START && s.count == 4, "batch facts");
        require(s.institutionCountry == "MX" && s.identityVersion == 1, "identity version");
        require(s.issuerIdentityHash == _identityHash(NAME_1, ISSUER_1), "name and issuer id");
        require(s.institutionStatus == ICredentialRegistry.InstitutionStatus.Active, "status");
    }

    function test_verifyCredentials_matchesVerifyCredentialAfterEveryKindOfChange() public {
        vm.warp(START + 50);
        vm.startPrank(REGISTRAR);
        registry.revokeCredential(1, root, 0, 5);
        registry.revokeCredentials(1, root, _one(1), 6); // a second stamp in the word: an override
        registry.updateInstitution(1, _profile("Universidad Demo Renombrada", "did:web:nuevo.edu.cl", "CL"));
        registry.suspendInstitution(1);
        registry.declareKeyCompromised(KEY, uint40(START));
        registry.revokeBatch(1, root, 4);
        vm.stopPrank();
        for (uint32 i; i < 4; ++i) {
            ICredentialRegistry.CredentialStatus memory s = _assertBothViewsAgree(1, i, digests[i], proofs[i]);
            require(s.institutionCountry == "CL" && s.batchRevocationReason == 4 && !s.keyValidAtAnchoring, "changes");
            require(s.identityVersion == 1, "identity version at anchoring");
            require(s.issuerIdentityHash == _identityHash(NAME_1, ISSUER_1), "identity at anchoring");
            require(s.institutionStatus == ICredentialRegistry.InstitutionStatus.Suspended, "status now");
        }
        ICredentialRegistry.CredentialStatus memory first = _assertBothViewsAgree(1, 0, digests[0], proofs[0]);
        require(first.credentialRevokedAt == START + 50 && first.credentialRevocationReason == 5, "first stamp");
        ICredentialRegistry.CredentialStatus memory second = _assertBothViewsAgree(1, 1, digests[1], proofs[1]);
        require(second.credentialRevokedAt == START + 50 && second.credentialRevocationReason == 6, "override");
        _assertBothViewsAgree(1, 3, digests[2], proofs[3]); // a wrong digest
        _assertBothViewsAgree(1, 7, digests[3], proofs[3]); // another index
    }

    function test_verifyCredentials_answersManyQueriesInOrder() public {
        (bytes32 other, bytes32[4] memory d, bytes32[][4] memory p) = _fourLeafBatch(2, "institution 2");
        _anchor(OTHER_KEY, other, 3); // count 3: position 3 is out of range
        ICredentialRegistry.CredentialQuery[] memory q = new ICredentialRegistry.CredentialQuery[](5);
        q[0] = ICredentialRegistry.CredentialQuery(1, 3, digests[3], proofs[3]);
        q[1] = ICredentialRegistry.CredentialQuery(2, 0, d[0], p[0]);
        q[2] = ICredentialRegistry.CredentialQuery(2, 3, d[3], p[3]);
        q[3] = ICredentialRegistry.CredentialQuery(1, 0, d[0], p[0]); // institution 2's credential under 1
        q[4] = ICredentialRegistry.CredentialQuery(9, 0, digests[0], proofs[0]); // unknown institution
        ICredentialRegistry.CredentialStatus[] memory s = registry.verifyCredentials(q);
        require(s.length == 5, "one per query");
        for (uint256 i; i < q.length; ++i) {
            ICredentialRegistry.CredentialStatus memory single = registry.verifyCredential(
                q[i].institutionId,
                q[i].index,
                q[i].credentialDigest,
                q[i].proof
            );
            require(keccak256(abi.encode(single)) == keccak256(abi.encode(s[i])), "in query order");
        }
        require(
            s[0].root == root && s[0].anchored && s[0].issuerIdentityHash == _identityHash(NAME_1, ISSUER_1),
            "1st"
        );
        require(s[1].root == other && s[1].anchored && s[1].indexInRange, "second");
        require(s[1].issuerIdentityHash == _identityHash(NAME_2, ISSUER_2), "institution 2's identity");
        require(s[1].identityVersion == 1 && s[1].institutionCountry == "AR", "institution 2");
        require(s[2].root == other && s[2].anchored && !s[2].indexInRange, "third: beyond the count");
        require(!s[3].anchored && !s[4].anchored, "not anchored");
        require(s[4].institutionStatus == ICredentialRegistry.InstitutionStatus.None, "unknown institution");
        require(registry.verifyCredentials(new ICredentialRegistry.CredentialQuery[](0)).length == 0, "none");
    }

    function test_verifyCredential_longNamesAndUnknownBatchesAreReportedInFull() public {
        // A long name: the identity hash the view reports covers all its bytes.
        string memory longName =
            "Universidad Tecnologica Nacional de la Republica Argentina, Facultad Regional Buenos Aires";
        require(bytes(longName).length > 32 && bytes(longName).length <= 96, "a long name");
        _update(1, _profile(longName, ISSUER_1, "AR"));
        (bytes32 longRoot, bytes32[4] memory d, bytes32[][4] memory p) = _fourLeafBatch(1, "long name batch");
        _anchor(KEY, longRoot, 4);
        ICredentialRegistry.CredentialStatus memory s = _assertBothViewsAgree(1, 1, d[1], p[1]);
        require(s.root == longRoot && s.identityVersion == 2, "long name's version");
        require(s.issuerIdentityHash == keccak256(abi.encode(keccak256(bytes(longName)), _hash(ISSUER_1))), "long");
        s = _assertBothViewsAgree(2, 1, digests[1], proofs[1]);
        require(!s.anchored && s.institutionStatus == ICredentialRegistry.InstitutionStatus.Active, "not anchored");
        require(s.institutionCountry == "AR" && s.identityVersion == 0 && s.issuerIdentityHash == 0, "no identity");
        s = _assertBothViewsAgree(9, 1, digests[1], proofs[1]);
        require(!s.anchored && s.institutionStatus == ICredentialRegistry.InstitutionStatus.None, "unknown");
        require(s.institutionCountry == bytes2(0) && s.signingKey == address(0) && s.count == 0, "nothing");
    }

    function test_verifyCredentials_rejectsProofsLongerThanTheCap() public {
        ICredentialRegistry.CredentialQuery[] memory q = new ICredentialRegistry.CredentialQuery[](2);
        q[0] = ICredentialRegistry.CredentialQuery(1, 0, digests[0], proofs[0]);
        q[1] = ICredentialRegistry.CredentialQuery(1, 1, digests[1], new bytes32[](33));
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryProofTooLong.selector, 33, 32));
        registry.verifyCredentials(q);
    }

    function test_verifyCredential_acceptsAProofOfExactlyTheCap() public view {
        bytes32[] memory proof = new bytes32[](32);
        for (uint256 i; i < proof.length; ++i) {
            proof[i] = keccak256(abi.encode(i));
        }
        bytes32 reached = MerkleProof.processProof(proof, registry.credentialLeaf(1, 0, digests[0]));
        require(_assertBothViewsAgree(1, 0, digests[0], proof).root == reached, "32 nodes walked");
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

    function test_isAnchored_isTrueExactlyForAnchoredBatches() public {
        require(registry.isAnchored(1, root), "anchored");
        require(!registry.isAnchored(2, root), "another institution's");
        require(!registry.isAnchored(1, keccak256("not yet")), "not yet");
        _anchor(OTHER_KEY, root, 1);
        require(registry.isAnchored(2, root), "now anchored by institution 2 too");
        vm.prank(REGISTRAR);
        registry.revokeBatch(1, root, 1);
        require(registry.isAnchored(1, root), "a revoked batch stays anchored");
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
