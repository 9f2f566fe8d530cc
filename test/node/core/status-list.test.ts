/**
 * W3C Bitstring Status List in core: the deterministic GZIP encoding, the bit order the specification fixes (read
 * back by DCC's own decoder), the status list credential as a pure function of a batch's chain facts, the entries
 * issueBatch signs into every credential, and the comparison of a published list with the registry's answer.
 * Chain and CLI: test/node/cli/status-list.test.ts.
 */
import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { describe, it } from "node:test";
import { BitstringStatusList } from "@digitalcredentials/vc-bitstring-status-list";
import { createEddsaRdfc2022Signer } from "../../../core/data-integrity-sign.ts";
import {
  type BatchRevocations,
  issueBatch,
  type JsonObject,
  offlineDocumentLoader,
  revocationEntryOf,
  splitAnchor,
  statusListCredential,
  statusListFileName,
} from "../../../core/index.ts";
import {
  comparePublishedStatus,
  encodeStatusList,
  STATUS_LIST_MIN_LENGTH,
  statusListBit,
  statusListLength,
  type StatusListCache,
  type StatusListFetch,
} from "../../../core/status-list.ts";
import { gunzipPrefix, gzipDeterministic } from "../../../core/gzip.ts";
import { COHORTS, deterministicRandom, GOLDEN_REGISTRY, readTemplate, TEST_KEYS } from "../../helpers/golden.ts";

const URL_A = "https://uneje.example/status-lists/0123456789abcdef0123456789abcdef.json";

function bytesOf(encodedList: string): Buffer {
  return gunzipSync(Buffer.from(encodedList.slice(1), "base64url"));
}

describe("deterministic GZIP", () => {
  it("is read back exactly by zlib, for runs, random bytes and the empty input", () => {
    const runs = new Uint8Array(40_000);
    runs.fill(7, 100, 20_000);
    runs[39_999] = 1;
    const random = Uint8Array.from({ length: 5_000 }, (_, i) => (i * 2_654_435_761) >>> 24);
    for (const input of [new Uint8Array(0), Uint8Array.of(9), runs, random, new Uint8Array(16_384)]) {
      assert.deepEqual(new Uint8Array(gunzipSync(gzipDeterministic(input))), input);
    }
  });

  it("has a fixed header (no name, MTIME 0, OS unknown) and compresses an empty list to about 130 bytes", () => {
    const gz = gzipDeterministic(new Uint8Array(STATUS_LIST_MIN_LENGTH / 8));
    assert.deepEqual([...gz.subarray(0, 10)], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    assert.ok(gz.length < 160, `${gz.length} bytes`);
  });

  it("is frozen: the same list is the same bytes forever (a rebuilt list must match the published one)", () => {
    assert.equal(
      encodeStatusList(STATUS_LIST_MIN_LENGTH, [0, 7, 8, 131_071]),
      encodeStatusList(STATUS_LIST_MIN_LENGTH, [131_071, 8, 7, 0, 0]),
    );
    assert.equal(
      encodeStatusList(STATUS_LIST_MIN_LENGTH, [0, 7, 8, 131_071]),
      "uH4sIAAAAAAAA_2tsYBgFo2AUjIJRMApGwSgYBaNgFIyCUTAKRsEoGAWjYBSMglEwCkbBKBgFo2AUjIJRMApGwSgYBaNgFIyCUTAKRsEoGAWjYBSMglEwCkbBKBgFo2AUjIJRMApGwSgYBaNgFIyCUTAKRsHAAkYAebcplgBAAAA",
    );
  });

  it("reads only the prefix it is asked for, and refuses what is not GZIP", () => {
    const gz = gzipDeterministic(Uint8Array.from([1, 2, 3, 4, 5]));
    assert.deepEqual([...gunzipPrefix(gz, 2)], [1, 2]);
    assert.deepEqual([...gunzipPrefix(gz, 10)], [1, 2, 3, 4, 5]);
    assert.throws(
      () =>
        gunzipPrefix(
          Uint8Array.from({ length: 30 }, (_, i) => i),
          1,
        ),
      /not GZIP/,
    );
    const long = gzipDeterministic(Uint8Array.from({ length: 200 }, (_, i) => i));
    assert.throws(() => gunzipPrefix(long.subarray(0, 60), 200), /EOF|truncated/i);
  });
});

describe("the bitstring", () => {
  it("has at least 131,072 entries and a whole number of bytes", () => {
    assert.equal(statusListLength(0), 131_072);
    assert.equal(statusListLength(131_072), 131_072);
    assert.equal(statusListLength(131_073), 131_080);
  });

  it("puts entry 0 in the most significant bit of the first byte, as DCC's decoder reads it", async () => {
    const set = [0, 9, 1000, 131_071];
    const encoded = encodeStatusList(STATUS_LIST_MIN_LENGTH, set);
    const bytes = bytesOf(encoded);
    assert.equal(bytes.length, 16_384);
    assert.equal(bytes[0], 0x80);
    assert.equal(bytes[1], 0x40);
    assert.equal(bytes[16_383], 0x01);
    const list = await BitstringStatusList.decode({ encodedList: encoded });
    for (const i of [0, 1, 8, 9, 10, 999, 1000, 1001, 131_070, 131_071]) {
      assert.equal(list.getStatus(i), set.includes(i), `entry ${i}`);
      assert.equal(statusListBit(encoded, i), set.includes(i), `entry ${i} (core)`);
    }
  });

  it("refuses a position outside the list", () => {
    assert.throws(() => encodeStatusList(16, [16]), RangeError);
    assert.throws(() => statusListBit(encodeStatusList(STATUS_LIST_MIN_LENGTH, []), STATUS_LIST_MIN_LENGTH), /shorter/);
    assert.throws(() => statusListBit("u!!", 0), /base64url/);
    assert.throws(() => statusListBit("uAAAA", 0), /GZIP/);
  });
});

const FACTS: BatchRevocations = {
  url: URL_A,
  issuer: TEST_KEYS.uneje.did,
  count: 300,
  anchoredAt: 1_782_000_000,
  batchRevokedAt: 0,
  revoked: [4, 2, 4],
  lastRevokedAt: 1_782_000_500,
};

describe("the status list credential: a pure function of the batch's chain facts", () => {
  it("is a BitstringStatusListCredential of the issuer, valid from the latest change", () => {
    const list = statusListCredential(FACTS);
    assert.deepEqual(list, {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      id: URL_A,
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer: TEST_KEYS.uneje.did,
      validFrom: "2026-06-21T00:08:20Z",
      credentialSubject: {
        id: `${URL_A}#list`,
        type: "BitstringStatusList",
        statusPurpose: "revocation",
        encodedList: encodeStatusList(STATUS_LIST_MIN_LENGTH, [2, 4]),
      },
    });
    assert.equal(statusListCredential({ ...FACTS, revoked: [], lastRevokedAt: 0 }).validFrom, "2026-06-21T00:00:00Z");
  });

  it("sets every position of a revoked batch, and only those", () => {
    const list = statusListCredential({ ...FACTS, batchRevokedAt: 1_782_001_000 }) as JsonObject & {
      credentialSubject: { encodedList: string };
    };
    assert.equal(list.validFrom, "2026-06-21T00:16:40Z");
    const encoded = list.credentialSubject.encodedList;
    for (const i of [0, 150, 299]) assert.equal(statusListBit(encoded, i), true);
    for (const i of [300, 131_071]) assert.equal(statusListBit(encoded, i), false);
  });

  it("refuses a revoked position outside the batch", () => {
    assert.throws(() => statusListCredential({ ...FACTS, revoked: [300] }), /outside the batch/);
  });

  it("names its file after the URL's last segment, and refuses URLs without one", () => {
    assert.equal(statusListFileName(URL_A), "0123456789abcdef0123456789abcdef.json");
    assert.throws(() => statusListFileName("https://uneje.example/"), /file name/);
    assert.throws(() => statusListFileName("https://uneje.example/a/..%2F.json"), /file name/);
  });
});

/** The UNEJE cohort issued with a status list, three learners. */
async function cohort(statusList?: string) {
  const [uneje] = COHORTS;
  return issueBatch({
    template: readTemplate(uneje.name),
    issuer: uneje.issuer,
    learners: [0, 1, 2].map((i) => ({ id: `L-${i}`, name: `Learner ${i}`, completedOn: "2026-06-01", grade: "90" })),
    issuance: { validFrom: "2026-07-01T00:00:00Z" },
    anchor: { chainId: 31337, registry: GOLDEN_REGISTRY, institutionId: 1 },
    random: deterministicRandom("status-list-test"),
    signer: uneje.key.signer,
    signedAt: "2026-06-30T12:00:00Z",
    ...(statusList === undefined ? {} : { statusList }),
  });
}

describe("issueBatch with a status list", () => {
  it("signs and anchors, in every credential, the entry of its position in the batch", async () => {
    const batch = await cohort(URL_A);
    for (const [i, credential] of batch.credentials.entries()) {
      assert.deepEqual(credential.credentialStatus, {
        id: `${URL_A}#${i}`,
        type: "BitstringStatusListEntry",
        statusPurpose: "revocation",
        statusListIndex: String(i),
        statusListCredential: URL_A,
      });
      assert.equal(splitAnchor(credential).anchor.index, i);
      assert.deepEqual(revocationEntryOf(credential), { url: URL_A, index: i });
    }
    const without = await cohort();
    assert.equal(without.credentials[0]?.credentialStatus, undefined);
  });

  it("reads only a revocation entry with a decimal index and an http(s) list", () => {
    const entry = (over: Record<string, string | number>): JsonObject => ({
      credentialStatus: {
        type: "BitstringStatusListEntry",
        statusPurpose: "revocation",
        statusListIndex: "3",
        statusListCredential: URL_A,
        ...over,
      },
    });
    assert.deepEqual(revocationEntryOf(entry({})), { url: URL_A, index: 3 });
    const bads: Record<string, string | number>[] = [
      { statusPurpose: "suspension" },
      { statusListIndex: 3 },
      { statusListIndex: "03" },
      { statusListIndex: "-1" },
      { statusListCredential: "ftp://x/list" },
      { type: "StatusList2021Entry" },
    ];
    for (const bad of bads) {
      assert.equal(revocationEntryOf(entry(bad)), undefined, JSON.stringify(bad));
    }
  });
});

/** A list signed with `key` (the issuer's, unless another is given). */
async function signedList(facts: BatchRevocations, key = TEST_KEYS.uneje): Promise<JsonObject> {
  const unsigned = statusListCredential(facts);
  const signer = createEddsaRdfc2022Signer({ signer: key.signer, documentLoader: offlineDocumentLoader() });
  return { ...unsigned, proof: await signer.sign(unsigned, { created: unsigned.validFrom as string }) };
}

function serving(body: string | undefined, status = 200): { fetch: StatusListFetch; urls: string[] } {
  const urls: string[] = [];
  return {
    urls,
    fetch: (url) => {
      urls.push(url);
      if (body === undefined) return Promise.reject(new TypeError("connection refused"));
      return Promise.resolve({ ok: status === 200, status, text: () => Promise.resolve(body) });
    },
  };
}

describe("comparing a published list with the registry", () => {
  it("agrees, disagrees, or says why the list cannot be believed", async () => {
    const batch = await cohort(URL_A);
    const [first, second] = batch.credentials as [JsonObject, JsonObject];
    const list = JSON.stringify(await signedList({ ...FACTS, count: 3, revoked: [1] }));

    const ok = serving(list);
    const cache: StatusListCache = new Map();
    const agrees = await comparePublishedStatus(first, false, { fetch: ok.fetch }, cache);
    assert.equal(agrees?.outcome, "agrees");
    assert.equal(agrees.reason, "STATUS_LIST_AGREES");
    assert.equal(agrees.listValidFrom, "2026-06-21T00:08:20Z");
    assert.equal((await comparePublishedStatus(second, true, { fetch: ok.fetch }, cache))?.outcome, "agrees");
    assert.deepEqual(ok.urls, [URL_A], "fetched once for the batch");

    const disagrees = await comparePublishedStatus(first, true, { fetch: serving(list).fetch });
    assert.equal(disagrees?.reason, "STATUS_LIST_DISAGREES");
    assert.equal(disagrees.listRevoked, false);
    assert.equal((await comparePublishedStatus(second, false, { fetch: serving(list).fetch }))?.listRevoked, true);

    const cases: [string | undefined, number, string][] = [
      [undefined, 200, "STATUS_LIST_UNREADABLE"],
      [list, 404, "STATUS_LIST_UNREADABLE"],
      ["<html>", 200, "STATUS_LIST_UNREADABLE"],
      [JSON.stringify({ ...JSON.parse(list), type: ["VerifiableCredential"] }), 200, "STATUS_LIST_UNREADABLE"],
      [
        JSON.stringify(await signedList({ ...FACTS, count: 3, revoked: [1] }, TEST_KEYS.ifex)),
        200,
        "STATUS_LIST_NOT_ISSUERS",
      ],
      [JSON.stringify({ ...JSON.parse(list), issuer: TEST_KEYS.ifex.did }), 200, "STATUS_LIST_NOT_ISSUERS"],
      [JSON.stringify({ ...JSON.parse(list), validFrom: "2026-06-21T00:08:21Z" }), 200, "STATUS_LIST_NOT_ISSUERS"],
      [JSON.stringify({ ...JSON.parse(list), proof: undefined }), 200, "STATUS_LIST_NOT_ISSUERS"],
    ];
    for (const [body, status, reason] of cases) {
      const outcome = await comparePublishedStatus(first, false, { fetch: serving(body, status).fetch });
      assert.equal(outcome?.reason, reason, `${String(body).slice(0, 60)} ${status}: ${outcome?.message ?? ""}`);
    }
  });

  it("reports an entry whose index is not the anchor's position as disagreeing", async () => {
    const batch = await cohort(URL_A);
    const first = batch.credentials[0] as JsonObject;
    const moved = { ...first, credentialStatus: { ...(first.credentialStatus as JsonObject), statusListIndex: "2" } };
    const list = JSON.stringify(await signedList({ ...FACTS, count: 3, revoked: [] }));
    const outcome = await comparePublishedStatus(moved, false, { fetch: serving(list).fetch });
    assert.equal(outcome?.reason, "STATUS_LIST_DISAGREES");
    assert.match(outcome.message ?? "", /position 2, its anchor position 0/);
  });

  it("fetches nothing for a credential without an entry or a URL the caller does not allow", async () => {
    const batch = await cohort(URL_A);
    const none = serving("{}");
    assert.equal(await comparePublishedStatus((await cohort()).credentials[0] as JsonObject, false, none), undefined);
    assert.equal(
      await comparePublishedStatus(batch.credentials[0] as JsonObject, false, { ...none, allow: () => false }),
      undefined,
    );
    assert.deepEqual(none.urls, []);
  });
});
