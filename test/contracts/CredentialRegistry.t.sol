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
            "did:web:tercera.cl",
            "CL",
            "https://example.edu",
            "ipfs://meta",
            keccak256("meta"),
            1
        );
        uint32 id = _admit(_profile("Tercera", "did:web:tercera.cl", "CL"));
        require(id == 3 && registry.institutionCount() == 3, "id");
        ICredentialRegistry.Institution memory inst = registry.getInstitution(3);
        require(_hash(inst.profile.name) == keccak256("Tercera"), "name");
        require(_hash(inst.profile.issuerId) == keccak256("did:web:tercera.cl"), "issuer id");
        require(inst.profile.country == "CL" && inst.profile.metadataHash == keccak256("meta"), "profile");
        require(_hash(inst.profile.website) == keccak256("https://example.edu"), "website");
        require(_hash(inst.profile.metadataURI) == keccak256("ipfs://meta"), "metadata URI");
        require(inst.status == ICredentialRegistry.InstitutionStatus.Active, "status");
        require(inst.admittedAt == START + 10 && inst.statusChangedAt == START + 10, "times");
        require(inst.updatedAt == START + 10, "updated at admission");
        require(inst.signingKeyCount == 0 && inst.identityVersion == 1, "keys and identity version");
        require(registry.institutionOfIssuerId("did:web:tercera.cl") == 3, "issuer id recorded");
    }

    function test_getInstitution_isAllZeroForAnUnknownId() public view {
        ICredentialRegistry.Institution memory inst = registry.getInstitution(9);
        require(inst.status == ICredentialRegistry.InstitutionStatus.None, "status");
        require(bytes(inst.profile.name).length == 0 && bytes(inst.profile.issuerId).length == 0, "texts");
        require(inst.admittedAt == 0 && inst.identityVersion == 0 && inst.signingKeyCount == 0, "numbers");
        require(registry.getSigningKeys(9).length == 0, "keys");
    }

    function test_admitInstitution_revertsForNonRegistrar() public {
        bytes32 role = registry.REGISTRAR_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, STRANGER, role)
        );
        vm.prank(STRANGER);
        registry.admitInstitution(_profile("X", "did:web:x.example", "MX"));
    }

    function test_admitInstitution_revertsOnEmptyName() public {
        vm.expectRevert(ICredentialRegistry.CredentialRegistryEmptyName.selector);
        _admit(_profile("", "did:web:x.example", "MX"));
    }

    function test_admitInstitution_revertsOnOverlongName() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryTextTooLong.selector, "name", 97, 96)
        );
        _admit(_profile(_repeat("a", 97), "did:web:x.example", "MX"));
        // The cap counts bytes, not characters: 48 two-byte letters fit, 49 do not.
        _admit(_profile(_repeat(unicode"ñ", 48), "did:web:y.example", "MX"));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryTextTooLong.selector, "name", 98, 96)
        );
        _admit(_profile(_repeat(unicode"ñ", 49), "did:web:z.example", "MX"));
    }

    function test_admitInstitution_acceptsANameOfExactlyTheCap() public {
        uint32 id = _admit(_profile(_repeat("a", 96), "did:web:x.example", "MX"));
        require(bytes(registry.getInstitution(id).profile.name).length == 96, "stored");
    }

    function test_admitInstitution_revertsOnControlCharactersInTheName() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryControlCharacter.selector, "name", 3)
        );
        _admit(_profile("Uni\nversity", "did:web:x.example", "MX"));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryControlCharacter.selector, "name", 1)
        );
        _admit(_profile(string(abi.encodePacked("U", bytes1(0x7f))), "did:web:x.example", "MX"));
    }

    function test_admitInstitution_revertsOnBadWebsiteOrMetadataURI() public {
        ICredentialRegistry.InstitutionProfile memory p = _profile("Ok", "did:web:x.example", "MX");
        p.website = string(new bytes(257));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryTextTooLong.selector, "website", 257, 256)
        );
        _admit(p);
        p.website = "";
        p.metadataURI = "ipfs://\t";
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryControlCharacter.selector, "metadataURI", 7)
        );
        _admit(p);
        p.metadataURI = string(new bytes(257));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryTextTooLong.selector, "metadataURI", 257, 256)
        );
        _admit(p);
    }

    function test_admitInstitution_acceptsEmptyAndFullLengthWebsiteAndMetadataURI() public {
        ICredentialRegistry.InstitutionProfile memory p = _profile("Ok", "did:web:x.example", "MX");
        p.website = "";
        p.metadataURI = "";
        p.metadataHash = bytes32(0);
        uint32 id = _admit(p);
        require(bytes(registry.getInstitution(id).profile.website).length == 0, "empty website");
        p.issuerId = "did:web:y.example";
        p.website = _repeat("w", 256);
        p.metadataURI = _repeat("m", 256);
        id = _admit(p);
        ICredentialRegistry.Institution memory inst = registry.getInstitution(id);
        require(bytes(inst.profile.website).length == 256 && bytes(inst.profile.metadataURI).length == 256, "cap");
    }

    function test_admitInstitution_revertsOnInvalidCountryCodes() public {
        bytes2[6] memory bad = [bytes2("mx"), bytes2("M1"), bytes2(0), bytes2("[A"), bytes2("@A"), bytes2("A[")];
        for (uint256 i; i < bad.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryInvalidCountryCode.selector, bad[i])
            );
            _admit(_profile("Ok", "did:web:x.example", bad[i]));
        }
        _admit(_profile("Ok", "did:web:x.example", "AZ"));
        _admit(_profile("Ok", "did:web:y.example", "ZA"));
        require(registry.institutionCount() == 4, "A and Z are letters");
    }

    function test_admitInstitution_revertsWithTheFirstProblemInProfileOrder() public {
        // Every field is bad: the name is checked first, then the issuer id, the website, the metadata URI and
        // the country code.
        ICredentialRegistry.InstitutionProfile memory p = ICredentialRegistry.InstitutionProfile({
            name: "",
            issuerId: "http://x",
            country: "mx",
            website: "\x01",
            metadataURI: "\x02",
            metadataHash: bytes32(0)
        });
        vm.expectRevert(ICredentialRegistry.CredentialRegistryEmptyName.selector);
        _admit(p);
        p.name = "Ok";
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryInvalidIssuerId.selector, "http://x")
        );
        _admit(p);
        p.issuerId = "https://x";
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryControlCharacter.selector, "website", 0)
        );
        _admit(p);
        p.website = "";
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryControlCharacter.selector, "metadataURI", 0)
        );
        _admit(p);
        p.metadataURI = "";
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryInvalidCountryCode.selector, bytes2("mx"))
        );
        _admit(p);
    }

    function test_updateInstitution_replacesTheProfileAndMirrorsTheCountryIntoKeys() public {
        (bytes32 root, bytes32[4] memory digests, bytes32[][4] memory proofs) = _fourLeafBatch(1, "u");
        _anchor(KEY, root, 4);
        vm.warp(START + 50);
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.InstitutionUpdated(
            1,
            "Nuevo",
            ISSUER_1,
            "PE",
            "https://example.edu",
            "ipfs://meta",
            keccak256("meta"),
            2
        );
        _update(1, _profile("Nuevo", ISSUER_1, "PE"));
        ICredentialRegistry.Institution memory inst = registry.getInstitution(1);
        require(inst.profile.country == "PE" && inst.updatedAt == START + 50, "updated");
        require(inst.admittedAt == START && inst.statusChangedAt == START, "other times unchanged");
        require(_hash(inst.profile.name) == keccak256("Nuevo") && inst.identityVersion == 2, "renamed");
        ICredentialRegistry.CredentialStatus memory s = registry.verifyCredential(1, 0, digests[0], proofs[0]);
        require(s.institutionCountry == "PE", "country mirrored");
        require(s.identityVersion == 1 && s.issuerIdentityHash == _identityHash(NAME_1, ISSUER_1), "name at anchoring");
        bytes32 later = keccak256("anchored under the new name");
        _anchor(KEY, later, 1);
        require(registry.verifyCredential(1, 0, later, new bytes32[](0)).root != later, "a digest is not a leaf");
        _anchorSingle(KEY, 1, later);
        s = _statusOfSingle(1, later);
        require(s.anchored && s.identityVersion == 2, "new batches carry the new identity version");
        require(s.issuerIdentityHash == _identityHash("Nuevo", ISSUER_1), "the new name and the same issuer id");
    }

    function test_updateInstitution_keepingTheCountryLeavesKeysAlone() public {
        _update(1, _profile("Mismo pais", ISSUER_1, "MX"));
        require(registry.getInstitution(1).profile.country == "MX", "country");
        (bytes32 root, bytes32[4] memory digests, bytes32[][4] memory proofs) = _fourLeafBatch(1, "same");
        _anchor(KEY, root, 4);
        require(registry.verifyCredential(1, 3, digests[3], proofs[3]).institutionCountry == "MX", "mirror");
    }

    function test_updateInstitution_isAllowedWhileSuspended() public {
        vm.prank(REGISTRAR);
        registry.suspendInstitution(1);
        _update(1, _profile("Suspendida", ISSUER_1, "MX"));
        ICredentialRegistry.Institution memory inst = registry.getInstitution(1);
        require(inst.status == ICredentialRegistry.InstitutionStatus.Suspended, "still suspended");
        require(inst.identityVersion == 2, "renamed");
    }

    function test_updateInstitution_validatesLikeAdmission() public {
        vm.startPrank(REGISTRAR);
        vm.expectRevert(ICredentialRegistry.CredentialRegistryEmptyName.selector);
        registry.updateInstitution(1, _profile("", ISSUER_1, "MX"));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryInvalidCountryCode.selector, bytes2("Mx"))
        );
        registry.updateInstitution(1, _profile(NAME_1, ISSUER_1, "Mx"));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryInvalidIssuerId.selector, "did:web:")
        );
        registry.updateInstitution(1, _profile(NAME_1, "did:web:", "MX"));
        vm.expectRevert(abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryBidiControl.selector, "name", 3));
        registry.updateInstitution(1, _profile(unicode"Uni\u202Ex", ISSUER_1, "MX"));
        vm.stopPrank();
        ICredentialRegistry.Institution memory inst = registry.getInstitution(1);
        require(_hash(inst.profile.name) == _hash(NAME_1) && inst.identityVersion == 1, "unchanged");
    }

    function test_updateInstitution_revertsForNonRegistrar() public {
        bytes32 role = registry.REGISTRAR_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, KEY, role));
        vm.prank(KEY);
        registry.updateInstitution(1, _profile("Propio", ISSUER_1, "MX"));
    }

    function test_updateInstitution_revertsForUnknownOrWithdrawn() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryUnknownInstitution.selector, uint32(9))
        );
        _update(9, _profile("X", "did:web:x.example", "MX"));
        vm.prank(REGISTRAR);
        registry.withdrawInstitution(1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryInvalidStatusTransition.selector,
                uint32(1),
                ICredentialRegistry.InstitutionStatus.Withdrawn
            )
        );
        _update(1, _profile("X", ISSUER_1, "MX"));
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

    function _repeat(string memory unit, uint256 times) private pure returns (string memory text) {
        for (uint256 i; i < times; ++i) {
            text = string.concat(text, unit);
        }
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
        registry.admitInstitution(_profile("Por otro registrador", "https://otro.edu.uy", "UY"));
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
        require(b.identityVersion == 1, "identity version");
        require(b.revokedAt == 0 && b.revocationReason == 0, "not revoked");
        require(registry.isAnchored(1, root), "anchored");
    }

    function test_anchorBatch_acceptsTheLargestCount() public {
        bytes32 root = keccak256("huge");
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.BatchAnchored(1, root);
        _anchor(KEY, root, type(uint32).max);
        require(registry.getBatch(1, root).count == type(uint32).max, "count");
    }

    function test_getBatch_isAllZeroForAnUnanchoredBatch() public view {
        ICredentialRegistry.Batch memory b = registry.getBatch(1, keccak256("never"));
        require(b.signingKey == address(0) && b.anchoredAt == 0 && b.count == 0, "facts");
        require(b.identityVersion == 0 && b.revokedAt == 0 && b.revocationReason == 0, "rest");
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

    function test_anchorBatchWithMetadata_checksTheKeyAndTheBatchLikeAnchorBatch() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryUnknownSigningKey.selector, STRANGER)
        );
        vm.prank(STRANGER);
        registry.anchorBatchWithMetadata(keccak256("m"), 1, "ipfs://m");
        vm.startPrank(KEY);
        vm.expectRevert(ICredentialRegistry.CredentialRegistryZeroRoot.selector);
        registry.anchorBatchWithMetadata(bytes32(0), 1, "ipfs://m");
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryEmptyBatch.selector, keccak256("m"))
        );
        registry.anchorBatchWithMetadata(keccak256("m"), 0, "ipfs://m");
        registry.anchorBatchWithMetadata(keccak256("m"), 1, "ipfs://m");
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryBatchAlreadyAnchored.selector,
                uint32(1),
                keccak256("m"),
                uint40(START)
            )
        );
        registry.anchorBatchWithMetadata(keccak256("m"), 1, "ipfs://other");
        vm.stopPrank();
        vm.prank(REGISTRAR);
        registry.removeSigningKey(KEY);
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistrySigningKeyRemoved.selector, KEY, uint40(START))
        );
        vm.prank(KEY);
        registry.anchorBatchWithMetadata(keccak256("n"), 1, "ipfs://n");
        vm.prank(REGISTRAR);
        registry.suspendInstitution(2);
        vm.expectRevert(
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryInstitutionNotActive.selector,
                uint32(2),
                ICredentialRegistry.InstitutionStatus.Suspended
            )
        );
        vm.prank(OTHER_KEY);
        registry.anchorBatchWithMetadata(keccak256("n"), 1, "ipfs://n");
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
