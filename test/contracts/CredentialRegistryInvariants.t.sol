// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {CredentialRegistry} from "../../contracts/CredentialRegistry.sol";
import {ICredentialRegistry} from "../../contracts/interfaces/ICredentialRegistry.sol";
import {vm} from "./Vm.sol";

/// @notice Drives the registry with random but well-formed calls and keeps a ghost model of what must hold.
/// It is the registry's default admin and registrar; signing keys act through `vm.prank`.
contract RegistryHandler {
    struct GhostBatch {
        uint32 institutionId;
        bytes32 root;
        address key;
        uint40 anchoredAt;
        uint32 count;
        bytes32 digest; // the one credential of the single-leaf tree whose root is `root`
    }

    struct GhostRevocation {
        uint32 institutionId;
        bytes32 root;
        uint32 index;
        uint40 at;
        uint8 reason;
    }

    uint256 internal constant INSTITUTIONS = 3;
    CredentialRegistry public immutable registry;

    address[] public keys;
    mapping(address key => uint32 institutionId) public ownerOf;
    mapping(address key => uint40 compromisedFrom) public compromisedFromOf;
    GhostBatch[] internal _batches;
    GhostRevocation[] internal _revocations;
    mapping(uint32 institutionId => uint256 batches) public batchCountOf;
    mapping(uint32 institutionId => uint256 batches) public batchCountWhenDeactivated;
    mapping(uint32 institutionId => bool withdrawn) public everWithdrawn;
    mapping(bytes32 batchKey => uint40 revokedAt) public batchRevokedAt;
    bytes32[] internal _revokedBatches;
    uint256 public anchorsByInactiveKeys;
    uint256 public nextKeySeed = 1;

    constructor() {
        registry = new CredentialRegistry(1 days, address(this), address(this));
        for (uint256 i; i < INSTITUTIONS; ++i) {
            registry.admitInstitution(ICredentialRegistry.InstitutionProfile("Inst", bytes2("MX"), "", "", bytes32(0)));
            _addKey(uint32(i + 1));
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
        if (registry.getSigningKey(key).removedAt != 0) return;
        registry.removeSigningKey(key);
    }

    function compromiseKey(uint8 keySeed, uint16 back) external {
        address key = keys[keySeed % keys.length];
        uint40 from = uint40(block.timestamp > back ? block.timestamp - back : 1);
        uint40 current = compromisedFromOf[key];
        if (from == 0 || (current != 0 && from >= current)) return;
        registry.declareKeyCompromised(key, from);
        compromisedFromOf[key] = from;
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

    /// @dev Any key, active or not, tries to anchor; success must imply an active key of an active institution.
    function anchor(uint8 keySeed, uint8 rootSeed, uint32 count) external {
        address key = keys[keySeed % keys.length];
        uint32 id = ownerOf[key];
        // A single-leaf tree: its root is the leaf of credential 0, so the view can be asked about it.
        bytes32 digest = keccak256(abi.encode("root", rootSeed % 16));
        bytes32 root = registry.credentialLeaf(id, 0, digest);
        count = 1 + (count % 2000);
        bool keyActive = registry.getSigningKey(key).removedAt == 0;
        bool institutionActive = registry.getInstitution(id).status == ICredentialRegistry.InstitutionStatus.Active;
        bool fresh = registry.getBatch(id, root).anchoredAt == 0;
        // Both entry points must behave the same: half the calls go through each.
        bool anchored;
        vm.prank(key);
        if (rootSeed % 2 == 0) {
            try registry.anchorBatch_efficient_qXe(root, count) {
                anchored = true;
            } catch {}
        } else {
            try registry.anchorBatch(root, count) {
                anchored = true;
            } catch {}
        }
        if (anchored) {
            if (!keyActive || !institutionActive || !fresh) ++anchorsByInactiveKeys;
            _batches.push(GhostBatch(id, root, key, uint40(block.timestamp), count, digest));
            ++batchCountOf[id];
        } else {
            require(!(keyActive && institutionActive && fresh), "a legitimate anchor failed");
        }
    }

    function revokeOne(uint256 batchSeed, uint32 index, uint8 reason, bool asRegistrar) external {
        if (_batches.length == 0) return;
        GhostBatch memory b = _batches[batchSeed % _batches.length];
        index %= b.count;
        (uint40 at, ) = registry.getCredentialRevocation(b.institutionId, b.root, index);
        if (at != 0) return;
        if (!asRegistrar && !_mayRevoke(b.key, b.institutionId)) return;
        if (!asRegistrar) vm.prank(b.key);
        registry.revokeCredential(b.institutionId, b.root, index, reason);
        _revocations.push(GhostRevocation(b.institutionId, b.root, index, uint40(block.timestamp), reason));
    }

    function revokeRange(uint256 batchSeed, uint32 from, uint8 count, uint8 reason) external {
        if (_batches.length == 0) return;
        GhostBatch memory b = _batches[batchSeed % _batches.length];
        from %= b.count;
        uint32 n = uint32(1 + (count % 16));
        if (from + n > b.count) n = b.count - from;
        for (uint32 i = from; i < from + n; ++i) {
            (uint40 at, ) = registry.getCredentialRevocation(b.institutionId, b.root, i);
            if (at != 0) return;
        }
        registry.revokeCredentialRange(b.institutionId, b.root, from, n, reason);
        for (uint32 i = from; i < from + n; ++i) {
            _revocations.push(GhostRevocation(b.institutionId, b.root, i, uint40(block.timestamp), reason));
        }
    }

    function revokeBatch(uint256 batchSeed, uint8 reason) external {
        if (_batches.length == 0) return;
        GhostBatch memory b = _batches[batchSeed % _batches.length];
        bytes32 k = keccak256(abi.encode(b.institutionId, b.root));
        if (batchRevokedAt[k] != 0) return;
        registry.revokeBatch(b.institutionId, b.root, reason);
        batchRevokedAt[k] = uint40(block.timestamp);
        _revokedBatches.push(k);
    }

    function sendEther(uint96 amount) external {
        vm.deal(address(this), amount);
        (bool ok, ) = address(registry).call{value: amount}("");
        require(!ok || amount == 0 || address(registry).balance == 0, "ether accepted");
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

    function _addKey(uint32 id) internal {
        address key = address(uint160(0x100000 + nextKeySeed++));
        registry.addSigningKey(id, key);
        keys.push(key);
        ownerOf[key] = id;
    }

    function _mayRevoke(address key, uint32 id) internal view returns (bool) {
        return
            registry.getSigningKey(key).removedAt == 0 &&
            registry.getInstitution(id).status != ICredentialRegistry.InstitutionStatus.Withdrawn;
    }
}

/// @notice Invariants of the registry under random sequences of governance, anchoring and revocation.
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

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 64
    function invariant_anchoredBatchesAreWriteOnce() public view {
        for (uint256 i; i < handler.batchCount(); ++i) {
            RegistryHandler.GhostBatch memory g = handler.batchAt(i);
            ICredentialRegistry.Batch memory b = registry.getBatch(g.institutionId, g.root);
            require(b.signingKey == g.key && b.anchoredAt == g.anchoredAt && b.count == g.count, "batch changed");
        }
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 64
    function invariant_credentialRevocationsAreWriteOnce() public view {
        for (uint256 i; i < handler.revocationCount(); ++i) {
            RegistryHandler.GhostRevocation memory g = handler.revocationAt(i);
            (uint40 at, uint8 reason) = registry.getCredentialRevocation(g.institutionId, g.root, g.index);
            require(at == g.at && reason == g.reason, "revocation changed");
        }
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 64
    function invariant_batchRevocationsAreWriteOnce() public view {
        for (uint256 i; i < handler.batchCount(); ++i) {
            RegistryHandler.GhostBatch memory g = handler.batchAt(i);
            uint40 expected = handler.batchRevokedAt(keccak256(abi.encode(g.institutionId, g.root)));
            require(registry.getBatch(g.institutionId, g.root).revokedAt == expected, "batch revocation changed");
        }
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 64
    function invariant_onlyActiveKeysOfActiveInstitutionsAnchor() public view {
        require(handler.anchorsByInactiveKeys() == 0, "an inactive key or institution anchored");
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 64
    function invariant_aSuspendedOrWithdrawnInstitutionsBatchSetDoesNotGrow() public view {
        for (uint32 id = 1; id <= 3; ++id) {
            if (registry.getInstitution(id).status != ICredentialRegistry.InstitutionStatus.Active) {
                require(handler.batchCountOf(id) == handler.batchCountWhenDeactivated(id), "grew while inactive");
            }
        }
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 64
    function invariant_exactlyOneDefaultAdmin() public view {
        address admin = registry.defaultAdmin();
        require(admin == address(handler) && registry.hasRole(0x00, admin), "admin");
        for (uint256 i; i < handler.keyCount(); ++i) {
            require(!registry.hasRole(0x00, handler.keys(i)), "a key is admin");
        }
        (address pending, ) = registry.pendingDefaultAdmin();
        require(pending == address(0), "no transfer started");
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 64
    function invariant_holdsNoEther() public view {
        require(address(registry).balance == 0, "ether held");
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 64
    function invariant_eachKeyBelongsToOneInstitutionForever() public view {
        for (uint256 i; i < handler.keyCount(); ++i) {
            address key = handler.keys(i);
            ICredentialRegistry.SigningKey memory k = registry.getSigningKey(key);
            require(k.institutionId == handler.ownerOf(key) && k.keyId == i + 1, "key moved");
            require(k.compromisedFrom == handler.compromisedFromOf(key), "compromise time");
            require(k.compromisedFrom == 0 || k.removedAt != 0, "compromised key still active");
        }
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 64
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

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 64
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
            require(s.institutionStatus == inst.status && s.institutionCountry == inst.profile.country, "mirror");
            uint40 cf = handler.compromisedFromOf(g.key);
            require(s.keyValidAtAnchoring == (cf == 0 || g.anchoredAt < cf), "key validity");
            (uint40 at, ) = registry.getCredentialRevocation(g.institutionId, g.root, 0);
            require(s.credentialRevokedAt == at, "revocation");
        }
    }

    /// hardhat-config: invariant.runs = 128
    /// hardhat-config: invariant.depth = 64
    function invariant_keysPerInstitutionStayBounded() public view {
        for (uint32 id = 1; id <= 3; ++id) {
            require(registry.getSigningKeys(id).length <= registry.MAX_KEYS_PER_INSTITUTION(), "too many keys");
        }
    }
}
