// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

// solhint-disable-next-line max-line-length
import {IAccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/IAccessControlDefaultAdminRules.sol";

/// @title ICredentialRegistry
/// @notice The specification of Acredita's on-chain registry. An accreditation body (the registrar) admits
/// institutions and their signing keys; a signing key anchors the Merkle roots of credential batches; the
/// institution or the registrar revokes single credentials, ranges, lists or whole batches; and one `view`
/// answers the whole on-chain part of verifying a credential.
///
/// Model:
/// - Institutions are identified by a `uint32 institutionId` assigned by the registry, starting at 1. Their
///   status is `Active` on admission, may move `Active → Suspended → Active` any number of times, and ends in
///   `Withdrawn`, which is final. Every change is timestamped and evented.
/// - Each institution has an issuer identity: its display name and its issuer id, the identifier its credentials
///   carry as `issuer.id` (a DID such as `did:web:uneje.edu.mx`, or an https URL). Identities are versioned: version
///   1 is recorded at admission and every change of the name or the issuer id records the next version, so the
///   registry keeps the whole history. An issuer id, once recorded for an institution, is never recorded for
///   another one (like signing keys).
/// - A signing key (an account) belongs to at most one institution, ever: once added, its address is spent, even
///   after removal, so the key recorded in a batch always names one institution and a removed or compromised
///   key can never come back under another name. A key anchors while it is active (added, not removed) and its
///   institution is `Active`. A key may be declared compromised from a time: batches it anchored at or after
///   that time stop verifying; earlier batches stay valid.
/// - A batch is keyed by `(institutionId, root)`, so no institution can front-run another's root; it is
///   write-once and records the signing key, the anchoring time, the credential count and the institution's
///   identity version at that time: a verifier proves that a credential's `issuer.id` and issuer name are the ones
///   the registry held when its batch was anchored.
/// - Each credential has a position `index` in its batch (`0 ≤ index < count`, the order in which the issuer
///   built the batch, not the Merkle tree position). The index is inside the leaf, and revocation is keyed by
///   `(institutionId, root, index)`, so a revoked credential cannot be presented under another index or path.
/// - Leaf derivation (an OpenZeppelin `StandardMerkleTree` leaf for the encoding
///   `["bytes32","uint256","address","uint32","uint32","bytes32"]`):
///   `leaf = keccak256(bytes.concat(keccak256(abi.encode(FORMAT_TAG, block.chainid, address(registry),
///   institutionId, index, credentialDigest))))` with `FORMAT_TAG = keccak256("acredita/credential/v1")`.
///   Proofs are checked with OpenZeppelin `MerkleProof` (sorted-pair hashing). The leaf is double-hashed and
///   derived by the registry from its components, so a 64-byte inner node can never be presented as a leaf.
/// - Revocation is final. Reason codes are `uint8` values with these meanings (others are free for policy):
///   0 unspecified, 1 issued in error, 2 superseded, 3 misconduct or fraud, 4 signing key compromised,
///   5 requested by the holder, 6 institution withdrawn.
/// - Text (names, issuer ids, URIs) is UTF-8 without control characters, without bidirectional-text controls and
///   without the characters that Unicode normalization (NFC) rewrites in the blocks listed at
///   {CredentialRegistryTextNotNormalized} (the ones Latin, Greek, Cyrillic, Hangul and CJK names meet). A full NFC
///   check needs Unicode's tables, which a contract does not carry: Acredita's tools check it before sending, and a
///   registrar admitting text by other means should too.
/// - Times are Unix seconds as `uint40`; 0 means "never".
interface ICredentialRegistry is IAccessControlDefaultAdminRules {
    // ---------------------------------------------------------------------------------------------------------
    // Types
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Where an institution stands. `None` means the id was never admitted.
    enum InstitutionStatus {
        None,
        Active,
        Suspended,
        Withdrawn
    }

    /// @notice What the registrar records about an institution.
    /// @param name Display name, 1 to {MAX_NAME_LENGTH} bytes of text (see the model above). A batch records the
    /// identity version, and through it `keccak256(bytes(name))`, current when it was anchored.
    /// @param issuerId The identifier the institution's credentials carry as `issuer.id`: a DID (`did:` followed by a
    /// method and its identifier) or an `https://` URL, printable ASCII without spaces, at most {MAX_URI_LENGTH}
    /// bytes. Never recorded for two institutions.
    /// @param country ISO 3166-1 alpha-2 country code, two upper-case ASCII letters (e.g. "MX" = 0x4d58).
    /// @param website The institution's website, 0 to {MAX_URI_LENGTH} bytes of text.
    /// @param metadataURI Where more metadata lives (e.g. an IPFS URI), 0 to {MAX_URI_LENGTH} bytes of text.
    /// @param metadataHash keccak-256 of the document at `metadataURI` (zero when there is none).
    struct InstitutionProfile {
        string name;
        string issuerId;
        bytes2 country;
        string website;
        string metadataURI;
        bytes32 metadataHash;
    }

    /// @notice An institution as stored.
    /// @param profile The current profile.
    /// @param status The current status.
    /// @param admittedAt When it was admitted.
    /// @param updatedAt When its profile was last changed (its admission time until then).
    /// @param statusChangedAt When its status last changed (its admission time until then).
    /// @param signingKeyCount How many signing keys it has ever had (removed ones included).
    /// @param identityVersion The version of its current issuer identity (1 at admission).
    struct Institution {
        InstitutionProfile profile;
        InstitutionStatus status;
        uint40 admittedAt;
        uint40 updatedAt;
        uint40 statusChangedAt;
        uint32 signingKeyCount;
        uint32 identityVersion;
    }

    /// @notice One version of an institution's issuer identity, as hashes of the texts (the texts themselves are in
    /// the {InstitutionAdmitted} or {InstitutionUpdated} event that recorded the version).
    /// @param identityHash `keccak256(abi.encode(nameHash, issuerIdHash))`: both texts in one full-width hash, the
    /// one {verifyCredential} returns.
    /// @param nameHash `keccak256(bytes(name))`.
    /// @param issuerIdHash `keccak256(bytes(issuerId))`.
    struct IssuerIdentity {
        bytes32 identityHash;
        bytes32 nameHash;
        bytes32 issuerIdHash;
    }

    /// @notice A signing key as stored.
    /// @param institutionId The institution it belongs to (0: never registered).
    /// @param keyId Registry-wide sequence number of the key, starting at 1.
    /// @param addedAt When it was added.
    /// @param removedAt When it was removed (0: still active). Declaring a key compromised also removes it.
    /// @param compromisedFrom Batches it anchored at or after this time do not verify (0: not compromised).
    struct SigningKey {
        uint32 institutionId;
        uint32 keyId;
        uint40 addedAt;
        uint40 removedAt;
        uint40 compromisedFrom;
    }

    /// @notice A batch as stored.
    /// @param signingKey The key that anchored it (zero address: not anchored).
    /// @param anchoredAt When it was anchored (0: not anchored).
    /// @param count How many credentials it holds.
    /// @param identityVersion The institution's issuer identity version when it was anchored.
    /// @param revokedAt When the whole batch was revoked (0: not revoked).
    /// @param revocationReason The reason code of the batch revocation.
    struct Batch {
        address signingKey;
        uint40 anchoredAt;
        uint32 count;
        uint32 identityVersion;
        uint40 revokedAt;
        uint8 revocationReason;
    }

    /// @notice What a credential's proof block carries, for {verifyCredentials}.
    /// @param institutionId The anchoring institution.
    /// @param index The credential's position in its batch.
    /// @param credentialDigest The credential digest defined by `core/` (opaque to the registry).
    /// @param proof The Merkle path from the leaf to the batch's root, at most {MAX_PROOF_LENGTH} nodes.
    struct CredentialQuery {
        uint32 institutionId;
        uint32 index;
        bytes32 credentialDigest;
        bytes32[] proof;
    }

    /// @notice Everything the chain knows about one credential, as returned by {verifyCredential}. The registry
    /// reports facts; the verifier's policy turns them into a verdict. A credential is sound on chain when
    /// `anchored && indexInRange && keyValidAtAnchoring && credentialRevokedAt == 0 && batchRevokedAt == 0`, `root`
    /// is the root its proof block names and `issuerIdentityHash` is the identity hash of its issuer's name and
    /// `issuer.id`; the verifier then decides what a suspended or withdrawn institution means. When the identity
    /// hash differs, {getIssuerIdentity} for `identityVersion` tells a different name from a different issuer id.
    /// @param root The root the Merkle path leads to from the leaf derived on chain. The registry checks the path
    /// by looking this root up: a wrong digest, index or path leads to a root no batch of the institution has.
    /// @param anchored The batch `(institutionId, root)` is anchored.
    /// @param indexInRange `index < count` (false when not anchored).
    /// @param anchoredAt When the batch was anchored (0: not anchored).
    /// @param count The batch's credential count (0: not anchored).
    /// @param signingKey The key that anchored the batch (zero address: not anchored).
    /// @param keyCompromisedFrom From when that key is compromised (0: not compromised).
    /// @param keyValidAtAnchoring `anchored && (keyCompromisedFrom == 0 || anchoredAt < keyCompromisedFrom)` (keys
    /// only anchor while active and while their institution is `Active`).
    /// @param institutionStatus The institution's status now.
    /// @param institutionCountry The institution's ISO 3166-1 alpha-2 country code now.
    /// @param identityVersion The institution's issuer identity version when the batch was anchored (0: not
    /// anchored). The current name and issuer id are in {getInstitution}.
    /// @param issuerIdentityHash The `identityHash` of that version (see {IssuerIdentity}): `keccak256(abi.encode(
    /// keccak256(bytes(name)), keccak256(bytes(issuerId))))` of the name and issuer id the institution had when the
    /// batch was anchored (zero when not anchored).
    /// @param credentialRevokedAt When this credential was revoked (0: not revoked).
    /// @param credentialRevocationReason The credential revocation's reason code.
    /// @param batchRevokedAt When the whole batch was revoked (0: not revoked).
    /// @param batchRevocationReason The batch revocation's reason code.
    struct CredentialStatus {
        bytes32 root;
        bool anchored;
        bool indexInRange;
        uint40 anchoredAt;
        uint32 count;
        address signingKey;
        uint40 keyCompromisedFrom;
        bool keyValidAtAnchoring;
        InstitutionStatus institutionStatus;
        bytes2 institutionCountry;
        uint32 identityVersion;
        bytes32 issuerIdentityHash;
        uint40 credentialRevokedAt;
        uint8 credentialRevocationReason;
        uint40 batchRevokedAt;
        uint8 batchRevocationReason;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Emitted when the registrar admits an institution.
    /// @param institutionId The id assigned to it.
    /// @param name Its display name.
    /// @param issuerId Its issuer id.
    /// @param country Its ISO 3166-1 alpha-2 country code.
    /// @param website Its website.
    /// @param metadataURI Where its metadata lives.
    /// @param metadataHash keccak-256 of that metadata.
    /// @param identityVersion 1: the version of the issuer identity (name, issuer id) recorded.
    event InstitutionAdmitted(
        uint32 indexed institutionId,
        string name,
        string issuerId,
        bytes2 country,
        string website,
        string metadataURI,
        bytes32 metadataHash,
        uint32 identityVersion
    );

    /// @notice Emitted when the registrar changes an institution's profile.
    /// @param institutionId The institution.
    /// @param name Its new display name.
    /// @param issuerId Its new issuer id.
    /// @param country Its new country code.
    /// @param website Its new website.
    /// @param metadataURI Its new metadata URI.
    /// @param metadataHash Its new metadata hash.
    /// @param identityVersion Its issuer identity version after the change: the previous one plus one when the name
    /// or the issuer id changed, the same otherwise.
    event InstitutionUpdated(
        uint32 indexed institutionId,
        string name,
        string issuerId,
        bytes2 country,
        string website,
        string metadataURI,
        bytes32 metadataHash,
        uint32 identityVersion
    );

    /// @notice Emitted when the registrar suspends an institution: its keys stop anchoring until reinstated.
    /// @param institutionId The institution.
    event InstitutionSuspended(uint32 indexed institutionId);

    /// @notice Emitted when the registrar reinstates a suspended institution.
    /// @param institutionId The institution.
    event InstitutionReinstated(uint32 indexed institutionId);

    /// @notice Emitted when the registrar withdraws an institution for good.
    /// @param institutionId The institution.
    event InstitutionWithdrawn(uint32 indexed institutionId);

    /// @notice Emitted when a signing key is added to an institution.
    /// @param institutionId The institution.
    /// @param signingKey The key's address.
    /// @param keyId The key's registry-wide sequence number.
    event SigningKeyAdded(uint32 indexed institutionId, address indexed signingKey, uint32 keyId);

    /// @notice Emitted when a signing key is removed (explicitly, or because it was declared compromised).
    /// @param institutionId The institution it belonged to.
    /// @param signingKey The key's address.
    event SigningKeyRemoved(uint32 indexed institutionId, address indexed signingKey);

    /// @notice Emitted when a signing key is declared compromised.
    /// @param institutionId The institution it belongs to.
    /// @param signingKey The key's address.
    /// @param compromisedFrom Batches it anchored at or after this time no longer verify.
    event SigningKeyCompromised(uint32 indexed institutionId, address indexed signingKey, uint40 compromisedFrom);

    /// @notice Emitted when a batch is anchored. What the batch is (its count, anchoring key and time, identity
    /// version) is in the stored batch ({getBatch}), which is written once.
    /// @param institutionId The anchoring institution.
    /// @param root The batch's Merkle root.
    event BatchAnchored(uint32 indexed institutionId, bytes32 indexed root);

    /// @notice Emitted with {BatchAnchored} by {anchorBatchWithMetadata}. The URI is not stored.
    /// @param institutionId The anchoring institution.
    /// @param root The batch's Merkle root.
    /// @param metadataURI Where the batch's public metadata (e.g. a manifest) lives.
    event BatchMetadataPublished(uint32 indexed institutionId, bytes32 indexed root, string metadataURI);

    /// @notice Emitted when one credential is revoked.
    /// @param institutionId The anchoring institution.
    /// @param root The batch's Merkle root.
    /// @param index The credential's position in the batch.
    /// @param reason The reason code.
    event CredentialRevoked(uint32 indexed institutionId, bytes32 indexed root, uint32 index, uint8 reason);

    /// @notice Emitted when a list of credentials of one batch is revoked.
    /// @param institutionId The anchoring institution.
    /// @param root The batch's Merkle root.
    /// @param indexes The credentials' positions, strictly increasing.
    /// @param reason The reason code.
    event CredentialsRevoked(uint32 indexed institutionId, bytes32 indexed root, uint32[] indexes, uint8 reason);

    /// @notice Emitted when consecutive credentials of one batch (e.g. a cohort) are revoked.
    /// @param institutionId The anchoring institution.
    /// @param root The batch's Merkle root.
    /// @param fromIndex The first position revoked.
    /// @param count How many consecutive positions were revoked.
    /// @param reason The reason code.
    event CredentialRangeRevoked(
        uint32 indexed institutionId,
        bytes32 indexed root,
        uint32 fromIndex,
        uint32 count,
        uint8 reason
    );

    /// @notice Emitted when a whole batch is revoked.
    /// @param institutionId The anchoring institution.
    /// @param root The batch's Merkle root.
    /// @param reason The reason code.
    event BatchRevoked(uint32 indexed institutionId, bytes32 indexed root, uint8 reason);

    // ---------------------------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Thrown when an address argument is the zero address.
    error CredentialRegistryZeroAddress();

    /// @notice Thrown when an institution's name is empty.
    error CredentialRegistryEmptyName();

    /// @notice Thrown when a text field is longer than its cap.
    /// @param field The field's name ("name", "issuerId", "website" or "metadataURI").
    /// @param length Its length in bytes.
    /// @param maxLength The cap.
    error CredentialRegistryTextTooLong(string field, uint256 length, uint256 maxLength);

    /// @notice Thrown when a text field is not well-formed UTF-8 (a stray or missing continuation byte, an overlong
    /// form, a surrogate or a code point above U+10FFFF).
    /// @param field The field's name ("name", "issuerId", "website" or "metadataURI").
    /// @param position The byte offset of the sequence that is not UTF-8.
    error CredentialRegistryInvalidUtf8(string field, uint256 position);

    /// @notice Thrown when a text field contains a control character: C0 (U+0000–U+001F), DEL (U+007F) or C1
    /// (U+0080–U+009F).
    /// @param field The field's name ("name", "issuerId", "website" or "metadataURI").
    /// @param position The byte offset of the first control character.
    error CredentialRegistryControlCharacter(string field, uint256 position);

    /// @notice Thrown when a text field contains a bidirectional-text control (U+061C, U+200E, U+200F,
    /// U+202A–U+202E, U+2066–U+2069), which can make a name display as another one.
    /// @param field The field's name.
    /// @param position The byte offset of the control.
    error CredentialRegistryBidiControl(string field, uint256 position);

    /// @notice Thrown when a text field contains a character that Unicode normalization form C rewrites, so the
    /// text is not in NFC or can stop being so: combining marks (U+0300–U+036F, U+1AB0–U+1AFF, U+1DC0–U+1DFF,
    /// U+20D0–U+20FF, U+FE20–U+FE2F), conjoining Hangul jamo (U+1100–U+11FF), the Ohm, Kelvin and Angstrom signs
    /// (U+2126, U+212A, U+212B) and CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F). Precomposed
    /// letters (á, ç, ñ, ã, ü…) are what NFC produces and are accepted. Acredita's tools also check full NFC before
    /// sending.
    /// @param field The field's name.
    /// @param position The byte offset of the character.
    error CredentialRegistryTextNotNormalized(string field, uint256 position);

    /// @notice Thrown when an issuer id is neither a DID (`did:<method>:<identifier>`, method in lower-case letters
    /// and digits) nor an `https://` URL with a host (whose first character is a letter or a digit) and without an
    /// at sign (no user information), or has a character outside printable ASCII (U+0021–U+007E).
    /// @param issuerId The issuer id presented.
    error CredentialRegistryInvalidIssuerId(string issuerId);

    /// @notice Thrown when an issuer id is or was recorded for another institution (issuer ids are never reused).
    /// @param issuerId The issuer id presented.
    /// @param institutionId The institution it belongs to.
    error CredentialRegistryIssuerIdTaken(string issuerId, uint32 institutionId);

    /// @notice Thrown when a country code is not two upper-case ASCII letters.
    /// @param country The code presented.
    error CredentialRegistryInvalidCountryCode(bytes2 country);

    /// @notice Thrown when `institutionId` was never admitted.
    /// @param institutionId The id presented.
    error CredentialRegistryUnknownInstitution(uint32 institutionId);

    /// @notice Thrown when a status change is not allowed from the institution's current status (e.g.
    /// suspending a suspended institution, reinstating an active one, or anything after withdrawal).
    /// @param institutionId The institution.
    /// @param status Its current status.
    error CredentialRegistryInvalidStatusTransition(uint32 institutionId, InstitutionStatus status);

    /// @notice Thrown when a key was already registered, to this or any institution (keys are never reused).
    /// @param signingKey The key.
    /// @param institutionId The institution it belongs to.
    error CredentialRegistryKeyAlreadyRegistered(address signingKey, uint32 institutionId);

    /// @notice Thrown when an institution already has {MAX_KEYS_PER_INSTITUTION} keys (removed ones count).
    /// @param institutionId The institution.
    /// @param maxKeys The cap.
    error CredentialRegistryTooManySigningKeys(uint32 institutionId, uint256 maxKeys);

    /// @notice Thrown when an address is not a registered signing key.
    /// @param account The address.
    error CredentialRegistryUnknownSigningKey(address account);

    /// @notice Thrown when a removed (or compromised) key is used, or removed again.
    /// @param signingKey The key.
    /// @param removedAt When it was removed.
    error CredentialRegistrySigningKeyRemoved(address signingKey, uint40 removedAt);

    /// @notice Thrown when a compromise time lies in the future.
    /// @param compromisedFrom The time presented.
    /// @param currentTime The block's time.
    error CredentialRegistryCompromiseInFuture(uint40 compromisedFrom, uint40 currentTime);

    /// @notice Thrown when a key already declared compromised is declared compromised again from the same or a
    /// later time (a declaration can only move earlier).
    /// @param signingKey The key.
    /// @param compromisedFrom The time already recorded.
    /// @param requested The time presented.
    error CredentialRegistryCompromiseNotEarlier(address signingKey, uint40 compromisedFrom, uint40 requested);

    /// @notice Thrown when a key anchors for an institution that is not active.
    /// @param institutionId The key's institution.
    /// @param status Its status.
    error CredentialRegistryInstitutionNotActive(uint32 institutionId, InstitutionStatus status);

    /// @notice Thrown when a batch is anchored with the zero root.
    error CredentialRegistryZeroRoot();

    /// @notice Thrown when a batch is anchored with a count of zero.
    /// @param root The root presented.
    error CredentialRegistryEmptyBatch(bytes32 root);

    /// @notice Thrown when `(institutionId, root)` is already anchored.
    /// @param institutionId The institution.
    /// @param root The root.
    /// @param anchoredAt When it was anchored.
    error CredentialRegistryBatchAlreadyAnchored(uint32 institutionId, bytes32 root, uint40 anchoredAt);

    /// @notice Thrown when `(institutionId, root)` is not anchored.
    /// @param institutionId The institution.
    /// @param root The root.
    error CredentialRegistryUnknownBatch(uint32 institutionId, bytes32 root);

    /// @notice Thrown when `account` may not revoke for `institutionId`: it is neither the registrar nor an
    /// active signing key of that institution (or the institution is withdrawn).
    /// @param account The caller.
    /// @param institutionId The institution whose credentials it tried to revoke.
    error CredentialRegistryUnauthorizedRevoker(address account, uint32 institutionId);

    /// @notice Thrown when a credential position is not below the batch's count.
    /// @param index The position presented.
    /// @param count The batch's count.
    error CredentialRegistryIndexOutOfRange(uint256 index, uint32 count);

    /// @notice Thrown when a revocation names no credential (an empty list or a range of zero).
    error CredentialRegistryNoIndexes();

    /// @notice Thrown when a revocation list is longer than {MAX_INDEXES_PER_CALL}.
    /// @param length Its length.
    /// @param maxLength The cap.
    error CredentialRegistryTooManyIndexes(uint256 length, uint256 maxLength);

    /// @notice Thrown when a revocation list is not strictly increasing (unsorted or with duplicates).
    /// @param position Its position in the list.
    /// @param index The offending index, not above its predecessor.
    error CredentialRegistryIndexesNotIncreasing(uint256 position, uint32 index);

    /// @notice Thrown when a credential is already revoked (revocation is final and happens once).
    /// @param institutionId The institution.
    /// @param root The batch's root.
    /// @param index The credential's position.
    /// @param revokedAt When it was revoked.
    error CredentialRegistryCredentialAlreadyRevoked(
        uint32 institutionId,
        bytes32 root,
        uint32 index,
        uint40 revokedAt
    );

    /// @notice Thrown when a batch is already revoked.
    /// @param institutionId The institution.
    /// @param root The batch's root.
    /// @param revokedAt When it was revoked.
    error CredentialRegistryBatchAlreadyRevoked(uint32 institutionId, bytes32 root, uint40 revokedAt);

    /// @notice Thrown when a Merkle proof is longer than {MAX_PROOF_LENGTH}.
    /// @param length Its length.
    /// @param maxLength The cap.
    error CredentialRegistryProofTooLong(uint256 length, uint256 maxLength);

    // ---------------------------------------------------------------------------------------------------------
    // Registrar: institutions
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Admits an institution, `Active` from now. Only the registrar.
    /// @dev Records issuer identity version 1. Reverts with {CredentialRegistryEmptyName},
    /// {CredentialRegistryTextTooLong}, {CredentialRegistryInvalidUtf8}, {CredentialRegistryControlCharacter},
    /// {CredentialRegistryBidiControl}, {CredentialRegistryTextNotNormalized}, {CredentialRegistryInvalidIssuerId}
    /// or {CredentialRegistryInvalidCountryCode} for a bad profile, and with {CredentialRegistryIssuerIdTaken}.
    /// Emits {InstitutionAdmitted}.
    /// @param profile Its profile.
    /// @return institutionId The id assigned (the previous one plus one, starting at 1).
    function admitInstitution(InstitutionProfile calldata profile) external returns (uint32 institutionId);

    /// @notice Replaces an institution's profile. Only the registrar; not once withdrawn. A change of the name or
    /// of the issuer id records the next issuer identity version; batches anchored before keep the version they
    /// recorded, so their credentials keep verifying under the identity they were issued with.
    /// @dev Validates like {admitInstitution}; reverts with {CredentialRegistryUnknownInstitution} or
    /// {CredentialRegistryInvalidStatusTransition} (withdrawn). Emits {InstitutionUpdated}.
    /// @param institutionId The institution.
    /// @param profile Its new profile.
    function updateInstitution(uint32 institutionId, InstitutionProfile calldata profile) external;

    /// @notice Suspends an active institution: its keys stop anchoring; its batches keep verifying facts (the
    /// verifier sees the status). Only the registrar.
    /// @dev Reverts with {CredentialRegistryUnknownInstitution}, or {CredentialRegistryInvalidStatusTransition} unless
    /// `Active`. Emits
    /// {InstitutionSuspended}.
    /// @param institutionId The institution.
    function suspendInstitution(uint32 institutionId) external;

    /// @notice Reinstates a suspended institution. Only the registrar.
    /// @dev Reverts with {CredentialRegistryUnknownInstitution}, or {CredentialRegistryInvalidStatusTransition} unless
    /// `Suspended`. Emits
    /// {InstitutionReinstated}.
    /// @param institutionId The institution.
    function reinstateInstitution(uint32 institutionId) external;

    /// @notice Withdraws an active or suspended institution for good: it never anchors or revokes again; the
    /// registrar can still revoke its credentials. Only the registrar.
    /// @dev Reverts with {CredentialRegistryUnknownInstitution}, or {CredentialRegistryInvalidStatusTransition} when
    /// already withdrawn. Emits
    /// {InstitutionWithdrawn}.
    /// @param institutionId The institution.
    function withdrawInstitution(uint32 institutionId) external;

    // ---------------------------------------------------------------------------------------------------------
    // Registrar: signing keys
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Adds a signing key to an institution that is not withdrawn. Only the registrar.
    /// @dev Reverts with {CredentialRegistryZeroAddress}, {CredentialRegistryKeyAlreadyRegistered} (to any
    /// institution, ever), {CredentialRegistryTooManySigningKeys}, {CredentialRegistryUnknownInstitution} or
    /// {CredentialRegistryInvalidStatusTransition} (withdrawn). Emits {SigningKeyAdded}.
    /// @param institutionId The institution.
    /// @param signingKey The key's address.
    function addSigningKey(uint32 institutionId, address signingKey) external;

    /// @notice Removes an active signing key: it stops anchoring and revoking; batches it anchored stay valid.
    /// Only the registrar.
    /// @dev Reverts with {CredentialRegistryUnknownSigningKey} or {CredentialRegistrySigningKeyRemoved}.
    /// Emits {SigningKeyRemoved}.
    /// @param signingKey The key.
    function removeSigningKey(address signingKey) external;

    /// @notice Declares a key compromised from `compromisedFrom` (at most now): batches it anchored at or after
    /// that time stop verifying, earlier ones stay valid. Removes the key if still active. May be repeated
    /// only to move the time earlier. Only the registrar.
    /// A `compromisedFrom` of 0 is recorded as 1: both mean "every batch this key ever anchored".
    /// @dev Reverts with {CredentialRegistryUnknownSigningKey}, {CredentialRegistryCompromiseInFuture} or
    /// {CredentialRegistryCompromiseNotEarlier}. Emits {SigningKeyCompromised} (and {SigningKeyRemoved} when it
    /// removes the key).
    /// @param signingKey The key.
    /// @param compromisedFrom The first time at which the key can no longer be trusted.
    function declareKeyCompromised(address signingKey, uint40 compromisedFrom) external;

    // ---------------------------------------------------------------------------------------------------------
    // Signing keys: anchoring
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Anchors the Merkle root of a batch of `count` credentials for the caller's institution. The
    /// caller must be an active signing key of an active institution.
    /// @dev Write-once per `(institutionId, root)`; records the institution's current identity version. Reverts
    /// with {CredentialRegistryUnknownSigningKey}, {CredentialRegistrySigningKeyRemoved},
    /// {CredentialRegistryInstitutionNotActive},
    /// {CredentialRegistryZeroRoot}, {CredentialRegistryEmptyBatch} or {CredentialRegistryBatchAlreadyAnchored}.
    /// Emits {BatchAnchored}.
    /// @param root The batch's Merkle root.
    /// @param count How many credentials it holds (positions `0 … count-1`).
    function anchorBatch(bytes32 root, uint32 count) external;

    /// @notice {anchorBatch}, and publishes where the batch's metadata lives (emitted, not stored).
    /// @dev As {anchorBatch}; also reverts with {CredentialRegistryTextTooLong},
    /// {CredentialRegistryInvalidUtf8}, {CredentialRegistryControlCharacter}, {CredentialRegistryBidiControl} or
    /// {CredentialRegistryTextNotNormalized} for the URI. Emits {BatchAnchored} and {BatchMetadataPublished}.
    /// @param root The batch's Merkle root.
    /// @param count How many credentials it holds.
    /// @param metadataURI Where the batch's public metadata lives, at most {MAX_URI_LENGTH} bytes.
    function anchorBatchWithMetadata(bytes32 root, uint32 count, string calldata metadataURI) external;

    // ---------------------------------------------------------------------------------------------------------
    // Revocation: an active key of the anchoring institution (not withdrawn), or the registrar. Every revocation
    // function reverts with {CredentialRegistryUnauthorizedRevoker} for anyone else, and with
    // {CredentialRegistryUnknownInstitution} when the registrar names an institution never admitted.
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Revokes one credential, finally.
    /// @dev Keyed by `(institutionId, root, index)`. Unlike the list and range forms it does not read the batch: a
    /// position is recorded even if the batch is not anchored (yet) or holds fewer credentials. The view reports
    /// the revocation as it reports any (`credentialRevokedAt`), and such a credential does not verify before
    /// its batch is anchored, nor ever beyond its count. Reverts with
    /// {CredentialRegistryUnauthorizedRevoker} or {CredentialRegistryCredentialAlreadyRevoked}. Emits
    /// {CredentialRevoked}.
    /// @param institutionId The anchoring institution.
    /// @param root The batch's root.
    /// @param index The credential's position.
    /// @param reason The reason code.
    function revokeCredential(uint32 institutionId, bytes32 root, uint32 index, uint8 reason) external;

    /// @notice Revokes a strictly increasing list of credentials of one anchored batch, finally.
    /// @dev Reverts with {CredentialRegistryUnauthorizedRevoker}, {CredentialRegistryUnknownBatch},
    /// {CredentialRegistryNoIndexes}, {CredentialRegistryTooManyIndexes},
    /// {CredentialRegistryIndexesNotIncreasing}, {CredentialRegistryIndexOutOfRange} or
    /// {CredentialRegistryCredentialAlreadyRevoked}. Emits {CredentialsRevoked}.
    /// @param institutionId The anchoring institution.
    /// @param root The batch's root.
    /// @param indexes The credentials' positions, strictly increasing, 1 to {MAX_INDEXES_PER_CALL} of them.
    /// @param reason The reason code.
    function revokeCredentials(uint32 institutionId, bytes32 root, uint32[] calldata indexes, uint8 reason) external;

    /// @notice Revokes the credentials at positions `fromIndex … fromIndex+count-1` of one anchored batch (a
    /// cohort issued together), finally.
    /// @dev Reverts with {CredentialRegistryUnauthorizedRevoker}, {CredentialRegistryUnknownBatch},
    /// {CredentialRegistryNoIndexes}, {CredentialRegistryIndexOutOfRange} or
    /// {CredentialRegistryCredentialAlreadyRevoked} (if any position in the range is already revoked). Emits
    /// {CredentialRangeRevoked}.
    /// @param institutionId The anchoring institution.
    /// @param root The batch's root.
    /// @param fromIndex The first position.
    /// @param count How many consecutive positions.
    /// @param reason The reason code.
    function revokeCredentialRange(
        uint32 institutionId,
        bytes32 root,
        uint32 fromIndex,
        uint32 count,
        uint8 reason
    ) external;

    /// @notice Revokes a whole anchored batch, finally.
    /// @dev Reverts with {CredentialRegistryUnauthorizedRevoker}, {CredentialRegistryUnknownBatch} or
    /// {CredentialRegistryBatchAlreadyRevoked}. Emits {BatchRevoked}.
    /// @param institutionId The anchoring institution.
    /// @param root The batch's root.
    /// @param reason The reason code.
    function revokeBatch(uint32 institutionId, bytes32 root, uint8 reason) external;

    // ---------------------------------------------------------------------------------------------------------
    // Constants
    // ---------------------------------------------------------------------------------------------------------

    /// @notice The role that admits and governs institutions and their keys, and may revoke any credential.
    /// Administered by the default admin (two-step, delayed transfer).
    /// @return keccak256("REGISTRAR_ROLE").
    function REGISTRAR_ROLE() external view returns (bytes32);

    /// @notice The version tag inside every leaf.
    /// @return keccak256("acredita/credential/v1").
    function FORMAT_TAG() external view returns (bytes32);

    /// @notice The longest Merkle path accepted: a batch holds at most 2^32 credentials (positions are `uint32`),
    /// and a balanced tree of 2^32 leaves needs 32 nodes. Acredita's `core/` reads this constant from the compiled
    /// contract (`core/generated/`), so a longer path is invalid there before any call.
    /// @return 32.
    function MAX_PROOF_LENGTH() external view returns (uint256);

    /// @notice The longest institution name, in bytes.
    /// @return 96.
    function MAX_NAME_LENGTH() external view returns (uint256);

    /// @notice The longest website or metadata URI, in bytes.
    /// @return 256.
    function MAX_URI_LENGTH() external view returns (uint256);

    /// @notice How many signing keys an institution can ever have (removed ones count). Bounds the loop that
    /// mirrors an institution's status into its keys' records when it is suspended, reinstated or withdrawn.
    /// @return 32.
    function MAX_KEYS_PER_INSTITUTION() external view returns (uint256);

    /// @notice The longest list {revokeCredentials} accepts.
    /// @return 1000.
    function MAX_INDEXES_PER_CALL() external view returns (uint256);

    // ---------------------------------------------------------------------------------------------------------
    // Verification
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Everything the chain knows about one credential, in one call: derives the leaf from the
    /// components (see the contract's NatSpec for the formula), follows the Merkle path to a root, and reads
    /// that batch of the institution, its signing key (with the institution's current status) and the
    /// credential's revocation word. The path is checked on chain: only a path from this very leaf reaches an
    /// anchored root, so `anchored` is false for a wrong digest, index or path. The caller compares
    /// `status.root` with the root its proof block names.
    /// @dev Reverts with {CredentialRegistryProofTooLong} when `proof` has more than {MAX_PROOF_LENGTH} nodes.
    /// Never reverts for unknown institutions, batches or keys: it reports them.
    ///
    /// @param institutionId The anchoring institution (from the proof block).
    /// @param index The credential's position in its batch.
    /// @param credentialDigest The credential digest recomputed by the verifier.
    /// @param proof The Merkle path.
    /// @return status The facts; see {CredentialStatus}.
    function verifyCredential(
        uint32 institutionId,
        uint32 index,
        bytes32 credentialDigest,
        bytes32[] calldata proof
    ) external view returns (CredentialStatus memory status);

    /// @notice {verifyCredential} for many credentials in one call, results in query order.
    /// @dev Reverts with {CredentialRegistryProofTooLong} if any proof is too long.
    /// @param queries What each credential's proof block carries.
    /// @return statuses One {CredentialStatus} per query.
    function verifyCredentials(
        CredentialQuery[] calldata queries
    ) external view returns (CredentialStatus[] memory statuses);

    /// @notice The leaf this registry derives for a credential (the formula in the contract's NatSpec).
    /// @param institutionId The anchoring institution.
    /// @param index The credential's position in its batch.
    /// @param credentialDigest The credential digest.
    /// @return leaf The double-hashed leaf.
    function credentialLeaf(
        uint32 institutionId,
        uint32 index,
        bytes32 credentialDigest
    ) external view returns (bytes32 leaf);

    // ---------------------------------------------------------------------------------------------------------
    // Reads
    // ---------------------------------------------------------------------------------------------------------

    /// @notice How many institutions were ever admitted (the highest id).
    /// @return count The number.
    function institutionCount() external view returns (uint32 count);

    /// @notice An institution's record (all zero with status `None` when unknown).
    /// @param institutionId The institution.
    /// @return institution The record.
    function getInstitution(uint32 institutionId) external view returns (Institution memory institution);

    /// @notice Every signing key an institution ever had, in the order added.
    /// @param institutionId The institution.
    /// @return signingKeys Their addresses.
    function getSigningKeys(uint32 institutionId) external view returns (address[] memory signingKeys);

    /// @notice One version of an institution's issuer identity (all zero when there is no such version).
    /// @param institutionId The institution.
    /// @param version The version, from 1 to the institution's current `identityVersion`.
    /// @return identity The hashes of the name and the issuer id of that version, and their identity hash.
    function getIssuerIdentity(
        uint32 institutionId,
        uint32 version
    ) external view returns (IssuerIdentity memory identity);

    /// @notice The institution an issuer id is recorded for (0 when none).
    /// @param issuerId The issuer id.
    /// @return institutionId The institution.
    function institutionOfIssuerId(string calldata issuerId) external view returns (uint32 institutionId);

    /// @notice A signing key's record (all zero when never registered).
    /// @param signingKey The key.
    /// @return key The record.
    function getSigningKey(address signingKey) external view returns (SigningKey memory key);

    /// @notice Whether the batch `(institutionId, root)` is anchored (its {getBatch} record is not all zero).
    /// @param institutionId The anchoring institution.
    /// @param root The batch's root.
    /// @return anchored True once anchored, forever (anchors are write-once).
    function isAnchored(uint32 institutionId, bytes32 root) external view returns (bool anchored);

    /// @notice A batch's record (all zero when not anchored).
    /// @param institutionId The anchoring institution.
    /// @param root The batch's root.
    /// @return batch The record.
    function getBatch(uint32 institutionId, bytes32 root) external view returns (Batch memory batch);

    /// @notice Whether and how one credential was revoked (the batch's own revocation is in {getBatch}).
    /// @param institutionId The anchoring institution.
    /// @param root The batch's root.
    /// @param index The credential's position.
    /// @return revokedAt When it was revoked (0: not revoked).
    /// @return reason The reason code.
    function getCredentialRevocation(
        uint32 institutionId,
        bytes32 root,
        uint32 index
    ) external view returns (uint40 revokedAt, uint8 reason);
}
