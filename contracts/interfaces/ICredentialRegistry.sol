// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title ICredentialRegistry
/// @notice The specification of Acredita's on-chain registry of credential batches.
interface ICredentialRegistry {
    /// @notice Emitted when a batch of credentials is anchored.
    /// @param root The batch's Merkle root.
    /// @param anchoredBy The account that anchored it.
    /// @param count How many credentials the batch holds.
    event BatchAnchored(bytes32 indexed root, address indexed anchoredBy, uint32 count);

    /// @notice Thrown when a batch is anchored with the zero root.
    error CredentialRegistryZeroRoot();

    /// @notice Thrown when `root` has already been anchored.
    /// @param root The Merkle root presented.
    error CredentialRegistryBatchAlreadyAnchored(bytes32 root);

    /// @notice Anchors the Merkle root of a batch of `count` credentials.
    /// @dev Write-once: reverts with {CredentialRegistryBatchAlreadyAnchored} if `root` is already anchored and
    /// with {CredentialRegistryZeroRoot} for the zero root. Emits {BatchAnchored}.
    /// @param root The batch's Merkle root.
    /// @param count How many credentials the batch holds.
    function anchorBatch(bytes32 root, uint32 count) external;

    /// @notice Whether `root` has been anchored.
    /// @param root The Merkle root to look up.
    /// @return True when the root is anchored.
    function isAnchored(bytes32 root) external view returns (bool);
}
