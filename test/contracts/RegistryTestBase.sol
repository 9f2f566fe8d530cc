// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {CredentialRegistry} from "../../contracts/CredentialRegistry.sol";
import {ICredentialRegistry} from "../../contracts/interfaces/ICredentialRegistry.sol";
import {vm} from "./Vm.sol";

/// @notice Shared set-up: a registry with an admin, a registrar, institution 1 ("Universidad Demo", MX) with
/// signing key `KEY`, and institution 2 ("Instituto Otro", AR) with signing key `OTHER_KEY`. Plus helpers to
/// build small sorted-pair Merkle trees the way OpenZeppelin's `MerkleProof` checks them.
abstract contract RegistryTestBase {
    address internal constant ADMIN = address(0xAD);
    address internal constant REGISTRAR = address(0x5E);
    address internal constant KEY = address(0xBEEF);
    address internal constant OTHER_KEY = address(0xCAFE);
    address internal constant STRANGER = address(0xBAD);
    uint48 internal constant DELAY = 1 days;
    uint256 internal constant START = 1_700_000_000;

    CredentialRegistry internal registry;

    function setUp() public virtual {
        vm.warp(START);
        registry = new CredentialRegistry(DELAY, ADMIN, REGISTRAR);
        vm.startPrank(REGISTRAR);
        registry.admitInstitution(_profile("Universidad Demo", "MX"));
        registry.admitInstitution(_profile("Instituto Otro", "AR"));
        registry.addSigningKey(1, KEY);
        registry.addSigningKey(2, OTHER_KEY);
        vm.stopPrank();
    }

    function _profile(
        string memory name,
        bytes2 country
    ) internal pure returns (ICredentialRegistry.InstitutionProfile memory) {
        return
            ICredentialRegistry.InstitutionProfile({
                name: name,
                country: country,
                website: "https://example.edu",
                metadataURI: "ipfs://meta",
                metadataHash: keccak256("meta")
            });
    }

    function _anchor(address key, bytes32 root, uint32 count) internal {
        vm.prank(key);
        registry.anchorBatch(root, count);
    }

    /// @dev OpenZeppelin's commutative pair hash.
    function _hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encodePacked(a, b)) : keccak256(abi.encodePacked(b, a));
    }

    /// @dev A four-credential batch of institution `institutionId`: leaves at positions 0..3 with digests
    /// `keccak256(abi.encode(seed, i))`. Returns the root, the digests and the proof of each position.
    function _fourLeafBatch(
        uint32 institutionId,
        bytes32 seed
    ) internal view returns (bytes32 root, bytes32[4] memory digests, bytes32[][4] memory proofs) {
        bytes32[4] memory leaves;
        for (uint32 i; i < 4; ++i) {
            digests[i] = keccak256(abi.encode(seed, i));
            leaves[i] = registry.credentialLeaf(institutionId, i, digests[i]);
        }
        bytes32 left = _hashPair(leaves[0], leaves[1]);
        bytes32 right = _hashPair(leaves[2], leaves[3]);
        root = _hashPair(left, right);
        for (uint256 i; i < 4; ++i) {
            proofs[i] = new bytes32[](2);
            proofs[i][0] = leaves[i ^ 1];
            proofs[i][1] = i < 2 ? right : left;
        }
    }

    function _assertEq(uint256 actual, uint256 expected, string memory what) internal pure {
        require(actual == expected, what);
    }
}
