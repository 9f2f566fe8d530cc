import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import {
  buildDidWebDocument,
  didKeyFromMultibase,
  didWebKeysOf,
  ed25519PublicKeyFromMultibase,
  isAcreditaError,
  parseDidDocument,
  parseDidKey,
  parseDidWeb,
  type ReasonCode,
  rotateDidWebKeys,
  verificationMethodIdFor,
} from "../../../core/index.ts";
import { didKeyDocument } from "../../../core/did-key.ts";
import { didWebToUrl, urlToDidWeb } from "../../../core/did-web.ts";
import { findVerificationMethod } from "../../../core/did-document.ts";
import { ed25519PublicKeyToMultibase } from "../../../core/multikey.ts";

/** Ed25519 keys from fixed seeds, made by Digital Bazaar's library (the independent implementation). */
async function keyFromSeed(fill: number): Promise<{ publicKeyMultibase: string; publicKey: Uint8Array }> {
  const pair = await Ed25519Multikey.generate({ seed: new Uint8Array(32).fill(fill) });
  const { publicKey } = (await pair.export({ raw: true })) as { publicKey: Uint8Array };
  return { publicKeyMultibase: pair.publicKeyMultibase, publicKey: Uint8Array.from(publicKey) };
}

function throwsCode(fn: () => unknown, code: ReasonCode, reason?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(isAcreditaError(error, code), `expected ${code}, got ${String(error)}`);
    if (reason !== undefined) assert.match(error.message, reason);
    return true;
  });
}

const DID = "did:web:uneje.example";

describe("did", () => {
  describe("ed25519PublicKeyToMultibase / ed25519PublicKeyFromMultibase", () => {
    it("agrees with ed25519-multikey, and the zero seed gives the did:key test vector", async () => {
      const zero = await keyFromSeed(0);
      assert.equal(zero.publicKeyMultibase, "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp");
      for (const fill of [0, 1, 7, 255]) {
        const key = await keyFromSeed(fill);
        assert.equal(ed25519PublicKeyToMultibase(key.publicKey), key.publicKeyMultibase);
        assert.deepEqual(ed25519PublicKeyFromMultibase(key.publicKeyMultibase), key.publicKey);
      }
    });

    it("encodes leading zero bytes and round-trips any 32 bytes", () => {
      for (const key of [
        new Uint8Array(32),
        new Uint8Array(32).fill(0xff),
        Uint8Array.from({ length: 32 }, (_, i) => i),
      ]) {
        assert.deepEqual(ed25519PublicKeyFromMultibase(ed25519PublicKeyToMultibase(key)), key);
      }
    });

    it("refuses other multibases, key types, lengths and characters", async () => {
      const { publicKeyMultibase } = await keyFromSeed(1);
      throwsCode(
        () => ed25519PublicKeyFromMultibase(`u${publicKeyMultibase.slice(1)}`),
        "DID_KEY_INVALID",
        /start with z/,
      );
      throwsCode(() => ed25519PublicKeyFromMultibase(`${publicKeyMultibase}1`), "DID_KEY_INVALID");
      throwsCode(() => ed25519PublicKeyFromMultibase(publicKeyMultibase.slice(0, -1)), "DID_KEY_INVALID");
      throwsCode(
        () => ed25519PublicKeyFromMultibase(publicKeyMultibase.replace(/.$/, "0")),
        "DID_KEY_INVALID",
        /base58/,
      );
      // a secp256k1 key (multicodec 0xe7): did:key:zQ3s…
      throwsCode(
        () => ed25519PublicKeyFromMultibase("zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"),
        "DID_KEY_INVALID",
        /not an Ed25519 public key/,
      );
      throwsCode(() => ed25519PublicKeyFromMultibase(`z${"1".repeat(500)}`), "DID_KEY_INVALID", /too long/);
      throwsCode(() => ed25519PublicKeyToMultibase(new Uint8Array(31)), "DID_KEY_INVALID");
    });
  });

  describe("did:key", () => {
    it("derives did:key and its verification method id from the key, and reads them back", async () => {
      const { publicKeyMultibase } = await keyFromSeed(2);
      const did = didKeyFromMultibase(publicKeyMultibase);
      assert.equal(did, `did:key:${publicKeyMultibase}`);
      assert.deepEqual(parseDidKey(did), {
        did,
        publicKeyMultibase,
        verificationMethodId: `${did}#${publicKeyMultibase}`,
      });
    });

    it("resolves to a document whose one Multikey may issue credentials", async () => {
      const { publicKeyMultibase } = await keyFromSeed(2);
      const did = didKeyFromMultibase(publicKeyMultibase);
      const document = parseDidDocument(didKeyDocument(did), did);
      const method = findVerificationMethod(document, `${did}#${publicKeyMultibase}`, { purpose: "assertionMethod" });
      assert.deepEqual(method, {
        id: `${did}#${publicKeyMultibase}`,
        type: "Multikey",
        controller: did,
        publicKeyMultibase,
      });
    });

    it("refuses DID URLs, other methods and broken keys", async () => {
      const { publicKeyMultibase } = await keyFromSeed(2);
      for (const bad of [
        `did:key:${publicKeyMultibase}#${publicKeyMultibase}`,
        `did:key:${publicKeyMultibase}/path`,
        `did:key:${publicKeyMultibase}?service=x`,
        `did:web:${publicKeyMultibase}`,
        "did:key:",
        `did:key:${publicKeyMultibase.slice(0, 20)}`,
      ]) {
        throwsCode(() => parseDidKey(bad), "DID_KEY_INVALID");
      }
    });
  });

  describe("didWebToUrl / urlToDidWeb", () => {
    const examples: [string, string][] = [
      // the did:web specification's examples
      ["did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json"],
      ["did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json"],
      ["did:web:example.com%3A3000:user:alice", "https://example.com:3000/user/alice/did.json"],
      // and ours
      ["did:web:example.com%3A8443", "https://example.com:8443/.well-known/did.json"],
      ["did:web:uneje.example:credenciales", "https://uneje.example/credenciales/did.json"],
      [
        "did:web:xn--universidad-espaa-jsb.example:a.b:c_d:e-f",
        "https://xn--universidad-espaa-jsb.example/a.b/c_d/e-f/did.json",
      ],
    ];

    it("maps the did:web specification's examples both ways", () => {
      for (const [did, url] of examples) {
        assert.equal(didWebToUrl(did), url, did);
        assert.equal(urlToDidWeb(url), did, url);
      }
      assert.deepEqual(parseDidWeb("did:web:example.com%3A3000:user:alice"), {
        did: "did:web:example.com%3A3000:user:alice",
        host: "example.com",
        port: 3000,
        path: ["user", "alice"],
        documentUrl: "https://example.com:3000/user/alice/did.json",
      });
    });

    it("refuses every did:web the specification does not allow, saying why", () => {
      const cases: [string, RegExp][] = [
        ["did:web:", /fully qualified/],
        ["did:web:localhost", /fully qualified/],
        ["did:web:127.0.0.1", /IP addresses/],
        ["did:web:127.0.0.1%3A8545", /IP addresses/],
        ["did:web:[::1]", /fully qualified/],
        ["did:web:Uneje.example", /lowercase/],
        ["did:web:uneje.example:", /segment is empty/],
        ["did:web:uneje.example::a", /segment is empty/],
        ["did:web:uneje.example:..:admin", /"\." or "\.\."/],
        ["did:web:uneje.example:%2E%2E", /no percent-encoding/],
        ["did:web:uneje.example:a%2Fb", /no percent-encoding/],
        ["did:web:uneje.example%2Fevil", /only percent-encoding/],
        ["did:web:uneje.example%3a3000", /%3A \(uppercase\)/],
        ["did:web:uneje.example%3A0", /port/],
        ["did:web:uneje.example%3A65536", /port/],
        ["did:web:uneje.example%3A", /port/],
        ["did:web:uneje.example%3A80%3A81", /port/],
        ["did:web:uneje.example/path", /not a DID URL/],
        ["did:web:uneje.example#key-1", /not a DID URL/],
        ["did:web:uneje.example?versionId=1", /not a DID URL/],
        ["did:web:une je.example", /label/],
        ["did:web:-uneje.example", /label/],
        ["did:web:uneje-.example", /label/],
        ["did:web:unejé.example", /punycode/],
        ["did:web:\u0435xample.com", /punycode/], // Cyrillic е posing as e
        ["did:web:uneje.example:a\u0000b", /segment/],
        [`did:web:${"a".repeat(64)}.example`, /label/],
        [`did:web:uneje.example:${"a:".repeat(1100)}a`, /longer than/],
        ["did:webs:uneje.example", /not a did:web/],
        ["web:uneje.example", /not a did:web/],
      ];
      for (const [did, reason] of cases) throwsCode(() => didWebToUrl(did), "DID_WEB_INVALID", reason);
    });

    it("refuses URLs where no did:web document can live", () => {
      const cases: [string, RegExp][] = [
        ["http://uneje.example/.well-known/did.json", /https/],
        ["https://uneje.example/.well-known/did.json?x=1", /no query/],
        ["https://uneje.example/.well-known/did.json#x", /no query/],
        ["https://user@uneje.example/.well-known/did.json", /no query, fragment or user/],
        ["https://uneje.example", /no query/],
        ["https://uneje.example/", /named did\.json/],
        ["https://uneje.example/did.json", /segment is empty/],
        ["https://uneje.example/a//did.json", /segment is empty/],
        ["https://uneje.example/a/../did.json", /"\." or "\.\."/],
        ["https://uneje.example/a%20b/did.json", /no percent-encoding/],
        ["https://uneje.example/.well-known/x/did.json", /\.well-known/],
        ["https://uneje.example/user/alice/doc.json", /named did\.json/],
        ["https://127.0.0.1/.well-known/did.json", /IP addresses/],
        ["https://Uneje.example/.well-known/did.json", /lowercase/],
        ["https://uneje.example:0/.well-known/did.json", /port/],
        ["https://uneje.example:99999/.well-known/did.json", /port/],
      ];
      for (const [url, reason] of cases) throwsCode(() => urlToDidWeb(url), "DID_WEB_URL_INVALID", reason);
    });
  });

  describe("buildDidWebDocument", () => {
    it("lists the credential keys as Multikeys key-1…N controlled by the DID; assertionMethod the unretired ones", async () => {
      const [a, b] = [await keyFromSeed(3), await keyFromSeed(4)];
      const document = buildDidWebDocument(DID, [
        { number: 2, publicKeyMultibase: b.publicKeyMultibase, retired: false },
        { number: 1, publicKeyMultibase: a.publicKeyMultibase, retired: true },
      ]);
      assert.deepEqual(document, {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        id: DID,
        verificationMethod: [
          { id: `${DID}#key-1`, type: "Multikey", controller: DID, publicKeyMultibase: a.publicKeyMultibase },
          { id: `${DID}#key-2`, type: "Multikey", controller: DID, publicKeyMultibase: b.publicKeyMultibase },
        ],
        assertionMethod: [`${DID}#key-2`],
      });
      assert.deepEqual(parseDidDocument(JSON.parse(JSON.stringify(document)), DID), document);
    });

    it("refuses a did:key, a repeated number or key, and a bad key", async () => {
      const a = await keyFromSeed(3);
      const key = { number: 1, publicKeyMultibase: a.publicKeyMultibase, retired: false };
      throwsCode(() => buildDidWebDocument(didKeyFromMultibase(a.publicKeyMultibase), [key]), "DID_WEB_INVALID");
      throwsCode(() => buildDidWebDocument(DID, [key, { ...key }]), "DID_DOCUMENT_INVALID", /key-1 is given twice/);
      throwsCode(() => buildDidWebDocument(DID, [key, { ...key, number: 2 }]), "DID_DOCUMENT_INVALID", /given twice/);
      throwsCode(() => buildDidWebDocument(DID, [{ ...key, number: 0 }]), "DID_DOCUMENT_INVALID", /positive/);
      throwsCode(() => buildDidWebDocument(DID, [{ ...key, publicKeyMultibase: "z6Mk" }]), "DID_KEY_INVALID");
    });
  });

  describe("rotateDidWebKeys / didWebKeysOf", () => {
    it("gives a new key the next number, keeps old keys usable, and retires only what it is told to", async () => {
      const [a, b, c] = [await keyFromSeed(5), await keyFromSeed(6), await keyFromSeed(7)];
      const first = rotateDidWebKeys([], { add: [a.publicKeyMultibase] });
      assert.deepEqual(first, [{ number: 1, publicKeyMultibase: a.publicKeyMultibase, retired: false }]);
      const published = parseDidDocument(JSON.parse(JSON.stringify(buildDidWebDocument(DID, first))), DID);
      // rotation: a is given again (no change) with b
      const second = rotateDidWebKeys(didWebKeysOf(published, DID), {
        add: [a.publicKeyMultibase, b.publicKeyMultibase],
      });
      assert.deepEqual(
        second.map((k) => [k.number, k.retired]),
        [
          [1, false],
          [2, false],
        ],
      );
      // retiring key-1 (by name) and adding c: c is key-3, never key-1 again
      const third = rotateDidWebKeys(second, { add: [c.publicKeyMultibase], retire: ["key-1"] });
      assert.deepEqual(
        third.map((k) => [k.number, k.publicKeyMultibase, k.retired]),
        [
          [1, a.publicKeyMultibase, true],
          [2, b.publicKeyMultibase, false],
          [3, c.publicKeyMultibase, false],
        ],
      );
      const document = buildDidWebDocument(DID, third);
      assert.deepEqual(didWebKeysOf(document, DID), third);
      throwsCode(
        () => findVerificationMethod(document, `${DID}#key-1`, { purpose: "assertionMethod" }),
        "DID_KEY_NOT_AUTHORIZED",
      );
      assert.equal(
        findVerificationMethod(document, "#key-2", { purpose: "assertionMethod" }).publicKeyMultibase,
        b.publicKeyMultibase,
      );
      // retiring by multibase
      assert.equal(rotateDidWebKeys(third, { add: [], retire: [b.publicKeyMultibase] })[1]?.retired, true);
      throwsCode(() => rotateDidWebKeys(third, { add: [a.publicKeyMultibase] }), "DID_KEY_NOT_AUTHORIZED", /retired/);
      throwsCode(() => rotateDidWebKeys(third, { add: [], retire: ["key-9"] }), "DID_VERIFICATION_METHOD_NOT_FOUND");
    });

    it("refuses to rewrite a document with methods or members Acredita did not write", async () => {
      const a = await keyFromSeed(5);
      const document = buildDidWebDocument(DID, [
        { number: 1, publicKeyMultibase: a.publicKeyMultibase, retired: false },
      ]);
      throwsCode(() => didWebKeysOf({ ...document, service: [] }, DID), "DID_DOCUMENT_INVALID", /service/);
      const foreign = {
        ...document,
        verificationMethod: [{ ...document.verificationMethod[0], id: `${DID}#primary` }],
        assertionMethod: [],
      };
      throwsCode(() => didWebKeysOf(foreign, DID), "DID_DOCUMENT_INVALID", /#key-N/);
      const withJwk = {
        ...document,
        verificationMethod: [
          ...document.verificationMethod,
          { id: `${DID}#jwk`, type: "JsonWebKey2020", controller: DID },
        ],
      };
      throwsCode(
        () => didWebKeysOf(withJwk, DID),
        "DID_DOCUMENT_INVALID",
        /verification methods Acredita does not write/,
      );
      const embedded = { ...document, verificationMethod: [], assertionMethod: [document.verificationMethod[0]] };
      throwsCode(
        () => didWebKeysOf(embedded, DID),
        "DID_DOCUMENT_INVALID",
        /verification methods Acredita does not write/,
      );
    });
  });

  describe("parseDidDocument / findVerificationMethod", () => {
    it("refuses hostile documents, naming where", async () => {
      const a = await keyFromSeed(8);
      const good = buildDidWebDocument(DID, [{ number: 1, publicKeyMultibase: a.publicKeyMultibase, retired: false }]);
      const method = good.verificationMethod[0];
      const cases: [unknown, RegExp][] = [
        [null, /root/],
        ["did.json", /root/],
        [[good], /root/],
        [{ ...good, id: "did:web:evil.example" }, /not of did:web:uneje\.example/],
        [{ ...good, "@context": ["https://w3id.org/security/multikey/v1"] }, /first @context/],
        [{ ...good, "@context": [] }, /@context/],
        [{ ...good, verificationMethod: {} }, /verificationMethod/],
        [{ ...good, verificationMethod: [{ ...method, id: 1 }] }, /verificationMethod\.0\.id/],
        [{ ...good, verificationMethod: [{ ...method, id: "did:web:evil.example#key-1" }] }, /not a fragment/],
        [{ ...good, verificationMethod: [{ ...method, id: `${DID}#` }] }, /not a fragment/],
        [{ ...good, verificationMethod: [{ ...method, id: `${DID}:x#key-1` }] }, /not a fragment/],
        [{ ...good, verificationMethod: [method, { ...method, id: "#key-1" }] }, /listed twice/],
        [{ ...good, verificationMethod: [{ ...method, publicKeyMultibase: "zQ3s" }] }, /Ed25519 Multikey/],
        [{ ...good, verificationMethod: [{ ...method, publicKeyMultibase: undefined }] }, /no publicKeyMultibase/],
        [{ ...good, assertionMethod: [`${DID}#key-2`] }, /does not list/],
        [{ ...good, assertionMethod: [7] }, /assertionMethod\.0/],
        [{ ...good, verificationMethod: Array.from({ length: 300 }, () => method) }, /verificationMethod/],
      ];
      for (const [value, reason] of cases)
        throwsCode(() => parseDidDocument(value, DID), "DID_DOCUMENT_INVALID", reason);
    });

    it("reads relative ids, embedded assertion methods and other method types (never selecting them)", async () => {
      const a = await keyFromSeed(8);
      const document = parseDidDocument(
        {
          "@context": "https://www.w3.org/ns/did/v1",
          id: DID,
          verificationMethod: [{ id: "#jwk", type: "JsonWebKey2020", controller: DID, publicKeyJwk: {} }],
          assertionMethod: [
            { id: "#key-1", type: "Multikey", controller: DID, publicKeyMultibase: a.publicKeyMultibase },
            "#jwk",
          ],
          service: [{ id: "#site", type: "LinkedDomains", serviceEndpoint: "https://uneje.example" }],
        },
        DID,
      );
      assert.deepEqual(document.assertionMethod, [`${DID}#key-1`, `${DID}#jwk`]);
      assert.equal(findVerificationMethod(document, `${DID}#key-1`, { purpose: "assertionMethod" }).id, `${DID}#key-1`);
      throwsCode(() => findVerificationMethod(document, `${DID}#jwk`), "DID_VERIFICATION_METHOD_NOT_FOUND");
    });

    it("refuses a method controlled by another DID", async () => {
      const a = await keyFromSeed(8);
      const document = parseDidDocument(
        {
          "@context": ["https://www.w3.org/ns/did/v1"],
          id: DID,
          verificationMethod: [
            {
              id: `${DID}#key-1`,
              type: "Multikey",
              controller: "did:web:evil.example",
              publicKeyMultibase: a.publicKeyMultibase,
            },
          ],
          assertionMethod: [`${DID}#key-1`],
        },
        DID,
      );
      throwsCode(() => findVerificationMethod(document, `${DID}#key-1`), "DID_CONTROLLER_MISMATCH", /evil/);
      throwsCode(() => didWebKeysOf(document, DID), "DID_CONTROLLER_MISMATCH");
    });
  });

  describe("verificationMethodIdFor", () => {
    it("names the method a credential key signs with, for did:key and did:web", async () => {
      const [a, b] = [await keyFromSeed(9), await keyFromSeed(10)];
      const didKey = didKeyFromMultibase(a.publicKeyMultibase);
      assert.equal(
        verificationMethodIdFor({ issuerId: didKey, publicKeyMultibase: a.publicKeyMultibase }),
        `${didKey}#${a.publicKeyMultibase}`,
      );
      throwsCode(
        () => verificationMethodIdFor({ issuerId: didKey, publicKeyMultibase: b.publicKeyMultibase }),
        "DID_CONTROLLER_MISMATCH",
      );
      const document = buildDidWebDocument(DID, [
        { number: 1, publicKeyMultibase: a.publicKeyMultibase, retired: true },
        { number: 2, publicKeyMultibase: b.publicKeyMultibase, retired: false },
      ]);
      assert.equal(
        verificationMethodIdFor({ issuerId: DID, publicKeyMultibase: b.publicKeyMultibase, document }),
        `${DID}#key-2`,
      );
      throwsCode(
        () => verificationMethodIdFor({ issuerId: DID, publicKeyMultibase: a.publicKeyMultibase, document }),
        "DID_KEY_NOT_AUTHORIZED",
      );
      throwsCode(
        () => verificationMethodIdFor({ issuerId: DID, publicKeyMultibase: b.publicKeyMultibase }),
        "DID_VERIFICATION_METHOD_NOT_FOUND",
      );
      throwsCode(
        () => verificationMethodIdFor({ issuerId: "https://uneje.example", publicKeyMultibase: b.publicKeyMultibase }),
        "DID_UNSUPPORTED_METHOD",
      );
    });
  });
});
