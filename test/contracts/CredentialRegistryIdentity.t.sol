// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ICredentialRegistry} from "../../contracts/interfaces/ICredentialRegistry.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";
import {vm} from "./Vm.sol";

/// @notice Issuer identities: versions recorded on admission and on every change of the name or the issuer id,
/// batches that keep the identity they were anchored under, and issuer ids that are never reused.
contract CredentialRegistryIdentityTest is RegistryTestBase {
    string internal constant NEW_NAME = "Universidad Demo de Mexico";
    string internal constant NEW_ISSUER = "https://demo.edu.mx/issuer";

    function _assertIdentity(
        uint32 id,
        uint32 version,
        string memory name,
        string memory issuerId,
        string memory what
    ) internal view {
        ICredentialRegistry.IssuerIdentity memory identity = registry.getIssuerIdentity(id, version);
        require(identity.nameHash == _hash(name) && identity.issuerIdHash == _hash(issuerId), what);
        require(identity.identityHash == _identityHash(name, issuerId), what);
    }

    /// @dev What the view reports for an anchored credential: the version its batch recorded and that version's
    /// identity hash.
    function _assertStatusIdentity(
        ICredentialRegistry.CredentialStatus memory s,
        uint32 version,
        string memory name,
        string memory issuerId,
        string memory what
    ) internal pure {
        require(s.identityVersion == version && s.issuerIdentityHash == _identityHash(name, issuerId), what);
    }

    function _assertNoIdentity(uint32 id, uint32 version, string memory what) internal view {
        ICredentialRegistry.IssuerIdentity memory identity = registry.getIssuerIdentity(id, version);
        require(identity.identityHash == 0 && identity.nameHash == 0 && identity.issuerIdHash == 0, what);
    }

    function _version(uint32 id) internal view returns (uint32) {
        return registry.getInstitution(id).identityVersion;
    }

    function _expectUpdated(ICredentialRegistry.InstitutionProfile memory p, uint32 version) internal {
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.InstitutionUpdated(
            1,
            p.name,
            p.issuerId,
            p.country,
            p.website,
            p.metadataURI,
            p.metadataHash,
            version
        );
    }

    // ------------------------------------------------------------------------------------- versions

    function test_admission_recordsVersionOne() public {
        require(_version(1) == 1 && _version(2) == 1, "version 1");
        _assertIdentity(1, 1, NAME_1, ISSUER_1, "institution 1");
        _assertIdentity(2, 1, NAME_2, ISSUER_2, "institution 2");
        _assertNoIdentity(1, 0, "no version 0");
        _assertNoIdentity(1, 2, "no version 2 yet");
        _assertNoIdentity(9, 1, "unknown institution");
        vm.expectEmit(address(registry));
        emit ICredentialRegistry.InstitutionAdmitted(
            3,
            unicode"Ñandú Instituto",
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "PY",
            "https://example.edu",
            "ipfs://meta",
            keccak256("meta"),
            1
        );
        uint32 id = _admit(
            _profile(unicode"Ñandú Instituto", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "PY")
        );
        _assertIdentity(
            id,
            1,
            unicode"Ñandú Instituto",
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "institution 3"
        );
    }

    function test_update_aNewNameRecordsTheNextVersion() public {
        ICredentialRegistry.InstitutionProfile memory p = _profile(NEW_NAME, ISSUER_1, "MX");
        _expectUpdated(p, 2);
        _update(1, p);
        require(_version(1) == 2, "version 2");
        _assertIdentity(1, 1, NAME_1, ISSUER_1, "version 1 kept");
        _assertIdentity(1, 2, NEW_NAME, ISSUER_1, "version 2");
        _assertNoIdentity(1, 3, "no version 3");
        require(_version(2) == 1, "the other institution is untouched");
    }

    function test_update_aNewIssuerIdRecordsTheNextVersion() public {
        ICredentialRegistry.InstitutionProfile memory p = _profile(NAME_1, NEW_ISSUER, "MX");
        _expectUpdated(p, 2);
        _update(1, p);
        require(_version(1) == 2, "version 2");
        require(_hash(registry.getInstitution(1).profile.issuerId) == _hash(NEW_ISSUER), "stored");
        _assertIdentity(1, 1, NAME_1, ISSUER_1, "version 1 kept");
        _assertIdentity(1, 2, NAME_1, NEW_ISSUER, "version 2");
        require(registry.institutionOfIssuerId(NEW_ISSUER) == 1, "new id recorded");
        require(registry.institutionOfIssuerId(ISSUER_1) == 1, "the former id stays recorded");
    }

    function test_update_aNewNameAndIssuerIdAtOnceRecordOneVersion() public {
        ICredentialRegistry.InstitutionProfile memory p = _profile(NEW_NAME, NEW_ISSUER, "MX");
        _expectUpdated(p, 2);
        _update(1, p);
        require(_version(1) == 2, "one version");
        _assertIdentity(1, 2, NEW_NAME, NEW_ISSUER, "version 2");
        _assertNoIdentity(1, 3, "no version 3");
    }

    function test_update_changingOnlyWebsiteCountryOrMetadataKeepsTheVersion() public {
        ICredentialRegistry.InstitutionProfile memory p = _profile(NAME_1, ISSUER_1, "CO");
        p.website = "https://otra.example.co";
        p.metadataURI = "ipfs://otra";
        p.metadataHash = keccak256("otra");
        vm.warp(START + 5);
        _expectUpdated(p, 1);
        _update(1, p);
        ICredentialRegistry.Institution memory inst = registry.getInstitution(1);
        require(inst.identityVersion == 1 && inst.updatedAt == START + 5, "same version, new update time");
        require(inst.profile.country == "CO" && inst.profile.metadataHash == keccak256("otra"), "stored");
        _assertIdentity(1, 1, NAME_1, ISSUER_1, "version 1");
        _assertNoIdentity(1, 2, "no version 2");
        // The very same profile again: still no new version.
        _expectUpdated(p, 1);
        _update(1, p);
        require(_version(1) == 1, "idempotent");
    }

    function test_update_aNameDifferingOnlyInCaseIsANewVersion() public {
        _update(1, _profile("UNIVERSIDAD DEMO", ISSUER_1, "MX"));
        require(_version(1) == 2, "names are compared byte for byte");
    }

    function test_update_goingBackToAnEarlierIdentityRecordsAnotherVersion() public {
        _update(1, _profile(NEW_NAME, NEW_ISSUER, "MX"));
        _expectUpdated(_profile(NAME_1, ISSUER_1, "MX"), 3);
        _update(1, _profile(NAME_1, ISSUER_1, "MX"));
        require(_version(1) == 3, "version 3");
        _assertIdentity(1, 1, NAME_1, ISSUER_1, "version 1");
        _assertIdentity(1, 2, NEW_NAME, NEW_ISSUER, "version 2");
        _assertIdentity(1, 3, NAME_1, ISSUER_1, "version 3 equals version 1");
    }

    function test_update_whileSuspendedRecordsTheVersionUsedAfterReinstatement() public {
        vm.prank(REGISTRAR);
        registry.suspendInstitution(1);
        _update(1, _profile(NEW_NAME, ISSUER_1, "MX"));
        vm.prank(REGISTRAR);
        registry.reinstateInstitution(1);
        bytes32 root = _anchorSingle(KEY, 1, "after reinstatement");
        require(registry.getBatch(1, root).identityVersion == 2, "current version");
        ICredentialRegistry.CredentialStatus memory s = _statusOfSingle(1, "after reinstatement");
        _assertStatusIdentity(s, 2, NEW_NAME, ISSUER_1, "identity");
    }

    // ------------------------------------------------------------------------------------- batches

    function test_batch_anchoredBeforeARenameKeepsReportingTheOldIdentity() public {
        (bytes32 before, bytes32[4] memory d1, bytes32[][4] memory p1) = _fourLeafBatch(1, "before the rename");
        _anchor(KEY, before, 4);
        vm.warp(START + 100);
        _update(1, _profile(NEW_NAME, NEW_ISSUER, "MX"));
        (bytes32 afterRoot, bytes32[4] memory d2, bytes32[][4] memory p2) = _fourLeafBatch(1, "after the rename");
        _anchor(KEY, afterRoot, 4);
        // A change that records no version leaves both batches alone too.
        _update(1, _profile(NEW_NAME, NEW_ISSUER, "BR"));

        require(registry.getBatch(1, before).identityVersion == 1, "old batch: version 1");
        require(registry.getBatch(1, afterRoot).identityVersion == 2, "new batch: version 2");
        for (uint32 i; i < 4; ++i) {
            ICredentialRegistry.CredentialStatus memory s = registry.verifyCredential(1, i, d1[i], p1[i]);
            require(s.root == before && s.anchored, "old batch verifies");
            _assertStatusIdentity(s, 1, NAME_1, ISSUER_1, "old identity");
            require(s.institutionCountry == "BR", "the country is the current one");
            s = registry.verifyCredential(1, i, d2[i], p2[i]);
            require(s.root == afterRoot && s.anchored, "new batch verifies");
            _assertStatusIdentity(s, 2, NEW_NAME, NEW_ISSUER, "new identity");
        }
        ICredentialRegistry.CredentialQuery[] memory q = new ICredentialRegistry.CredentialQuery[](2);
        q[0] = ICredentialRegistry.CredentialQuery(1, 0, d1[0], p1[0]);
        q[1] = ICredentialRegistry.CredentialQuery(1, 0, d2[0], p2[0]);
        ICredentialRegistry.CredentialStatus[] memory both = registry.verifyCredentials(q);
        _assertStatusIdentity(both[0], 1, NAME_1, ISSUER_1, "batched, old");
        _assertStatusIdentity(both[1], 2, NEW_NAME, NEW_ISSUER, "batched, new");
    }

    function test_batch_everyKeyAnchorsUnderTheCurrentIdentity() public {
        address second = address(0x5EC0);
        address removed = address(0xDEAD);
        vm.startPrank(REGISTRAR);
        registry.addSigningKey(1, second);
        registry.addSigningKey(1, removed);
        registry.removeSigningKey(removed);
        vm.stopPrank();
        _update(1, _profile(NEW_NAME, ISSUER_1, "MX"));
        address late = address(0x1A7E);
        vm.prank(REGISTRAR);
        registry.addSigningKey(1, late); // added after the rename
        bytes32 r1 = _anchorSingle(KEY, 1, "first key");
        bytes32 r2 = _anchorSingle(second, 1, "second key");
        bytes32 r3 = _anchorSingle(late, 1, "late key");
        require(registry.getBatch(1, r1).identityVersion == 2, "first key");
        require(registry.getBatch(1, r2).identityVersion == 2, "second key");
        require(registry.getBatch(1, r3).identityVersion == 2, "late key");
        _update(1, _profile(NAME_1, NEW_ISSUER, "MX"));
        bytes32 r4 = _anchorSingle(late, 1, "late key, version 3");
        require(registry.getBatch(1, r4).identityVersion == 3, "version 3");
        require(registry.getBatch(1, r3).identityVersion == 2, "earlier batch unchanged");
        ICredentialRegistry.CredentialStatus memory s = _statusOfSingle(1, "late key, version 3");
        _assertStatusIdentity(s, 3, NAME_1, NEW_ISSUER, "version 3");
    }

    function test_batch_institutionsVersionIndependently() public {
        _update(1, _profile(NEW_NAME, ISSUER_1, "MX"));
        bytes32 root = _anchorSingle(OTHER_KEY, 2, "institution 2");
        require(registry.getBatch(2, root).identityVersion == 1, "institution 2 is still at version 1");
        ICredentialRegistry.CredentialStatus memory s = _statusOfSingle(2, "institution 2");
        _assertStatusIdentity(s, 1, NAME_2, ISSUER_2, "its own identity");
    }

    // ------------------------------------------------------------------------------------- the identity hash

    function test_identityHash_joinsTheNameAndIssuerIdHashesOfItsVersion() public {
        _update(1, _profile(NEW_NAME, ISSUER_1, "MX"));
        _update(1, _profile(NEW_NAME, NEW_ISSUER, "MX"));
        for (uint32 v = 1; v <= 3; ++v) {
            ICredentialRegistry.IssuerIdentity memory identity = registry.getIssuerIdentity(1, v);
            require(identity.nameHash != 0 && identity.issuerIdHash != 0, "recorded");
            require(identity.identityHash == keccak256(abi.encode(identity.nameHash, identity.issuerIdHash)), "joined");
        }
    }

    function test_identityHash_aChangeOfEitherTextChangesItAndTheTextHashesTellWhich() public {
        // The name moves one character into the issuer id's place and back: the texts' concatenation is the same,
        // but the hash joins the two text hashes, so every version's identity hash differs.
        _admit(_profile("Inst", "did:web:a.example", "MX")); // institution 3
        _update(3, _profile("Ins", "did:web:a.example", "MX")); // version 2: the name
        _update(3, _profile("Ins", "https://a.example", "MX")); // version 3: the issuer id
        ICredentialRegistry.IssuerIdentity memory v1 = registry.getIssuerIdentity(3, 1);
        ICredentialRegistry.IssuerIdentity memory v2 = registry.getIssuerIdentity(3, 2);
        ICredentialRegistry.IssuerIdentity memory v3 = registry.getIssuerIdentity(3, 3);
        require(v1.identityHash != v2.identityHash && v2.identityHash != v3.identityHash, "each change shows");
        require(v1.identityHash != v3.identityHash, "both changes show");
        require(v1.nameHash != v2.nameHash && v1.issuerIdHash == v2.issuerIdHash, "version 2: the name differs");
        require(v2.nameHash == v3.nameHash && v2.issuerIdHash != v3.issuerIdHash, "version 3: the issuer id differs");
        // Two institutions whose name and issuer id swap places do not share an identity hash.
        _admit(_profile("did:web:swap.example", "did:web:swap2.example", "MX"));
        _admit(_profile("did:web:swap2.example", "did:web:swap.example", "MX"));
        require(registry.getIssuerIdentity(4, 1).identityHash != registry.getIssuerIdentity(5, 1).identityHash, "swap");
    }

    // ------------------------------------------------------------------------------------- issuer ids are not reused

    function _taken(string memory issuerId, uint32 owner) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryIssuerIdTaken.selector, issuerId, owner);
    }

    function test_issuerId_anotherInstitutionsCurrentIdIsRefused() public {
        vm.expectRevert(_taken(ISSUER_2, 2));
        _admit(_profile("Copia", ISSUER_2, "AR"));
        vm.expectRevert(_taken(ISSUER_2, 2));
        _update(1, _profile(NAME_1, ISSUER_2, "MX"));
        vm.expectRevert(_taken(ISSUER_1, 1));
        _update(2, _profile(NAME_2, ISSUER_1, "AR"));
        require(registry.institutionCount() == 2 && _version(1) == 1 && _version(2) == 1, "nothing recorded");
    }

    function test_issuerId_anotherInstitutionsFormerIdIsRefused() public {
        _update(2, _profile(NAME_2, "did:web:nuevo.edu.ar", "AR"));
        require(registry.institutionOfIssuerId(ISSUER_2) == 2, "still recorded for institution 2");
        vm.expectRevert(_taken(ISSUER_2, 2));
        _admit(_profile("Oportunista", ISSUER_2, "AR"));
        vm.expectRevert(_taken(ISSUER_2, 2));
        _update(1, _profile(NAME_1, ISSUER_2, "MX"));
    }

    function test_issuerId_aWithdrawnInstitutionsIdStaysTaken() public {
        vm.prank(REGISTRAR);
        registry.withdrawInstitution(2);
        vm.expectRevert(_taken(ISSUER_2, 2));
        _admit(_profile("Sucesora", ISSUER_2, "AR"));
    }

    function test_issuerId_anInstitutionKeepsAndRegainsItsOwnIds() public {
        _update(1, _profile(NEW_NAME, ISSUER_1, "MX")); // keeps its id
        _update(1, _profile(NEW_NAME, NEW_ISSUER, "MX")); // moves
        _update(1, _profile(NEW_NAME, ISSUER_1, "MX")); // comes back to its former id
        require(_version(1) == 4, "three changes");
        require(_hash(registry.getInstitution(1).profile.issuerId) == _hash(ISSUER_1), "current id");
        require(
            registry.institutionOfIssuerId(ISSUER_1) == 1 && registry.institutionOfIssuerId(NEW_ISSUER) == 1,
            "own"
        );
    }

    function test_issuerId_theSameTextAsAnotherInstitutionsNameIsNotAConflict() public {
        // Names and issuer ids live apart: a name may look like another institution's issuer id.
        _admit(_profile(ISSUER_1, "did:web:tercera.example", "MX"));
        require(registry.institutionCount() == 3, "admitted");
    }

    function test_institutionOfIssuerId_answersCurrentFormerAndUnknownIds() public {
        require(registry.institutionOfIssuerId(ISSUER_1) == 1, "current of 1");
        require(registry.institutionOfIssuerId(ISSUER_2) == 2, "current of 2");
        require(registry.institutionOfIssuerId("did:web:nadie.example") == 0, "unknown");
        require(registry.institutionOfIssuerId("") == 0, "empty");
        require(registry.institutionOfIssuerId("did:web:DEMO.edu.mx") == 0, "compared byte for byte");
        _update(1, _profile(NAME_1, NEW_ISSUER, "MX"));
        require(registry.institutionOfIssuerId(NEW_ISSUER) == 1, "new");
        require(registry.institutionOfIssuerId(ISSUER_1) == 1, "former");
    }
}
