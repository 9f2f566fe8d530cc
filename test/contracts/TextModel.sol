// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @notice An independent model of the registry's text rules, written from the interface's documentation (not from
/// `contracts/libraries/RegistryText.sol`), for the fuzz tests to compare the contract with. It decodes UTF-8 the
/// textbook way (length from the lead byte, then reject overlong forms, surrogates and values above U+10FFFF by
/// the decoded value) and classifies code points from a table of ranges.
library TextModel {
    /// @dev What is wrong with a text. Same order as the registry's checks at one character.
    enum Problem {
        None,
        InvalidUtf8,
        ControlCharacter,
        BidiControl,
        NotNormalized
    }

    /// @dev The first problem of `text` and the byte offset of the character that has it.
    function check(bytes memory text) internal pure returns (Problem problem, uint256 position) {
        uint256 offset;
        while (offset < text.length) {
            (bool ok, uint256 codePoint, uint256 size) = decode(text, offset);
            if (!ok) {
                return (Problem.InvalidUtf8, offset);
            }
            problem = classify(codePoint);
            if (problem != Problem.None) {
                return (problem, offset);
            }
            offset += size;
        }
        return (Problem.None, 0);
    }

    /// @dev Decodes one UTF-8 sequence (RFC 3629).
    function decode(bytes memory text, uint256 offset) internal pure returns (bool ok, uint256 cp, uint256 size) {
        uint8 lead = uint8(text[offset]);
        if (lead & 0x80 == 0) {
            return (true, lead, 1);
        } else if (lead & 0xe0 == 0xc0) {
            (cp, size) = (lead & 0x1f, 2);
        } else if (lead & 0xf0 == 0xe0) {
            (cp, size) = (lead & 0x0f, 3);
        } else if (lead & 0xf8 == 0xf0) {
            (cp, size) = (lead & 0x07, 4);
        } else {
            return (false, 0, 0);
        }
        if (offset + size > text.length) {
            return (false, 0, 0);
        }
        for (uint256 i = 1; i < size; ++i) {
            uint8 next = uint8(text[offset + i]);
            if (next & 0xc0 != 0x80) {
                return (false, 0, 0);
            }
            cp = (cp << 6) | (next & 0x3f);
        }
        uint256 smallest =
            size == 2
                ? 0x80
                : size == 3
                    ? 0x800
                    : 0x10000;
        if (cp < smallest || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
            return (false, 0, 0);
        }
        return (true, cp, size);
    }

    /// @dev The problem of one code point, from the ranges the interface lists.
    function classify(uint256 cp) internal pure returns (Problem) {
        uint24[2][3] memory controls = [[uint24(0x00), 0x1f], [uint24(0x7f), 0x7f], [uint24(0x80), 0x9f]];
        for (uint256 i; i < controls.length; ++i) {
            if (cp >= controls[i][0] && cp <= controls[i][1]) return Problem.ControlCharacter;
        }
        uint24[2][4] memory bidi = [
            [uint24(0x061c), 0x061c],
            [uint24(0x200e), 0x200f],
            [uint24(0x202a), 0x202e],
            [uint24(0x2066), 0x2069]
        ];
        for (uint256 i; i < bidi.length; ++i) {
            if (cp >= bidi[i][0] && cp <= bidi[i][1]) return Problem.BidiControl;
        }
        uint24[2][10] memory nfc = [
            [uint24(0x0300), 0x036f],
            [uint24(0x1ab0), 0x1aff],
            [uint24(0x1dc0), 0x1dff],
            [uint24(0x20d0), 0x20ff],
            [uint24(0xfe20), 0xfe2f],
            [uint24(0x1100), 0x11ff],
            [uint24(0x2126), 0x2126],
            [uint24(0x212a), 0x212b],
            [uint24(0xf900), 0xfaff],
            [uint24(0x2f800), 0x2fa1f]
        ];
        for (uint256 i; i < nfc.length; ++i) {
            if (cp >= nfc[i][0] && cp <= nfc[i][1]) return Problem.NotNormalized;
        }
        return Problem.None;
    }

    /// @dev Whether `id` is an issuer id: printable ASCII without spaces, and either `https://` followed by a host
    /// (a first character that is an ASCII letter or digit, no at sign) or `did:` + method (lower-case letters and
    /// digits) + `:` + identifier.
    function isIssuerId(bytes memory id) internal pure returns (bool) {
        for (uint256 i; i < id.length; ++i) {
            if (id[i] <= " " || id[i] >= 0x7f) return false;
        }
        if (_hasPrefix(id, "https://")) {
            if (id.length < 9) return false;
            for (uint256 i = 8; i < id.length; ++i) {
                if (id[i] == "@") return false;
            }
            bytes1 first = id[8];
            return (first >= "a" && first <= "z") || (first >= "A" && first <= "Z") || (first >= "0" && first <= "9");
        }
        if (!_hasPrefix(id, "did:")) return false;
        uint256 colon = 0;
        for (uint256 i = 4; i < id.length; ++i) {
            if (id[i] == ":") {
                colon = i;
                break;
            }
            bool lower = id[i] >= "a" && id[i] <= "z";
            bool digit = id[i] >= "0" && id[i] <= "9";
            if (!lower && !digit) return false;
        }
        return colon > 4 && colon < id.length - 1;
    }

    /// @dev UTF-8 for one code point; surrogates and values up to 0x1FFFFF are encoded too (invalid on purpose).
    function encode(uint256 cp) internal pure returns (bytes memory) {
        if (cp < 0x80) return abi.encodePacked(uint8(cp));
        if (cp < 0x800) return abi.encodePacked(uint8(0xc0 | (cp >> 6)), uint8(0x80 | (cp & 0x3f)));
        if (cp < 0x10000) {
            return
                abi.encodePacked(uint8(0xe0 | (cp >> 12)), uint8(0x80 | ((cp >> 6) & 0x3f)), uint8(0x80 | (cp & 0x3f)));
        }
        return
            abi.encodePacked(
                uint8(0xf0 | ((cp >> 18) & 0x07)),
                uint8(0x80 | ((cp >> 12) & 0x3f)),
                uint8(0x80 | ((cp >> 6) & 0x3f)),
                uint8(0x80 | (cp & 0x3f))
            );
    }

    function _hasPrefix(bytes memory text, bytes memory prefix) private pure returns (bool) {
        if (text.length < prefix.length) return false;
        for (uint256 i; i < prefix.length; ++i) {
            if (text[i] != prefix[i]) return false;
        }
        return true;
    }
}
