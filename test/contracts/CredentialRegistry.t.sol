// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {CredentialRegistry} from "../../contracts/CredentialRegistry.sol";
import {ICredentialRegistry} from "../../contracts/interfaces/ICredentialRegistry.sol";
import {vm} from "./Vm.sol";

contract CredentialRegistryTest {
    CredentialRegistry internal registry;

    function setUp() public {
        registry = new CredentialRegistry();
    }

    function test_anchorBatch_marksRootAnchored() public {
        bytes32 root = keccak256("batch");
        require(!registry.isAnchored(root), "anchored before anchoring");
        registry.anchorBatch(root, 3);
        require(registry.isAnchored(root), "not anchored after anchoring");
    }

    function test_anchorBatch_revertsOnZeroRoot() public {
        vm.expectRevert(ICredentialRegistry.CredentialRegistryZeroRoot.selector);
        registry.anchorBatch(bytes32(0), 1);
    }

    function testFuzz_anchorBatch_isWriteOnce(bytes32 root, uint32 count) public {
        vm.assume(root != bytes32(0));
        registry.anchorBatch(root, count);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryBatchAlreadyAnchored.selector, root)
        );
        registry.anchorBatch(root, count);
    }

    function testFuzz_isAnchored_falseForUnknownRoots(bytes32 anchored, bytes32 other) public {
        vm.assume(anchored != bytes32(0) && anchored != other);
        registry.anchorBatch(anchored, 1);
        require(!registry.isAnchored(other), "unknown root reported anchored");
    }
}
