// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

// solhint-disable-next-line max-line-length
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ICredentialRegistry} from "./interfaces/ICredentialRegistry.sol";

/// @title CredentialRegistry
/// @notice Acredita's registry of accredited institutions, their signing keys, anchored credential batches and
/// revocations, with a one-call verification view. Not upgradeable; holds no ether. See {ICredentialRegistry}
/// for the specification.
/// @dev Leaf: `keccak256(bytes.concat(keccak256(abi.encode(FORMAT_TAG, block.chainid, address(this),
/// institutionId, index, credentialDigest))))`, an OpenZeppelin StandardMerkleTree leaf for
/// `["bytes32","uint256","address","uint32","uint32","bytes32"]`.
///
/// Storage is hand-packed so the hot paths touch as few slots as the data allows:
/// - `_signers[key]` (read by anchoring and revoking, one slot): institutionId u32 [0,32) | keyId u32 [32,64) |
///   institution status u8 [64,72) | addedAt u40 [72,112) | removedAt u40 [112,152) | institution name hash
///   u96 [152,248). The status and the name hash (the first 12 bytes of `keccak256(bytes(name))`) are mirrors,
///   rewritten for all of an institution's keys (at most {MAX_KEYS_PER_INSTITUTION}) whenever they change, so
///   anchoring reads one slot to learn "may this key anchor now" and which name it anchors under.
/// - `_keysById[keyId]` (read by the view, one slot): key address [0,160) | compromisedFrom u40 [160,200) |
///   institution status u8 [200,208) | country bytes2 [208,224) | institutionId u32 [224,256). Status and
///   country are mirrors too.
/// - the batch record, at slot `batchSlot = keccak256(abi.encode(_BATCH_DOMAIN | institutionId, root))` (one
///   hash, no mapping; see {_batchSlot} for why it cannot meet another variable's slot), written once by anchoring
///   and once by batch revocation: keyId u32 [0,32) | anchoredAt u40 [32,72) | count u32 [72,104) | revokedAt u40
///   [104,144) | reason u8 [144,152) | institution name hash at anchoring u96 [152,248) (copied from the signer
///   record, so the view needs no read of the institution's record).
/// - revocation word `w` of that batch, at slot `batchSlot + 1 + w` (the way the compiler lays out an array's
///   items, so no second hash): revoked flags of 208 positions [0,208) | the word's default revocation stamp
///   [208,256), where a stamp is `revokedAt u40 | reason u8 << 40`. The first revocation that touches a word
///   writes its stamp there, so revoking one credential or a cohort costs one slot per word. A later revocation in
///   the same word with a different stamp also writes a per-credential override to
///   `_revocationOverrides[batchSlot][index]`, which the view reads only for revoked credentials.
///
/// Gas: anchoring and the verification view have hand-written hot paths (inline assembly, each block commented);
/// {verifyCredential} answers an anchored batch straight from the three packed words it reads, and an unknown
/// root through the general path that {verifyCredentials} uses; tests assert both paths return identical bytes.
/// {anchorBatch_efficient_qXe} is {anchorBatch} under a selector starting with two zero bytes: cheaper calldata,
/// and compiled through the IR pipeline, whose dispatcher tests selectors in ascending order, it is found first.
contract CredentialRegistry is ICredentialRegistry, AccessControlDefaultAdminRules {
    /// @dev An institution as stored.
    struct InstitutionRecord {
        string name;
        bytes2 country;
        InstitutionStatus status;
        uint40 admittedAt;
        uint40 updatedAt;
        uint40 statusChangedAt;
        string website;
        string metadataURI;
        bytes32 metadataHash;
        address[] signingKeys;
    }

    /// @inheritdoc ICredentialRegistry
    bytes32 public constant REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    /// @inheritdoc ICredentialRegistry
    bytes32 public constant FORMAT_TAG = keccak256("acredita/credential/v1");
    /// @inheritdoc ICredentialRegistry
    uint256 public constant MAX_PROOF_LENGTH = 32;
    /// @inheritdoc ICredentialRegistry
    uint256 public constant MAX_NAME_LENGTH = 96;
    /// @inheritdoc ICredentialRegistry
    uint256 public constant MAX_URI_LENGTH = 256;
    /// @inheritdoc ICredentialRegistry
    uint256 public constant MAX_KEYS_PER_INSTITUTION = 32;
    /// @inheritdoc ICredentialRegistry
    uint256 public constant MAX_INDEXES_PER_CALL = 1000;

    /// @dev Credential positions per revocation word; the remaining 48 bits hold the word's default stamp.
    uint256 private constant _WORD_POSITIONS = 208;
    uint256 private constant _WORD_FLAGS_MASK = (uint256(1) << _WORD_POSITIONS) - 1;
    uint256 private constant _U32 = type(uint32).max;
    uint256 private constant _U40 = type(uint40).max;
    uint256 private constant _U8 = type(uint8).max;
    uint8 private constant _ACTIVE = uint8(InstitutionStatus.Active);
    uint8 private constant _WITHDRAWN = uint8(InstitutionStatus.Withdrawn);
    /// @dev The bits of a signer record that say whether the key may anchor: institution status and removedAt.
    uint256 private constant _ANCHOR_MASK = (_U8 << 64) | (_U40 << 112);
    /// @dev Those bits for a key that may anchor: status Active (which only registered keys carry), not removed.
    uint256 private constant _ANCHOR_OK = uint256(_ACTIVE) << 64;
    /// @dev The name-hash bits of a signer record and of a batch record: [152,248).
    uint256 private constant _NAME_HASH_MASK = ((uint256(1) << 96) - 1) << 152;
    /// @dev High 224 bits of the first word hashed into a batch slot (see {_batchSlot}).
    uint256 private constant _BATCH_DOMAIN = uint256(keccak256("acredita.CredentialRegistry.batch")) << 32;

    uint32 private _institutionCount;
    uint32 private _keyCount;
    mapping(uint32 institutionId => InstitutionRecord record) private _institutions;
    mapping(address signingKey => uint256 packedSigner) private _signers;
    mapping(uint32 keyId => uint256 packedKey) private _keysById;
    // Batch records and revocation words live at hashed slots outside any mapping: see {_batchSlot}.
    mapping(uint256 batchSlot => mapping(uint256 index => uint256 stamp)) private _revocationOverrides;

    /// @dev Restricts a function to the registrar.
    modifier onlyRegistrar() {
        _checkRole(REGISTRAR_ROLE);
        _;
    }

    /// @notice Deploys the registry.
    /// @param initialDelay The delay a default-admin transfer must wait (see AccessControlDefaultAdminRules).
    /// @param initialAdmin The default admin, who grants and revokes the registrar role.
    /// @param initialRegistrar The first registrar.
    constructor(
        uint48 initialDelay,
        address initialAdmin,
        address initialRegistrar
    ) AccessControlDefaultAdminRules(initialDelay, initialAdmin) {
        if (initialRegistrar == address(0)) {
            revert CredentialRegistryZeroAddress();
        }
        _grantRole(REGISTRAR_ROLE, initialRegistrar);
    }

    // ------------------------------------------------------------------------------------------------ registrar

    /// @inheritdoc ICredentialRegistry
    function admitInstitution(
        InstitutionProfile calldata profile
    ) external onlyRegistrar returns (uint32 institutionId) {
        _validateProfile(profile);
        institutionId = ++_institutionCount;
        InstitutionRecord storage record = _institutions[institutionId];
        _storeProfile(record, profile);
        record.status = InstitutionStatus.Active;
        uint40 nowTime = uint40(block.timestamp);
        record.admittedAt = nowTime;
        record.updatedAt = nowTime;
        record.statusChangedAt = nowTime;
        emit InstitutionAdmitted(
            institutionId,
            profile.name,
            profile.country,
            profile.website,
            profile.metadataURI,
            profile.metadataHash
        );
    }

    /// @inheritdoc ICredentialRegistry
    function updateInstitution(uint32 institutionId, InstitutionProfile calldata profile) external onlyRegistrar {
        InstitutionRecord storage record = _knownInstitution(institutionId);
        if (record.status == InstitutionStatus.Withdrawn) {
            revert CredentialRegistryInvalidStatusTransition(institutionId, record.status);
        }
        _validateProfile(profile);
        bool mirrorsChanged =
            record.country != profile.country || keccak256(bytes(record.name)) != keccak256(bytes(profile.name));
        _storeProfile(record, profile);
        record.updatedAt = uint40(block.timestamp);
        if (mirrorsChanged) {
            _mirrorIntoKeys(record);
        }
        emit InstitutionUpdated(
            institutionId,
            profile.name,
            profile.country,
            profile.website,
            profile.metadataURI,
            profile.metadataHash
        );
    }

    /// @inheritdoc ICredentialRegistry
    function suspendInstitution(uint32 institutionId) external onlyRegistrar {
        InstitutionRecord storage record = _knownInstitution(institutionId);
        if (record.status != InstitutionStatus.Active) {
            revert CredentialRegistryInvalidStatusTransition(institutionId, record.status);
        }
        _changeStatus(record, InstitutionStatus.Suspended);
        emit InstitutionSuspended(institutionId);
    }

    /// @inheritdoc ICredentialRegistry
    function reinstateInstitution(uint32 institutionId) external onlyRegistrar {
        InstitutionRecord storage record = _knownInstitution(institutionId);
        if (record.status != InstitutionStatus.Suspended) {
            revert CredentialRegistryInvalidStatusTransition(institutionId, record.status);
        }
        _changeStatus(record, InstitutionStatus.Active);
        emit InstitutionReinstated(institutionId);
    }

    /// @inheritdoc ICredentialRegistry
    function withdrawInstitution(uint32 institutionId) external onlyRegistrar {
        InstitutionRecord storage record = _knownInstitution(institutionId);
        if (record.status == InstitutionStatus.Withdrawn) {
            revert CredentialRegistryInvalidStatusTransition(institutionId, record.status);
        }
        _changeStatus(record, InstitutionStatus.Withdrawn);
        emit InstitutionWithdrawn(institutionId);
    }

    /// @inheritdoc ICredentialRegistry
    function addSigningKey(uint32 institutionId, address signingKey) external onlyRegistrar {
        if (signingKey == address(0)) {
            revert CredentialRegistryZeroAddress();
        }
        uint256 existing = _signers[signingKey];
        if (existing != 0) {
            revert CredentialRegistryKeyAlreadyRegistered(signingKey, uint32(existing));
        }
        InstitutionRecord storage record = _knownInstitution(institutionId);
        if (record.status == InstitutionStatus.Withdrawn) {
            revert CredentialRegistryInvalidStatusTransition(institutionId, record.status);
        }
        if (record.signingKeys.length == MAX_KEYS_PER_INSTITUTION) {
            revert CredentialRegistryTooManySigningKeys(institutionId, MAX_KEYS_PER_INSTITUTION);
        }
        uint32 keyId = ++_keyCount;
        uint256 status = uint8(record.status);
        _signers[signingKey] =
            uint256(institutionId) |
            (uint256(keyId) << 32) |
            (status << 64) |
            (block.timestamp << 72) |
            _nameHashBits(record);
        _keysById[keyId] =
            uint256(uint160(signingKey)) |
            (status << 200) |
            (uint256(uint16(record.country)) << 208) |
            (uint256(institutionId) << 224);
        record.signingKeys.push(signingKey);
        emit SigningKeyAdded(institutionId, signingKey, keyId);
    }

    /// @inheritdoc ICredentialRegistry
    function removeSigningKey(address signingKey) external onlyRegistrar {
        uint256 signer = _knownSigner(signingKey);
        uint40 removedAt = uint40(signer >> 112);
        if (removedAt != 0) {
            revert CredentialRegistrySigningKeyRemoved(signingKey, removedAt);
        }
        _signers[signingKey] = signer | (block.timestamp << 112);
        emit SigningKeyRemoved(uint32(signer), signingKey);
    }

    /// @inheritdoc ICredentialRegistry
    /// @dev A `compromisedFrom` of 0 is recorded as 1: both mean "every batch this key ever anchored".
    function declareKeyCompromised(address signingKey, uint40 compromisedFrom) external onlyRegistrar {
        uint256 signer = _knownSigner(signingKey);
        if (compromisedFrom > block.timestamp) {
            revert CredentialRegistryCompromiseInFuture(compromisedFrom, uint40(block.timestamp));
        }
        if (compromisedFrom == 0) {
            compromisedFrom = 1;
        }
        uint32 keyId = uint32(signer >> 32);
        uint256 packedKey = _keysById[keyId];
        uint40 current = uint40(packedKey >> 160);
        if (current != 0 && compromisedFrom >= current) {
            revert CredentialRegistryCompromiseNotEarlier(signingKey, current, compromisedFrom);
        }
        _keysById[keyId] = (packedKey & ~(_U40 << 160)) | (uint256(compromisedFrom) << 160);
        uint32 institutionId = uint32(signer);
        if (uint40(signer >> 112) == 0) {
            _signers[signingKey] = signer | (block.timestamp << 112);
            emit SigningKeyRemoved(institutionId, signingKey);
        }
        emit SigningKeyCompromised(institutionId, signingKey, compromisedFrom);
    }

    // ------------------------------------------------------------------------------------------------ anchoring

    /// @inheritdoc ICredentialRegistry
    function anchorBatch(bytes32 root, uint32 count) external {
        _anchor(root, count);
    }

    // The name's suffix is what gives the selector its zero bytes, hence not mixedCase.
    // solhint-disable func-name-mixedcase
    /// @inheritdoc ICredentialRegistry
    function anchorBatch_efficient_qXe(bytes32 root, uint32 count) external {
        _anchor(root, count);
    }
    // solhint-enable func-name-mixedcase

    /// @inheritdoc ICredentialRegistry
    function anchorBatchWithMetadata(bytes32 root, uint32 count, string calldata metadataURI) external {
        _validateText("metadataURI", metadataURI, MAX_URI_LENGTH);
        uint32 institutionId = _anchor(root, count);
        emit BatchMetadataPublished(institutionId, root, metadataURI);
    }

    // ----------------------------------------------------------------------------------------------- revocation

    /// @inheritdoc ICredentialRegistry
    function revokeCredential(uint32 institutionId, bytes32 root, uint32 index, uint8 reason) external {
        _authorizeRevoker(institutionId);
        uint256 batchSlot = _batchSlot(institutionId, root);
        uint256 wordIndex = index / _WORD_POSITIONS;
        uint256 flag = uint256(1) << (index % _WORD_POSITIONS);
        uint256 word = _sload(_wordSlot(batchSlot, wordIndex));
        if (word & flag != 0) {
            _revertAlreadyRevoked(institutionId, root, batchSlot, index, word);
        }
        uint256 stamp = _stamp(reason);
        uint256 defaultStamp = word >> _WORD_POSITIONS;
        if (defaultStamp == 0) {
            word |= stamp << _WORD_POSITIONS;
        } else if (defaultStamp != stamp) {
            _revocationOverrides[batchSlot][index] = stamp;
        }
        _sstore(_wordSlot(batchSlot, wordIndex), word | flag);
        emit CredentialRevoked(institutionId, root, index, reason);
    }

    /// @inheritdoc ICredentialRegistry
    function revokeCredentials(uint32 institutionId, bytes32 root, uint32[] calldata indexes, uint8 reason) external {
        _authorizeRevoker(institutionId);
        uint256 batchSlot = _batchSlot(institutionId, root);
        uint32 count = _anchoredCount(batchSlot, institutionId, root);
        uint256 length = indexes.length;
        if (length == 0) {
            revert CredentialRegistryNoIndexes();
        }
        if (length > MAX_INDEXES_PER_CALL) {
            revert CredentialRegistryTooManyIndexes(length, MAX_INDEXES_PER_CALL);
        }
        _revokeSorted(institutionId, root, batchSlot, count, indexes, _stamp(reason));
        emit CredentialsRevoked(institutionId, root, indexes, reason);
    }

    /// @inheritdoc ICredentialRegistry
    function revokeCredentialRange(
        uint32 institutionId,
        bytes32 root,
        uint32 fromIndex,
        uint32 count,
        uint8 reason
    ) external {
        _authorizeRevoker(institutionId);
        uint256 batchSlot = _batchSlot(institutionId, root);
        uint32 batchCount = _anchoredCount(batchSlot, institutionId, root);
        if (count == 0) {
            revert CredentialRegistryNoIndexes();
        }
        uint256 end = uint256(fromIndex) + count; // exclusive
        if (end > batchCount) {
            revert CredentialRegistryIndexOutOfRange(end - 1, batchCount);
        }
        uint256 stamp = _stamp(reason);
        uint256 position = fromIndex;
        while (position < end) {
            uint256 wordEnd = (position / _WORD_POSITIONS + 1) * _WORD_POSITIONS;
            if (wordEnd > end) {
                wordEnd = end;
            }
            _revokeWithinWord(institutionId, root, batchSlot, position, wordEnd, stamp);
            position = wordEnd;
        }
        emit CredentialRangeRevoked(institutionId, root, fromIndex, count, reason);
    }

    /// @inheritdoc ICredentialRegistry
    function revokeBatch(uint32 institutionId, bytes32 root, uint8 reason) external {
        _authorizeRevoker(institutionId);
        uint256 batchSlot = _batchSlot(institutionId, root);
        uint256 batch = _sload(batchSlot);
        if (batch == 0) {
            revert CredentialRegistryUnknownBatch(institutionId, root);
        }
        uint40 revokedAt = uint40(batch >> 104);
        if (revokedAt != 0) {
            revert CredentialRegistryBatchAlreadyRevoked(institutionId, root, revokedAt);
        }
        _sstore(batchSlot, batch | (_stamp(reason) << 104));
        emit BatchRevoked(institutionId, root, reason);
    }

    // ------------------------------------------------------------------------------------------------- views

    /// @inheritdoc ICredentialRegistry
    function verifyCredential(
        uint32 institutionId,
        uint32 index,
        bytes32 credentialDigest,
        bytes32[] calldata proof
    ) external view returns (CredentialStatus memory status) {
        bytes32 root = _rootOf(institutionId, index, credentialDigest, proof);
        uint256 batchSlot = _batchSlot(institutionId, root);
        uint256 batch = _sload(batchSlot);
        // The fast path below covers an anchored batch; an unknown root takes the general path, which returns
        // the same bytes.
        if (batch == 0) {
            return _status(institutionId, root, index);
        }
        _returnAnchored(root, index, batch, _keysById[uint32(batch)], _credentialStamp(batchSlot, index));
    }

    /// @inheritdoc ICredentialRegistry
    function verifyCredentials(
        CredentialQuery[] calldata queries
    ) external view returns (CredentialStatus[] memory statuses) {
        statuses = new CredentialStatus[](queries.length);
        for (uint256 i; i < queries.length; ++i) {
            CredentialQuery calldata q = queries[i];
            statuses[i] = _status(
                q.institutionId,
                _rootOf(q.institutionId, q.index, q.credentialDigest, q.proof),
                q.index
            );
        }
    }

    /// @inheritdoc ICredentialRegistry
    function credentialLeaf(
        uint32 institutionId,
        uint32 index,
        bytes32 credentialDigest
    ) external view returns (bytes32 leaf) {
        return _leaf(institutionId, index, credentialDigest);
    }

    /// @inheritdoc ICredentialRegistry
    function institutionCount() external view returns (uint32 count) {
        return _institutionCount;
    }

    /// @inheritdoc ICredentialRegistry
    function getInstitution(uint32 institutionId) external view returns (Institution memory institution) {
        InstitutionRecord storage record = _institutions[institutionId];
        institution.profile = InstitutionProfile({
            name: record.name,
            country: record.country,
            website: record.website,
            metadataURI: record.metadataURI,
            metadataHash: record.metadataHash
        });
        institution.status = record.status;
        institution.admittedAt = record.admittedAt;
        institution.updatedAt = record.updatedAt;
        institution.statusChangedAt = record.statusChangedAt;
        institution.signingKeyCount = uint32(record.signingKeys.length);
    }

    /// @inheritdoc ICredentialRegistry
    function getSigningKeys(uint32 institutionId) external view returns (address[] memory signingKeys) {
        return _institutions[institutionId].signingKeys;
    }

    /// @inheritdoc ICredentialRegistry
    function getSigningKey(address signingKey) external view returns (SigningKey memory key) {
        uint256 signer = _signers[signingKey];
        key.institutionId = uint32(signer);
        key.keyId = uint32(signer >> 32);
        key.addedAt = uint40(signer >> 72);
        key.removedAt = uint40(signer >> 112);
        key.compromisedFrom = uint40(_keysById[key.keyId] >> 160);
    }

    /// @inheritdoc ICredentialRegistry
    function isAnchored(uint32 institutionId, bytes32 root) external view returns (bool anchored) {
        return _sload(_batchSlot(institutionId, root)) != 0;
    }

    /// @inheritdoc ICredentialRegistry
    function getBatch(uint32 institutionId, bytes32 root) external view returns (Batch memory batch) {
        uint256 packed = _sload(_batchSlot(institutionId, root));
        if (packed != 0) {
            batch.signingKey = address(uint160(_keysById[uint32(packed)]));
        }
        batch.anchoredAt = uint40(packed >> 32);
        batch.count = uint32(packed >> 72);
        batch.revokedAt = uint40(packed >> 104);
        batch.revocationReason = uint8(packed >> 144);
    }

    /// @inheritdoc ICredentialRegistry
    function getCredentialRevocation(
        uint32 institutionId,
        bytes32 root,
        uint32 index
    ) external view returns (uint40 revokedAt, uint8 reason) {
        uint256 batchSlot = _batchSlot(institutionId, root);
        uint256 word = _sload(_wordSlot(batchSlot, index / _WORD_POSITIONS));
        if (word & (uint256(1) << (index % _WORD_POSITIONS)) != 0) {
            uint256 stamp = _stampOf(batchSlot, index, word);
            revokedAt = uint40(stamp);
            reason = uint8(stamp >> 40);
        }
    }

    /// @notice Advertises {ICredentialRegistry} besides the access-control interfaces.
    /// @param interfaceId The ERC-165 interface id.
    /// @return Whether this contract implements it.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(ICredentialRegistry).interfaceId || super.supportsInterface(interfaceId);
    }

    // ----------------------------------------------------------------------------------------------- internals

    /// @dev Anchors `root` for the caller's institution; returns that institution's id. The hot path is one
    /// signer read, one test for "may anchor" and the two arguments, one batch-slot read and one write.
    function _anchor(bytes32 root, uint32 count) private returns (uint32 institutionId) {
        uint256 signer = _signers[msg.sender];
        (uint256 anchorMask, uint256 anchorOk) = (_ANCHOR_MASK, _ANCHOR_OK);
        bool refused;
        // Assembly: one branch for the four refusals; {_revertAnchor} tells them apart.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            refused := or(xor(and(signer, anchorMask), anchorOk), or(iszero(root), iszero(count)))
        }
        if (refused) {
            _revertAnchor(signer, root);
        }
        (uint256 domain, uint256 nameMask) = (_BATCH_DOMAIN, _NAME_HASH_MASK);
        (bytes32 anchored, bytes4 alreadyAnchored) = (
            BatchAnchored.selector,
            CredentialRegistryBatchAlreadyAnchored.selector
        );
        // Assembly: {_batchSlot}, the write-once test, the record write and {BatchAnchored}, no allocation.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            institutionId := and(signer, 0xffffffff)
            mstore(0x00, or(domain, institutionId))
            mstore(0x20, root)
            let batchSlot := keccak256(0x00, 0x40)
            let existing := sload(batchSlot)
            if existing {
                // CredentialRegistryBatchAlreadyAnchored(institutionId, root, anchoredAt); the call ends here, so
                // the scratch space and the free memory pointer may be overwritten.
                mstore(0x00, alreadyAnchored)
                mstore(0x04, institutionId)
                mstore(0x24, root)
                mstore(0x44, and(shr(32, existing), 0xffffffffff))
                revert(0x00, 0x64)
            }
            // keyId u32 [0,32) | anchoredAt u40 [32,72) | count u32 [72,104) | name hash [152,248), as in the
            // contract NatSpec; the name hash is copied from the signer record, where it sits at the same bits.
            sstore(
                batchSlot,
                or(
                    or(and(shr(32, signer), 0xffffffff), shl(32, timestamp())),
                    or(shl(72, count), and(signer, nameMask))
                )
            )
            log3(0x00, 0x00, anchored, institutionId, root) // no data: see {BatchAnchored}
        }
    }

    /// @dev Revokes a strictly increasing list of positions below `count`, one storage write per word.
    function _revokeSorted(
        uint32 institutionId,
        bytes32 root,
        uint256 batchSlot,
        uint32 count,
        uint32[] calldata indexes,
        uint256 stamp
    ) private {
        uint256 wordIndex;
        uint256 word;
        bool overrides;
        for (uint256 i; i < indexes.length; ++i) {
            uint256 index = indexes[i];
            if (i != 0 && index <= indexes[i - 1]) {
                revert CredentialRegistryIndexesNotIncreasing(i, uint32(index));
            }
            if (index >= count) {
                revert CredentialRegistryIndexOutOfRange(index, count);
            }
            if (i == 0 || index / _WORD_POSITIONS != wordIndex) {
                if (i != 0) {
                    _sstore(_wordSlot(batchSlot, wordIndex), word);
                }
                wordIndex = index / _WORD_POSITIONS;
                (word, overrides) = _claimDefaultStamp(_sload(_wordSlot(batchSlot, wordIndex)), stamp);
            }
            uint256 flag = uint256(1) << (index % _WORD_POSITIONS);
            if (word & flag != 0) {
                _revertAlreadyRevoked(institutionId, root, batchSlot, index, word);
            }
            if (overrides) {
                _revocationOverrides[batchSlot][index] = stamp;
            }
            word |= flag;
        }
        _sstore(_wordSlot(batchSlot, wordIndex), word);
    }

    /// @dev Revokes positions `from … to-1`, all inside one revocation word.
    function _revokeWithinWord(
        uint32 institutionId,
        bytes32 root,
        uint256 batchSlot,
        uint256 from,
        uint256 to,
        uint256 stamp
    ) private {
        uint256 wordIndex = from / _WORD_POSITIONS;
        uint256 offset = from - wordIndex * _WORD_POSITIONS;
        uint256 mask = (_WORD_FLAGS_MASK >> (_WORD_POSITIONS - (to - from))) << offset;
        (uint256 word, bool overrides) = _claimDefaultStamp(_sload(_wordSlot(batchSlot, wordIndex)), stamp);
        uint256 clash = word & mask;
        if (clash != 0) {
            _revertAlreadyRevoked(
                institutionId,
                root,
                batchSlot,
                wordIndex * _WORD_POSITIONS + _lowestBit(clash),
                word
            );
        }
        if (overrides) {
            for (uint256 index = from; index < to; ++index) {
                _revocationOverrides[batchSlot][index] = stamp;
            }
        }
        _sstore(_wordSlot(batchSlot, wordIndex), word | mask);
    }

    /// @dev Sets the institution's status, its change time, and the mirrors in every one of its keys' records.
    function _changeStatus(InstitutionRecord storage record, InstitutionStatus status) private {
        record.status = status;
        record.statusChangedAt = uint40(block.timestamp);
        _mirrorIntoKeys(record);
    }

    /// @dev Rewrites the status, name-hash and country mirrors in the records of all the institution's keys
    /// from its record. Bounded by {MAX_KEYS_PER_INSTITUTION}.
    function _mirrorIntoKeys(InstitutionRecord storage record) private {
        uint256 status = uint8(record.status);
        bytes2 country = record.country;
        uint256 nameHash = _nameHashBits(record);
        address[] storage keys = record.signingKeys;
        uint256 length = keys.length;
        for (uint256 i; i < length; ++i) {
            address signingKey = keys[i];
            uint256 signer = _signers[signingKey];
            _signers[signingKey] = (signer & ~((_U8 << 64) | _NAME_HASH_MASK)) | (status << 64) | nameHash;
            uint32 keyId = uint32(signer >> 32);
            uint256 packedKey = _keysById[keyId];
            _keysById[keyId] =
                (packedKey & ~((_U8 << 200) | (uint256(type(uint16).max) << 208))) |
                (status << 200) |
                (uint256(uint16(country)) << 208);
        }
    }

    /// @dev Copies a validated profile into storage.
    function _storeProfile(InstitutionRecord storage record, InstitutionProfile calldata profile) private {
        record.name = profile.name;
        record.country = profile.country;
        record.website = profile.website;
        record.metadataURI = profile.metadataURI;
        record.metadataHash = profile.metadataHash;
    }

    /// @dev Writes a raw storage slot (batch records and revocation words).
    function _sstore(uint256 slot, uint256 value) private {
        // Assembly: slots from {_batchSlot} and {_wordSlot}.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            sstore(slot, value)
        }
    }

    /// @dev Reverts with the first reason an anchoring is refused: the key is unknown or removed, its
    /// institution is not active, the root is zero or the batch is empty.
    function _revertAnchor(uint256 signer, bytes32 root) private view {
        if (signer & _ANCHOR_MASK == _ANCHOR_OK) {
            if (root == bytes32(0)) {
                revert CredentialRegistryZeroRoot();
            }
            revert CredentialRegistryEmptyBatch(root);
        }
        uint32 institutionId = uint32(signer);
        if (institutionId == 0) {
            revert CredentialRegistryUnknownSigningKey(msg.sender);
        }
        uint40 removedAt = uint40(signer >> 112);
        if (removedAt != 0) {
            revert CredentialRegistrySigningKeyRemoved(msg.sender, removedAt);
        }
        revert CredentialRegistryInstitutionNotActive(institutionId, InstitutionStatus(uint8(signer >> 64)));
    }

    /// @dev Reverts with {CredentialRegistryCredentialAlreadyRevoked} for a credential known to be revoked.
    function _revertAlreadyRevoked(
        uint32 institutionId,
        bytes32 root,
        uint256 batchSlot,
        uint256 index,
        uint256 word
    ) private view {
        revert CredentialRegistryCredentialAlreadyRevoked(
            institutionId,
            root,
            uint32(index),
            uint40(_stampOf(batchSlot, index, word))
        );
    }

    /// @dev Reverts unless the caller is an active key of `institutionId` (not withdrawn) or the registrar.
    function _authorizeRevoker(uint32 institutionId) private view {
        uint256 signer = _signers[msg.sender];
        if (
            uint32(signer) == institutionId &&
            institutionId != 0 &&
            uint40(signer >> 112) == 0 &&
            uint8(signer >> 64) != _WITHDRAWN
        ) {
            return;
        }
        if (!hasRole(REGISTRAR_ROLE, msg.sender)) {
            revert CredentialRegistryUnauthorizedRevoker(msg.sender, institutionId);
        }
        if (institutionId == 0 || institutionId > _institutionCount) {
            revert CredentialRegistryUnknownInstitution(institutionId);
        }
    }

    /// @dev The count of an anchored batch; reverts when it is not anchored.
    function _anchoredCount(uint256 batchSlot, uint32 institutionId, bytes32 root) private view returns (uint32) {
        uint256 batch = _sload(batchSlot);
        if (batch == 0) {
            revert CredentialRegistryUnknownBatch(institutionId, root);
        }
        return uint32(batch >> 72);
    }

    /// @dev The root a credential's Merkle path leads to from its leaf; reverts when the path is too long.
    function _rootOf(
        uint32 institutionId,
        uint32 index,
        bytes32 credentialDigest,
        bytes32[] calldata proof
    ) private view returns (bytes32) {
        if (proof.length > MAX_PROOF_LENGTH) {
            revert CredentialRegistryProofTooLong(proof.length, MAX_PROOF_LENGTH);
        }
        return _processProof(proof, _leaf(institutionId, index, credentialDigest));
    }

    /// @dev The facts about credential `index` of batch `(institutionId, root)` (see
    /// {ICredentialRegistry-verifyCredential}).
    function _status(
        uint32 institutionId,
        bytes32 root,
        uint32 index
    ) private view returns (CredentialStatus memory status) {
        status.root = root;
        uint256 batchSlot = _batchSlot(institutionId, root);
        uint256 batch = _sload(batchSlot);
        if (batch != 0) {
            uint40 anchoredAt = uint40(batch >> 32);
            uint32 count = uint32(batch >> 72);
            status.anchored = true;
            status.anchoredAt = anchoredAt;
            status.count = count;
            status.indexInRange = index < count;
            status.batchRevokedAt = uint40(batch >> 104);
            status.batchRevocationReason = uint8(batch >> 144);
            status.institutionNameHash = bytes12(uint96(batch >> 152));
            uint256 key = _keysById[uint32(batch)];
            uint40 compromisedFrom = uint40(key >> 160);
            status.signingKey = address(uint160(key));
            status.keyCompromisedFrom = compromisedFrom;
            status.keyValidAtAnchoring = compromisedFrom == 0 || anchoredAt < compromisedFrom;
            status.institutionStatusAtAnchoring = InstitutionStatus.Active;
            status.institutionStatus = InstitutionStatus(uint8(key >> 200));
            status.institutionCountry = bytes2(uint16(key >> 208));
        } else {
            InstitutionRecord storage record = _institutions[institutionId];
            status.institutionStatus = record.status;
            status.institutionCountry = record.country;
        }
        uint256 stamp = _credentialStamp(batchSlot, index);
        status.credentialRevokedAt = uint40(stamp);
        status.credentialRevocationReason = uint8(stamp >> 40);
    }

    /// @dev The institution's name hash at the bits signer and batch records keep it: the first 12 bytes of
    /// `keccak256(bytes(name))` at [152,248).
    function _nameHashBits(InstitutionRecord storage record) private view returns (uint256) {
        return (uint256(keccak256(bytes(record.name))) >> 160) << 152;
    }

    /// @dev The institution's record; reverts when it was never admitted.
    function _knownInstitution(uint32 institutionId) private view returns (InstitutionRecord storage record) {
        record = _institutions[institutionId];
        if (record.status == InstitutionStatus.None) {
            revert CredentialRegistryUnknownInstitution(institutionId);
        }
    }

    /// @dev The key's packed signer record; reverts when it was never registered.
    function _knownSigner(address signingKey) private view returns (uint256 signer) {
        signer = _signers[signingKey];
        if (signer == 0) {
            revert CredentialRegistryUnknownSigningKey(signingKey);
        }
    }

    /// @dev The stamp of a credential known to be revoked: its override if any, else its word's default.
    function _stampOf(uint256 batchSlot, uint256 index, uint256 word) private view returns (uint256 stamp) {
        stamp = _revocationOverrides[batchSlot][index];
        if (stamp == 0) {
            stamp = word >> _WORD_POSITIONS;
        }
    }

    /// @dev Reads a raw storage slot (batch records and revocation words).
    function _sload(uint256 slot) private view returns (uint256 value) {
        // Assembly: slots from {_batchSlot} and {_wordSlot}.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            value := sload(slot)
        }
    }

    /// @dev The revocation stamp of credential `index` of the batch at `batchSlot` (0: not revoked).
    function _credentialStamp(uint256 batchSlot, uint256 index) private view returns (uint256 stamp) {
        uint256 word = _sload(_wordSlot(batchSlot, index / _WORD_POSITIONS));
        if (word & (uint256(1) << (index % _WORD_POSITIONS)) != 0) {
            stamp = _stampOf(batchSlot, index, word);
        }
    }

    /// @dev The leaf for a credential (see the contract NatSpec): `abi.encode` of the six values is written
    /// past the free memory pointer (not allocated: nothing else runs before it is hashed), hashed, and the
    /// hash hashed again from the scratch space.
    function _leaf(uint32 institutionId, uint32 index, bytes32 credentialDigest) private view returns (bytes32 leaf) {
        bytes32 tag = FORMAT_TAG;
        // Assembly: abi.encode + double keccak without allocating memory.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let buffer := mload(0x40)
            mstore(buffer, tag)
            mstore(add(buffer, 0x20), chainid())
            mstore(add(buffer, 0x40), address())
            // Types narrower than a word may carry dirty high bits in assembly: mask them.
            mstore(add(buffer, 0x60), and(institutionId, 0xffffffff))
            mstore(add(buffer, 0x80), and(index, 0xffffffff))
            mstore(add(buffer, 0xa0), credentialDigest)
            mstore(0x00, keccak256(buffer, 0xc0))
            leaf := keccak256(0x00, 0x20)
        }
    }

    /// @dev This block's revocation stamp: `revokedAt u40 | reason u8 << 40` (never zero).
    function _stamp(uint8 reason) private view returns (uint256) {
        return block.timestamp | (uint256(reason) << 40);
    }

    /// @dev The root reached from `leaf` along `proof` with sorted-pair hashing: the same result as
    /// OpenZeppelin's `MerkleProof.processProofCalldata`, without its per-node function calls. Each step writes
    /// the smaller of (computed, node) at 0x00 and the larger at 0x20 of the scratch space and hashes them; the
    /// loop takes two steps per turn (after one lone step for an odd length), halving its bookkeeping.
    function _processProof(bytes32[] calldata proof, bytes32 leaf) private pure returns (bytes32 computed) {
        // Assembly: the hot loop of the view, scratch space only.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let hash := leaf
            let offset := proof.offset
            let end := add(offset, shl(5, proof.length))
            if and(proof.length, 1) {
                let node := calldataload(offset)
                // 0x20 when hash > node: hash goes second and node first; else hash first.
                let first := shl(5, gt(hash, node))
                mstore(first, hash)
                mstore(xor(first, 0x20), node)
                hash := keccak256(0x00, 0x40)
                offset := add(offset, 0x20)
            }
            for {} lt(offset, end) {} {
                let node := calldataload(offset)
                let first := shl(5, gt(hash, node))
                mstore(first, hash)
                mstore(xor(first, 0x20), node)
                hash := keccak256(0x00, 0x40)
                node := calldataload(add(offset, 0x20))
                first := shl(5, gt(hash, node))
                mstore(first, hash)
                mstore(xor(first, 0x20), node)
                hash := keccak256(0x00, 0x40)
                offset := add(offset, 0x40)
            }
            computed := hash
        }
    }

    /// @dev Ends the call returning the ABI encoding of the {CredentialStatus} of a credential of an anchored
    /// batch, built straight from the packed words (layouts in the contract NatSpec): the struct is static, so
    /// its encoding is its 16 words in order.
    function _returnAnchored(bytes32 root, uint256 index, uint256 batch, uint256 key, uint256 stamp) private pure {
        // Assembly: encodes and returns without building the struct.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let out := mload(0x40)
            let anchoredAt := and(shr(32, batch), 0xffffffffff)
            let count := and(shr(72, batch), 0xffffffff)
            let compromisedFrom := and(shr(160, key), 0xffffffffff)
            mstore(out, root)
            mstore(add(out, 0x20), 1) // anchored
            mstore(add(out, 0x40), lt(index, count)) // indexInRange
            mstore(add(out, 0x60), anchoredAt)
            mstore(add(out, 0x80), count)
            mstore(add(out, 0xa0), and(key, 0xffffffffffffffffffffffffffffffffffffffff)) // signingKey
            mstore(add(out, 0xc0), compromisedFrom)
            mstore(add(out, 0xe0), or(iszero(compromisedFrom), lt(anchoredAt, compromisedFrom)))
            mstore(add(out, 0x100), 1) // institutionStatusAtAnchoring: Active
            mstore(add(out, 0x120), and(shr(200, key), 0xff)) // institutionStatus (mirror)
            mstore(add(out, 0x140), shl(160, shr(152, batch))) // institutionNameHash, left-aligned (bits 248+ are 0)
            mstore(add(out, 0x160), shl(240, and(shr(208, key), 0xffff))) // institutionCountry, left-aligned
            mstore(add(out, 0x180), and(stamp, 0xffffffffff)) // credentialRevokedAt
            mstore(add(out, 0x1a0), and(shr(40, stamp), 0xff)) // credentialRevocationReason
            mstore(add(out, 0x1c0), and(shr(104, batch), 0xffffffffff)) // batchRevokedAt
            mstore(add(out, 0x1e0), and(shr(144, batch), 0xff)) // batchRevocationReason
            return(out, 0x200)
        }
    }

    /// @dev Reverts unless the profile's name, country, website and metadata URI are acceptable.
    function _validateProfile(InstitutionProfile calldata profile) private pure {
        if (bytes(profile.name).length == 0) {
            revert CredentialRegistryEmptyName();
        }
        _validateText("name", profile.name, MAX_NAME_LENGTH);
        _validateText("website", profile.website, MAX_URI_LENGTH);
        _validateText("metadataURI", profile.metadataURI, MAX_URI_LENGTH);
        bytes2 country = profile.country;
        if (!_isUpperAsciiLetter(country[0]) || !_isUpperAsciiLetter(country[1])) {
            revert CredentialRegistryInvalidCountryCode(country);
        }
    }

    /// @dev Reverts if `text` is longer than `maxLength` bytes or holds a control character.
    function _validateText(string memory field, string calldata text, uint256 maxLength) private pure {
        bytes calldata raw = bytes(text);
        if (raw.length > maxLength) {
            revert CredentialRegistryTextTooLong(field, raw.length, maxLength);
        }
        for (uint256 i; i < raw.length; ++i) {
            bytes1 c = raw[i];
            if (c < 0x20 || c == 0x7f) {
                revert CredentialRegistryControlCharacter(field, i);
            }
        }
    }

    /// @dev Gives a fresh word this call's stamp as its default; otherwise says whether this call must write
    /// per-credential overrides (its stamp differs from the word's default).
    function _claimDefaultStamp(uint256 word, uint256 stamp) private pure returns (uint256, bool overrides) {
        uint256 defaultStamp = word >> _WORD_POSITIONS;
        if (defaultStamp == 0) {
            return (word | (stamp << _WORD_POSITIONS), false);
        }
        return (word, defaultStamp != stamp);
    }

    /// @dev The storage slot of batch `(institutionId, root)`: `keccak256(abi.encode(_BATCH_DOMAIN |
    /// institutionId, root))`, one hash instead of a mapping's two. The domain tag fills the high 224 bits of the
    /// first word, so that word is never a small slot number, a uint32 or an address, the only keys the
    /// compiler's own mapping slots (`keccak256(key . slot)`) hash with a second word an anchorer could choose
    /// as a root: no batch slot can land on another variable's slot. The slot doubles as the batch's key for
    /// {_revocationOverrides}, and the revocation words follow it (see {_wordSlot}).
    function _batchSlot(uint32 institutionId, bytes32 root) private pure returns (uint256 slot) {
        uint256 first = _BATCH_DOMAIN | institutionId;
        // Assembly: hashes two words in the scratch space, no allocation.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(0x00, first)
            mstore(0x20, root)
            slot := keccak256(0x00, 0x40)
        }
    }

    /// @dev The slot of revocation word `wordIndex` of the batch at `batchSlot`: `batchSlot + 1 + wordIndex`,
    /// the layout the compiler gives a dynamic array's items (at most 2^32 / 208 words follow each batch slot, so
    /// two batches' words meet with negligible probability, as two arrays' items would).
    function _wordSlot(uint256 batchSlot, uint256 wordIndex) private pure returns (uint256) {
        unchecked {
            return batchSlot + 1 + wordIndex;
        }
    }

    /// @dev The position of the lowest set bit of a non-zero value.
    function _lowestBit(uint256 value) private pure returns (uint256 position) {
        while (value & 1 == 0) {
            value >>= 1;
            ++position;
        }
    }

    /// @dev Whether `c` is an ASCII letter A–Z.
    function _isUpperAsciiLetter(bytes1 c) private pure returns (bool) {
        return c >= 0x41 && c <= 0x5a;
    }
}
