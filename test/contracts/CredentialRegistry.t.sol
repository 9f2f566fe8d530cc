// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
// solhint-disable-next-line max-line-length
import {IAccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {CredentialRegistry} from "../../contracts/CredentialRegistry.sol";
import {ICredentialRegistry} from "../../contracts/interfaces/ICredentialRegistry.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";
import {vm} from "./Vm.sol";

/// @notice Governance: roles, institutions and their lifecycle, validation.
contract CredentialRegistryGovernanceTest is RegistryTestBase {
    function test_constructor_setsAdminRegistrarAndDelay() public view {
        require(registry.defaultAdmin() == ADMIN, "admin");
        require(registry.defaultAdminDelay() == DELAY, "delay");
        require(registry.hasRole(registry.REGISTRAR_ROLE(), REGISTRAR), "registrar");
        require(!registry.hasRole(registry.REGISTRAR_ROLE(), ADMIN), "admin is not registrar");
        require(registry.FORMAT_TAG() == keccak256("acredita/credential/v1"), "format tag");
    }

    function test_constructor_revertsOnZeroRegistrar() public {
        vm.expectRevert(ICredentialRegistry.CredentialRegistryZeroAddress.selector);
        new CredentialRegistry(DELAY, ADMIN, address(0));
    }

    function test_constructor_revertsOnZeroAdmin() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector,
                address(0)
            )
        );
        new CredentialRegistry(DELAY, address(0), REGISTRAR);
    }

    function test_supportsInterface_advertisesTheRegistryAndAccessControl() public view {
        require(registry.supportsInterface(type(ICredentialRegistry).interfaceId), "registry");
        require(registry.supportsInterface(type(IAccessControl).interfaceId), "access control");
        require(registry.supportsInterface(type(IERC165).interfaceId), "erc165");
        require(!registry.supportsInterface(0xdeadbeef), "unknown");
    }

    function test_admitInstitution_assignsTheNextIdStoresTheProfileAndEmits() public {
        vm.warp(START + 10);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.InstitutionAdmitted(
            3,
            "Tercera",
            "CL",
            "https://example.edu",
            "ipfs://meta",
            keccak256("meta")
        );
        vm.prank(REGISTRAR);
        uint32 id = registry.admitInstitution(_profile("Tercera", "CL"));
        require(id == 3 && registry.institutionCount() == 3, "id");
        ICredentialRegistry.Institution memory inst = registry.getInstitution(3);
        require(keccak256(bytes(inst.profile.name)) == keccak256("Tercera"), "name");
        require(inst.profile.country == "CL" && inst.profile.metadataHash == keccak256("meta"), "profile");
        require(inst.status == ICredentialRegistry.InstitutionStatus.Active, "status");
        require(inst.admittedAt == START + 10 && inst.statusChangedAt == START + 10, "times");
        require(inst.signingKeyCount == 0, "keys");
    }

    function test_admitInstitution_revertsForNonRegistrar() public {
        bytes32 role = registry.REGISTRAR_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, STRANGER, role)
        );
        vm.prank(STRANGER);
        registry.admitInstitution(_profile("X", "MX"));
    }

    function test_admitInstitution_revertsOnEmptyName() public {
        vm.expectRevert(ICredentialRegistry.CredentialRegistryEmptyName.selector);
        vm.prank(REGISTRAR);
        registry.admitInstitution(_profile("", "MX"));
    }

    function test_admitInstitution_revertsOnOverlongName() public {
        bytes memory name = new bytes(97);
        for (uint256 i; i < 97; ++i) {
            name[i] = "a";
        }
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryTextTooLong.selector, "name", 97, 96)
        );
        vm.prank(REGISTRAR);
        registry.admitInstitution(_profile(string(name), "MX"));
    }

    function test_admitInstitution_acceptsANameOfExactlyTheCap() public {
        bytes memory name = new bytes(96);
        for (uint256 i; i < 96; ++i) {
            name[i] = "a";
        }
        vm.prank(REGISTRAR);
        uint32 id = registry.admitInstitution(_profile(string(name), "MX"));
        require(bytes(registry.getInstitution(id).profile.name).length == 96, "stored");
    }

    function test_admitInstitution_revertsOnControlCharactersInTheName() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryControlCharacter.selector, "name", 3)
        );
        vm.prank(REGISTRAR);
        registry.admitInstitution(_profile("Uni\nversity", "MX"));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryControlCharacter.selector, "name", 1)
        );
        vm.prank(REGISTRAR);
        registry.admitInstitution(_profile(string(abi.encodePacked("U", bytes1(0x7f))), "MX"));
    }

    function test_admitInstitution_revertsOnBadWebsiteOrMetadataURI() public {
        ICredentialRegistry.InstitutionProfile memory p = _profile("Ok", "MX");
        p.website = string(new bytes(257));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryTextTooLong.selector, "website", 257, 256)
        );
        vm.prank(REGISTRAR);
        registry.admitInstitution(p);
        p.website = "";
        p.metadataURI = "ipfs://\t";
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryControlCharacter.selector, "metadataURI", 7)
        );
        vm.prank(REGISTRAR);
        registry.admitInstitution(p);
    }

    function test_admitInstitution_revertsOnInvalidCountryCodes() public {
        bytes2[4] memory bad = [bytes2("mx"), bytes2("M1"), bytes2(0), bytes2("[A")];
        for (uint256 i; i < bad.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryInvalidCountryCode.selector, bad[i])
            );
            vm.prank(REGISTRAR);
            registry.admitInstitution(_profile("Ok", bad[i]));
        }
    }

    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_admitInstitution_acceptsExactlyNonEmptyShortPrintableNames(bytes memory name) public {
        bool printable = true;
        for (uint256 i; i < name.length; ++i) {
            if (uint8(name[i]) < 0x20 || uint8(name[i]) == 0x7f) {
                printable = false;
            }
        }
        bool acceptable = name.length != 0 && name.length <= 96 && printable;
        vm.prank(REGISTRAR);
        if (!acceptable) {
            vm.expectRevert();
        }
        registry.admitInstitution(_profile(string(name), "MX"));
        require(registry.institutionCount() == (acceptable ? 3 : 2), "count");
    }

    function test_updateInstitution_replacesTheProfileAndMirrorsTheCountryIntoKeys() public {
        (bytes32 root, bytes32[4] memory digests, bytes32[][4] memory proofs) = _fourLeafBatch(1, "u");
        _anchor(KEY, root, 4);
        vm.warp(START + 50);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.InstitutionUpdated(
            1,
            "Nuevo",
            "PE",
            "https://example.edu",
            "ipfs://meta",
            keccak256("meta")
        );
        vm.prank(REGISTRAR);
        registry.updateInstitution(1, _profile("Nuevo", "PE"));
        ICredentialRegistry.Institution memory inst = registry.getInstitution(1);
        require(inst.profile.country == "PE" && inst.updatedAt == START + 50, "updated");
        ICredentialRegistry.CredentialStatus memory s = registry.verifyCredential(1, 0, digests[0], proofs[0]);
        require(s.institutionCountry == "PE", "country mirrored");
        require(s.institutionNameHash == bytes12(keccak256("Universidad Demo")), "the name at anchoring stays");
        bytes32 later = keccak256("anchored under the new name");
        _anchor(KEY, later, 1);
        require(registry.verifyCredential(1, 0, later, new bytes32[](0)).root != later, "a digest is not a leaf");
        bytes32 leaf = registry.credentialLeaf(1, 0, later);
        _anchor(KEY, leaf, 1);
        s = registry.verifyCredential(1, 0, later, new bytes32[](0));
        require(s.anchored && s.institutionNameHash == bytes12(keccak256("Nuevo")), "new batches carry the new name");
    }

    function test_updateInstitution_keepingTheCountryLeavesKeysAlone() public {
        vm.prank(REGISTRAR);
        registry.updateInstitution(1, _profile("Mismo pais", "MX"));
        require(registry.getInstitution(1).profile.country == "MX", "country");
    }

    function test_updateInstitution_revertsForUnknownOrWithdrawn() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryUnknownInstitution.selector, uint32(9))
        );
        vm.prank(REGISTRAR);
        registry.updateInstitution(9, _profile("X", "MX"));
        vm.prank(REGISTRAR);
        registry.withdrawInstitution(1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryInvalidStatusTransition.selector,
                uint32(1),
                ICredentialRegistry.InstitutionStatus.Withdrawn
            )
        );
        vm.prank(REGISTRAR);
        registry.updateInstitution(1, _profile("X", "MX"));
    }

    function test_lifecycle_suspendReinstateWithdrawAreTimestampedAndEvented() public {
        vm.warp(START + 100);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.InstitutionSuspended(1);
        vm.prank(REGISTRAR);
        registry.suspendInstitution(1);
        ICredentialRegistry.Institution memory inst = registry.getInstitution(1);
        require(inst.status == ICredentialRegistry.InstitutionStatus.Suspended, "suspended");
        require(inst.statusChangedAt == START + 100, "suspended at");

        vm.warp(START + 200);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.InstitutionReinstated(1);
        vm.prank(REGISTRAR);
        registry.reinstateInstitution(1);
        require(registry.getInstitution(1).status == ICredentialRegistry.InstitutionStatus.Active, "reinstated");

        vm.warp(START + 300);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.InstitutionWithdrawn(1);
        vm.prank(REGISTRAR);
        registry.withdrawInstitution(1);
        inst = registry.getInstitution(1);
        require(inst.status == ICredentialRegistry.InstitutionStatus.Withdrawn, "withdrawn");
        require(inst.statusChangedAt == START + 300, "withdrawn at");
    }

    function test_lifecycle_rejectsTransitionsFromTheWrongStatus() public {
        _expectTransition(1, ICredentialRegistry.InstitutionStatus.Active);
        registry.reinstateInstitution(1);
        vm.prank(REGISTRAR);
        registry.suspendInstitution(1);
        _expectTransition(1, ICredentialRegistry.InstitutionStatus.Suspended);
        registry.suspendInstitution(1);
        vm.prank(REGISTRAR);
        registry.withdrawInstitution(1);
        _expectTransition(1, ICredentialRegistry.InstitutionStatus.Withdrawn);
        registry.withdrawInstitution(1);
        _expectTransition(1, ICredentialRegistry.InstitutionStatus.Withdrawn);
        registry.reinstateInstitution(1);
        _expectTransition(1, ICredentialRegistry.InstitutionStatus.Withdrawn);
        registry.suspendInstitution(1);
    }

    function test_lifecycle_rejectsUnknownInstitutions() public {
        bytes memory unknown = abi.encodeWithSelector(
            ICredentialRegistry.CredentialRegistryUnknownInstitution.selector,
            uint32(0)
        );
        vm.startPrank(REGISTRAR);
        vm.expectRevert(unknown);
        registry.suspendInstitution(0);
        vm.expectRevert(unknown);
        registry.reinstateInstitution(0);
        vm.expectRevert(unknown);
        registry.withdrawInstitution(0);
        vm.stopPrank();
    }

    function _expectTransition(uint32 id, ICredentialRegistry.InstitutionStatus status) private {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryInvalidStatusTransition.selector, id, status)
        );
        vm.prank(REGISTRAR);
    }
}

/// @notice Default-admin rules: no direct grant, delayed two-step transfer.
contract CredentialRegistryAdminTest is RegistryTestBase {
    address internal constant NEW_ADMIN = address(0xA2);

    function test_grantRole_refusesTheDefaultAdminRoleEvenToTheAdmin() public {
        vm.expectRevert(IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminRules.selector);
        vm.prank(ADMIN);
        registry.grantRole(0x00, NEW_ADMIN);
    }

    function test_acceptDefaultAdminTransfer_refusesAnEarlyAcceptance() public {
        vm.prank(ADMIN);
        registry.beginDefaultAdminTransfer(NEW_ADMIN);
        (, uint48 schedule) = registry.pendingDefaultAdmin();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControlDefaultAdminRules.AccessControlEnforcedDefaultAdminDelay.selector,
                schedule
            )
        );
        vm.prank(NEW_ADMIN);
        registry.acceptDefaultAdminTransfer();
    }

    function test_acceptDefaultAdminTransfer_refusesTheWrongAccount() public {
        vm.prank(ADMIN);
        registry.beginDefaultAdminTransfer(NEW_ADMIN);
        vm.warp(START + DELAY + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControlDefaultAdminRules.AccessControlInvalidDefaultAdmin.selector, STRANGER)
        );
        vm.prank(STRANGER);
        registry.acceptDefaultAdminTransfer();
    }

    function test_acceptDefaultAdminTransfer_movesTheRoleAfterTheDelay() public {
        vm.prank(ADMIN);
        registry.beginDefaultAdminTransfer(NEW_ADMIN);
        vm.warp(START + DELAY + 1);
        vm.prank(NEW_ADMIN);
        registry.acceptDefaultAdminTransfer();
        require(registry.defaultAdmin() == NEW_ADMIN, "new admin");
        require(!registry.hasRole(0x00, ADMIN), "old admin dropped");
    }

    function test_grantRole_letsTheAdminAppointAnotherRegistrar() public {
        bytes32 role = registry.REGISTRAR_ROLE();
        vm.prank(ADMIN);
        registry.grantRole(role, NEW_ADMIN);
        vm.prank(NEW_ADMIN);
        registry.admitInstitution(_profile("Por otro registrador", "UY"));
        require(registry.institutionCount() == 3, "admitted");
    }

    function test_registry_refusesEther() public {
        vm.deal(address(this), 1 ether);
        (bool ok, ) = address(registry).call{value: 1}("");
        require(!ok, "plain transfer accepted");
        (ok, ) = address(registry).call{value: 1}(abi.encodeCall(registry.anchorBatch, (bytes32(uint256(1)), 1)));
        require(!ok, "payment with a call accepted");
        require(address(registry).balance == 0, "balance");
    }
}

/// @notice Signing keys: add, remove, compromise.
contract CredentialRegistryKeysTest is RegistryTestBase {
    function test_addSigningKey_recordsTheKeyAndEmits() public {
        address key = address(0x1234);
        vm.warp(START + 5);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.SigningKeyAdded(1, key, 3);
        vm.prank(REGISTRAR);
        registry.addSigningKey(1, key);
        ICredentialRegistry.SigningKey memory k = registry.getSigningKey(key);
        require(k.institutionId == 1 && k.keyId == 3 && k.addedAt == START + 5, "record");
        require(k.removedAt == 0 && k.compromisedFrom == 0, "active");
        address[] memory keys = registry.getSigningKeys(1);
        require(keys.length == 2 && keys[0] == KEY && keys[1] == key, "list");
    }

    function test_addSigningKey_rejectsZeroReusedAndForeignKeys() public {
        vm.startPrank(REGISTRAR);
        vm.expectRevert(ICredentialRegistry.CredentialRegistryZeroAddress.selector);
        registry.addSigningKey(1, address(0));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryKeyAlreadyRegistered.selector, OTHER_KEY, 2)
        );
        registry.addSigningKey(1, OTHER_KEY);
        registry.removeSigningKey(KEY);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryKeyAlreadyRegistered.selector, KEY, 1)
        );
        registry.addSigningKey(1, KEY);
        vm.stopPrank();
    }

    function test_addSigningKey_rejectsUnknownAndWithdrawnInstitutions() public {
        vm.startPrank(REGISTRAR);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryUnknownInstitution.selector, uint32(7))
        );
        registry.addSigningKey(7, address(0x77));
        registry.withdrawInstitution(2);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryInvalidStatusTransition.selector,
                uint32(2),
                ICredentialRegistry.InstitutionStatus.Withdrawn
            )
        );
        registry.addSigningKey(2, address(0x77));
        vm.stopPrank();
    }

    function test_addSigningKey_capsKeysPerInstitution() public {
        vm.startPrank(REGISTRAR);
        for (uint160 i = 1; i < 32; ++i) {
            registry.addSigningKey(1, address(0x10000 + i));
        }
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryTooManySigningKeys.selector, uint32(1), 32)
        );
        registry.addSigningKey(1, address(0x20000));
        vm.stopPrank();
        require(registry.getInstitution(1).signingKeyCount == 32, "count");
    }

    function test_removeSigningKey_stopsAnchoringButKeepsEarlierBatchesValid() public {
        (bytes32 root, bytes32[4] memory digests, bytes32[][4] memory proofs) = _fourLeafBatch(1, "r");
        _anchor(KEY, root, 4);
        vm.warp(START + 60);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.SigningKeyRemoved(1, KEY);
        vm.prank(REGISTRAR);
        registry.removeSigningKey(KEY);
        require(registry.getSigningKey(KEY).removedAt == START + 60, "removedAt");
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistrySigningKeyRemoved.selector,
                KEY,
                uint40(START + 60)
            )
        );
        vm.prank(KEY);
        registry.anchorBatch(keccak256("after removal"), 1);
        ICredentialRegistry.CredentialStatus memory s = registry.verifyCredential(1, 2, digests[2], proofs[2]);
        require(s.root == root && s.anchored && s.keyValidAtAnchoring, "earlier batch still valid");
    }

    function test_removeSigningKey_rejectsUnknownAndAlreadyRemovedKeys() public {
        vm.startPrank(REGISTRAR);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryUnknownSigningKey.selector, STRANGER)
        );
        registry.removeSigningKey(STRANGER);
        registry.removeSigningKey(KEY);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistrySigningKeyRemoved.selector, KEY, uint40(START))
        );
        registry.removeSigningKey(KEY);
        vm.stopPrank();
    }

    function test_declareKeyCompromised_invalidatesBatchesFromThatTimeOnly() public {
        (bytes32 before, bytes32[4] memory d1, bytes32[][4] memory p1) = _fourLeafBatch(1, "before");
        _anchor(KEY, before, 4);
        vm.warp(START + 1000);
        (bytes32 afterRoot, bytes32[4] memory d2, bytes32[][4] memory p2) = _fourLeafBatch(1, "after");
        _anchor(KEY, afterRoot, 4);
        vm.warp(START + 2000);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.SigningKeyRemoved(1, KEY);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.SigningKeyCompromised(1, KEY, uint40(START + 1000));
        vm.prank(REGISTRAR);
        registry.declareKeyCompromised(KEY, uint40(START + 1000));
        ICredentialRegistry.CredentialStatus memory ok = registry.verifyCredential(1, 0, d1[0], p1[0]);
        require(ok.keyValidAtAnchoring && ok.keyCompromisedFrom == START + 1000, "before stays valid");
        ICredentialRegistry.CredentialStatus memory bad = registry.verifyCredential(1, 0, d2[0], p2[0]);
        require(bad.root == afterRoot && bad.anchored && !bad.keyValidAtAnchoring, "at the compromise time is invalid");
        ICredentialRegistry.SigningKey memory k = registry.getSigningKey(KEY);
        require(k.removedAt == START + 2000 && k.compromisedFrom == START + 1000, "record");
    }

    function test_declareKeyCompromised_canOnlyMoveEarlierAndNotIntoTheFuture() public {
        vm.warp(START + 500);
        vm.startPrank(REGISTRAR);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryCompromiseInFuture.selector,
                uint40(START + 501),
                uint40(START + 500)
            )
        );
        registry.declareKeyCompromised(KEY, uint40(START + 501));
        registry.declareKeyCompromised(KEY, uint40(START + 400));
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryCompromiseNotEarlier.selector,
                KEY,
                uint40(START + 400),
                uint40(START + 400)
            )
        );
        registry.declareKeyCompromised(KEY, uint40(START + 400));
        // Moving earlier on an already removed key emits no second removal.
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.SigningKeyCompromised(1, KEY, 1);
        registry.declareKeyCompromised(KEY, 0);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryUnknownSigningKey.selector, STRANGER)
        );
        registry.declareKeyCompromised(STRANGER, 1);
        vm.stopPrank();
        require(registry.getSigningKey(KEY).compromisedFrom == 1, "zero recorded as one");
    }
}

/// @notice Anchoring.
contract CredentialRegistryAnchorTest is RegistryTestBase {
    function test_anchorBatch_recordsTheBatchAndEmits() public {
        bytes32 root = keccak256("batch");
        vm.warp(START + 7);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.BatchAnchored(1, root);
        _anchor(KEY, root, 25);
        ICredentialRegistry.Batch memory b = registry.getBatch(1, root);
        require(b.signingKey == KEY && b.anchoredAt == START + 7 && b.count == 25, "batch");
        require(b.revokedAt == 0 && b.revocationReason == 0, "not revoked");
    }

    function test_anchorBatch_rejectsZeroRootEmptyBatchAndASecondAnchor() public {
        vm.startPrank(KEY);
        vm.expectRevert(ICredentialRegistry.CredentialRegistryZeroRoot.selector);
        registry.anchorBatch(bytes32(0), 1);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryEmptyBatch.selector, keccak256("e"))
        );
        registry.anchorBatch(keccak256("e"), 0);
        registry.anchorBatch(keccak256("once"), 2);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryBatchAlreadyAnchored.selector,
                uint32(1),
                keccak256("once"),
                uint40(START)
            )
        );
        registry.anchorBatch(keccak256("once"), 3);
        vm.stopPrank();
        require(registry.getBatch(1, keccak256("once")).count == 2, "write-once");
    }

    function test_anchorBatch_anotherInstitutionCannotFrontRunARoot() public {
        bytes32 root = keccak256("contested");
        _anchor(OTHER_KEY, root, 9); // the "front-runner" anchors first
        _anchor(KEY, root, 4); // the rightful institution still anchors under its own id
        require(registry.getBatch(1, root).signingKey == KEY && registry.getBatch(1, root).count == 4, "own");
        require(registry.getBatch(2, root).signingKey == OTHER_KEY, "theirs is separate");
    }

    function test_anchorBatch_rejectsStrangersAndInactiveInstitutions() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryUnknownSigningKey.selector, STRANGER)
        );
        _anchor(STRANGER, keccak256("x"), 1);
        vm.prank(REGISTRAR);
        registry.suspendInstitution(1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryInstitutionNotActive.selector,
                uint32(1),
                ICredentialRegistry.InstitutionStatus.Suspended
            )
        );
        _anchor(KEY, keccak256("x"), 1);
        vm.prank(REGISTRAR);
        registry.reinstateInstitution(1);
        _anchor(KEY, keccak256("x"), 1);
        vm.prank(REGISTRAR);
        registry.withdrawInstitution(1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryInstitutionNotActive.selector,
                uint32(1),
                ICredentialRegistry.InstitutionStatus.Withdrawn
            )
        );
        _anchor(KEY, keccak256("y"), 1);
    }

    function test_anchorBatchWithMetadata_emitsTheUriWithoutStoringIt() public {
        bytes32 root = keccak256("meta batch");
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.BatchAnchored(1, root);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.BatchMetadataPublished(1, root, "ipfs://manifest");
        vm.prank(KEY);
        registry.anchorBatchWithMetadata(root, 3, "ipfs://manifest");
        require(registry.getBatch(1, root).count == 3, "anchored");
    }

    function test_anchorBatchWithMetadata_validatesTheUri() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryControlCharacter.selector, "metadataURI", 0)
        );
        vm.prank(KEY);
        registry.anchorBatchWithMetadata(keccak256("m"), 3, "\x00");
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryTextTooLong.selector, "metadataURI", 300, 256)
        );
        vm.prank(KEY);
        registry.anchorBatchWithMetadata(keccak256("m"), 3, string(new bytes(300)));
    }

    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_anchorBatch_isWriteOncePerInstitutionAndRoot(bytes32 root, uint32 count, uint32 second) public {
        vm.assume(root != bytes32(0) && count != 0);
        _anchor(KEY, root, count);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryBatchAlreadyAnchored.selector,
                uint32(1),
                root,
                uint40(START)
            )
        );
        _anchor(KEY, root, second == 0 ? 1 : second);
        ICredentialRegistry.Batch memory b = registry.getBatch(1, root);
        require(b.count == count && b.signingKey == KEY, "unchanged");
        require(registry.getBatch(2, root).anchoredAt == 0, "other institution untouched");
    }
}
