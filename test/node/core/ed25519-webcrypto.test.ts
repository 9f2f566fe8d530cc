/**
 * WebCrypto's Ed25519 in front of the Multikey library's verifier (core/ed25519-webcrypto.ts): for genuine,
 * forged and adversarially encoded signatures its verdict is the one of `@noble/ed25519` 1.7 — the library's
 * browser build, which accepts what a strict RFC 8032 verifier rejects (ZIP 215: small-order points, non-canonical
 * encodings) — and a genuine signature is decided natively, without the library.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as noble from "@noble/ed25519";
import { type SignatureVerifier, webCryptoDecides, withWebCryptoEd25519 } from "../../../core/ed25519-webcrypto.ts";

const L = (1n << 252n) + 27742317777372353535851937790883648493n;

function littleEndian32(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
}

/** noble's verdict as a library verifier, counting the times it was asked. */
function nobleVerifier(publicKey: Uint8Array): SignatureVerifier & { asked: number } {
  const verifier = {
    algorithm: "Ed25519",
    asked: 0,
    verify: async ({ data, signature }: { data: Uint8Array; signature: Uint8Array }) => {
      verifier.asked += 1;
      try {
        return await noble.verify(signature, data, publicKey);
      } catch {
        return false;
      }
    },
  };
  return verifier;
}

async function bothVerdicts(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array) {
  const library = nobleVerifier(publicKey);
  const expected = await library.verify({ data, signature });
  library.asked = 0;
  const actual = await withWebCryptoEd25519(library, publicKey).verify({ data, signature });
  return { expected, actual, libraryAsked: library.asked };
}

const privateKey = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const data = Uint8Array.from({ length: 64 }, (_, i) => (i * 7) & 0xff);

describe("withWebCryptoEd25519", () => {
  it("accepts a genuine signature natively, without asking the library", async () => {
    const publicKey = await noble.getPublicKey(privateKey);
    const signature = await noble.sign(data, privateKey);
    assert.ok(webCryptoDecides(publicKey, signature));
    assert.deepEqual(await bothVerdicts(publicKey, data, signature), { expected: true, actual: true, libraryAsked: 0 });
  });

  it("leaves a signature WebCrypto rejects (another message) to the library: invalid", async () => {
    const publicKey = await noble.getPublicKey(privateKey);
    const signature = await noble.sign(data, privateKey);
    const other = Uint8Array.from(data, (b, i) => (i === 0 ? b ^ 1 : b));
    assert.deepEqual(await bothVerdicts(publicKey, other, signature), {
      expected: false,
      actual: false,
      libraryAsked: 1,
    });
  });

  it("leaves S ≥ ℓ and a non-canonical R or key to the library", async () => {
    const publicKey = await noble.getPublicKey(privateKey);
    const signature = await noble.sign(data, privateKey);
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i] as number);
    const malleated = Uint8Array.from(signature);
    malleated.set(littleEndian32(s + L), 32);
    assert.equal(webCryptoDecides(publicKey, malleated), false);
    const { expected, actual } = await bothVerdicts(publicKey, data, malleated);
    assert.equal(actual, expected);
    // y = p + 1 encodes the identity non-canonically (noble accepts it; its re-encoding is y = 1).
    const nonCanonical = littleEndian32((1n << 255n) - 19n + 1n);
    assert.equal(webCryptoDecides(nonCanonical, signature), false);
    const r = Uint8Array.from(signature);
    r.set(nonCanonical, 0);
    assert.equal(webCryptoDecides(publicKey, r), false);
  });

  it("gives noble's verdict for small-order key and R (ZIP 215 accepts them for any message)", async () => {
    const identity = littleEndian32(1n);
    const signature = new Uint8Array(64);
    signature.set(identity, 0); // R = identity, S = 0
    const verdicts = await bothVerdicts(identity, data, signature);
    assert.equal(verdicts.expected, true, "noble accepts it (this test's premise)");
    assert.equal(verdicts.actual, true);
    // The identity with its sign bit set (x = 0 "negative"): re-encoded differently, so left to the library.
    const signedIdentity = Uint8Array.from(identity);
    signedIdentity[31] = 0x80;
    assert.equal(webCryptoDecides(signedIdentity, signature), false);
  });
});
