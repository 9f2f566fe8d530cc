// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {CredentialRegistry} from "../../contracts/CredentialRegistry.sol";
import {ICredentialRegistry} from "../../contracts/interfaces/ICredentialRegistry.sol";
import {vm} from "./Vm.sol";

/// @notice Shared set-up: a registry with an admin, a registrar, institution 1 ("Universidad Demo",
/// `did:web:demo.edu.mx`, MX) with signing key `KEY`, and institution 2 ("Instituto Otro", `did:web:otro.edu.ar`, AR)
/// with signing key `OTHER_KEY`. Plus helpers to build small sorted-pair Merkle trees the way OpenZeppelin's
/// `MerkleProof` checks them.
abstract contract RegistryTestBase {
    address internal constant ADMIN = address(0xAD);
    address internal constant REGISTRAR = address(0x5E);
    address internal constant KEY = address(0xBEEF);
    address internal constant OTHER_KEY = address(0xCAFE);
    address internal constant STRANGER = address(0xBAD);
    uint48 internal constant DELAY = 1 days;
    uint256 internal constant START = 1_700_000_000;

    string internal constant NAME_1 = "Universidad Demo";
    string internal constant ISSUER_1 = "did:web:demo.edu.mx";
    string internal constant NAME_2 = "Instituto Otro";
    string internal constant ISSUER_2 = "did:web:otro.edu.ar";

    CredentialRegistry internal registry;

    function setUp() public virtual {
        vm.warp(START);
        registry = new CredentialRegistry(DELAY, ADMIN, REGISTRAR);
        vm.startPrank(REGISTRAR);
        registry.admitInstitution(_profile(NAME_1, ISSUER_1, "MX"));
        registry.admitInstitution(_profile(NAME_2, ISSUER_2, "AR"));
        registry.addSigningKey(1, KEY);
        registry.addSigningKey(2, OTHER_KEY);
        vm.stopPrank();
    }

    function _profile(
        string memory name,
        string memory issuerId,
        bytes2 country
    ) internal pure returns (ICredentialRegistry.InstitutionProfile memory) {
        return
            ICredentialRegistry.InstitutionProfile({
                name: name,
                issuerId: issuerId,
                country: country,
                website: "https://example.edu",
                metadataURI: "ipfs://meta",
                metadataHash: keccak256("meta")
            });
    }

    /// @dev Admits `profile` as the registrar; returns the new id.
    function _admit(ICredentialRegistry.InstitutionProfile memory profile) internal returns (uint32 id) {
        vm.prank(REGISTRAR);
        id = registry.admitInstitution(profile);
    }

    /// @dev Replaces institution `id`'s profile as the registrar.
    function _update(uint32 id, ICredentialRegistry.InstitutionProfile memory profile) internal {
        vm.prank(REGISTRAR);
        registry.updateInstitution(id, profile);
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

    /// @dev Anchors, as `key`, a single-credential batch of `institutionId` (root = the leaf of position 0 for
    /// `digest`), so {verifyCredential} can be asked about it with an empty proof. Returns the root.
    function _anchorSingle(address key, uint32 institutionId, bytes32 digest) internal returns (bytes32 root) {
        root = registry.credentialLeaf(institutionId, 0, digest);
        _anchor(key, root, 1);
    }

    /// @dev What {verifyCredential} reports for the single-credential batch of {_anchorSingle}.
    function _statusOfSingle(
        uint32 institutionId,
        bytes32 digest
    ) internal view returns (ICredentialRegistry.CredentialStatus memory) {
        return registry.verifyCredential(institutionId, 0, digest, new bytes32[](0));
    }

    function _hash(string memory text) internal pure returns (bytes32) {
        return keccak256(bytes(text));
    }

    /// @dev The identity hash of a name and an issuer id, as the interface defines it (`IssuerIdentity.identityHash`,
    /// `CredentialStatus.issuerIdentityHash`).
    function _identityHash(string memory name, string memory issuerId) internal pure returns (bytes32) {
        return keccak256(abi.encode(keccak256(bytes(name)), keccak256(bytes(issuerId))));
    }

    function _assertEq(uint256 actual, uint256 expected, string memory what) internal pure {
        require(actual == expected, what);
    }
}
