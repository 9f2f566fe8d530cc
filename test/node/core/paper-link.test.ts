/**
 * Paper links: the QR code printed on a certificate carries the paper copy of the credential (learner, achievement,
 * institution, validity dates disclosed; everything else hidden) with its anchor proof. Every credential of the
 * sample cohorts (the golden fixtures) fits a QR code of version ≤ 25 at error correction M; the PNG rendered at
 * 4 cm / 300 dpi is read back by a real QR reader (jsQR), and what it reads verifies against the real registry on
 * Hardhat's in-process network — valid, showing the disclosed fields; tampered, invalid; past its validUntil,
 * expired. Decoding is strict: truncations, flipped bytes, forbidden keys, trailing bytes are refused.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import type { PublicClient } from "viem";
import { base43Decode, base43Encode } from "../../../core/base43.ts";
import { decodePaperPayload, encodePaperPayload, paperCredential } from "../../../core/paper-link.ts";
import {
  canonicalize,
  type CredentialDocument,
  credentialView,
  decodeVerificationLink,
  encodePaperLink,
  encodeVerificationLink,
  isAcreditaError,
  issueBatch,
  type JsonObject,
  PAPER_LINK_PREFIX,
  redactCredential,
  referenceOf,
  splitAnchor,
  verifyCredential,
} from "../../../core/index.ts";
import { BLOCK_REFRESH_MS } from "../../../core/sources.ts";
import { qrPng, qrSymbol } from "../../../scripts/lib/qr-png.ts";
import { deployCoreChain, TEST_INSTITUTIONS } from "../../helpers/core-chain.ts";
import { COHORTS, GOLDEN_SIGNED_AT, readGolden, readTemplate } from "../../helpers/golden.ts";
import { decodePng, readQr } from "../../helpers/qr-reader.ts";
import { parseLearners } from "../../../scripts/lib/learners-csv.ts";

interface GoldenFile {
  batchRoot: string;
  manifest: { count: number };
  credentials: CredentialDocument[];
}

const BASE = "https://verify.acredita.example/";
/** 4 cm at 300 dpi. */
const PRINTED_SIDE = Math.round((4 / 2.54) * 300);
const NOW = new Date("2027-01-15T00:00:00Z");
const golden = COHORTS.map((c) => readGolden(`${c.name}.json`) as GoldenFile);
const cohortCredentials = golden.flatMap((f) => f.credentials);

function failsWith(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => isAcreditaError(e) && e.code === code, `expected ${code}`);
}

describe("paper links", () => {
  describe("layout", () => {
    it("base43 round-trips every length and refuses characters outside its alphabet and overflowing groups", () => {
      for (let n = 0; n < 40; n++) {
        const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 151 + n * 7) % 256);
        assert.deepEqual(base43Decode(base43Encode(bytes)), bytes);
      }
      assert.equal(base43Encode(Uint8Array.from([0xff, 0xff])), "3JZ"); // 65535 = 3 + 19·43 + 35·43²
      failsWith(() => base43Decode("AB%"), "LINK_PAPER_MALFORMED");
      failsWith(() => base43Decode("ab0"), "LINK_PAPER_MALFORMED");
      failsWith(() => base43Decode(":::"), "LINK_PAPER_MALFORMED"); // 79506 > 65535
      failsWith(() => base43Decode("::"), "LINK_PAPER_MALFORMED"); // 1848 > 255
      failsWith(() => base43Decode("A"), "LINK_PAPER_MALFORMED");
    });

    it("round-trips the paper copy of every cohort credential exactly, in a QR code of version ≤ 25 at level M", () => {
      let maxVersion = 0;
      let maxBytes = 0;
      for (const credential of cohortCredentials) {
        const paper = paperCredential(credential);
        const bytes = encodePaperPayload(paper);
        assert.equal(canonicalize(decodePaperPayload(bytes)), canonicalize(paper));
        const link = encodePaperLink(BASE, credential);
        assert.ok(link.startsWith(`${BASE}#${PAPER_LINK_PREFIX}`));
        const decoded = decodeVerificationLink(link);
        assert.ok(decoded.kind === "credential");
        assert.equal(decoded.text, canonicalize(paper));
        maxVersion = Math.max(maxVersion, qrSymbol(link).version);
        maxBytes = Math.max(maxBytes, bytes.length);
      }
      assert.ok(maxVersion <= 25, `largest QR version ${String(maxVersion)}`);
      assert.ok(maxBytes < 800, `largest payload ${String(maxBytes)} bytes`);
    });

    it("discloses the learner, the achievement, the institution and the dates, and hides everything else", () => {
      const credential = cohortCredentials[0] as JsonObject;
      const paper = paperCredential(credential);
      const view = credentialView(paper);
      const full = credentialView(credential);
      assert.equal(view.learner.name, full.learner.name);
      assert.equal(view.achievement.name, full.achievement.name);
      assert.deepEqual([view.issuer.name, view.issuer.id], [full.issuer.name, full.issuer.id]);
      assert.equal(paper.validFrom, credential.validFrom);
      const text = canonicalize(paper);
      assert.doesNotMatch(text, /@correo\.example|emailAddress|result|DataIntegrityProof/);
      const { disclosed } = splitAnchor(paper).anchor;
      assert.ok(
        (disclosed?.nodes.length ?? Infinity) <= 5,
        "the displayed fields sit close together in the field tree: a handful of nodes prove them",
      );
    });

    it("refuses damaged payloads: truncated, trailing bytes, flipped bytes, another layout, forbidden keys", () => {
      const bytes = encodePaperPayload(paperCredential(cohortCredentials[1] as JsonObject));
      failsWith(() => decodePaperPayload(bytes.subarray(0, bytes.length - 1)), "LINK_PAPER_MALFORMED");
      failsWith(() => decodePaperPayload(Uint8Array.from([...bytes, 0])), "LINK_PAPER_MALFORMED");
      failsWith(() => decodePaperPayload(Uint8Array.from([2, ...bytes.subarray(1)])), "LINK_UNSUPPORTED_VERSION");
      failsWith(() => decodePaperPayload(new Uint8Array(9000)), "LINK_TOO_LARGE");
      // Every single-byte change is refused or decodes to another credential (never the same one, never a throw
      // of another kind).
      const original = canonicalize(decodePaperPayload(bytes));
      for (let i = 0; i < bytes.length; i++) {
        const flipped = Uint8Array.from(bytes);
        flipped[i] = (flipped[i] as number) ^ 0x01;
        try {
          assert.notEqual(canonicalize(decodePaperPayload(flipped)), original);
        } catch (error) {
          assert.ok(isAcreditaError(error), `byte ${String(i)}: ${String(error)}`);
        }
      }
      // A "__proto__" key (layout: object of one member whose key is the text "__proto__").
      const key = new TextEncoder().encode("__proto__");
      const forged = Uint8Array.from([1, 12, 1, 4, key.length, ...key, 0]);
      failsWith(() => decodePaperPayload(forged), "LINK_PAPER_MALFORMED");
      // A non-shortest varint (0x80 0x00 for 0) is not the one canonical form.
      failsWith(() => decodePaperPayload(Uint8Array.from([1, 12, 0x80, 0x00])), "LINK_PAPER_MALFORMED");
    });

    it("keeps the status-only link and the whole-credential link decodable", () => {
      const credential = cohortCredentials[2] as JsonObject;
      const reference = referenceOf(splitAnchor(credential).anchor);
      const status = decodeVerificationLink(encodeVerificationLink(BASE, { kind: "reference", reference }));
      assert.deepEqual(status, { kind: "reference", reference });
      const whole = decodeVerificationLink(encodeVerificationLink(BASE, { kind: "credential", credential }));
      assert.equal(whole.kind, "credential");
    });
  });

  describe("from the printed QR code to a verdict, against the real registry", async () => {
    const chain = await deployCoreChain();
    const { registry, wait, keys, trusted } = chain;
    for (const [i, file] of golden.entries()) {
      const key = i === 0 ? keys[1] : keys[2];
      await wait(
        registry.write.anchorBatch([file.batchRoot as `0x${string}`, file.manifest.count], { account: key.account }),
      );
    }
    const client = chain.publicClient as unknown as PublicClient;
    const options = { trustedRegistries: trusted, now: NOW };

    it("reads every cohort credential's 4 cm / 300 dpi QR code and verifies it as valid, with its disclosed fields", async () => {
      for (const credential of cohortCredentials) {
        const link = encodePaperLink(BASE, credential);
        const png = qrPng(link, { side: PRINTED_SIDE });
        assert.equal(decodePng(png).width, PRINTED_SIDE);
        const read = readQr(png);
        assert.equal(read, link, "the reader gives back the link exactly");
        const decoded = decodeVerificationLink(read);
        assert.ok(decoded.kind === "credential");
        const result = await verifyCredential(client, decoded.text, options);
        assert.equal(result.verdict, "valid", JSON.stringify(result.checks));
        assert.equal(result.redacted, true);
        assert.equal(result.checks.find((c) => c.check === "INTEGRITY")?.status, "VALID");
        assert.equal(result.checks.find((c) => c.check === "SIGNATURE")?.reason, "SIGNATURE_REDACTED");
        assert.equal(result.checks.find((c) => c.check === "VALIDITY")?.status, "VALID");
        const shown = credentialView(result.credential);
        const full = credentialView(credential);
        assert.deepEqual(
          [shown.learner.name, shown.achievement.name, shown.issuer.name, shown.dates.validFrom],
          [full.learner.name, full.achievement.name, full.issuer.name, credential.validFrom],
        );
        assert.ok(result.hiddenCount > 40, `${String(result.hiddenCount)} fields hidden`);
      }
    });

    it("a paper copy with another learner's name is invalid (INTEGRITY)", async () => {
      const credential = cohortCredentials[3] as JsonObject;
      const paper = paperCredential(credential);
      const forged = structuredClone(paper);
      const subject = forged.credentialSubject as { identifier: { identityHash: string }[] };
      (subject.identifier[0] as { identityHash: string }).identityHash = "Alguien Más";
      const link = `${BASE}#${PAPER_LINK_PREFIX}${base43Encode(encodePaperPayload(forged))}`;
      const read = readQr(qrPng(link, { side: PRINTED_SIDE }));
      const decoded = decodeVerificationLink(read ?? "");
      assert.ok(decoded.kind === "credential");
      const tampered = await verifyCredential(client, decoded.text, options);
      assert.equal(tampered.verdict, "invalid");
      assert.equal(tampered.checks.find((c) => c.check === "INTEGRITY")?.status, "INVALID");
    });

    it("a genuine QR code read after the credential's validUntil is expired (the dates are never hidden)", async () => {
      const batch = await issueBatch({
        template: readTemplate("analise-de-dados"),
        issuer: TEST_INSTITUTIONS[1].issuer,
        learners: parseLearners(
          "learner_id,name,email,completed_on,grade\nT-1,Ana Teste,ana@x.example,2026-09-01,9.0\n",
          "learners.csv",
        ).learners,
        issuance: { validFrom: "2026-01-01T00:00:00Z", validUntil: "2026-12-31T00:00:00Z" },
        anchor: { chainId: 31337, registry: registry.address, institutionId: 2 },
        signer: TEST_INSTITUTIONS[1].credentialKey.signer,
        signedAt: GOLDEN_SIGNED_AT,
      });
      await wait(registry.write.anchorBatch([batch.batchRoot, 1], { account: keys[2].account }));
      // Reads are pinned to a block reused for BLOCK_REFRESH_MS: wait until the pinned block includes the anchor.
      await new Promise((resolve) => setTimeout(resolve, BLOCK_REFRESH_MS + 100));
      const link = encodePaperLink(BASE, batch.credentials[0] as unknown as JsonObject);
      const decoded = decodeVerificationLink(readQr(qrPng(link, { side: PRINTED_SIDE })) ?? "");
      assert.ok(decoded.kind === "credential");
      assert.match(decoded.text, /"validUntil":"2026-12-31T00:00:00Z"/);
      const late = await verifyCredential(client, decoded.text, options);
      assert.equal(late.verdict, "expired", JSON.stringify(late.checks));
      const before = { ...options, now: new Date("2026-06-01T00:00:00Z") };
      assert.equal((await verifyCredential(client, decoded.text, before)).verdict, "valid");
    });

    it("a status-only link still never says valid", async () => {
      const reference = referenceOf(splitAnchor(cohortCredentials[0] as JsonObject).anchor);
      const result = await verifyCredential(client, { reference }, options);
      assert.equal(result.verdict, "status-only");
    });

    it("a hand-made redaction with more fields also travels in the paper layout and verifies", async () => {
      const credential = cohortCredentials[5] as JsonObject;
      const redacted = redactCredential(credential, ["/credentialSubject/identifier/1", "/credentialSubject/result"]);
      const text = canonicalize(decodePaperPayload(encodePaperPayload(redacted)));
      assert.equal(text, canonicalize(redacted));
      assert.equal((await verifyCredential(client, text, options)).verdict, "valid");
    });
  });
});

describe("the 4 cm / 300 dpi PNG", () => {
  const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ$%*+-./:";
  /** A paper-link-shaped text of `length` base-43 characters, the same for every run. */
  function linkOf(length: number): string {
    let rest = "";
    for (let i = 0; rest.length < length; i++) {
      for (const byte of createHash("sha256")
        .update(`${String(length)}/${String(i)}`)
        .digest()) {
        rest += ALPHANUMERIC.charAt(byte % ALPHANUMERIC.length);
      }
    }
    return `${BASE}#${PAPER_LINK_PREFIX}${rest.slice(0, length)}`;
  }

  it("draws each module as a whole number of dots, centred, so a reader reads every version up to 25", () => {
    const versions = new Set<number>();
    for (let length = 400; length <= 1400; length += 25) {
      const link = linkOf(length);
      const { version } = qrSymbol(link);
      if (version > 25) break;
      versions.add(version);
      const png = qrPng(link, { side: PRINTED_SIDE });
      const image = decodePng(png);
      assert.equal(image.width, PRINTED_SIDE);
      // The top-left finder pattern's outer ring: 7 modules of dark, a whole number of dots each.
      const total = 17 + 4 * version + 8;
      const dots = Math.floor(PRINTED_SIDE / total);
      const start = Math.floor((PRINTED_SIDE - dots * total) / 2) + 4 * dots;
      const row = start * image.width * 4;
      const dark = (x: number): boolean => (image.data[row + x * 4] as number) < 128;
      assert.ok(
        !dark(start - 1) && dark(start) && dark(start + 7 * dots - 1) && !dark(start + 7 * dots),
        `version ${String(version)}`,
      );
      assert.equal(readQr(png), link, `version ${String(version)}, ${String(length)} characters`);
    }
    assert.ok(versions.size >= 10, `versions ${[...versions].join(", ")}`);
  });
});
