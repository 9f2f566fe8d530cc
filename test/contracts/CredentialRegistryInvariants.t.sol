// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {CredentialRegistry} from "../../contracts/CredentialRegistry.sol";
import {ICredentialRegistry} from "../../contracts/interfaces/ICredentialRegistry.sol";
import {vm} from "./Vm.sol";

/// @notice Drives the registry with random but well-formed calls and keeps a ghost model of what must hold.
/// It is the registry's default admin and registrar; signing keys act through `vm.prank`. Each action predicts
/// whether the registry must accept the call and, if not, the exact error; a call that goes otherwise is counted
/// in `surprises` (a reverting handler call would only be discarded by the fuzzer), which an invariant checks.
contract RegistryHandler {
    struct GhostBatch {
        uint32 institutionId;
        bytes32 root;
        address key;
        uint40 anchoredAt;
        uint32 count;
        bytes32 digest; // the one credential of the single-leaf tree whose root is `root`
        uint32 identityVersion; // the institution's issuer identity version when it was anchored
        bytes32 identityHash; // and that version's hashes, as the model computes them
        bytes32 nameHash;
        bytes32 issuerIdHash;
    }

    struct GhostRevocation {
        uint32 institutionId;
        bytes32 root;
        uint32 index;
        uint40 at;
        uint8 reason;
    }

    uint32 internal constant INSTITUTIONS = 3;
    uint256 internal constant ISSUER_IDS = 6;
    uint256 internal constant NAMES = 4;
    uint256 internal constant ROOTS = 16; // the single-leaf batches each institution may anchor
    CredentialRegistry public immutable registry;

    address[] public keys;
    mapping(address key => uint32 institutionId) public ownerOf;
    mapping(address key => uint40 compromisedFrom) public compromisedFromOf;
    mapping(address key => uint40 removedAt) public removedAtOf;
    GhostBatch[] internal _batches;
    GhostRevocation[] internal _revocations;
    mapping(bytes32 credentialKey => uint40 revokedAt) internal _credentialRevokedAt;
    mapping(uint32 institutionId => uint256 batches) public batchCountOf;
    mapping(uint32 institutionId => uint256 batches) public batchCountWhenDeactivated;
    mapping(uint32 institutionId => bool withdrawn) public everWithdrawn;
    mapping(bytes32 batchKey => uint40 revokedAt) public batchRevokedAt;
    mapping(bytes32 batchKey => uint40 anchoredAt) internal _anchoredAt;
    uint256 public anchorsByInactiveKeys;
    uint256 public nextKeySeed = 1;

    // The issuer identity model.
    mapping(uint32 institutionId => uint32 version) public identityVersionOf;
    mapping(uint32 institutionId => mapping(uint32 version => ICredentialRegistry.IssuerIdentity identity))
        internal _identities;
    mapping(bytes32 issuerIdHash => uint32 institutionId) public issuerIdOwnerOf;
    uint256 public identityChanges;
    uint256 public batchesAnchoredUnderALaterIdentity;

    // Single revocations that do not read the batch.
    uint256 public revocationsBeyondTheCount;
    uint256 public revocationsBeforeAnchoring;

    uint256 public surprises;
    string public lastSurprise;

    constructor() {
        registry = new CredentialRegistry(1 days, address(this), address(this));
        for (uint32 id = 1; id <= INSTITUTIONS; ++id) {
            ICredentialRegistry.InstitutionProfile memory p = _profile(0, id - 1, "MX");
            registry.admitInstitution(p);
            _recordIdentity(id, p);
            _addKey(id);
        }
    }

    // ------------------------------------------------------------------------------------------- actions

    function warp(uint16 seconds_) external {
        vm.warp(block.timestamp + 1 + seconds_);
    }

    function addKey(uint8 institutionSeed) external {
        uint32 id = uint32(institutionSeed % INSTITUTIONS) + 1;
        if (registry.getInstitution(id).status == ICredentialRegistry.InstitutionStatus.Withdrawn) return;
        if (registry.getInstitution(id).signingKeyCount == 32) return;
        _addKey(id);
    }

    function removeKey(uint8 keySeed) external {
        address key = keys[keySeed % keys.length];
        if (removedAtOf[key] != 0) {
            _expectFailure(
                abi.encodeCall(registry.removeSigningKey, (key)),
                abi.encodeWithSelector(
                    ICredentialRegistry.CredentialRegistrySigningKeyRemoved.selector,
                    key,
                    removedAtOf[key]
                ),
                "removing a removed key"
            );
            return;
        }
        registry.removeSigningKey(key);
        removedAtOf[key] = uint40(block.timestamp);
    }

    function compromiseKey(uint8 keySeed, uint16 back) external {
        address key = keys[keySeed % keys.length];
        uint40 from = uint40(block.timestamp > back ? block.timestamp - back : 1);
        uint40 current = compromisedFromOf[key];
        if (current != 0 && from >= current) {
            _expectFailure(
                abi.encodeCall(registry.declareKeyCompromised, (key, from)),
                abi.encodeWithSelector(
                    ICredentialRegistry.CredentialRegistryCompromiseNotEarlier.selector,
                    key,
                    current,
                    from
                ),
                "compromising later"
            );
            return;
        }
        registry.declareKeyCompromised(key, from);
        compromisedFromOf[key] = from;
        if (removedAtOf[key] == 0) removedAtOf[key] = uint40(block.timestamp);
    }

    function setStatus(uint8 institutionSeed, uint8 action) external {
        uint32 id = uint32(institutionSeed % INSTITUTIONS) + 1;
        ICredentialRegistry.InstitutionStatus s = registry.getInstitution(id).status;
        if (s == ICredentialRegistry.InstitutionStatus.Withdrawn) return;
        uint8 a = action % 3;
        if (a == 0 && s == ICredentialRegistry.InstitutionStatus.Active) {
            registry.suspendInstitution(id);
            batchCountWhenDeactivated[id] = batchCountOf[id];
        } else if (a == 1 && s == ICredentialRegistry.InstitutionStatus.Suspended) {
            registry.reinstateInstitution(id);
        } else if (a == 2) {
            registry.withdrawInstitution(id);
            everWithdrawn[id] = true;
            if (s == ICredentialRegistry.InstitutionStatus.Active) {
                batchCountWhenDeactivated[id] = batchCountOf[id];
            }
        }
    }

    /// @dev Renames an institution, changes its issuer id (from a small pool, so ids collide), its country, or
    /// nothing of its identity. The model predicts the new identity version and who owns each issuer id.
    function updateProfile(uint8 institutionSeed, uint8 nameSeed, uint8 issuerSeed, uint8 countrySeed) external {
        uint32 id = uint32(institutionSeed % INSTITUTIONS) + 1;
        bytes2 country =
            countrySeed % 3 == 0
                ? bytes2("MX")
                : countrySeed % 3 == 1
                    ? bytes2("AR")
                    : bytes2("CL");
        ICredentialRegistry.InstitutionProfile memory p = _profile(nameSeed % NAMES, issuerSeed % ISSUER_IDS, country);
        uint32 owner = issuerIdOwnerOf[keccak256(bytes(p.issuerId))];
        if (everWithdrawn[id]) {
            _expectFailure(
                abi.encodeCall(registry.updateInstitution, (id, p)),
                _withdrawnError(id),
                "updating a withdrawn institution"
            );
        } else if (owner != 0 && owner != id) {
            _expectFailure(
                abi.encodeCall(registry.updateInstitution, (id, p)),
                abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryIssuerIdTaken.selector, p.issuerId, owner),
                "taking another institution's issuer id"
            );
        } else {
            registry.updateInstitution(id, p);
            _recordIdentity(id, p);
        }
    }

    /// @dev Tries a profile that breaks one rule; nothing may change.
    function badUpdate(uint8 institutionSeed, uint8 kind) external {
        uint32 id = uint32(institutionSeed % INSTITUTIONS) + 1;
        ICredentialRegistry.InstitutionProfile memory p = _profile(0, uint256(id) - 1, "MX");
        bytes memory expected;
        kind %= 4;
        if (kind == 0) {
            p.issuerId = "did:Web:x.example";
            expected = abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryInvalidIssuerId.selector,
                p.issuerId
            );
        } else if (kind == 1) {
            p.name = unicode"Inst\u202Eevil";
            expected = abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryBidiControl.selector, "name", 4);
        } else if (kind == 2) {
            p.name = unicode"Inst\u212B";
            expected = abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryTextNotNormalized.selector,
                "name",
                4
            );
        } else {
            p.issuerId = string(bytes.concat("did:web:", hex"eda080"));
            expected = abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryInvalidUtf8.selector,
                "issuerId",
                8
            );
        }
        if (everWithdrawn[id]) expected = _withdrawnError(id);
        _expectFailure(abi.encodeCall(registry.updateInstitution, (id, p)), expected, "a bad profile");
    }

    /// @dev Any key, active or not, tries to anchor; success must imply an active key of an active institution.
    function anchor(uint8 keySeed, uint8 rootSeed, uint32 count) external {
        address key = keys[keySeed % keys.length];
        uint32 id = ownerOf[key];
        // A single-leaf tree: its root is the leaf of credential 0, so the view can be asked about it.
        bytes32 digest = poolDigest(rootSeed % ROOTS);
        bytes32 root = registry.credentialLeaf(id, 0, digest);
        count = 1 + (count % 2000);
        ICredentialRegistry.InstitutionStatus status = registry.getInstitution(id).status;
        bytes32 batchKey = keccak256(abi.encode(id, root));
        bytes memory expected;
        if (removedAtOf[key] != 0) {
            expected = abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistrySigningKeyRemoved.selector,
                key,
                removedAtOf[key]
            );
        } else if (status != ICredentialRegistry.InstitutionStatus.Active) {
            expected = abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryInstitutionNotActive.selector,
                id,
                status
            );
        } else if (_anchoredAt[batchKey] != 0) {
            expected = abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryBatchAlreadyAnchored.selector,
                id,
                root,
                _anchoredAt[batchKey]
            );
        }
        // Both entry points must behave the same: half the calls go through each.
        bool anchored;
        bytes memory reason;
        vm.prank(key);
        if (rootSeed % 2 == 0) {
            try registry.anchorBatchWithMetadata(root, count, "ipfs://batch") {
                anchored = true;
            } catch (bytes memory r) {
                reason = r;
            }
        } else {
            try registry.anchorBatch(root, count) {
                anchored = true;
            } catch (bytes memory r) {
                reason = r;
            }
        }
        if (anchored) {
            if (expected.length != 0) ++anchorsByInactiveKeys;
            uint32 version = identityVersionOf[id];
            ICredentialRegistry.IssuerIdentity memory identity = _identities[id][version];
            _batches.push(
                GhostBatch(
                    id,
                    root,
                    key,
                    uint40(block.timestamp),
                    count,
                    digest,
                    version,
                    identity.identityHash,
                    identity.nameHash,
                    identity.issuerIdHash
                )
            );
            _anchoredAt[batchKey] = uint40(block.timestamp);
            ++batchCountOf[id];
            if (version > 1) ++batchesAnchoredUnderALaterIdentity;
        } else if (expected.length == 0) {
            _surprise("a legitimate anchor failed");
        } else if (keccak256(reason) != keccak256(expected)) {
            _surprise("an anchor failed with the wrong error");
        }
    }

    /// @dev Revokes one position of an anchored batch, in range or (sometimes) beyond its count: the single form
    /// does not read the batch, so both are accepted.
    function revokeOne(uint256 batchSeed, uint32 index, uint8 reason, bool asRegistrar) external {
        if (_batches.length == 0) return;
        GhostBatch memory b = _batches[batchSeed % _batches.length];
        index %= b.count + 4; // sometimes past the end
        if (_revokeSingle(b.key, b.institutionId, b.root, index, reason, asRegistrar) && index >= b.count) {
            ++revocationsBeyondTheCount;
        }
    }

    /// @dev Revokes one position (0 to 3) of one of the roots an institution may anchor, anchored or not yet: a
    /// revocation before anchoring must be reported once the root is anchored.
    function revokeAnyRoot(uint8 keySeed, uint8 rootSeed, uint32 index, uint8 reason, bool asRegistrar) external {
        address key = keys[keySeed % keys.length];
        uint32 id = ownerOf[key];
        bytes32 root = registry.credentialLeaf(id, 0, poolDigest(rootSeed % ROOTS));
        bool anchored = _anchoredAt[keccak256(abi.encode(id, root))] != 0;
        if (_revokeSingle(key, id, root, index % 4, reason, asRegistrar) && !anchored) {
            ++revocationsBeforeAnchoring;
        }
    }

    function revokeRange(uint256 batchSeed, uint32 from, uint8 count, uint8 reason) external {
        if (_batches.length == 0) return;
        GhostBatch memory b = _batches[batchSeed % _batches.length];
        from %= b.count;
        uint32 n = uint32(1 + (count % 16));
        if (from + n > b.count) n = b.count - from;
        for (uint32 i = from; i < from + n; ++i) {
            if (_credentialRevokedAt[keccak256(abi.encode(b.institutionId, b.root, i))] != 0) {
                // The registry reports the first position of the range already revoked.
                _expectFailure(
                    abi.encodeCall(registry.revokeCredentialRange, (b.institutionId, b.root, from, n, reason)),
                    _alreadyRevoked(b.institutionId, b.root, i),
                    "revoking an overlapping range"
                );
                return;
            }
        }
        registry.revokeCredentialRange(b.institutionId, b.root, from, n, reason);
        for (uint32 i = from; i < from + n; ++i) {
            _credentialRevokedAt[keccak256(abi.encode(b.institutionId, b.root, i))] = uint40(block.timestamp);
            _revocations.push(GhostRevocation(b.institutionId, b.root, i, uint40(block.timestamp), reason));
        }
    }

    function revokeBatch(uint256 batchSeed, uint8 reason) external {
        if (_batches.length == 0) return;
        GhostBatch memory b = _batches[batchSeed % _batches.length];
        bytes32 k = keccak256(abi.encode(b.institutionId, b.root));
        if (batchRevokedAt[k] != 0) {
            _expectFailure(
                abi.encodeCall(registry.revokeBatch, (b.institutionId, b.root, reason)),
                abi.encodeWithSelector(
                    ICredentialRegistry.CredentialRegistryBatchAlreadyRevoked.selector,
                    b.institutionId,
                    b.root,
                    batchRevokedAt[k]
                ),
                "revoking a revoked batch"
            );
            return;
        }
        registry.revokeBatch(b.institutionId, b.root, reason);
        batchRevokedAt[k] = uint40(block.timestamp);
    }

    function sendEther(uint96 amount) external {
        vm.deal(address(this), amount);
        (bool ok, ) = address(registry).call{value: amount}("");
        if (ok && amount != 0) _surprise("ether accepted");
    }

    // ------------------------------------------------------------------------------------------- views

    function batchCount() external view returns (uint256) {
        return _batches.length;
    }

    function batchAt(uint256 i) external view returns (GhostBatch memory) {
        return _batches[i];
    }

    function revocationCount() external view returns (uint256) {
        return _revocations.length;
    }

    function revocationAt(uint256 i) external view returns (GhostRevocation memory) {
        return _revocations[i];
    }

    function keyCount() external view returns (uint256) {
        return keys.length;
    }

    function identityAt(uint32 id, uint32 version) external view returns (ICredentialRegistry.IssuerIdentity memory) {
        return _identities[id][version];
    }

    /// @dev When the model says position `index` of `(id, root)` was revoked (0: not revoked).
    function credentialRevokedAt(uint32 id, bytes32 root, uint32 index) external view returns (uint40) {
        return _credentialRevokedAt[keccak256(abi.encode(id, root, index))];
    }

    /// @dev When the model says `(id, root)` was anchored (0: not anchored).
    function anchoredAt(uint32 id, bytes32 root) external view returns (uint40) {
        return _anchoredAt[keccak256(abi.encode(id, root))];
    }

    function rootCount() external pure returns (uint256) {
        return ROOTS;
    }

    /// @dev The digest of the one credential of the `i`th single-leaf batch an institution may anchor.
    function poolDigest(uint256 i) public pure returns (bytes32) {
        return keccak256(abi.encode("root", i));
    }

    function institutions() external pure returns (uint32) {
        return INSTITUTIONS;
    }

    function issuerIdCount() external pure returns (uint256) {
        return ISSUER_IDS;
    }

    /// @dev The pool of issuer ids: the first three are the institutions' at admission.
    function issuerIdAt(uint256 i) public pure returns (string memory) {
        if (i == 0) return "did:web:uno.example";
        if (i == 1) return "did:web:dos.example";
        if (i == 2) return "https://tres.example/issuer";
        if (i == 3) return "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
        if (i == 4) return "https://cuatro.example";
        return "did:web:cinco.example";
    }

    // ------------------------------------------------------------------------------------------- internals

    function _name(uint256 i) internal pure returns (string memory) {
        if (i == 0) return "Inst";
        if (i == 1) return unicode"Institución Ñandú";
        if (i == 2) return "Instituto Renombrado";
        return unicode"Universidade de São Paulo";
    }

    function _profile(
        uint256 nameIndex,
        uint256 issuerIndex,
        bytes2 country
    ) internal pure returns (ICredentialRegistry.InstitutionProfile memory) {
        return ICredentialRegistry.InstitutionProfile(_name(nameIndex), issuerIdAt(issuerIndex), country, "", "", 0);
    }

    /// @dev The model of {updateInstitution} and {admitInstitution} once they succeed.
    function _recordIdentity(uint32 id, ICredentialRegistry.InstitutionProfile memory p) internal {
        bytes32 nameHash = keccak256(bytes(p.name));
        bytes32 issuerIdHash = keccak256(bytes(p.issuerId));
        uint32 version = identityVersionOf[id];
        ICredentialRegistry.IssuerIdentity memory current = _identities[id][version];
        if (version == 0 || current.nameHash != nameHash || current.issuerIdHash != issuerIdHash) {
            identityVersionOf[id] = ++version;
            _identities[id][version] = ICredentialRegistry.IssuerIdentity(
                keccak256(abi.encode(nameHash, issuerIdHash)),
                nameHash,
                issuerIdHash
            );
            if (version > 1) ++identityChanges;
        }
        issuerIdOwnerOf[issuerIdHash] = id;
    }

    function _addKey(uint32 id) internal {
        address key = address(uint160(0x100000 + nextKeySeed++));
        registry.addSigningKey(id, key);
        keys.push(key);
        ownerOf[key] = id;
    }

    function _mayRevoke(address key, uint32 id) internal view returns (bool) {
        return removedAtOf[key] == 0 && !everWithdrawn[id];
    }

    function _alreadyRevoked(uint32 id, bytes32 root, uint32 index) internal view returns (bytes memory) {
        return
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryCredentialAlreadyRevoked.selector,
                id,
                root,
                index,
                _credentialRevokedAt[keccak256(abi.encode(id, root, index))]
            );
    }

    /// @dev The model of {revokeCredential}: `key` (or the registrar) revokes position `index` of `(id, root)`,
    /// whether or not the batch is anchored or holds that position. Returns whether the revocation was recorded.
    function _revokeSingle(
        address key,
        uint32 id,
        bytes32 root,
        uint32 index,
        uint8 reason,
        bool asRegistrar
    ) internal returns (bool) {
        bytes32 credentialKey = keccak256(abi.encode(id, root, index));
        bytes memory expected;
        if (!asRegistrar && !_mayRevoke(key, id)) {
            expected = abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryUnauthorizedRevoker.selector,
                key,
                id
            );
        } else if (_credentialRevokedAt[credentialKey] != 0) {
            expected = _alreadyRevoked(id, root, index);
        }
        if (!asRegistrar) vm.prank(key);
        if (expected.length != 0) {
            _expectFailure(
                abi.encodeCall(registry.revokeCredential, (id, root, index, reason)),
                expected,
                "revoking one"
            );
            return false;
        }
        registry.revokeCredential(id, root, index, reason);
        _credentialRevokedAt[credentialKey] = uint40(block.timestamp);
        _revocations.push(GhostRevocation(id, root, index, uint40(block.timestamp), reason));
        return true;
    }

    function _withdrawnError(uint32 id) internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(
                ICredentialRegistry.CredentialRegistryInvalidStatusTransition.selector,
                id,
                ICredentialRegistry.InstitutionStatus.Withdrawn
            );
    }

    /// @dev Calls the registry (as the caller pranked before, if any) and counts a surprise unless the call reverts
    /// with exactly `expected`.
    function _expectFailure(bytes memory call, bytes memory expected, string memory what) internal {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory reason) = address(registry).call(call);
        if (ok) {
            _surprise(string.concat(what, ": accepted"));
        } else if (keccak256(reason) != keccak256(expected)) {
            _surprise(string.concat(what, ": wrong error"));
        }
    }

    function _surprise(string memory what) internal {
        ++surprises;
        lastSurprise = what;
    }
}

/// @notice Invariants of the registry under random sequences of governance, identity changes, anchoring and
/// revocation.
/// @dev Each invariant runs its own campaign of 64 sequences of 64 handler calls: 4,096 calls, 69,632 over the 17
/// invariants (it was 128 sequences; the sequences are as long as before). The fuzzer picks among the handler's 13
/// actions uniformly, so each action runs about 5 times per sequence, about 315 times per invariant and about 5,400
/// times per run of the suite, and each sequence still gets to removed and compromised keys, suspended and
/// withdrawn institutions, renamed identities, revoked credentials (before anchoring and beyond the count too),
/// ranges and batches before its later checks.
/// Every call's outcome is predicted (a surprise fails `invariant_everyCallWentAsTheModelPredicted`), a revert fails
/// the run (failOnRevert), and a failing sequence is persisted under test/contracts/fuzz-failures/ and replayed
/// first on every later run.
contract CredentialRegistryInvariantsTest {
    RegistryHandler internal handler;
    CredentialRegistry internal registry;

    function setUp() public {
        vm.warp(1_700_000_000);
        handler = new RegistryHandler();
        registry = handler.registry();
    }

    /// @notice The fuzzer calls only the handler.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice The handler does what the invariants rely on: it renames institutions and moves their issuer ids,
    /// including onto ids other institutions hold, and anchors under the new identities, without a surprise.
    function test_handler_renamesMovesIssuerIdsAndAnchorsUnderNewIdentities() public {
        handler.anchor(0, 1, 10); // key 1 (institution 1), version 1
        handler.updateProfile(0, 1, 3, 0); // institution 1: new name and issuer id 3: version 2
        handler.updateProfile(1, 1, 0, 1); // institution 2 tries institution 1's former id 0: refused
        handler.updateProfile(1, 1, 1, 1); // institution 2: new name, same id: version 2
        handler.updateProfile(0, 1, 3, 2); // institution 1: only the country: still version 2
        handler.anchor(0, 3, 10); // institution 1 anchors under version 2
        handler.badUpdate(0, 0);
        handler.badUpdate(1, 1);
        handler.badUpdate(2, 2);
        handler.badUpdate(0, 3);
        handler.revokeOne(0, 11, 1, false); // one past the end (count 11): recorded
        handler.revokeOne(0, 11, 1, true); // again
        handler.revokeOne(0, 3, 1, false);
        handler.revokeOne(0, 3, 1, true); // again
        handler.revokeAnyRoot(0, 7, 0, 2, false); // institution 1's root 7, not anchored yet
        handler.revokeAnyRoot(0, 7, 0, 2, true); // again
        handler.revokeAnyRoot(1, 7, 1, 2, true); // institution 2's root 7, by the registrar
        handler.revokeAnyRoot(2, 1, 2, 3, false); // institution 3's root 1, not anchored either
        handler.revokeAnyRoot(0, 1, 5, 3, false); // institution 1's root 1, anchored: position 1
        handler.revokeRange(0, 2, 3, 2); // overlaps position 3
        handler.revokeBatch(1, 1);
        handler.revokeBatch(1, 1);
        handler.anchor(0, 7, 2); // root 7, whose position 0 was revoked before anchoring
        handler.removeKey(0);
        handler.removeKey(0);
        handler.anchor(0, 5, 1); // a removed key
        handler.revokeAnyRoot(0, 9, 0, 1, false); // a removed key may not revoke
        handler.revokeAnyRoot(0, 9, 0, 1, true); // the registrar may
        handler.compromiseKey(0, 0);
        handler.compromiseKey(0, 0); // not earlier
        handler.setStatus(0, 2); // withdraw institution 1
        handler.updateProfile(0, 0, 0, 0); // refused: withdrawn
        handler.badUpdate(0, 0); // refused: withdrawn, before the profile is checked
        handler.sendEther(1);
        require(handler.surprises() == 0, handler.lastSurprise());
        require(handler.identityChanges() == 2, "two identity changes");
        require(handler.batchesAnchoredUnderALaterIdentity() == 2, "two batches under version 2");
        require(handler.batchAt(1).identityVersion == 2 && handler.batchAt(0).identityVersion == 1, "versions");
        require(handler.revocationsBeyondTheCount() == 1, "one revocation beyond the count");
        require(handler.revocationsBeforeAnchoring() == 4, "four revocations before anchoring");
        require(handler.batchAt(2).root == registry.credentialLeaf(1, 0, handler.poolDigest(7)), "root 7 anchored");
        require(handler.batchAt(2).identityVersion == 2, "root 7 under version 2");
        require(registry.verifyCredential(1, 0, handler.poolDigest(7), new bytes32[](0)).credentialRevokedAt != 0, "7");
        invariant_theIssuerIdentityOfABatchNeverChangesAfterAnchoring();
        invariant_theIssuerIdentityHistoryIsAppendOnly();
        invariant_everyIdentityHashJoinsItsNameAndIssuerIdHashes();
        invariant_aRootNotAnchoredVerifiesAsNothingButItsRevocations();
        invariant_issuerIdsAreNeverReused();
        invariant_theViewAgreesWithTheRecords();
        invariant_eachKeyBelongsToOneInstitutionForever();
        invariant_credentialRevocationsAreWriteOnce();
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_anchoredBatchesAreWriteOnce() public view {
        for (uint256 i; i < handler.batchCount(); ++i) {
            RegistryHandler.GhostBatch memory g = handler.batchAt(i);
            ICredentialRegistry.Batch memory b = registry.getBatch(g.institutionId, g.root);
            require(b.signingKey == g.key && b.anchoredAt == g.anchoredAt && b.count == g.count, "batch changed");
        }
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_theIssuerIdentityOfABatchNeverChangesAfterAnchoring() public view {
        for (uint256 i; i < handler.batchCount(); ++i) {
            RegistryHandler.GhostBatch memory g = handler.batchAt(i);
            require(registry.getBatch(g.institutionId, g.root).identityVersion == g.identityVersion, "version moved");
            ICredentialRegistry.CredentialStatus memory s = registry.verifyCredential(
                g.institutionId,
                0,
                g.digest,
                new bytes32[](0)
            );
            require(s.identityVersion == g.identityVersion, "the view's identity version moved");
            require(s.issuerIdentityHash == g.identityHash, "the view's identity moved");
            ICredentialRegistry.IssuerIdentity memory identity = registry.getIssuerIdentity(
                g.institutionId,
                g.identityVersion
            );
            require(identity.identityHash == g.identityHash, "version rewritten");
            require(identity.nameHash == g.nameHash && identity.issuerIdHash == g.issuerIdHash, "texts rewritten");
        }
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_theIssuerIdentityHistoryIsAppendOnly() public view {
        for (uint32 id = 1; id <= handler.institutions(); ++id) {
            ICredentialRegistry.Institution memory inst = registry.getInstitution(id);
            uint32 version = handler.identityVersionOf(id);
            require(inst.identityVersion == version, "identity version");
            for (uint32 v = 1; v <= version; ++v) {
                ICredentialRegistry.IssuerIdentity memory expected = handler.identityAt(id, v);
                ICredentialRegistry.IssuerIdentity memory actual = registry.getIssuerIdentity(id, v);
                require(keccak256(abi.encode(actual)) == keccak256(abi.encode(expected)), "history");
            }
            ICredentialRegistry.IssuerIdentity memory current = registry.getIssuerIdentity(id, version);
            require(current.nameHash == keccak256(bytes(inst.profile.name)), "current name");
            require(current.issuerIdHash == keccak256(bytes(inst.profile.issuerId)), "current issuer id");
            ICredentialRegistry.IssuerIdentity memory next = registry.getIssuerIdentity(id, version + 1);
            require(
                next.identityHash == 0 && next.nameHash == 0 && next.issuerIdHash == 0,
                "a version from the future"
            );
        }
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_everyIdentityHashJoinsItsNameAndIssuerIdHashes() public view {
        for (uint32 id = 1; id <= handler.institutions(); ++id) {
            uint32 version = registry.getInstitution(id).identityVersion;
            require(version >= 1, "every institution has an identity");
            for (uint32 v = 1; v <= version; ++v) {
                ICredentialRegistry.IssuerIdentity memory identity = registry.getIssuerIdentity(id, v);
                require(identity.nameHash != 0 && identity.issuerIdHash != 0, "recorded");
                require(
                    identity.identityHash == keccak256(abi.encode(identity.nameHash, identity.issuerIdHash)),
                    "the identity hash joins the version's name and issuer id hashes"
                );
            }
        }
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_aRootNotAnchoredVerifiesAsNothingButItsRevocations() public view {
        for (uint32 id = 1; id <= handler.institutions(); ++id) {
            for (uint256 i; i < handler.rootCount(); ++i) {
                bytes32 digest = handler.poolDigest(i);
                ICredentialRegistry.CredentialStatus memory s = registry.verifyCredential(
                    id,
                    0,
                    digest,
                    new bytes32[](0)
                );
                require(s.root == registry.credentialLeaf(id, 0, digest), "the view walks to the root");
                require(s.credentialRevokedAt == handler.credentialRevokedAt(id, s.root, 0), "revocation reported");
                if (handler.anchoredAt(id, s.root) != 0) continue;
                require(!s.anchored && !s.indexInRange && !s.keyValidAtAnchoring, "nothing valid");
                require(s.count == 0 && s.anchoredAt == 0 && s.signingKey == address(0), "no batch");
                require(s.identityVersion == 0 && s.issuerIdentityHash == 0, "no identity");
                require(s.keyCompromisedFrom == 0 && s.batchRevokedAt == 0 && s.batchRevocationReason == 0, "rest");
            }
        }
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_issuerIdsAreNeverReused() public view {
        for (uint256 i; i < handler.issuerIdCount(); ++i) {
            string memory issuerId = handler.issuerIdAt(i);
            uint32 owner = registry.institutionOfIssuerId(issuerId);
            require(owner == handler.issuerIdOwnerOf(keccak256(bytes(issuerId))), "owner");
        }
        for (uint32 a = 1; a <= handler.institutions(); ++a) {
            string memory issuerId = registry.getInstitution(a).profile.issuerId;
            require(registry.institutionOfIssuerId(issuerId) == a, "its current id is its own");
        }
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_everyCallWentAsTheModelPredicted() public view {
        require(handler.surprises() == 0, handler.lastSurprise());
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_credentialRevocationsAreWriteOnce() public view {
        for (uint256 i; i < handler.revocationCount(); ++i) {
            RegistryHandler.GhostRevocation memory g = handler.revocationAt(i);
            (uint40 at, uint8 reason) = registry.getCredentialRevocation(g.institutionId, g.root, g.index);
            require(at == g.at && reason == g.reason, "revocation changed");
        }
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_batchRevocationsAreWriteOnce() public view {
        for (uint256 i; i < handler.batchCount(); ++i) {
            RegistryHandler.GhostBatch memory g = handler.batchAt(i);
            uint40 expected = handler.batchRevokedAt(keccak256(abi.encode(g.institutionId, g.root)));
            require(registry.getBatch(g.institutionId, g.root).revokedAt == expected, "batch revocation changed");
        }
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_onlyActiveKeysOfActiveInstitutionsAnchor() public view {
        require(handler.anchorsByInactiveKeys() == 0, "an inactive key or institution anchored");
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_aSuspendedOrWithdrawnInstitutionsBatchSetDoesNotGrow() public view {
        for (uint32 id = 1; id <= 3; ++id) {
            if (registry.getInstitution(id).status != ICredentialRegistry.InstitutionStatus.Active) {
                require(handler.batchCountOf(id) == handler.batchCountWhenDeactivated(id), "grew while inactive");
            }
        }
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_exactlyOneDefaultAdmin() public view {
        address admin = registry.defaultAdmin();
        require(admin == address(handler) && registry.hasRole(0x00, admin), "admin");
        for (uint256 i; i < handler.keyCount(); ++i) {
            require(!registry.hasRole(0x00, handler.keys(i)), "a key is admin");
        }
        (address pending, ) = registry.pendingDefaultAdmin();
        require(pending == address(0), "no transfer started");
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_holdsNoEther() public view {
        require(address(registry).balance == 0, "ether held");
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_eachKeyBelongsToOneInstitutionForever() public view {
        for (uint256 i; i < handler.keyCount(); ++i) {
            address key = handler.keys(i);
            ICredentialRegistry.SigningKey memory k = registry.getSigningKey(key);
            require(k.institutionId == handler.ownerOf(key) && k.keyId == i + 1, "key moved");
            require(k.compromisedFrom == handler.compromisedFromOf(key), "compromise time");
            require(k.removedAt == handler.removedAtOf(key), "removal time");
            require(k.compromisedFrom == 0 || k.removedAt != 0, "compromised key still active");
        }
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_withdrawalIsFinal() public view {
        for (uint32 id = 1; id <= 3; ++id) {
            if (handler.everWithdrawn(id)) {
                require(
                    registry.getInstitution(id).status == ICredentialRegistry.InstitutionStatus.Withdrawn,
                    "came back"
                );
            }
        }
        require(registry.institutionCount() == 3, "institutions");
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_theViewAgreesWithTheRecords() public view {
        for (uint256 i; i < handler.batchCount(); ++i) {
            RegistryHandler.GhostBatch memory g = handler.batchAt(i);
            ICredentialRegistry.CredentialStatus memory s = registry.verifyCredential(
                g.institutionId,
                0,
                g.digest,
                new bytes32[](0)
            );
            require(s.root == g.root, "the view walks to the root");
            ICredentialRegistry.Institution memory inst = registry.getInstitution(g.institutionId);
            require(s.anchored && s.anchoredAt == g.anchoredAt && s.signingKey == g.key, "batch facts");
            require(s.indexInRange && s.count == g.count, "count");
            require(s.institutionStatus == inst.status && s.institutionCountry == inst.profile.country, "mirror");
            uint40 cf = handler.compromisedFromOf(g.key);
            require(s.keyCompromisedFrom == cf, "compromise time");
            require(s.keyValidAtAnchoring == (cf == 0 || g.anchoredAt < cf), "key validity");
            (uint40 at, uint8 reason) = registry.getCredentialRevocation(g.institutionId, g.root, 0);
            require(s.credentialRevokedAt == at && s.credentialRevocationReason == reason, "revocation");
            require(at == handler.credentialRevokedAt(g.institutionId, g.root, 0), "revocation, before anchoring too");
            ICredentialRegistry.Batch memory b = registry.getBatch(g.institutionId, g.root);
            require(s.batchRevokedAt == b.revokedAt && s.batchRevocationReason == b.revocationReason, "batch");
        }
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_keysPerInstitutionStayBounded() public view {
        for (uint32 id = 1; id <= 3; ++id) {
            require(registry.getSigningKeys(id).length <= registry.MAX_KEYS_PER_INSTITUTION(), "too many keys");
        }
    }
}
