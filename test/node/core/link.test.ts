import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deflateSync } from "fflate";
import fc from "fast-check";
import { base64urlDecode, base64urlEncode } from "../../../core/link.ts";
import {
  checkLocally,
  type CredentialDocument,
  decodeVerificationLink,
  encodeVerificationLink,
  isAcreditaError,
  type JsonObject,
  redactCredential,
  referenceOf,
  splitAnchor,
} from "../../../core/index.ts";
import { checkSignature } from "../../../core/signature-check.ts";
import { readGolden } from "../../helpers/golden.ts";

const credential = (readGolden("negociacion-liderazgo.json") as { credentials: CredentialDocument[] })
  .credentials[5] as JsonObject;
const BASE = "https://verify.acredita.example/";

function failsWith(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => isAcreditaError(e) && e.code === code, `expected ${code}`);
}

describe("link", () => {
  describe("encodeVerificationLink / decodeVerificationLink", () => {
    it("round-trips a full credential that still verifies, signature included, within a QR-friendly length", async () => {
      const link = encodeVerificationLink(BASE, { kind: "credential", credential });
      assert.ok(link.startsWith(`${BASE}#v1.c.`));
      assert.ok(link.length < 4000, `link is ${link.length} characters`);
      const decoded = decodeVerificationLink(link);
      assert.ok(decoded.kind === "credential");
      assert.deepEqual(JSON.parse(decoded.text), credential);
      const local = await checkSignature(checkLocally(decoded.text));
      assert.equal(local.checks.INTEGRITY?.status, "VALID");
      assert.equal(local.checks.SIGNATURE?.reason, "SIGNATURE_OK", "the issuer's signature survives the link");
    });

    it("round-trips a redacted credential and the hidden values are not in the link", () => {
      const redacted = redactCredential(credential, ["/credentialSubject/identifier/1", "/credentialSubject/result"]);
      const decoded = decodeVerificationLink(
        encodeVerificationLink(BASE, { kind: "credential", credential: redacted }),
      );
      assert.ok(decoded.kind === "credential");
      assert.ok(!decoded.text.includes("@correo.example"));
      assert.ok(!decoded.text.includes("proofValue"));
      const local = checkLocally(decoded.text);
      assert.equal(local.checks.INTEGRITY?.status, "VALID");
      assert.equal(local.redacted, true);
      assert.equal(local.hiddenCount, 4 + 3 + 6);
    });

    it("round-trips a hash-only reference", () => {
      const reference = referenceOf(splitAnchor(credential).anchor);
      const link = encodeVerificationLink(`${BASE}#old`, { kind: "reference", reference });
      assert.ok(link.startsWith(`${BASE}#v1.r.`));
      assert.deepEqual(decodeVerificationLink(link), { kind: "reference", reference });
    });

    it("refuses to encode beyond the length cap, with LINK_TOO_LARGE", () => {
      failsWith(
        () => encodeVerificationLink(BASE, { kind: "credential", credential }, { maxLinkLength: 100 }),
        "LINK_TOO_LARGE",
      );
    });

    it("rejects each kind of bad link with its reason code", () => {
      failsWith(() => decodeVerificationLink(BASE), "LINK_EMPTY");
      failsWith(() => decodeVerificationLink(`${BASE}#`), "LINK_EMPTY");
      failsWith(() => decodeVerificationLink(`${BASE}#v1.c.`), "LINK_EMPTY");
      failsWith(() => decodeVerificationLink(`${BASE}#v2.c.AAAA`), "LINK_UNSUPPORTED_VERSION");
      failsWith(() => decodeVerificationLink(`${BASE}#v1.x.AAAA`), "LINK_UNSUPPORTED_VERSION");
      failsWith(() => decodeVerificationLink(`${BASE}#v1.c.AA$A`), "LINK_NOT_BASE64URL");
      failsWith(() => decodeVerificationLink(`${BASE}#v1.c.A`), "LINK_NOT_BASE64URL");
      failsWith(
        () => decodeVerificationLink(`${BASE}#v1.c.${base64urlEncode(new Uint8Array([1, 2, 3, 4, 5]))}`),
        "LINK_NOT_DEFLATE",
      );
      const link = encodeVerificationLink(BASE, { kind: "credential", credential });
      failsWith(() => decodeVerificationLink(link.slice(0, -40)), "LINK_NOT_DEFLATE");
      failsWith(() => decodeVerificationLink(`${BASE}#v1.c.${"A".repeat(20_000)}`), "LINK_TOO_LARGE");
      const notJson = base64urlEncode(deflateSync(new TextEncoder().encode("{not json")));
      failsWith(() => decodeVerificationLink(`${BASE}#v1.r.${notJson}`), "PARSE_NOT_JSON");
      const dup = base64urlEncode(deflateSync(new TextEncoder().encode('{"a":1,"a":2}')));
      failsWith(() => decodeVerificationLink(`${BASE}#v1.r.${dup}`), "PARSE_DUPLICATE_KEY");
      const badUtf8 = base64urlEncode(deflateSync(new Uint8Array([0x22, 0xff, 0x22])));
      failsWith(() => decodeVerificationLink(`${BASE}#v1.c.${badUtf8}`), "PARSE_NOT_JSON");
    });

    it("stops inflating a small link that expands beyond the cap (a deflate bomb)", () => {
      const bomb = base64urlEncode(deflateSync(new Uint8Array(5_000_000), { level: 9 }));
      assert.ok(bomb.length < 16_384, `bomb link is ${bomb.length} characters`);
      failsWith(() => decodeVerificationLink(`#v1.c.${bomb}`), "LINK_DECOMPRESSED_TOO_LARGE");
    });
  });

  describe("base64url", () => {
    it("round-trips any bytes and matches Node's encoder (1,000 runs)", () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
          const text = base64urlEncode(bytes);
          assert.equal(text, Buffer.from(bytes).toString("base64url"));
          assert.deepEqual(base64urlDecode(text), bytes);
        }),
        { numRuns: 1000 },
      );
    });
  });
});
