// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

// solhint-disable-next-line max-line-length
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ICredentialRegistry} from "./interfaces/ICredentialRegistry.sol";
import {RegistryText} from "./libraries/RegistryText.sol";

/// @title CredentialRegistry
/// @notice Acredita's registry of accredited institutions, their issuer identities and signing keys, anchored
/// credential batches and revocations, with a one-call verification view. Not upgradeable; holds no ether. See
/// {ICredentialRegistry} for the specification.
/// @dev Leaf: `keccak256(bytes.concat(keccak256(abi.encode(FORMAT_TAG, block.chainid, address(this),
/// institutionId, index, credentialDigest))))`, an OpenZeppelin StandardMerkleTree leaf for
/// `["bytes32","uint256","address","uint32","uint32","bytes32"]`, checked with OpenZeppelin's {MerkleProof}.
///
/// Storage, and why each record looks the way it does:
/// - `_institutions[id]`: the profile, the status and its times, the current identity version and the list of
///   keys. Read by the registrar's functions and by the verification view (status and country share one slot).
/// - `_identities[id][version]`: the hashes of the name and issuer id of each identity version and their identity
///   hash, written when the version is recorded and never changed. The view reads the identity hash of the version
///   its batch recorded (one slot for both texts); the two text hashes tell which one differs.
/// - `_issuerIdOwners[keccak256(issuerId)]`: which institution an issuer id belongs to, so none is ever reused.
/// - `_signers[key]`: what anchoring and revoking need to authorize a key, in one slot. It carries a copy of its
///   institution's status and identity version, which the registrar's functions rewrite for each of the
///   institution's keys (at most {MAX_KEYS_PER_INSTITUTION}) when they change: anchoring is the operation every
///   issuer pays for, and with the copies it reads one record instead of two.
/// - `_keys[keyId]`: the key's address and compromise time, for the batch record, which names its key by id.
/// - `_batches[id][root]`: a {BatchState}: the batch record (one slot, written by anchoring and, once, by batch
///   revocation) and its credentials' revocations, a {RevocationWord} per 208 consecutive positions: 208 revoked
///   flags and the time and reason of the first revocation written into the word. A later revocation in the same
///   word at another time or for another reason also writes its own {RevocationStamp} to `revocationOverrides`.
///   Revoking one credential, or a cohort of consecutive ones, thus writes one new slot per 208 positions, where a
///   flag plus a separate time and reason (OpenZeppelin's `BitMaps` and a second mapping) would write two.
contract CredentialRegistry is ICredentialRegistry, AccessControlDefaultAdminRules {
    /// @dev An institution as stored. The first six members share one slot.
    struct InstitutionRecord {
        InstitutionStatus status;
        bytes2 country;
        uint40 admittedAt;
        uint40 updatedAt;
        uint40 statusChangedAt;
        uint32 identityVersion;
        string name;
        string issuerId;
        string website;
        string metadataURI;
        bytes32 metadataHash;
        address[] signingKeys;
    }

    /// @dev What anchoring and revoking read about the calling key (one slot). `institutionStatus` and
    /// `identityVersion` are copies of the institution's, kept in step by {_syncKeys}.
    struct SignerRecord {
        uint32 institutionId;
        uint32 keyId;
        uint40 addedAt;
        uint40 removedAt;
        InstitutionStatus institutionStatus;
        uint32 identityVersion;
    }

    /// @dev A key by its id, as batches name it (one slot). `institutionStatus` and `institutionCountry` are
    /// copies of the institution's, kept in step by {_syncKeys}, so the verification view reads one record less.
    struct KeyRecord {
        address signingKey;
        uint40 compromisedFrom;
        InstitutionStatus institutionStatus;
        bytes2 institutionCountry;
    }

    /// @dev A batch (one slot). `anchoredAt != 0` for every anchored batch.
    struct BatchRecord {
        uint32 keyId;
        uint40 anchoredAt;
        uint32 count;
        uint32 identityVersion;
        uint40 revokedAt;
        uint8 revocationReason;
    }

    /// @dev Positions `208 * word … 208 * word + 207` of a batch (one slot): a revoked flag per position (bit
    /// `index % 208`), and the time and reason of the first revocation written into this word.
    struct RevocationWord {
        uint208 revoked;
        uint40 revokedAt;
        uint8 reason;
    }

    /// @dev The time and reason of one credential's revocation when they differ from its word's.
    struct RevocationStamp {
        uint40 revokedAt;
        uint8 reason;
    }

    /// @dev Everything the registry keeps about one batch: its record and its credentials' revocations.
    struct BatchState {
        BatchRecord record;
        mapping(uint256 word => RevocationWord revocations) revocations;
        mapping(uint256 index => RevocationStamp stamp) revocationOverrides;
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

    /// @dev Positions per {RevocationWord}: the bits of `uint208`.
    uint256 private constant _WORD_POSITIONS = 208;

    /// @dev The highest institution id admitted so far.
    uint32 private _institutionCount;
    /// @dev The highest key id assigned so far.
    uint32 private _keyCount;
    mapping(uint32 institutionId => InstitutionRecord record) private _institutions;
    mapping(uint32 institutionId => mapping(uint32 version => IssuerIdentity identity)) private _identities;
    mapping(bytes32 issuerIdHash => uint32 institutionId) private _issuerIdOwners;
    mapping(address signingKey => SignerRecord record) private _signers;
    mapping(uint32 keyId => KeyRecord record) private _keys;
    mapping(uint32 institutionId => mapping(bytes32 root => BatchState batch)) private _batches;

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

    // ----------------------------------------------------------------------------------- registrar: institutions

    /// @inheritdoc ICredentialRegistry
    function admitInstitution(
        InstitutionProfile calldata profile
    ) external onlyRegistrar returns (uint32 institutionId) {
        _validateProfile(profile);
        institutionId = ++_institutionCount;
        InstitutionRecord storage record = _institutions[institutionId];
        uint40 currentTime = _now();
        record.status = InstitutionStatus.Active;
        record.admittedAt = currentTime;
        record.updatedAt = currentTime;
        record.statusChangedAt = currentTime;
        _storeProfile(institutionId, record, profile);
        _recordIdentity(institutionId, record, profile);
        emit InstitutionAdmitted(
            institutionId,
            profile.name,
            profile.issuerId,
            profile.country,
            profile.website,
            profile.metadataURI,
            profile.metadataHash,
            record.identityVersion
        );
    }

    /// @inheritdoc ICredentialRegistry
    function updateInstitution(uint32 institutionId, InstitutionProfile calldata profile) external onlyRegistrar {
        InstitutionRecord storage record = _notWithdrawn(institutionId);
        _validateProfile(profile);
        bool identityChanged =
            keccak256(bytes(record.name)) != keccak256(bytes(profile.name)) ||
                keccak256(bytes(record.issuerId)) != keccak256(bytes(profile.issuerId));
        _storeProfile(institutionId, record, profile);
        record.updatedAt = _now();
        if (identityChanged) {
            _recordIdentity(institutionId, record, profile);
        }
        _syncKeys(record);
        emit InstitutionUpdated(
            institutionId,
            profile.name,
            profile.issuerId,
            profile.country,
            profile.website,
            profile.metadataURI,
            profile.metadataHash,
            record.identityVersion
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
        InstitutionRecord storage record = _notWithdrawn(institutionId);
        _changeStatus(record, InstitutionStatus.Withdrawn);
        emit InstitutionWithdrawn(institutionId);
    }

    // ----------------------------------------------------------------------------------- registrar: signing keys

    /// @inheritdoc ICredentialRegistry
    function addSigningKey(uint32 institutionId, address signingKey) external onlyRegistrar {
        if (signingKey == address(0)) {
            revert CredentialRegistryZeroAddress();
        }
        uint32 owner = _signers[signingKey].institutionId;
        if (owner != 0) {
            revert CredentialRegistryKeyAlreadyRegistered(signingKey, owner);
        }
        InstitutionRecord storage record = _notWithdrawn(institutionId);
        if (record.signingKeys.length == MAX_KEYS_PER_INSTITUTION) {
            revert CredentialRegistryTooManySigningKeys(institutionId, MAX_KEYS_PER_INSTITUTION);
        }
        uint32 keyId = ++_keyCount;
        _signers[signingKey] = SignerRecord({
            institutionId: institutionId,
            keyId: keyId,
            addedAt: _now(),
            removedAt: 0,
            institutionStatus: record.status,
            identityVersion: record.identityVersion
        });
        _keys[keyId] = KeyRecord({
            signingKey: signingKey,
            compromisedFrom: 0,
            institutionStatus: record.status,
            institutionCountry: record.country
        });
        record.signingKeys.push(signingKey);
        emit SigningKeyAdded(institutionId, signingKey, keyId);
    }

    /// @inheritdoc ICredentialRegistry
    function removeSigningKey(address signingKey) external onlyRegistrar {
        SignerRecord storage signer = _knownSigner(signingKey);
        if (signer.removedAt != 0) {
            revert CredentialRegistrySigningKeyRemoved(signingKey, signer.removedAt);
        }
        signer.removedAt = _now();
        emit SigningKeyRemoved(signer.institutionId, signingKey);
    }

    /// @inheritdoc ICredentialRegistry
    /// @dev A `compromisedFrom` of 0 is recorded as 1: both mean "every batch this key ever anchored".
    function declareKeyCompromised(address signingKey, uint40 compromisedFrom) external onlyRegistrar {
        SignerRecord storage signer = _knownSigner(signingKey);
        if (compromisedFrom > block.timestamp) {
            revert CredentialRegistryCompromiseInFuture(compromisedFrom, _now());
        }
        if (compromisedFrom == 0) {
            compromisedFrom = 1;
        }
        KeyRecord storage key = _keys[signer.keyId];
        uint40 current = key.compromisedFrom;
        if (current != 0 && compromisedFrom >= current) {
            revert CredentialRegistryCompromiseNotEarlier(signingKey, current, compromisedFrom);
        }
        key.compromisedFrom = compromisedFrom;
        if (signer.removedAt == 0) {
            signer.removedAt = _now();
            emit SigningKeyRemoved(signer.institutionId, signingKey);
        }
        emit SigningKeyCompromised(signer.institutionId, signingKey, compromisedFrom);
    }

    // ------------------------------------------------------------------------------------------------ anchoring

    /// @inheritdoc ICredentialRegistry
    function anchorBatch(bytes32 root, uint32 count) external {
        _anchor(root, count);
    }

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
        _revokeInWord(_batches[institutionId][root], institutionId, root, index, uint256(index) + 1, _stamp(reason));
        emit CredentialRevoked(institutionId, root, index, reason);
    }

    /// @inheritdoc ICredentialRegistry
    function revokeCredentials(uint32 institutionId, bytes32 root, uint32[] calldata indexes, uint8 reason) external {
        _authorizeRevoker(institutionId);
        BatchState storage batch = _anchoredBatch(institutionId, root);
        uint32 count = batch.record.count;
        uint256 length = indexes.length;
        if (length == 0) {
            revert CredentialRegistryNoIndexes();
        }
        if (length > MAX_INDEXES_PER_CALL) {
            revert CredentialRegistryTooManyIndexes(length, MAX_INDEXES_PER_CALL);
        }
        RevocationStamp memory stamp = _stamp(reason);
        for (uint256 i; i < length; ++i) {
            uint32 index = indexes[i];
            if (i != 0 && index <= indexes[i - 1]) {
                revert CredentialRegistryIndexesNotIncreasing(i, index);
            }
            if (index >= count) {
                revert CredentialRegistryIndexOutOfRange(index, count);
            }
            _revokeInWord(batch, institutionId, root, index, uint256(index) + 1, stamp);
        }
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
        BatchState storage batch = _anchoredBatch(institutionId, root);
        uint32 batchCount = batch.record.count;
        if (count == 0) {
            revert CredentialRegistryNoIndexes();
        }
        uint256 end = uint256(fromIndex) + count; // exclusive
        if (end > batchCount) {
            revert CredentialRegistryIndexOutOfRange(end - 1, batchCount);
        }
        RevocationStamp memory stamp = _stamp(reason);
        uint256 position = fromIndex;
        while (position < end) {
            uint256 wordEnd = (position / _WORD_POSITIONS + 1) * _WORD_POSITIONS;
            if (wordEnd > end) {
                wordEnd = end;
            }
            _revokeInWord(batch, institutionId, root, position, wordEnd, stamp);
            position = wordEnd;
        }
        emit CredentialRangeRevoked(institutionId, root, fromIndex, count, reason);
    }

    /// @inheritdoc ICredentialRegistry
    function revokeBatch(uint32 institutionId, bytes32 root, uint8 reason) external {
        _authorizeRevoker(institutionId);
        BatchRecord storage batch = _batches[institutionId][root].record;
        if (batch.anchoredAt == 0) {
            revert CredentialRegistryUnknownBatch(institutionId, root);
        }
        if (batch.revokedAt != 0) {
            revert CredentialRegistryBatchAlreadyRevoked(institutionId, root, batch.revokedAt);
        }
        batch.revokedAt = _now();
        batch.revocationReason = reason;
        emit BatchRevoked(institutionId, root, reason);
    }

    // ---------------------------------------------------------------------------------------------- verification

    /// @inheritdoc ICredentialRegistry
    function verifyCredential(
        uint32 institutionId,
        uint32 index,
        bytes32 credentialDigest,
        bytes32[] calldata proof
    ) external view returns (CredentialStatus memory status) {
        _writeStatus(status, institutionId, index, credentialDigest, proof);
    }

    /// @inheritdoc ICredentialRegistry
    function verifyCredentials(
        CredentialQuery[] calldata queries
    ) external view returns (CredentialStatus[] memory statuses) {
        statuses = new CredentialStatus[](queries.length);
        for (uint256 i; i < queries.length; ++i) {
            CredentialQuery calldata query = queries[i];
            _writeStatus(statuses[i], query.institutionId, query.index, query.credentialDigest, query.proof);
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

    // ------------------------------------------------------------------------------------------------------ reads

    /// @inheritdoc ICredentialRegistry
    function institutionCount() external view returns (uint32 count) {
        return _institutionCount;
    }

    /// @inheritdoc ICredentialRegistry
    function getInstitution(uint32 institutionId) external view returns (Institution memory institution) {
        InstitutionRecord storage record = _institutions[institutionId];
        institution.profile = InstitutionProfile({
            name: record.name,
            issuerId: record.issuerId,
            country: record.country,
            website: record.website,
            metadataURI: record.metadataURI,
            metadataHash: record.metadataHash
        });
        institution.status = record.status;
        institution.admittedAt = record.admittedAt;
        institution.updatedAt = record.updatedAt;
        institution.statusChangedAt = record.statusChangedAt;
        institution.signingKeyCount = SafeCast.toUint32(record.signingKeys.length);
        institution.identityVersion = record.identityVersion;
    }

    /// @inheritdoc ICredentialRegistry
    function getIssuerIdentity(
        uint32 institutionId,
        uint32 version
    ) external view returns (IssuerIdentity memory identity) {
        return _identities[institutionId][version];
    }

    /// @inheritdoc ICredentialRegistry
    function institutionOfIssuerId(string calldata issuerId) external view returns (uint32 institutionId) {
        return _issuerIdOwners[keccak256(bytes(issuerId))];
    }

    /// @inheritdoc ICredentialRegistry
    function getSigningKeys(uint32 institutionId) external view returns (address[] memory signingKeys) {
        return _institutions[institutionId].signingKeys;
    }

    /// @inheritdoc ICredentialRegistry
    function getSigningKey(address signingKey) external view returns (SigningKey memory key) {
        SignerRecord storage signer = _signers[signingKey];
        key.institutionId = signer.institutionId;
        key.keyId = signer.keyId;
        key.addedAt = signer.addedAt;
        key.removedAt = signer.removedAt;
        key.compromisedFrom = _keys[signer.keyId].compromisedFrom;
    }

    /// @inheritdoc ICredentialRegistry
    function isAnchored(uint32 institutionId, bytes32 root) external view returns (bool anchored) {
        return _batches[institutionId][root].record.anchoredAt != 0;
    }

    /// @inheritdoc ICredentialRegistry
    function getBatch(uint32 institutionId, bytes32 root) external view returns (Batch memory batch) {
        BatchRecord storage record = _batches[institutionId][root].record;
        if (record.anchoredAt == 0) {
            return batch;
        }
        batch.signingKey = _keys[record.keyId].signingKey;
        batch.anchoredAt = record.anchoredAt;
        batch.count = record.count;
        batch.identityVersion = record.identityVersion;
        batch.revokedAt = record.revokedAt;
        batch.revocationReason = record.revocationReason;
    }

    /// @inheritdoc ICredentialRegistry
    function getCredentialRevocation(
        uint32 institutionId,
        bytes32 root,
        uint32 index
    ) external view returns (uint40 revokedAt, uint8 reason) {
        RevocationStamp memory stamp = _credentialRevocation(_batches[institutionId][root], index);
        return (stamp.revokedAt, stamp.reason);
    }

    /// @inheritdoc AccessControlDefaultAdminRules
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(ICredentialRegistry).interfaceId || super.supportsInterface(interfaceId);
    }

    // -------------------------------------------------------------------------------------------------- private

    /// @dev Anchors `root` for the caller's institution; returns the institution.
    function _anchor(bytes32 root, uint32 count) private returns (uint32 institutionId) {
        SignerRecord storage signer = _signers[msg.sender];
        institutionId = signer.institutionId;
        if (institutionId == 0) {
            revert CredentialRegistryUnknownSigningKey(msg.sender);
        }
        if (signer.removedAt != 0) {
            revert CredentialRegistrySigningKeyRemoved(msg.sender, signer.removedAt);
        }
        if (signer.institutionStatus != InstitutionStatus.Active) {
            revert CredentialRegistryInstitutionNotActive(institutionId, signer.institutionStatus);
        }
        if (root == bytes32(0)) {
            revert CredentialRegistryZeroRoot();
        }
        if (count == 0) {
            revert CredentialRegistryEmptyBatch(root);
        }
        // What the record holds, gathered before the batch is read: with nothing called between reading its slot
        // and writing it, the compiler writes the whole record in one store.
        uint40 anchoredAt = _now();
        uint32 keyId = signer.keyId;
        uint32 identityVersion = signer.identityVersion;
        BatchRecord storage batch = _batches[institutionId][root].record;
        if (batch.anchoredAt != 0) {
            revert CredentialRegistryBatchAlreadyAnchored(institutionId, root, batch.anchoredAt);
        }
        batch.anchoredAt = anchoredAt;
        batch.count = count;
        batch.identityVersion = identityVersion;
        batch.keyId = keyId;
        emit BatchAnchored(institutionId, root);
    }

    /// @dev Marks positions `from … to-1`, all within one {RevocationWord}, revoked with `stamp`. Reverts if any of
    /// them already is.
    function _revokeInWord(
        BatchState storage batch,
        uint32 institutionId,
        bytes32 root,
        uint256 from,
        uint256 to,
        RevocationStamp memory stamp
    ) private {
        uint256 wordIndex = from / _WORD_POSITIONS;
        uint256 offset = from % _WORD_POSITIONS;
        // `to - from` ones, shifted to the positions' bits.
        uint208 mask = uint208(((uint256(1) << (to - from)) - 1) << offset);
        RevocationWord storage word = batch.revocations[wordIndex];
        uint208 clash = word.revoked & mask;
        if (clash != 0) {
            uint256 index = wordIndex * _WORD_POSITIONS + _lowestBit(clash);
            revert CredentialRegistryCredentialAlreadyRevoked(
                institutionId,
                root,
                uint32(index),
                _credentialRevocation(batch, index).revokedAt
            );
        }
        uint208 revoked = word.revoked | mask;
        if (word.revokedAt == 0) {
            batch.revocations[wordIndex] = RevocationWord({
                revoked: revoked,
                revokedAt: stamp.revokedAt,
                reason: stamp.reason
            });
            return;
        }
        if (word.revokedAt != stamp.revokedAt || word.reason != stamp.reason) {
            for (uint256 index = from; index < to; ++index) {
                batch.revocationOverrides[index] = stamp;
            }
        }
        word.revoked = revoked;
    }

    /// @dev Sets the status and copies it into the institution's keys.
    function _changeStatus(InstitutionRecord storage record, InstitutionStatus status) private {
        record.status = status;
        record.statusChangedAt = _now();
        _syncKeys(record);
    }

    /// @dev Copies the institution's status, identity version and country into each of its keys' records.
    function _syncKeys(InstitutionRecord storage record) private {
        address[] storage keys = record.signingKeys;
        for (uint256 i; i < keys.length; ++i) {
            SignerRecord storage signer = _signers[keys[i]];
            signer.institutionStatus = record.status;
            signer.identityVersion = record.identityVersion;
            KeyRecord storage key = _keys[signer.keyId];
            key.institutionStatus = record.status;
            key.institutionCountry = record.country;
        }
    }

    /// @dev Records the profile's name and issuer id as the next identity version, and the issuer id as the
    /// institution's.
    function _recordIdentity(
        uint32 institutionId,
        InstitutionRecord storage record,
        InstitutionProfile calldata profile
    ) private {
        uint32 version = record.identityVersion + 1;
        record.identityVersion = version;
        bytes32 nameHash = keccak256(bytes(profile.name));
        bytes32 issuerIdHash = keccak256(bytes(profile.issuerId));
        _identities[institutionId][version] = IssuerIdentity({
            identityHash: keccak256(abi.encode(nameHash, issuerIdHash)),
            nameHash: nameHash,
            issuerIdHash: issuerIdHash
        });
    }

    /// @dev Stores the profile's texts and claims its issuer id for the institution (reverting if another
    /// institution holds it).
    function _storeProfile(
        uint32 institutionId,
        InstitutionRecord storage record,
        InstitutionProfile calldata profile
    ) private {
        bytes32 issuerIdHash = keccak256(bytes(profile.issuerId));
        uint32 owner = _issuerIdOwners[issuerIdHash];
        if (owner != 0 && owner != institutionId) {
            revert CredentialRegistryIssuerIdTaken(profile.issuerId, owner);
        }
        _issuerIdOwners[issuerIdHash] = institutionId;
        record.name = profile.name;
        record.issuerId = profile.issuerId;
        record.country = profile.country;
        record.website = profile.website;
        record.metadataURI = profile.metadataURI;
        record.metadataHash = profile.metadataHash;
    }

    /// @dev Writes the facts of {CredentialStatus} for one credential into `status`, which is all zero.
    function _writeStatus(
        CredentialStatus memory status,
        uint32 institutionId,
        uint32 index,
        bytes32 credentialDigest,
        bytes32[] calldata proof
    ) private view {
        if (proof.length > MAX_PROOF_LENGTH) {
            revert CredentialRegistryProofTooLong(proof.length, MAX_PROOF_LENGTH);
        }
        bytes32 root = MerkleProof.processProofCalldata(proof, _leaf(institutionId, index, credentialDigest));
        status.root = root;
        BatchState storage state = _batches[institutionId][root];
        BatchRecord storage batch = state.record;
        if (batch.anchoredAt == 0) {
            InstitutionRecord storage institution = _institutions[institutionId];
            status.institutionStatus = institution.status;
            status.institutionCountry = institution.country;
        } else {
            KeyRecord storage key = _keys[batch.keyId];
            status.institutionStatus = key.institutionStatus;
            status.institutionCountry = key.institutionCountry;
            status.anchored = true;
            status.indexInRange = index < batch.count;
            status.anchoredAt = batch.anchoredAt;
            status.count = batch.count;
            status.signingKey = key.signingKey;
            status.keyCompromisedFrom = key.compromisedFrom;
            status.keyValidAtAnchoring = key.compromisedFrom == 0 || batch.anchoredAt < key.compromisedFrom;
            status.identityVersion = batch.identityVersion;
            status.issuerIdentityHash = _identities[institutionId][batch.identityVersion].identityHash;
            status.batchRevokedAt = batch.revokedAt;
            status.batchRevocationReason = batch.revocationReason;
        }
        RevocationStamp memory revocation = _credentialRevocation(state, index);
        status.credentialRevokedAt = revocation.revokedAt;
        status.credentialRevocationReason = revocation.reason;
    }

    /// @dev When and why the credential at `index` was revoked (zero when it was not).
    function _credentialRevocation(
        BatchState storage batch,
        uint256 index
    ) private view returns (RevocationStamp memory stamp) {
        RevocationWord memory word = batch.revocations[index / _WORD_POSITIONS];
        if (uint256(word.revoked) & (uint256(1) << (index % _WORD_POSITIONS)) == 0) {
            return stamp;
        }
        stamp = batch.revocationOverrides[index];
        if (stamp.revokedAt == 0) {
            stamp = RevocationStamp({revokedAt: word.revokedAt, reason: word.reason});
        }
    }

    /// @dev Lets the call through if the caller is an active key of `institutionId` (not withdrawn) or the
    /// registrar (for a known institution).
    function _authorizeRevoker(uint32 institutionId) private view {
        SignerRecord storage signer = _signers[msg.sender];
        if (
            signer.institutionId == institutionId &&
            institutionId != 0 &&
            signer.removedAt == 0 &&
            signer.institutionStatus != InstitutionStatus.Withdrawn
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

    /// @dev The batch, reverting if it is not anchored.
    function _anchoredBatch(uint32 institutionId, bytes32 root) private view returns (BatchState storage batch) {
        batch = _batches[institutionId][root];
        if (batch.record.anchoredAt == 0) {
            revert CredentialRegistryUnknownBatch(institutionId, root);
        }
    }

    /// @dev The institution, reverting if it was never admitted.
    function _knownInstitution(uint32 institutionId) private view returns (InstitutionRecord storage record) {
        record = _institutions[institutionId];
        if (record.status == InstitutionStatus.None) {
            revert CredentialRegistryUnknownInstitution(institutionId);
        }
    }

    /// @dev The institution, reverting if it was never admitted or is withdrawn.
    function _notWithdrawn(uint32 institutionId) private view returns (InstitutionRecord storage record) {
        record = _knownInstitution(institutionId);
        if (record.status == InstitutionStatus.Withdrawn) {
            revert CredentialRegistryInvalidStatusTransition(institutionId, record.status);
        }
    }

    /// @dev The key's record, reverting if it was never registered.
    function _knownSigner(address signingKey) private view returns (SignerRecord storage signer) {
        signer = _signers[signingKey];
        if (signer.institutionId == 0) {
            revert CredentialRegistryUnknownSigningKey(signingKey);
        }
    }

    /// @dev The leaf of the contract's NatSpec.
    function _leaf(uint32 institutionId, uint32 index, bytes32 credentialDigest) private view returns (bytes32) {
        return
            keccak256(
                bytes.concat(
                    keccak256(
                        abi.encode(FORMAT_TAG, block.chainid, address(this), institutionId, index, credentialDigest)
                    )
                )
            );
    }

    /// @dev A revocation stamp for now.
    function _stamp(uint8 reason) private view returns (RevocationStamp memory) {
        return RevocationStamp({revokedAt: _now(), reason: reason});
    }

    /// @dev The block's time as stored.
    function _now() private view returns (uint40) {
        return SafeCast.toUint40(block.timestamp);
    }

    /// @dev Reverts unless the profile's texts and country code are acceptable.
    function _validateProfile(InstitutionProfile calldata profile) private pure {
        if (bytes(profile.name).length == 0) {
            revert CredentialRegistryEmptyName();
        }
        _validateText("name", profile.name, MAX_NAME_LENGTH);
        _validateText("issuerId", profile.issuerId, MAX_URI_LENGTH);
        if (!RegistryText.isIssuerId(bytes(profile.issuerId))) {
            revert CredentialRegistryInvalidIssuerId(profile.issuerId);
        }
        _validateText("website", profile.website, MAX_URI_LENGTH);
        _validateText("metadataURI", profile.metadataURI, MAX_URI_LENGTH);
        if (!_isUpperLetter(profile.country[0]) || !_isUpperLetter(profile.country[1])) {
            revert CredentialRegistryInvalidCountryCode(profile.country);
        }
    }

    /// @dev Reverts unless `text` has at most `maxLength` bytes and passes {RegistryText.check}.
    function _validateText(string memory field, string calldata text, uint256 maxLength) private pure {
        uint256 length = bytes(text).length;
        if (length > maxLength) {
            revert CredentialRegistryTextTooLong(field, length, maxLength);
        }
        (RegistryText.Problem problem, uint256 position) = RegistryText.check(bytes(text));
        if (problem == RegistryText.Problem.InvalidUtf8) {
            revert CredentialRegistryInvalidUtf8(field, position);
        }
        if (problem == RegistryText.Problem.ControlCharacter) {
            revert CredentialRegistryControlCharacter(field, position);
        }
        if (problem == RegistryText.Problem.BidiControl) {
            revert CredentialRegistryBidiControl(field, position);
        }
        if (problem == RegistryText.Problem.NotNormalized) {
            revert CredentialRegistryTextNotNormalized(field, position);
        }
    }

    /// @dev The position of the lowest set bit of a non-zero word.
    function _lowestBit(uint256 word) private pure returns (uint256 position) {
        while (word & 1 == 0) {
            word >>= 1;
            ++position;
        }
    }

    /// @dev Whether `character` is an ASCII upper-case letter.
    function _isUpperLetter(bytes1 character) private pure returns (bool) {
        return character >= "A" && character <= "Z";
    }
}
