// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {CredentialRegistry} from "../../contracts/CredentialRegistry.sol";
import {ICredentialRegistry} from "../../contracts/interfaces/ICredentialRegistry.sol";
import {vm} from "./Vm.sol";

contract CredentialRegistryTest {
    CredentialRegistry internal registry;
    address internal constant KEY = address(0xBEEF);

    function setUp() public {
        registry = new CredentialRegistry(2 days, address(this), address(this));
        registry.admitInstitution(
            ICredentialRegistry.InstitutionProfile("Universidad Demo", bytes2("MX"), "", "", bytes32(0))
        );
        registry.addSigningKey(1, KEY);
    }

    function test_anchorBatch_recordsTheBatch() public {
        bytes32 root = keccak256("batch");
        vm.prank(KEY);
        registry.anchorBatch(root, 3);
        ICredentialRegistry.Batch memory batch = registry.getBatch(1, root);
        require(batch.signingKey == KEY && batch.count == 3, "batch not recorded");
    }
}
