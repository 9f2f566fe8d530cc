// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ICredentialRegistry} from "./interfaces/ICredentialRegistry.sol";

/// @title CredentialRegistry
/// @notice Walking skeleton: records Merkle roots of credential batches. Issue 4 grows it into the full registry.
contract CredentialRegistry is ICredentialRegistry {
    /// @dev root => when it was anchored (0 = never). One slot per batch; the timestamp doubles as the
    /// "anchored" flag because no real block has timestamp 0.
    mapping(bytes32 root => uint256 anchoredAt) private _anchoredAt;

    /// @inheritdoc ICredentialRegistry
    function anchorBatch(bytes32 root, uint32 count) external {
        if (root == bytes32(0)) {
            revert CredentialRegistryZeroRoot();
        }
        if (_anchoredAt[root] != 0) {
            revert CredentialRegistryBatchAlreadyAnchored(root);
        }
        _anchoredAt[root] = block.timestamp;
        emit BatchAnchored(root, msg.sender, count);
    }

    /// @inheritdoc ICredentialRegistry
    function isAnchored(bytes32 root) external view returns (bool) {
        return _anchoredAt[root] != 0;
    }
}
