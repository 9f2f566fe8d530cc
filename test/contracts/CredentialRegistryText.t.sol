// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ICredentialRegistry} from "../../contracts/interfaces/ICredentialRegistry.sol";
import {RegistryTestBase} from "./RegistryTestBase.sol";
import {TextModel} from "./TextModel.sol";
import {vm} from "./Vm.sol";

/// @notice The text rules: every text field (name, issuer id, website, metadata URI, and the metadata URI of
/// anchoring) refuses invalid UTF-8, control characters, bidi controls and characters NFC rewrites, each with its
/// error, the field's name and the byte offset; precomposed text is accepted.
contract CredentialRegistryTextTest is RegistryTestBase {
    bytes4 internal immutable invalidUtf8 = ICredentialRegistry.CredentialRegistryInvalidUtf8.selector;
    bytes4 internal immutable control = ICredentialRegistry.CredentialRegistryControlCharacter.selector;
    bytes4 internal immutable bidi = ICredentialRegistry.CredentialRegistryBidiControl.selector;
    bytes4 internal immutable notNfc = ICredentialRegistry.CredentialRegistryTextNotNormalized.selector;

    uint256 internal _accepted;

    /// @dev `bad` (at `offset` within it) is refused with `selector` in every text field, on admission, on update
    /// and on anchoring with metadata, and nothing is written.
    function _assertRefusedEverywhere(bytes memory bad, bytes4 selector, uint256 offset) internal {
        string memory text = string(bad);
        // The name, after three good bytes; on admission and on update.
        ICredentialRegistry.InstitutionProfile memory p = _profile(
            string.concat("Uni", text),
            "did:web:x.example",
            "MX"
        );
        vm.expectRevert(abi.encodeWithSelector(selector, "name", 3 + offset));
        _admit(p);
        p.issuerId = ISSUER_1;
        vm.expectRevert(abi.encodeWithSelector(selector, "name", 3 + offset));
        _update(1, p);
        // The issuer id, after "did:web:".
        p = _profile("Uni", string.concat("did:web:", text), "MX");
        vm.expectRevert(abi.encodeWithSelector(selector, "issuerId", 8 + offset));
        _admit(p);
        vm.expectRevert(abi.encodeWithSelector(selector, "issuerId", 8 + offset));
        _update(1, p);
        // The website, after "https://".
        p = _profile("Uni", "did:web:x.example", "MX");
        p.website = string.concat("https://", text);
        vm.expectRevert(abi.encodeWithSelector(selector, "website", 8 + offset));
        _admit(p);
        // The metadata URI, after "ipfs://".
        p.website = "";
        p.metadataURI = string.concat("ipfs://", text);
        vm.expectRevert(abi.encodeWithSelector(selector, "metadataURI", 7 + offset));
        _admit(p);
        // The batch metadata URI.
        vm.expectRevert(abi.encodeWithSelector(selector, "metadataURI", 7 + offset));
        vm.prank(KEY);
        registry.anchorBatchWithMetadata(keccak256(bad), 1, string.concat("ipfs://", text));

        require(registry.institutionCount() == 2 && !registry.isAnchored(1, keccak256(bad)), "nothing written");
        require(_hash(registry.getInstitution(1).profile.name) == _hash(NAME_1), "nothing updated");
    }

    /// @dev `good` is accepted in a name, a website and metadata URIs, and stored byte for byte.
    function _assertAccepted(bytes memory good) internal {
        string memory text = string(good);
        ++_accepted;
        ICredentialRegistry.InstitutionProfile memory p = _profile(
            string.concat("Uni ", text),
            string.concat("did:web:accepted", vm.toString(_accepted)),
            "MX"
        );
        p.website = string.concat("https://", text);
        p.metadataURI = string.concat("ipfs://", text);
        uint32 id = _admit(p);
        ICredentialRegistry.Institution memory inst = registry.getInstitution(id);
        require(_hash(inst.profile.name) == _hash(p.name), "name stored as written");
        require(_hash(inst.profile.website) == _hash(p.website), "website stored as written");
        require(registry.getIssuerIdentity(id, 1).nameHash == _hash(p.name), "identity hash of the bytes");
        bytes32 root = keccak256(abi.encode("accepted", good));
        vm.prank(KEY);
        registry.anchorBatchWithMetadata(root, 1, string.concat("ipfs://", text));
        require(registry.isAnchored(1, root), "anchored");
    }

    // ------------------------------------------------------------------------------------- control characters

    function test_text_refusesC0ControlCharacters() public {
        _assertRefusedEverywhere(hex"00", control, 0);
        _assertRefusedEverywhere(hex"01", control, 0);
        _assertRefusedEverywhere(hex"09", control, 0); // tab
        _assertRefusedEverywhere(hex"0a", control, 0); // line feed
        _assertRefusedEverywhere(hex"0d", control, 0); // carriage return
        _assertRefusedEverywhere(hex"1b", control, 0); // escape
        _assertRefusedEverywhere(hex"1f", control, 0); // the last C0 control
        _assertRefusedEverywhere(hex"41420a", control, 2); // after two letters
    }

    function test_text_refusesDel() public {
        _assertRefusedEverywhere(hex"7f", control, 0);
        _assertRefusedEverywhere(hex"c3a97f", control, 2); // after "é"
    }

    function test_text_refusesC1ControlCharacters() public {
        _assertRefusedEverywhere(hex"c285", control, 0); // U+0085 NEXT LINE
        _assertRefusedEverywhere(hex"c280", control, 0); // U+0080, the first
        _assertRefusedEverywhere(hex"c29f", control, 0); // U+009F, the last
        _assertRefusedEverywhere(hex"61c29b", control, 1); // U+009B CSI after "a"
    }

    // ------------------------------------------------------------------------------------- bidi controls

    function test_text_refusesBidiMarks() public {
        _assertRefusedEverywhere(hex"e2808e", bidi, 0); // U+200E LEFT-TO-RIGHT MARK
        _assertRefusedEverywhere(hex"e2808f", bidi, 0); // U+200F RIGHT-TO-LEFT MARK
        _assertRefusedEverywhere(hex"d89c", bidi, 0); // U+061C ARABIC LETTER MARK
    }

    function test_text_refusesBidiEmbeddingsAndOverrides() public {
        _assertRefusedEverywhere(hex"e280aa", bidi, 0); // U+202A LEFT-TO-RIGHT EMBEDDING
        _assertRefusedEverywhere(hex"e280ab", bidi, 0); // U+202B RIGHT-TO-LEFT EMBEDDING
        _assertRefusedEverywhere(hex"e280ac", bidi, 0); // U+202C POP DIRECTIONAL FORMATTING
        _assertRefusedEverywhere(hex"e280ad", bidi, 0); // U+202D LEFT-TO-RIGHT OVERRIDE
        _assertRefusedEverywhere(hex"e280ae", bidi, 0); // U+202E RIGHT-TO-LEFT OVERRIDE
        // The classic spoof: "gpj.exe" displayed reversed after an RLO.
        _assertRefusedEverywhere(bytes(unicode"abc\u202Eexe.jpg"), bidi, 3);
    }

    function test_text_refusesBidiIsolates() public {
        _assertRefusedEverywhere(hex"e281a6", bidi, 0); // U+2066 LEFT-TO-RIGHT ISOLATE
        _assertRefusedEverywhere(hex"e281a7", bidi, 0); // U+2067 RIGHT-TO-LEFT ISOLATE
        _assertRefusedEverywhere(hex"e281a8", bidi, 0); // U+2068 FIRST STRONG ISOLATE
        _assertRefusedEverywhere(hex"e281a9", bidi, 0); // U+2069 POP DIRECTIONAL ISOLATE
    }

    // ------------------------------------------------------------------------------------- not NFC

    function test_text_refusesCombiningMarks() public {
        _assertRefusedEverywhere(hex"65cc81", notNfc, 1); // "e" + U+0301 COMBINING ACUTE ACCENT (NFC: "é")
        _assertRefusedEverywhere(hex"6ecc83", notNfc, 1); // "n" + U+0303 COMBINING TILDE (NFC: "ñ")
        _assertRefusedEverywhere(hex"cc80", notNfc, 0); // U+0300, first of the block
        _assertRefusedEverywhere(hex"cdaf", notNfc, 0); // U+036F, last of the block
        _assertRefusedEverywhere(hex"e1aab0", notNfc, 0); // U+1AB0 combining diacritical marks extended
        _assertRefusedEverywhere(hex"e1abbf", notNfc, 0); // U+1AFF
        _assertRefusedEverywhere(hex"e1b780", notNfc, 0); // U+1DC0 combining diacritical marks supplement
        _assertRefusedEverywhere(hex"e1b7bf", notNfc, 0); // U+1DFF
        _assertRefusedEverywhere(hex"e28390", notNfc, 0); // U+20D0 combining marks for symbols
        _assertRefusedEverywhere(hex"e283bf", notNfc, 0); // U+20FF
        _assertRefusedEverywhere(hex"efb8a0", notNfc, 0); // U+FE20 combining half marks
        _assertRefusedEverywhere(hex"efb8af", notNfc, 0); // U+FE2F
    }

    function test_text_refusesOhmKelvinAndAngstromSigns() public {
        _assertRefusedEverywhere(hex"e284ab", notNfc, 0); // U+212B ANGSTROM SIGN (NFC: U+00C5 "Å")
        _assertRefusedEverywhere(hex"e284a6", notNfc, 0); // U+2126 OHM SIGN (NFC: U+03A9)
        _assertRefusedEverywhere(hex"e284aa", notNfc, 0); // U+212A KELVIN SIGN (NFC: "K")
    }

    function test_text_refusesConjoiningHangulJamo() public {
        _assertRefusedEverywhere(hex"e18480e185a1", notNfc, 0); // U+1100 U+1161 (NFC: U+AC00 "가")
        _assertRefusedEverywhere(hex"eab080e186a8", notNfc, 3); // U+AC00 + U+11A8 (NFC: U+AC01 "각")
        _assertRefusedEverywhere(hex"e187bf", notNfc, 0); // U+11FF, last of the block
    }

    function test_text_refusesCjkCompatibilityIdeographs() public {
        _assertRefusedEverywhere(hex"efa480", notNfc, 0); // U+F900 (NFC: U+8C48)
        _assertRefusedEverywhere(hex"efabbf", notNfc, 0); // U+FAFF, last of the block
        _assertRefusedEverywhere(hex"f0afa080", notNfc, 0); // U+2F800 (supplement)
        _assertRefusedEverywhere(hex"f0afa89f", notNfc, 0); // U+2FA1F, last of the supplement
    }

    // ------------------------------------------------------------------------------------- invalid UTF-8

    function test_text_refusesStrayContinuationBytes() public {
        _assertRefusedEverywhere(hex"80", invalidUtf8, 0);
        _assertRefusedEverywhere(hex"bf", invalidUtf8, 0);
        _assertRefusedEverywhere(hex"c3a9a9", invalidUtf8, 2); // "é" and one continuation byte too many
        _assertRefusedEverywhere(hex"e28098bf", invalidUtf8, 3);
    }

    function test_text_refusesOverlongForms() public {
        _assertRefusedEverywhere(hex"c0af", invalidUtf8, 0); // "/" in two bytes
        _assertRefusedEverywhere(hex"c080", invalidUtf8, 0); // NUL in two bytes
        _assertRefusedEverywhere(hex"c1bf", invalidUtf8, 0);
        _assertRefusedEverywhere(hex"e080af", invalidUtf8, 0); // "/" in three bytes
        _assertRefusedEverywhere(hex"e09fbf", invalidUtf8, 0); // U+07FF in three bytes
        _assertRefusedEverywhere(hex"f08080af", invalidUtf8, 0); // "/" in four bytes
        _assertRefusedEverywhere(hex"f08fbfbf", invalidUtf8, 0); // U+FFFF in four bytes
    }

    function test_text_refusesSurrogates() public {
        _assertRefusedEverywhere(hex"eda080", invalidUtf8, 0); // U+D800
        _assertRefusedEverywhere(hex"edafbfedbfbf", invalidUtf8, 0); // a CESU-8 pair
        _assertRefusedEverywhere(hex"edbfbf", invalidUtf8, 0); // U+DFFF
    }

    function test_text_refusesTruncatedSequences() public {
        // At the end of the text.
        bytes memory c3 = hex"c3";
        bytes memory e282 = hex"e282";
        bytes memory f09f98 = hex"f09f98";
        ICredentialRegistry.InstitutionProfile memory p = _profile(string(c3), "did:web:x.example", "MX");
        vm.expectRevert(abi.encodeWithSelector(invalidUtf8, "name", 0));
        _admit(p);
        p.name = string.concat("Uni", string(e282));
        vm.expectRevert(abi.encodeWithSelector(invalidUtf8, "name", 3));
        _admit(p);
        p.name = "Uni";
        p.issuerId = string.concat("did:web:", string(f09f98));
        vm.expectRevert(abi.encodeWithSelector(invalidUtf8, "issuerId", 8));
        _admit(p);
        vm.expectRevert(abi.encodeWithSelector(invalidUtf8, "metadataURI", 1));
        vm.prank(KEY);
        registry.anchorBatchWithMetadata(keccak256("t"), 1, string(bytes.concat("a", e282)));
        // Interrupted by another character.
        _assertRefusedEverywhere(hex"c341", invalidUtf8, 0);
        _assertRefusedEverywhere(hex"e28241", invalidUtf8, 0);
        _assertRefusedEverywhere(hex"e24182", invalidUtf8, 0);
        _assertRefusedEverywhere(hex"f09f9841", invalidUtf8, 0);
        _assertRefusedEverywhere(hex"f09fc3a9", invalidUtf8, 0);
    }

    function test_text_refusesCodePointsAboveU10FFFFAndImpossibleBytes() public {
        _assertRefusedEverywhere(hex"f4908080", invalidUtf8, 0); // U+110000
        _assertRefusedEverywhere(hex"f4bfbfbf", invalidUtf8, 0);
        _assertRefusedEverywhere(hex"f5808080", invalidUtf8, 0);
        _assertRefusedEverywhere(hex"f7bfbfbf", invalidUtf8, 0);
        _assertRefusedEverywhere(hex"f888808080", invalidUtf8, 0); // five bytes
        _assertRefusedEverywhere(hex"fc8480808080", invalidUtf8, 0); // six bytes
        _assertRefusedEverywhere(hex"fe", invalidUtf8, 0);
        _assertRefusedEverywhere(hex"ff", invalidUtf8, 0);
    }

    function test_text_reportsTheFirstProblem() public {
        // A combining mark, then a control, then invalid UTF-8: the mark is first.
        _assertRefusedEverywhere(hex"61cc810080", notNfc, 1);
        // Invalid UTF-8 before a bidi control.
        _assertRefusedEverywhere(hex"61ffe280ae", invalidUtf8, 1);
        // A bidi control before a control.
        _assertRefusedEverywhere(hex"e280ae00", bidi, 0);
    }

    // ------------------------------------------------------------------------------------- accepted text

    function _admitName(string memory name) internal {
        ++_accepted;
        uint32 id = _admit(_profile(name, string.concat("did:web:u", vm.toString(_accepted)), "MX"));
        require(_hash(registry.getInstitution(id).profile.name) == _hash(name), "stored as written");
        require(registry.getIssuerIdentity(id, 1).nameHash == _hash(name), "hashed as written");
    }

    function test_text_acceptsPrecomposedNames() public {
        _admitName(unicode"Universidade Federal de São Paulo");
        _admitName(unicode"Ñandú");
        _admitName(unicode"Université");
        _admitName(unicode"Université de Montréal");
        _admitName(unicode"Universität Zürich");
        _admitName(unicode"Politechnika Łódzka");
        _admitName(unicode"Åbo Akademi");
        _admitName(unicode"Česká zemědělská univerzita");
        _admitName(unicode"Εθνικό Μετσόβιο Πολυτεχνείο");
        _admitName(unicode"東京大学");
        _admitName(unicode"서울대학교");
        _admitName(unicode"جامعة القاهرة");
        _admitName(unicode"Universidad Nacional de Asunción ☀ 🎓");
        require(registry.institutionCount() == 15, "all admitted");
    }

    function test_text_acceptsTheNeighboursOfEveryRefusedRange() public {
        _assertAccepted(hex"7e"); // "~", below DEL
        _assertAccepted(hex"20"); // space, above C0
        _assertAccepted(hex"c2a0"); // U+00A0, above C1
        _assertAccepted(hex"d89b"); // U+061B, below the Arabic letter mark
        _assertAccepted(hex"d89d"); // U+061D
        _assertAccepted(hex"e2808d"); // U+200D ZERO WIDTH JOINER, below the marks
        _assertAccepted(hex"e28090"); // U+2010, above them
        _assertAccepted(hex"e280af"); // U+202F, above the overrides
        _assertAccepted(hex"e281b0"); // U+2070, above the isolates
        _assertAccepted(hex"cbbf"); // U+02FF, below the combining marks
        _assertAccepted(hex"cdb0"); // U+0370, above them
        _assertAccepted(hex"e183bf"); // U+10FF, below the jamo
        _assertAccepted(hex"e18880"); // U+1200, above them
        _assertAccepted(hex"eab080"); // U+AC00, a precomposed Hangul syllable
        _assertAccepted(hex"ed959c"); // U+D55C, a syllable behind lead byte 0xED
        _assertAccepted(hex"e1b6bf"); // U+1DBF
        _assertAccepted(hex"e1b880"); // U+1E00, precomposed
        _assertAccepted(hex"e282ac"); // U+20AC euro sign, below U+20D0
        _assertAccepted(hex"e284a5e284a7e284a9e284ac"); // U+2125, U+2127, U+2129, U+212C
        _assertAccepted(hex"c385"); // U+00C5, the precomposed letter NFC makes of the Angstrom sign
        _assertAccepted(hex"efa3bf"); // U+F8FF, below the CJK compatibility ideographs
        _assertAccepted(hex"efac80"); // U+FB00, above them
        _assertAccepted(hex"efb899"); // U+FE19, below the combining half marks
        _assertAccepted(hex"efb8b0"); // U+FE30, above them
        _assertAccepted(hex"f0aa9b96"); // U+2A6D6, below the supplement
        _assertAccepted(hex"f0b08080"); // U+30000, above it
    }

    function test_text_acceptsTheUtf8Boundaries() public {
        _assertAccepted(hex"dfbf"); // U+07FF, the last two-byte code point
        _assertAccepted(hex"e0a080"); // U+0800, the first three-byte one
        _assertAccepted(hex"ed9fbf"); // U+D7FF, below the surrogates
        _assertAccepted(hex"ee8080"); // U+E000, above them
        _assertAccepted(hex"efbfbd"); // U+FFFD
        _assertAccepted(hex"f0908080"); // U+10000, the first four-byte one
        _assertAccepted(hex"f09f8e93"); // U+1F393 graduation cap
        _assertAccepted(hex"f4808080"); // U+100000, lead byte 0xF4
        _assertAccepted(hex"f48fbfbf"); // U+10FFFF, the last code point
    }

    function test_text_emptyWebsiteAndUrisAreAccepted() public {
        vm.prank(KEY);
        registry.anchorBatchWithMetadata(keccak256("no uri"), 1, "");
        require(registry.isAnchored(1, keccak256("no uri")), "anchored");
    }

    function test_text_anchoringWithAnOverlongUriIsRefusedBeforeTheKeyIsChecked() public {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryTextTooLong.selector, "metadataURI", 257, 256)
        );
        vm.prank(STRANGER);
        registry.anchorBatchWithMetadata(keccak256("m"), 1, string(new bytes(257)));
    }

    // ------------------------------------------------------------------------------------- issuer ids

    function _acceptIssuerId(string memory issuerId) internal {
        uint32 id = _admit(_profile("Emisor", issuerId, "MX"));
        require(_hash(registry.getInstitution(id).profile.issuerId) == _hash(issuerId), "stored as written");
        require(registry.getIssuerIdentity(id, 1).issuerIdHash == _hash(issuerId), "hashed as written");
        require(registry.institutionOfIssuerId(issuerId) == id, "recorded");
    }

    function _refuseIssuerId(string memory issuerId) internal {
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryInvalidIssuerId.selector, issuerId)
        );
        _admit(_profile("Emisor", issuerId, "MX"));
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryInvalidIssuerId.selector, issuerId)
        );
        _update(1, _profile(NAME_1, issuerId, "MX"));
    }

    function test_issuerId_acceptsDidsAndHttpsUrls() public {
        _acceptIssuerId("did:web:uneje.edu.mx");
        _acceptIssuerId("did:web:example.com%3A8443:issuers:1");
        _acceptIssuerId("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK");
        _acceptIssuerId("did:ethr:0x14a34:0xb9c5714089478a327f09197987f16f9e5d936e8a");
        _acceptIssuerId("did:pkh:eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8a");
        _acceptIssuerId("did:3:x"); // a method of digits
        _acceptIssuerId("did:a:b"); // the shortest DID
        _acceptIssuerId("https://uneje.edu.mx");
        _acceptIssuerId("https://uneje.edu.mx/issuers/1");
        _acceptIssuerId("https://uneje.edu.mx:8443/issuer?id=1#key");
        _acceptIssuerId("https://x"); // the shortest URL
        _acceptIssuerId("https://Uneje.edu.mx"); // a host may start with an upper-case letter
        _acceptIssuerId("https://9.example"); // or a digit
        _acceptIssuerId("https://192.0.2.7/issuer");
        require(registry.institutionCount() == 16, "all admitted");
    }

    function test_issuerId_refusesWhatIsNeitherADidNorAnHttpsUrl() public {
        _refuseIssuerId("");
        _refuseIssuerId("did:");
        _refuseIssuerId("did:web");
        _refuseIssuerId("did:web:"); // no identifier
        _refuseIssuerId("did::x"); // no method
        _refuseIssuerId("did:Web:x"); // an upper-case method
        _refuseIssuerId("did:WEB:x");
        _refuseIssuerId("did:we-b:x");
        _refuseIssuerId("did:we_b:x");
        _refuseIssuerId("DID:web:x");
        _refuseIssuerId("did-web-x");
        _refuseIssuerId("http://x"); // not https
        _refuseIssuerId("https://"); // no host
        _refuseIssuerId("https:///x"); // no host
        _refuseIssuerId("https://?x"); // no host: a query right after the scheme
        _refuseIssuerId("https://#x"); // no host: a fragment
        _refuseIssuerId("https://:443/issuer"); // no host: a port
        _refuseIssuerId("https://@x"); // no host before the "@"
        _refuseIssuerId("https://user@"); // user information: no '@' at all
        _refuseIssuerId("https://user@/issuer");
        _refuseIssuerId("https://x:y@:443/");
        _refuseIssuerId("https://uneje.example@evil.example/");
        _refuseIssuerId("https://.example");
        _refuseIssuerId("https://-x.example");
        _refuseIssuerId("https://[2001:db8::1]/"); // a host starts with a letter or a digit
        _refuseIssuerId("https:/x");
        _refuseIssuerId("HTTPS://x");
        _refuseIssuerId("ftp://x");
        _refuseIssuerId("urn:uuid:9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d");
        _refuseIssuerId("uneje.edu.mx");
    }

    function test_issuerId_refusesSpacesAndNonAscii() public {
        _refuseIssuerId("did:web:a b");
        _refuseIssuerId(" did:web:x");
        _refuseIssuerId("did:web:x ");
        _refuseIssuerId("https://uneje.edu.mx/a b");
        _refuseIssuerId(unicode"did:web:café.example");
        _refuseIssuerId(unicode"https://münchen.de");
        _refuseIssuerId(unicode"did:web:x\u00a0"); // a no-break space
        _refuseIssuerId(unicode"did:wéb:x");
    }

    function test_issuerId_refusesTextProblemsWithTheTextErrors() public {
        // Control characters and the other text problems are reported as such, with their position.
        vm.expectRevert(abi.encodeWithSelector(control, "issuerId", 9));
        _admit(_profile("Emisor", "did:web:x\x7f", "MX"));
        vm.expectRevert(abi.encodeWithSelector(control, "issuerId", 8));
        _admit(_profile("Emisor", "https://\tx", "MX"));
    }

    function test_issuerId_isCappedAtTheUriLength() public {
        string memory id = "did:web:";
        while (bytes(id).length < 256) {
            id = string.concat(id, "a");
        }
        _acceptIssuerId(id);
        string memory longer = string.concat(id, "b");
        vm.expectRevert(
            abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryTextTooLong.selector, "issuerId", 257, 256)
        );
        _admit(_profile("Emisor", longer, "MX"));
    }

    // ------------------------------------------------------------------------------------- fuzz against the model

    /// @dev The error the registry must raise for `text` in `field` (empty: none).
    function _expectedTextError(
        string memory field,
        bytes memory text,
        uint256 maxLength
    ) internal view returns (bytes memory) {
        if (text.length > maxLength) {
            return
                abi.encodeWithSelector(
                    ICredentialRegistry.CredentialRegistryTextTooLong.selector,
                    field,
                    text.length,
                    maxLength
                );
        }
        (TextModel.Problem problem, uint256 position) = TextModel.check(text);
        if (problem == TextModel.Problem.InvalidUtf8) return abi.encodeWithSelector(invalidUtf8, field, position);
        if (problem == TextModel.Problem.ControlCharacter) return abi.encodeWithSelector(control, field, position);
        if (problem == TextModel.Problem.BidiControl) return abi.encodeWithSelector(bidi, field, position);
        if (problem == TextModel.Problem.NotNormalized) return abi.encodeWithSelector(notNfc, field, position);
        return "";
    }

    /// @dev Submits `text` as field `field % 4` (0 name, 1 issuer id, 2 website, 3 batch metadata URI) and checks
    /// that the registry accepts it exactly when the model does, and otherwise raises the model's error.
    function _submitAndCompare(uint256 field, bytes memory text) internal {
        field %= 4;
        bytes memory expected;
        if (field == 3) {
            expected = _expectedTextError("metadataURI", text, 256);
            if (expected.length != 0) vm.expectRevert(expected);
            vm.prank(KEY);
            registry.anchorBatchWithMetadata(keccak256(text), 1, string(text));
            require(registry.isAnchored(1, keccak256(text)) == (expected.length == 0), "anchored exactly when valid");
            return;
        }
        ICredentialRegistry.InstitutionProfile memory p = _profile("Fuzz", "did:web:fuzz.example", "MX");
        if (field == 0) {
            p.name = string(text);
            expected =
                text.length == 0
                    ? abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryEmptyName.selector)
                    : _expectedTextError("name", text, 96);
        } else if (field == 1) {
            p.issuerId = string(text);
            expected = _expectedTextError("issuerId", text, 256);
            if (expected.length == 0 && !TextModel.isIssuerId(text)) {
                expected = abi.encodeWithSelector(ICredentialRegistry.CredentialRegistryInvalidIssuerId.selector, text);
            }
            uint32 owner = registry.institutionOfIssuerId(string(text));
            if (expected.length == 0 && owner != 0) {
                expected = abi.encodeWithSelector(
                    ICredentialRegistry.CredentialRegistryIssuerIdTaken.selector,
                    text,
                    owner
                );
            }
        } else {
            p.website = string(text);
            expected = _expectedTextError("website", text, 256);
        }
        if (expected.length != 0) vm.expectRevert(expected);
        _admit(p);
        require(registry.institutionCount() == (expected.length == 0 ? 3 : 2), "admitted exactly when valid");
        if (expected.length == 0) {
            ICredentialRegistry.Institution memory inst = registry.getInstitution(3);
            bytes memory stored = bytes(
                field == 0
                    ? inst.profile.name
                    : field == 1
                        ? inst.profile.issuerId
                        : inst.profile.website
            );
            require(keccak256(stored) == keccak256(text), "stored as written");
        }
    }

    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_text_randomBytesAreJudgedAsTheModelJudgesThem(bytes memory text, uint8 field) public {
        _submitAndCompare(field, text);
    }

    /// @dev Text built from code points: printable ASCII, anything up to U+10FFFF, the edges of every range the
    /// rules name (and their neighbours), surrogates and values above U+10FFFF; sometimes with a byte dropped,
    /// inserted or replaced.
    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_text_codePointsAreJudgedAsTheModelJudgesThem(uint256 seed, uint8 field) public {
        uint24[26] memory edges = [
            uint24(0x1f),
            0x7f,
            0x9f,
            0x061c,
            0x200e,
            0x200f,
            0x202a,
            0x202e,
            0x2066,
            0x2069,
            0x0300,
            0x036f,
            0x1100,
            0x11ff,
            0x1ab0,
            0x1dff,
            0x20d0,
            0x20ff,
            0x2126,
            0x212a,
            0x212b,
            0xf900,
            0xfaff,
            0xfe20,
            0x2f800,
            0x2fa1f
        ];
        uint24[10] memory utf8Edges = [
            uint24(0x7f),
            0x7ff,
            0x800,
            0xd7ff,
            0xd800,
            0xdfff,
            0xffff,
            0x10000,
            0x10ffff,
            0x110000
        ];
        bytes memory text;
        uint256 n = 1 + (seed % 6);
        for (uint256 i; i < n; ++i) {
            seed = uint256(keccak256(abi.encode(seed)));
            uint256 kind = seed % 5;
            uint256 r = seed >> 8;
            uint256 cp;
            if (kind == 0) {
                cp = 0x20 + (r % 95);
            } else if (kind == 1) {
                cp = r % 0x110000;
            } else if (kind == 2) {
                cp = uint256(edges[r % edges.length]) + ((r >> 8) % 3) - 1;
            } else if (kind == 3) {
                cp = uint256(utf8Edges[r % utf8Edges.length]) + ((r >> 8) % 3) - 1;
            } else {
                cp = 0xa0 + (r % 0x1e0); // Latin-1 and Latin Extended: precomposed letters
            }
            text = bytes.concat(text, TextModel.encode(cp));
        }
        seed = uint256(keccak256(abi.encode(seed)));
        uint256 mutation = seed % 8;
        uint256 at = (seed >> 8) % text.length;
        bytes1 b = bytes1(uint8(seed >> 16));
        if (mutation == 0) {
            text = _slice(text, 0, text.length - 1); // truncate the last sequence
        } else if (mutation == 1) {
            text = bytes.concat(_slice(text, 0, at), b, _slice(text, at, text.length)); // insert a byte
        } else if (mutation == 2) {
            text[at] = b; // replace a byte
        }
        _submitAndCompare(field, text);
    }

    /// @dev Issuer ids built from prefixes and characters that matter to the rule.
    /// hardhat-config: fuzz.runs = 5000
    function testFuzz_issuerId_isAcceptedExactlyWhenTheModelAcceptsIt(uint256 seed) public {
        bytes memory alphabet = bytes(unicode"aZ09:/.-_%?#~ \u00e9");
        bytes memory id = _issuerIdPrefix(seed % 9);
        uint256 n = (seed >> 8) % 8;
        for (uint256 i; i < n; ++i) {
            seed = uint256(keccak256(abi.encode(seed)));
            id = bytes.concat(id, alphabet[seed % alphabet.length]);
        }
        _submitAndCompare(1, id);
    }

    function _issuerIdPrefix(uint256 i) internal pure returns (bytes memory) {
        if (i == 0) return "did:";
        if (i == 1) return "did:web:";
        if (i == 2) return "did:key:";
        if (i == 3) return "https://";
        if (i == 4) return "http://";
        if (i == 5) return "did:Web:";
        if (i == 6) return "https:";
        if (i == 7) return "did:w3b";
        return "";
    }

    function _slice(bytes memory data, uint256 from, uint256 to) internal pure returns (bytes memory out) {
        out = new bytes(to - from);
        for (uint256 i = from; i < to; ++i) {
            out[i - from] = data[i];
        }
    }
}
