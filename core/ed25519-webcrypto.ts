/**
 * Ed25519 signature checks through the platform's WebCrypto (`crypto.subtle`, native code), with exactly the
 * verdict of `@digitalbazaar/ed25519-multikey`'s verifier — whose browser build runs `@noble/ed25519` 1.7 in
 * BigInt JavaScript (tens of milliseconds for one signature on a phone).
 *
 * The libraries need not agree on every input: noble checks the cofactored equation [8][S]B = [8]R + [8][k]A
 * (ZIP 215), accepts non-canonical point encodings and hashes the points *re-encoded*; an RFC 8032 verifier checks
 * [S]B = R + [k]A with k over the bytes as given. But when both points are canonically encoded (so re-encoding gives
 * the same bytes and the same k) and S < ℓ, WebCrypto's "valid" means [S]B = R + [k]A holds, hence its multiple by
 * 8, which is noble's check: noble says "valid" too. So:
 * - canonical encodings, S < ℓ and WebCrypto says valid → valid;
 * - anything else (WebCrypto says invalid, cannot import the key, has no Ed25519, an odd encoding) → the library's
 *   own verifier decides.
 * A genuine signature (the common case) costs one native check; a bad one costs both.
 */

/** A Digital Bazaar verifier (what `Ed25519Multikey#verifier()` returns). */
export interface SignatureVerifier {
  readonly algorithm: string;
  verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
}

/** p = 2^255 − 19, the field prime; ℓ, the prime order of the base point. */
const P = (1n << 255n) - 19n;
const L = (1n << 252n) + 27742317777372353535851937790883648493n;

function littleEndian(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] as number);
  return n;
}

/**
 * True for the one encoding of a point an RFC 8032 encoder produces: y < p, and no sign bit on x = 0 (y = ±1).
 * (Whether it is on the curve is WebCrypto's to say: an invalid point never verifies.)
 */
function canonicalPoint(encoded: Uint8Array): boolean {
  const y = littleEndian(encoded) & ((1n << 255n) - 1n);
  const signed = ((encoded[31] as number) & 0x80) !== 0;
  return y < P && !(signed && (y === 1n || y === P - 1n));
}

/** Whether WebCrypto's "valid" for these bytes implies the library's (see the module comment). */
export function webCryptoDecides(publicKey: Uint8Array, signature: Uint8Array): boolean {
  return (
    publicKey.length === 32 &&
    signature.length === 64 &&
    canonicalPoint(publicKey) &&
    canonicalPoint(signature.subarray(0, 32)) &&
    littleEndian(signature.subarray(32)) < L
  );
}

/** WebCrypto as the platform gives it (core is typed without the DOM library). */
type Subtle = typeof globalThis.crypto.subtle;
type Key = Awaited<ReturnType<Subtle["importKey"]>>;

/** False once the platform showed it has no Ed25519 in WebCrypto: not asked again. */
let platformHasEd25519 = true;

/** The platform's WebCrypto, if any (none outside a secure context). */
function subtleCrypto(): Subtle | undefined {
  return (globalThis as { crypto?: { subtle?: Subtle } }).crypto?.subtle;
}

function importKey(publicKey: Uint8Array): Promise<Key | undefined> {
  const subtle = subtleCrypto();
  if (!platformHasEd25519 || subtle === undefined) return Promise.resolve(undefined);
  return subtle.importKey("raw", Uint8Array.from(publicKey), { name: "Ed25519" }, false, ["verify"]).then(
    (key: Key) => key,
    (error: unknown) => {
      // NotSupportedError: no Ed25519 here. A key the platform refuses (DataError) is left to the library.
      if (error instanceof Error && error.name === "NotSupportedError") platformHasEd25519 = false;
      return undefined;
    },
  );
}

/**
 * `verifier` (the library's, for the Ed25519 key `publicKey`, its 32 raw bytes) with WebCrypto asked first where
 * its "valid" provably equals the library's; every other answer is the library's. Same verdicts, faster.
 */
export function withWebCryptoEd25519<V extends SignatureVerifier>(verifier: V, publicKey: Uint8Array): V {
  let key: Promise<Key | undefined> | undefined;
  const verify = async (input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> => {
    const { data, signature } = input;
    if (webCryptoDecides(publicKey, signature)) {
      key ??= importKey(publicKey);
      const imported = await key;
      const subtle = subtleCrypto();
      if (imported !== undefined && subtle !== undefined) {
        const valid = await subtle
          .verify({ name: "Ed25519" }, imported, Uint8Array.from(signature), Uint8Array.from(data))
          .catch(() => false);
        if (valid) return true;
      }
    }
    return verifier.verify(input);
  };
  return { ...verifier, verify };
}
