// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ICredentialRegistry} from "../../contracts/interfaces/ICredentialRegistry.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";
import {vm} from "./Vm.sol";

/// @notice Revocation of single credentials, lists, ranges and whole batches.
contract CredentialRegistryRevocationTest is RegistryTestBase {
    bytes32 internal constant ROOT = keccak256("revocation batch");
    uint32 internal constant COUNT = 1000;

    function setUp() public override {
        super.setUp();
        _anchor(KEY, ROOT, COUNT);
    }

    function _revokedAt(uint32 index) internal view returns (uint40 at, uint8 reason) {
        return registry.getCredentialRevocation(1, ROOT, index);
    }

    function _alreadyRevoked(uint32 index, uint256 at) internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryCredentialAlreadyRevoked.selector,
                uint32(1),
                ROOT,
                index,
                uint40(at)
            );
    }

    function test_revokeCredential_recordsTimeAndReasonAndEmits() public {
        vm.warp(START + 30);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.CredentialRevoked(1, ROOT, 42, 3);
        vm.prank(KEY);
        registry.revokeCredential(1, ROOT, 42, 3);
        (uint40 at, uint8 reason) = _revokedAt(42);
        require(at == START + 30 && reason == 3, "recorded");
        (at, ) = _revokedAt(43);
        require(at == 0, "neighbour untouched");
    }

    function test_revokeCredential_isFinalAndRevertsASecondTimeWithEvidence() public {
        vm.prank(KEY);
        registry.revokeCredential(1, ROOT, 5, 1);
        vm.warp(START + 99);
        vm.expectRevert(_alreadyRevoked(5, START));
        vm.prank(REGISTRAR);
        registry.revokeCredential(1, ROOT, 5, 2);
    }

    function test_revokeCredential_laterRevocationsInTheSameWordKeepTheirOwnTimeAndReason() public {
        vm.prank(KEY);
        registry.revokeCredential(1, ROOT, 1, 1);
        vm.warp(START + 10);
        vm.prank(KEY);
        registry.revokeCredential(1, ROOT, 2, 2);
        vm.prank(KEY);
        registry.revokeCredential(1, ROOT, 3, 1); // same time, different reason from the word's default
        (uint40 at1, uint8 r1) = _revokedAt(1);
        (uint40 at2, uint8 r2) = _revokedAt(2);
        (uint40 at3, uint8 r3) = _revokedAt(3);
        require(at1 == START && r1 == 1, "first");
        require(at2 == START + 10 && r2 == 2, "second");
        require(at3 == START + 10 && r3 == 1, "third");
        vm.expectRevert(_alreadyRevoked(2, START + 10));
        vm.prank(KEY);
        registry.revokeCredential(1, ROOT, 2, 2);
    }

    function test_revokeCredential_sameStampInTheSameWordNeedsNoOverride() public {
        vm.startPrank(KEY);
        registry.revokeCredential(1, ROOT, 10, 4);
        registry.revokeCredential(1, ROOT, 11, 4);
        vm.stopPrank();
        (uint40 at, uint8 reason) = _revokedAt(11);
        require(at == START && reason == 4, "shared default");
    }

    function test_revokeCredential_byTheRegistrarForAnyInstitution() public {
        vm.prank(REGISTRAR);
        registry.revokeCredential(1, ROOT, 7, 3);
        (uint40 at, ) = _revokedAt(7);
        require(at == START, "revoked");
    }

    function test_revokeCredential_refusesStrangersAndOtherInstitutions() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryUnauthorizedRevoker.selector,
                STRANGER,
                uint32(1)
            )
        );
        vm.prank(STRANGER);
        registry.revokeCredential(1, ROOT, 0, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryUnauthorizedRevoker.selector,
                OTHER_KEY,
                uint32(1)
            )
        );
        vm.prank(OTHER_KEY);
        registry.revokeCredential(1, ROOT, 0, 1);
    }

    function test_revokeCredential_refusesRemovedKeysAndWithdrawnInstitutions() public {
        vm.prank(REGISTRAR);
        registry.removeSigningKey(KEY);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryUnauthorizedRevoker.selector, KEY, uint32(1))
        );
        vm.prank(KEY);
        registry.revokeCredential(1, ROOT, 0, 1);
        vm.prank(REGISTRAR);
        registry.withdrawInstitution(2);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryUnauthorizedRevoker.selector,
                OTHER_KEY,
                uint32(2)
            )
        );
        vm.prank(OTHER_KEY);
        registry.revokeCredential(2, ROOT, 0, 1);
    }

    function test_revokeCredential_aSuspendedInstitutionMayStillRevoke() public {
        vm.prank(REGISTRAR);
        registry.suspendInstitution(1);
        vm.prank(KEY);
        registry.revokeCredential(1, ROOT, 9, 1);
        (uint40 at, ) = _revokedAt(9);
        require(at == START, "revoked while suspended");
    }

    function test_revokeCredential_theRegistrarStillRevokesForAWithdrawnInstitution() public {
        vm.startPrank(REGISTRAR);
        registry.withdrawInstitution(1);
        registry.revokeCredential(1, ROOT, 3, 6);
        registry.revokeBatch(1, ROOT, 6);
        vm.stopPrank();
        (uint40 at, uint8 reason) = _revokedAt(3);
        require(at == START && reason == 6, "credential revoked");
        require(registry.getBatch(1, ROOT).revokedAt == START, "batch revoked");
    }

    function test_revokeCredential_theRegistrarCannotWriteUnknownInstitutions() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryUnknownInstitution.selector, uint32(0))
        );
        vm.prank(REGISTRAR);
        registry.revokeCredential(0, ROOT, 0, 1);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryUnknownInstitution.selector, uint32(3))
        );
        vm.prank(REGISTRAR);
        registry.revokeCredential(3, ROOT, 0, 1);
    }

    function test_revokeCredential_recordsAPositionOfARootNotAnchoredYet() public {
        bytes32 later = keccak256("not anchored");
        vm.warp(START + 5);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.CredentialRevoked(1, later, 0, 2);
        vm.prank(KEY);
        registry.revokeCredential(1, later, 0, 2);
        vm.prank(REGISTRAR);
        registry.revokeCredential(1, later, 1, 3);
        (uint40 at, uint8 reason) = registry.getCredentialRevocation(1, later, 0);
        require(at == START + 5 && reason == 2, "recorded by the key");
        (at, reason) = registry.getCredentialRevocation(1, later, 1);
        require(at == START + 5 && reason == 3, "recorded by the registrar");
        require(!registry.isAnchored(1, later) && registry.getBatch(1, later).count == 0, "still not anchored");
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryCredentialAlreadyRevoked.selector,
                uint32(1),
                later,
                uint32(0),
                uint40(START + 5)
            )
        );
        vm.prank(KEY);
        registry.revokeCredential(1, later, 0, 2);
        // Institution 2 never anchored ROOT: the same root under another institution is another batch.
        vm.prank(OTHER_KEY);
        registry.revokeCredential(2, ROOT, 0, 1);
        (at, ) = registry.getCredentialRevocation(2, ROOT, 0);
        require(at == START + 5, "institution 2's position");
        (at, ) = _revokedAt(0);
        require(at == 0, "institution 1's batch untouched");
    }

    function test_revokeCredential_aPositionRevokedBeforeAnchoringIsReportedOnceAnchored() public {
        (bytes32 root, bytes32[4] memory digests, bytes32[][4] memory proofs) = _fourLeafBatch(1, "pre-revoked");
        vm.warp(START + 10);
        vm.prank(KEY);
        registry.revokeCredential(1, root, 2, 4);
        ICredentialRegistry.CredentialStatus memory s = registry.verifyCredential(1, 2, digests[2], proofs[2]);
        require(s.root == root && !s.anchored && !s.indexInRange && !s.keyValidAtAnchoring, "not valid before");
        require(s.identityVersion == 0 && s.issuerIdentityHash == 0 && s.count == 0, "no batch facts");
        vm.warp(START + 20);
        _anchor(KEY, root, 4);
        s = registry.verifyCredential(1, 2, digests[2], proofs[2]);
        require(s.anchored && s.indexInRange && s.keyValidAtAnchoring && s.anchoredAt == START + 20, "anchored");
        require(s.credentialRevokedAt == START + 10 && s.credentialRevocationReason == 4, "revoked before");
        for (uint32 i; i < 4; ++i) {
            if (i == 2) continue;
            s = registry.verifyCredential(1, i, digests[i], proofs[i]);
            require(s.anchored && s.credentialRevokedAt == 0, "the others are not revoked");
        }
        // The list and range forms see the position as revoked.
        uint32[] memory two = new uint32[](1);
        two[0] = 2;
        bytes memory already = abi.encodeWithSelector(
            ICredentialRegistry.CredentialRegistryCredentialAlreadyRevoked.selector,
            uint32(1),
            root,
            uint32(2),
            uint40(START + 10)
        );
        vm.startPrank(KEY);
        vm.expectRevert(already);
        registry.revokeCredentials(1, root, two, 1);
        vm.expectRevert(already);
        registry.revokeCredentialRange(1, root, 0, 4, 1);
        vm.stopPrank();
    }

    function test_revokeCredential_recordsAPositionAtOrBeyondTheCount() public {
        vm.prank(KEY);
        registry.revokeCredential(1, ROOT, COUNT, 1);
        vm.warp(START + 1);
        vm.prank(REGISTRAR);
        registry.revokeCredential(1, ROOT, type(uint32).max, 2);
        (uint40 at, uint8 reason) = _revokedAt(COUNT);
        require(at == START && reason == 1, "the position past the end");
        (at, reason) = _revokedAt(type(uint32).max);
        require(at == START + 1 && reason == 2, "the last position there is");
        vm.expectRevert(_alreadyRevoked(type(uint32).max, START + 1));
        vm.prank(KEY);
        registry.revokeCredential(1, ROOT, type(uint32).max, 3);
        vm.prank(KEY);
        registry.revokeCredential(1, ROOT, COUNT - 1, 1); // the last position of the batch, in the same word
        (at, ) = _revokedAt(COUNT - 1);
        require(at == START + 1, "last position revoked");
        ICredentialRegistry.Batch memory b = registry.getBatch(1, ROOT);
        require(b.count == COUNT && b.revokedAt == 0, "the batch is unchanged");
    }

    function test_revokeCredential_refusesStrangersForRootsNotAnchoredToo() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryUnauthorizedRevoker.selector,
                STRANGER,
                uint32(1)
            )
        );
        vm.prank(STRANGER);
        registry.revokeCredential(1, keccak256("not anchored"), COUNT, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryUnauthorizedRevoker.selector,
                OTHER_KEY,
                uint32(1)
            )
        );
        vm.prank(OTHER_KEY);
        registry.revokeCredential(1, keccak256("not anchored"), 0, 1);
        (uint40 at, ) = registry.getCredentialRevocation(1, keccak256("not anchored"), 0);
        require(at == 0, "nothing written");
    }

    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_revokeCredential_recordsAnyPositionOfAnyRootExactlyOnce(
        bytes32 root,
        uint32 index,
        uint8 reason
    ) public {
        vm.prank(KEY);
        registry.revokeCredential(1, root, index, reason);
        (uint40 at, uint8 r) = registry.getCredentialRevocation(1, root, index);
        require(at == START && r == reason, "revoked");
        if (index > 0) {
            (at, ) = registry.getCredentialRevocation(1, root, index - 1);
            require(at == 0, "the position before untouched");
        }
        if (index < type(uint32).max) {
            (at, ) = registry.getCredentialRevocation(1, root, index + 1);
            require(at == 0, "the position after untouched");
        }
        (at, ) = registry.getCredentialRevocation(2, root, index);
        require(at == 0, "another institution's position untouched");
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryCredentialAlreadyRevoked.selector,
                uint32(1),
                root,
                index,
                uint40(START)
            )
        );
        vm.prank(REGISTRAR);
        registry.revokeCredential(1, root, index, reason);
    }

    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_revokeCredentialsAndRange_refuseEveryIndexAtOrBeyondTheCount(uint32 index) public {
        vm.assume(index >= COUNT);
        uint32[] memory list = new uint32[](1);
        list[0] = index;
        bytes memory outOfRange = abi.encodeWithSelector(
            ICredentialRegistry.CredentialRegistryIndexOutOfRange.selector,
            index,
            COUNT
        );
        vm.startPrank(KEY);
        vm.expectRevert(outOfRange);
        registry.revokeCredentials(1, ROOT, list, 1);
        vm.expectRevert(outOfRange);
        registry.revokeCredentialRange(1, ROOT, index, 1, 1);
        vm.stopPrank();
    }

    function test_everyRevocation_refusesStrangersAndUnknownInstitutions() public {
        uint32[] memory one = new uint32[](1);
        bytes memory stranger = abi.encodeWithSelector(
            ICredentialRegistry.CredentialRegistryUnauthorizedRevoker.selector,
            STRANGER,
            uint32(1)
        );
        vm.startPrank(STRANGER);
        vm.expectRevert(stranger);
        registry.revokeCredential(1, ROOT, 0, 1);
        vm.expectRevert(stranger);
        registry.revokeCredentials(1, ROOT, one, 1);
        vm.expectRevert(stranger);
        registry.revokeCredentialRange(1, ROOT, 0, 1, 1);
        vm.expectRevert(stranger);
        registry.revokeBatch(1, ROOT, 1);
        vm.stopPrank();
        bytes memory unknown = abi.encodeWithSelector(
            ICredentialRegistry.CredentialRegistryUnknownInstitution.selector,
            uint32(3)
        );
        vm.startPrank(REGISTRAR);
        vm.expectRevert(unknown);
        registry.revokeCredential(3, ROOT, 0, 1);
        vm.expectRevert(unknown);
        registry.revokeCredentials(3, ROOT, one, 1);
        vm.expectRevert(unknown);
        registry.revokeCredentialRange(3, ROOT, 0, 1, 1);
        vm.expectRevert(unknown);
        registry.revokeBatch(3, ROOT, 1);
        vm.stopPrank();
        // A key never names another institution, known or not.
        bytes memory foreign = abi.encodeWithSelector(
            ICredentialRegistry.CredentialRegistryUnauthorizedRevoker.selector,
            KEY,
            uint32(0)
        );
        vm.expectRevert(foreign);
        vm.prank(KEY);
        registry.revokeBatch(0, ROOT, 1);
    }

    function test_revokeCredentials_revokesAListAcrossWordsAndEmits() public {
        uint32[] memory indexes = new uint32[](4);
        indexes[0] = 0;
        indexes[1] = 207;
        indexes[2] = 208;
        indexes[3] = 999;
        vm.warp(START + 3);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.CredentialsRevoked(1, ROOT, indexes, 2);
        vm.prank(KEY);
        registry.revokeCredentials(1, ROOT, indexes, 2);
        for (uint256 i; i < indexes.length; ++i) {
            (uint40 at, uint8 reason) = _revokedAt(indexes[i]);
            require(at == START + 3 && reason == 2, "revoked");
        }
        (uint40 none, ) = _revokedAt(1);
        require(none == 0, "gap untouched");
    }

    function test_revokeCredentials_writesOverridesInWordsRevokedEarlier() public {
        vm.prank(KEY);
        registry.revokeCredential(1, ROOT, 100, 1);
        vm.warp(START + 20);
        uint32[] memory indexes = new uint32[](2);
        indexes[0] = 101;
        indexes[1] = 102;
        vm.prank(KEY);
        registry.revokeCredentials(1, ROOT, indexes, 5);
        (uint40 at, uint8 reason) = _revokedAt(102);
        require(at == START + 20 && reason == 5, "override");
        (at, reason) = _revokedAt(100);
        require(at == START && reason == 1, "default kept");
    }

    function test_revokeCredentials_rejectsBadLists() public {
        uint32[] memory empty = new uint32[](0);
        vm.startPrank(KEY);
        vm.expectRevert(ICredentialRegistry.CredentialRegistryNoIndexes.selector);
        registry.revokeCredentials(1, ROOT, empty, 1);

        uint32[] memory tooMany = new uint32[](1001);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryTooManyIndexes.selector, 1001, 1000)
        );
        registry.revokeCredentials(1, ROOT, tooMany, 1);

        uint32[] memory dup = new uint32[](2);
        dup[0] = 4;
        dup[1] = 4;
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryIndexesNotIncreasing.selector, 1, uint32(4))
        );
        registry.revokeCredentials(1, ROOT, dup, 1);

        uint32[] memory outOfRange = new uint32[](1);
        outOfRange[0] = COUNT;
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryIndexOutOfRange.selector, COUNT, COUNT)
        );
        registry.revokeCredentials(1, ROOT, outOfRange, 1);

        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryUnknownBatch.selector,
                uint32(1),
                keccak256("nope")
            )
        );
        registry.revokeCredentials(1, keccak256("nope"), dup, 1);

        registry.revokeCredential(1, ROOT, 4, 1);
        dup[0] = 3;
        vm.expectRevert(_alreadyRevoked(4, START));
        registry.revokeCredentials(1, ROOT, dup, 1);
        vm.stopPrank();
    }

    function test_revokeCredentialRange_revokesACohortAcrossWordsAndEmits() public {
        vm.warp(START + 8);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.CredentialRangeRevoked(1, ROOT, 150, 300, 4);
        vm.prank(KEY);
        registry.revokeCredentialRange(1, ROOT, 150, 300, 4);
        (uint40 at, uint8 reason) = _revokedAt(150);
        require(at == START + 8 && reason == 4, "first");
        (at, ) = _revokedAt(449);
        require(at == START + 8, "last");
        (at, ) = _revokedAt(149);
        require(at == 0, "before");
        (at, ) = _revokedAt(450);
        require(at == 0, "after");
    }

    function test_revokeCredentialRange_writesOverridesInWordsRevokedEarlier() public {
        vm.prank(KEY);
        registry.revokeCredential(1, ROOT, 0, 1);
        vm.warp(START + 40);
        vm.prank(REGISTRAR);
        registry.revokeCredentialRange(1, ROOT, 1, 3, 6);
        (uint40 at, uint8 reason) = _revokedAt(3);
        require(at == START + 40 && reason == 6, "override");
        (at, reason) = _revokedAt(0);
        require(at == START && reason == 1, "default");
    }

    function test_revokeCredentialRange_rejectsEmptyOutOfRangeAndOverlappingRanges() public {
        vm.startPrank(KEY);
        vm.expectRevert(ICredentialRegistry.CredentialRegistryNoIndexes.selector);
        registry.revokeCredentialRange(1, ROOT, 0, 0, 1);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryIndexOutOfRange.selector, COUNT, COUNT)
        );
        registry.revokeCredentialRange(1, ROOT, 990, 11, 1);
        registry.revokeCredential(1, ROOT, 260, 1);
        vm.expectRevert(_alreadyRevoked(260, START));
        registry.revokeCredentialRange(1, ROOT, 200, 100, 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryUnknownBatch.selector,
                uint32(1),
                keccak256("nope")
            )
        );
        registry.revokeCredentialRange(1, keccak256("nope"), 0, 1, 1);
        vm.stopPrank();
    }

    function test_revokeBatch_recordsTimeAndReasonAndIsFinal() public {
        vm.warp(START + 77);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.BatchRevoked(1, ROOT, 2);
        vm.prank(KEY);
        registry.revokeBatch(1, ROOT, 2);
        ICredentialRegistry.Batch memory b = registry.getBatch(1, ROOT);
        require(b.revokedAt == START + 77 && b.revocationReason == 2 && b.count == COUNT, "recorded");
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryBatchAlreadyRevoked.selector,
                uint32(1),
                ROOT,
                uint40(START + 77)
            )
        );
        vm.prank(REGISTRAR);
        registry.revokeBatch(1, ROOT, 3);
    }

    function test_revokeBatch_rejectsUnknownBatchesAndStrangers() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryUnknownBatch.selector,
                uint32(1),
                keccak256("none")
            )
        );
        vm.prank(KEY);
        registry.revokeBatch(1, keccak256("none"), 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryUnauthorizedRevoker.selector,
                OTHER_KEY,
                uint32(1)
            )
        );
        vm.prank(OTHER_KEY);
        registry.revokeBatch(1, ROOT, 1);
    }

    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_revokeCredential_revokesExactlyThatPositionOnce(uint32 index, uint32 other, uint8 reason) public {
        index %= COUNT;
        other %= COUNT;
        vm.assume(index != other);
        vm.prank(KEY);
        registry.revokeCredential(1, ROOT, index, reason);
        (uint40 at, uint8 r) = _revokedAt(index);
        require(at == START && r == reason, "revoked");
        (at, ) = _revokedAt(other);
        require(at == 0, "other untouched");
        vm.expectRevert(_alreadyRevoked(index, START));
        vm.prank(KEY);
        registry.revokeCredential(1, ROOT, index, reason);
    }

    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_revokeCredentialRange_revokesExactlyTheRange(uint32 from, uint32 count, uint32 probe) public {
        from %= COUNT;
        count = 1 + (count % (COUNT - from));
        probe %= COUNT;
        vm.prank(KEY);
        registry.revokeCredentialRange(1, ROOT, from, count, 1);
        (uint40 at, ) = _revokedAt(probe);
        bool inside = probe >= from && probe < uint256(from) + count;
        require((at != 0) == inside, "exactly the range");
    }
}

/// @notice The one-call verification view.
contract CredentialRegistryVerifyTest is RegistryTestBase {
    bytes32 internal root;
    bytes32[4] internal digests;
    bytes32[][4] internal proofs;

    function setUp() public override {
        super.setUp();
        vm.warp(START + 1);
        (root, digests, proofs) = _fourLeafBatch(1, "verify");
        _anchor(KEY, root, 4);
    }

    function test_verifyCredential_reportsEverythingForAValidCredential() public view {
        ICredentialRegistry.CredentialStatus memory s = registry.verifyCredential(1, 2, digests[2], proofs[2]);
        require(s.root == root && s.anchored && s.indexInRange && s.keyValidAtAnchoring, "valid");
        require(s.anchoredAt == START + 1 && s.count == 4 && s.signingKey == KEY, "batch");
        require(s.institutionStatus == ICredentialRegistry.InstitutionStatus.Active, "status now");
        require(s.identityVersion == 1, "identity version at anchoring");
        require(
            s.issuerIdentityHash ==
                keccak256(abi.encode(keccak256("Universidad Demo"), keccak256("did:web:demo.edu.mx"))),
            "name and issuer id at anchoring"
        );
        require(s.institutionCountry == "MX", "country");
        require(s.credentialRevokedAt == 0 && s.batchRevokedAt == 0 && s.keyCompromisedFrom == 0, "clean");
        require(s.credentialRevocationReason == 0 && s.batchRevocationReason == 0, "no reasons");
    }

    function test_verifyCredential_rejectsAnotherDigestIndexOrInstitution() public view {
        ICredentialRegistry.CredentialStatus memory s = registry.verifyCredential(1, 2, digests[3], proofs[2]);
        require(s.root != root && !s.anchored && s.count == 0 && s.signingKey == address(0), "digest");
        s = registry.verifyCredential(1, 3, digests[2], proofs[2]);
        require(s.root != root && !s.anchored, "index");
        s = registry.verifyCredential(2, 2, digests[2], proofs[2]);
        require(s.root != root && !s.anchored && s.identityVersion == 0 && s.issuerIdentityHash == 0, "institution");
        require(s.institutionCountry == "AR", "other country from the record");
        require(!s.indexInRange && !s.keyValidAtAnchoring && s.anchoredAt == 0, "nothing reported as valid");
    }

    function test_verifyCredential_rejectsAnInnerNodePresentedAsALeafWithAShortenedPath() public view {
        bytes32 leaf0 = registry.credentialLeaf(1, 0, digests[0]);
        bytes32 inner = _hashPair(leaf0, proofs[0][0]);
        bytes32[] memory shortened = new bytes32[](1);
        shortened[0] = proofs[0][1];
        require(MerkleProof.verify(shortened, root, inner), "a naive leaf check would accept it");
        require(registry.verifyCredential(1, 0, inner, shortened).root != root, "the view derives the leaf");
        require(!registry.verifyCredential(1, 0, inner, shortened).anchored, "so it reaches no anchored root");
    }

    function test_verifyCredential_rejectsProofsLongerThanTheCap() public {
        bytes32[] memory longProof = new bytes32[](33);
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryProofTooLong.selector, 33, 32));
        registry.verifyCredential(1, 0, digests[0], longProof);
    }

    function test_verifyCredential_reportsRevocationsCompromiseAndStatus() public {
        vm.warp(START + 10);
        vm.startPrank(REGISTRAR);
        registry.revokeCredential(1, root, 1, 3);
        registry.suspendInstitution(1);
        registry.declareKeyCompromised(KEY, uint40(START + 1));
        registry.revokeBatch(1, root, 2);
        vm.stopPrank();
        ICredentialRegistry.CredentialStatus memory s = registry.verifyCredential(1, 1, digests[1], proofs[1]);
        require(s.root == root && s.credentialRevokedAt == START + 10 && s.credentialRevocationReason == 3, "cred");
        require(s.batchRevokedAt == START + 10 && s.batchRevocationReason == 2, "batch");
        require(s.institutionStatus == ICredentialRegistry.InstitutionStatus.Suspended, "suspended now");
        require(!s.keyValidAtAnchoring && s.keyCompromisedFrom == START + 1, "compromised at anchoring time");
    }

    function test_verifyCredential_flagsAnIndexBeyondTheDeclaredCount() public {
        bytes32 leaf = registry.credentialLeaf(1, 5, keccak256("x"));
        _anchor(KEY, leaf, 2); // a single-leaf tree whose root is the leaf itself, but count says 2
        ICredentialRegistry.CredentialStatus memory s = registry.verifyCredential(
            1,
            5,
            keccak256("x"),
            new bytes32[](0)
        );
        require(s.root == leaf && s.anchored && !s.indexInRange, "index beyond count");
        // Revoking the position beyond the count is recorded and reported, and the credential stays out of range.
        vm.prank(KEY);
        registry.revokeCredential(1, leaf, 5, 7);
        s = registry.verifyCredential(1, 5, keccak256("x"), new bytes32[](0));
        require(s.anchored && !s.indexInRange && s.credentialRevokedAt == START + 1, "revoked, still out of range");
    }

    /// @notice A single revocation, of any position of any root the view walks to (anchored or not, in range or
    /// not), changes nothing the view reports but the credential's revocation: it never makes a credential valid.
    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_revokeCredential_changesNothingTheViewReportsButTheRevocation(
        uint32 index,
        bytes32 digest,
        uint8 kind,
        uint8 reason
    ) public {
        uint256 position = index % 4;
        kind %= 3;
        if (kind == 0) {
            index = uint32(position); // the genuine credential
        }
        if (kind != 2) {
            digest = digests[position]; // kind 1: the genuine digest at (usually) another index; kind 2: any digest
        }
        ICredentialRegistry.CredentialStatus memory before = registry.verifyCredential(
            1,
            index,
            digest,
            proofs[position]
        );
        vm.warp(START + 9);
        vm.prank(KEY);
        registry.revokeCredential(1, before.root, index, reason);
        ICredentialRegistry.CredentialStatus memory later = registry.verifyCredential(
            1,
            index,
            digest,
            proofs[position]
        );
        require(later.credentialRevokedAt == START + 9 && later.credentialRevocationReason == reason, "reported");
        later.credentialRevokedAt = 0;
        later.credentialRevocationReason = 0;
        require(keccak256(abi.encode(later)) == keccak256(abi.encode(before)), "only the revocation changed");
    }

    function test_verifyCredentials_answersEachQueryInOrder() public view {
        ICredentialRegistry.CredentialQuery[] memory q = new ICredentialRegistry.CredentialQuery[](2);
        q[0] = ICredentialRegistry.CredentialQuery(1, 0, digests[0], proofs[0]);
        q[1] = ICredentialRegistry.CredentialQuery(1, 1, digests[0], proofs[1]);
        ICredentialRegistry.CredentialStatus[] memory s = registry.verifyCredentials(q);
        require(s.length == 2 && s[0].root == root && s[0].anchored, "first");
        require(s[1].root != root && !s[1].anchored, "second: a wrong digest");
    }

    function test_credentialLeaf_isTheDocumentedDoubleHash() public view {
        bytes32 expected = keccak256(
            bytes.concat(
                keccak256(
                    abi.encode(
                        keccak256("acredita/credential/v1"),
                        block.chainid,
                        address(registry),
                        uint32(1),
                        uint32(2),
                        digests[2]
                    )
                )
            )
        );
        require(registry.credentialLeaf(1, 2, digests[2]) == expected, "leaf");
    }

    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_verifyCredential_acceptsOnlyTheAnchoredComponents(uint32 index, bytes32 digest) public view {
        vm.assume(digest != digests[index % 4]);
        uint256 position = index % 4;
        ICredentialRegistry.CredentialStatus memory s = registry.verifyCredential(
            1,
            uint32(position),
            digest,
            proofs[position]
        );
        require(s.root != root && !s.anchored, "forged digest accepted");
        s = registry.verifyCredential(1, index, digests[position], proofs[position]);
        require((s.root == root) == (index == position), "only the issued index verifies");
        require(s.anchored == (index == position), "only the issued index is anchored");
    }
}
