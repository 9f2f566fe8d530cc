// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title RegistryText
/// @notice The registry's rules for the text it stores (institution names, issuer ids, URIs): well-formed UTF-8
/// that displays as what it is. See {ICredentialRegistry} for the errors that report each problem.
library RegistryText {
    /// @notice What is wrong with a text, in the order {check} looks for it at each character.
    enum Problem {
        None,
        InvalidUtf8,
        ControlCharacter,
        BidiControl,
        NotNormalized
    }

    /// @notice The first problem of `text` and the byte offset of the character that has it (`None`, 0 when
    /// there is none).
    /// @param text UTF-8 bytes.
    /// @return problem What is wrong.
    /// @return position Where.
    function check(bytes calldata text) internal pure returns (Problem problem, uint256 position) {
        uint256 offset;
        while (offset < text.length) {
            (uint256 codePoint, uint256 size) = _decode(text, offset);
            if (size == 0) {
                return (Problem.InvalidUtf8, offset);
            }
            if (isControl(codePoint)) {
                return (Problem.ControlCharacter, offset);
            }
            if (isBidiControl(codePoint)) {
                return (Problem.BidiControl, offset);
            }
            if (isRewrittenByNfc(codePoint)) {
                return (Problem.NotNormalized, offset);
            }
            offset += size;
        }
        return (Problem.None, 0);
    }

    /// @notice Whether `issuerId` is a DID (`did:` + a method of lower-case letters and digits + `:` + an
    /// identifier) or an `https://` URL with a host (its first character a letter or a digit) and no at sign, in
    /// printable ASCII without spaces.
    /// @param issuerId The issuer id.
    /// @return True when it is.
    function isIssuerId(bytes calldata issuerId) internal pure returns (bool) {
        for (uint256 i; i < issuerId.length; ++i) {
            if (issuerId[i] < 0x21 || issuerId[i] > 0x7e) {
                return false;
            }
        }
        if (_startsWith(issuerId, "https://")) {
            // A host: the first character after the scheme is a letter or a digit (not '/', '?', '#', ':', '@'),
            // and no user information (an at sign), which could make the host something else than what is read first.
            for (uint256 i = 8; i < issuerId.length; ++i) {
                if (issuerId[i] == "@") {
                    return false;
                }
            }
            return issuerId.length > 8 && _isAlphanumeric(issuerId[8]);
        }
        if (!_startsWith(issuerId, "did:")) {
            return false;
        }
        uint256 methodEnd = 4;
        while (methodEnd < issuerId.length && _isMethodCharacter(issuerId[methodEnd])) {
            ++methodEnd;
        }
        // A method of at least one character, then ':' and at least one character of identifier.
        return methodEnd > 4 && methodEnd + 1 < issuerId.length && issuerId[methodEnd] == ":";
    }

    /// @notice C0 controls (U+0000–U+001F), DEL (U+007F) and C1 controls (U+0080–U+009F).
    /// @param codePoint A code point.
    /// @return True for a control character.
    function isControl(uint256 codePoint) internal pure returns (bool) {
        return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
    }

    /// @notice The bidirectional-text controls: the Arabic letter mark (U+061C), the left-to-right and right-to-left
    /// marks (U+200E, U+200F), embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
    /// @param codePoint A code point.
    /// @return True for a bidi control.
    function isBidiControl(uint256 codePoint) internal pure returns (bool) {
        return
            codePoint == 0x061c ||
            codePoint == 0x200e ||
            codePoint == 0x200f ||
            (codePoint >= 0x202a && codePoint <= 0x202e) ||
            (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    /// @notice Characters that Unicode normalization form C rewrites, alone or with the character before them:
    /// combining marks (U+0300–U+036F, U+1AB0–U+1AFF, U+1DC0–U+1DFF, U+20D0–U+20FF, U+FE20–U+FE2F), conjoining
    /// Hangul jamo (U+1100–U+11FF), the Ohm, Kelvin and Angstrom signs (U+2126, U+212A, U+212B) and CJK
    /// compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F).
    /// @param codePoint A code point.
    /// @return True when NFC may rewrite it.
    function isRewrittenByNfc(uint256 codePoint) internal pure returns (bool) {
        return
            (codePoint >= 0x0300 && codePoint <= 0x036f) ||
            (codePoint >= 0x1100 && codePoint <= 0x11ff) ||
            (codePoint >= 0x1ab0 && codePoint <= 0x1aff) ||
            (codePoint >= 0x1dc0 && codePoint <= 0x1dff) ||
            (codePoint >= 0x20d0 && codePoint <= 0x20ff) ||
            codePoint == 0x2126 ||
            codePoint == 0x212a ||
            codePoint == 0x212b ||
            (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
            (codePoint >= 0xfe20 && codePoint <= 0xfe2f) ||
            (codePoint >= 0x2f800 && codePoint <= 0x2fa1f);
    }

    /// @dev Decodes the UTF-8 sequence at `offset`: its code point and length in bytes, or a length of 0 when it is
    /// not well-formed (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
    function _decode(bytes calldata text, uint256 offset) private pure returns (uint256 codePoint, uint256 size) {
        uint8 lead = uint8(text[offset]);
        uint8 low = 0x80; // the lowest allowed second byte
        uint8 high = 0xbf; // the highest allowed second byte
        if (lead < 0x80) {
            return (lead, 1);
        } else if (lead >= 0xc2 && lead <= 0xdf) {
            (codePoint, size) = (lead & 0x1f, 2);
        } else if (lead >= 0xe0 && lead <= 0xef) {
            (codePoint, size) = (lead & 0x0f, 3);
            if (lead == 0xe0) low = 0xa0; // overlong below U+0800
            if (lead == 0xed) high = 0x9f; // surrogates U+D800–U+DFFF
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            (codePoint, size) = (lead & 0x07, 4);
            if (lead == 0xf0) low = 0x90; // overlong below U+10000
            if (lead == 0xf4) high = 0x8f; // above U+10FFFF
        } else {
            return (0, 0);
        }
        if (offset + size > text.length) {
            return (0, 0);
        }
        for (uint256 i = 1; i < size; ++i) {
            uint8 next = uint8(text[offset + i]);
            if (next < (i == 1 ? low : 0x80) || next > (i == 1 ? high : 0xbf)) {
                return (0, 0);
            }
            codePoint = (codePoint << 6) | (next & 0x3f);
        }
    }

    /// @dev Whether `text` starts with `prefix`.
    function _startsWith(bytes calldata text, bytes memory prefix) private pure returns (bool) {
        if (text.length < prefix.length) {
            return false;
        }
        for (uint256 i; i < prefix.length; ++i) {
            if (text[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /// @dev An ASCII letter or digit.
    function _isAlphanumeric(bytes1 character) private pure returns (bool) {
        return
            (character >= "a" && character <= "z") ||
            (character >= "A" && character <= "Z") ||
            (character >= "0" && character <= "9");
    }

    /// @dev A DID method name character: a lower-case ASCII letter or a digit.
    function _isMethodCharacter(bytes1 character) private pure returns (bool) {
        return (character >= "a" && character <= "z") || (character >= "0" && character <= "9");
    }
}
