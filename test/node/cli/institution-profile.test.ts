import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { admitProfile, profileChanges } from "../../../scripts/commands/institution.ts";
import { CliError } from "../../../scripts/lib/cli-error.ts";
import { checkIssuerId, checkName, checkUri } from "../../../scripts/lib/institution-profile.ts";

/** The CliError message `check` throws (fails when it does not throw one). */
function refusal(check: () => unknown): string {
  try {
    check();
  } catch (error) {
    assert.ok(error instanceof CliError, String(error));
    return error.message;
  }
  assert.fail("expected a refusal");
}

describe("institution profile checks (before anything is sent)", () => {
  describe("checkIssuerId", () => {
    it("accepts DIDs and https URLs, as the registry does", () => {
      for (const id of [
        "did:web:uneje.example",
        "did:web:uneje.example:cursos",
        "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        "did:pkh:eip155:31337:0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        "https://uneje.example",
        "https://uneje.example/issuers/1",
      ]) {
        assert.equal(checkIssuerId(id), id);
      }
    });

    it("says precisely what is wrong with anything else", () => {
      const cases: [string, RegExp][] = [
        ["", /--issuer-id must not be empty: it is the identifier the institution's credentials carry as issuer\.id/],
        [
          "uneje.example",
          /--issuer-id must be a DID \(did:<method>:<identifier>, .*\) or an https:\/\/ URL, not "uneje\.example"/,
        ],
        ["http://uneje.example", /must be a DID .* or an https:\/\/ URL, not "http:\/\/uneje\.example"/],
        ["HTTPS://uneje.example", /must be a DID .* or an https:\/\/ URL/],
        [
          "did:Web:uneje.example",
          /"did:Web:uneje\.example" is not a DID: after did: comes a method of lower-case letters and digits/,
        ],
        ["did::uneje.example", /is not a DID: after did: comes a method/],
        ["did:web", /"did:web" is not a DID: after did: comes a method of lower-case letters and digits, then ':'/],
        ["did:web:", /"did:web:" has nothing after did:web: \(the identifier\)/],
        ["https://", /"https:\/\/" has no host/],
        ["https:///cursos", /"https:\/\/\/cursos" has no host/],
        ["https://?x", /"https:\/\/\?x" has no host: after https:\/\/ comes the host, starting with a letter or digit/],
        ["https://#x", /"https:\/\/#x" has no host/],
        ["https://@uneje.example", /"https:\/\/@uneje\.example" has no host/],
        ["https://u:x@", /"https:\/\/u:x@" has no host/],
        ["did:web:uneje example", /must be printable ASCII without spaces, but character 14 is U\+0020 \(a space\)/],
        ["did:web:unejé.example", /must be printable ASCII without spaces, but character 13 is U\+00E9/],
        ["did:web:uneje.example\u202e", /must be printable ASCII without spaces, but character 22 is U\+202E/],
        [`did:web:${"a".repeat(249)}`, /--issuer-id is 257 bytes long; the registry accepts at most 256/],
        // a did:web or did:key that could never hold a credential key
        ["did:web:127.0.0.1", /"did:web:127\.0\.0\.1" is not a valid did:web: did:web does not allow IP addresses/],
        ["did:web:Uneje.example", /is not a valid did:web: the domain must be written in lowercase/],
        ["did:web:uneje.example/cursos", /is not a valid did:web: a did:web is a DID, not a DID URL/],
        [
          "did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme",
          /is not a valid did:key of an Ed25519 credential key: not an Ed25519 public key/,
        ],
      ];
      for (const [id, message] of cases)
        assert.match(
          refusal(() => checkIssuerId(id)),
          message,
          id,
        );
    });
  });

  describe("checkName and checkUri", () => {
    it("accept precomposed accents and other scripts", () => {
      for (const name of [
        "Universidad Nacional de Ejemplo",
        "Instituto Federal de Educação",
        "Ñandú São Paulo",
        "東京大学",
      ]) {
        assert.equal(checkName(name), name);
      }
    });

    it("refuse control characters, bidi controls, lone surrogates and text that is not NFC, naming the character", () => {
      const cases: [string, RegExp][] = [
        ["", /--name must not be empty/],
        ["Línea\nnueva", /--name must not contain control characters, but character 6 is U\+000A/],
        ["Escuela\u0085", /must not contain control characters, but character 8 is U\+0085/],
        [
          "Escuela \u2067X\u2069",
          /bidirectional-text controls, .* but character 9 is U\+2067 \(right-to-left isolate\)/,
        ],
        ["Escuela \u200f", /but character 9 is U\+200F \(right-to-left mark\)/],
        ["Escuela \u061c", /but character 9 is U\+061C \(arabic letter mark\)/],
        ["Escuela \ud800", /--name is not valid Unicode text: character 9 is U\+D800, half of a surrogate pair/],
        [
          "Educac\u0327a\u0303o",
          /must be written with precomposed characters \(Unicode NFC\), but character 7 is U\+0327, .*; write it as "Educação"/,
        ],
        // A combining mark NFC cannot compose is in NFC, but the registry refuses it all the same.
        ["x\u0301", /but character 2 is U\+0301, a combining or compatibility character$/],
        ["Kelvin \u212a", /but character 8 is U\+212A/],
        // U+2000 becomes U+2002 under NFC (a singleton), with no combining mark involved.
        [
          "Instituto\u2000Ejemplo",
          /--name is not in Unicode normalization form NFC; write it as "Instituto\u2002Ejemplo"/,
        ],
        ["é".repeat(49), /--name is 98 bytes long in UTF-8; the registry accepts at most 96/],
      ];
      for (const [name, message] of cases)
        assert.match(
          refusal(() => checkName(name)),
          message,
          JSON.stringify(name),
        );
      assert.match(
        refusal(() => checkUri("--website", "https://a.example/\tx")),
        /--website must not contain control characters, but character 19 is U\+0009/,
      );
      assert.equal(checkUri("--metadata-uri", ""), "");
    });
  });

  describe("admitProfile and profileChanges", () => {
    it("require --issuer-id on admission", () => {
      assert.match(
        refusal(() => admitProfile({ name: "Universidad", country: "MX" } as never)),
        /^--issuer-id is required: it is the identifier the institution's credentials carry as issuer\.id/,
      );
      const profile = admitProfile({ name: "Universidad", issuerId: "did:web:u.example", country: "MX" } as never);
      assert.deepEqual(profile, {
        name: "Universidad",
        issuerId: "did:web:u.example",
        country: "0x4d58",
        website: "",
        metadataURI: "",
        metadataHash: `0x${"00".repeat(32)}`,
      });
    });

    it("change only what is given, checked", () => {
      assert.deepEqual(profileChanges({ website: "https://u.example" } as never), { website: "https://u.example" });
      assert.deepEqual(profileChanges({ issuerId: "https://u.example" } as never), { issuerId: "https://u.example" });
      assert.match(
        refusal(() => profileChanges({ issuerId: "u.example" } as never)),
        /--issuer-id must be a DID/,
      );
      assert.match(
        refusal(() => profileChanges({ name: "A\u202eB" } as never)),
        /--name must not contain bidirectional/,
      );
    });
  });
});
