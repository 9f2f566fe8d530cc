import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { after, before, describe, it } from "node:test";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { buildCredential } from "../../../core/credential.ts";
import { didKeyDocument } from "../../../core/did-key.ts";
import { findVerificationMethod, verificationMethodDocument } from "../../../core/did-document.ts";
import { type DidDocument, parseDidDocument, verificationMethodIdFor } from "../../../core/index.ts";
import { BUNDLED_CONTEXTS } from "../../../core/contexts.ts";
import { type CredentialKey, loadCredentialKey } from "../../../scripts/lib/credential-keys.ts";
import { type CliRun, expectExit, LEARNERS, runCli, TEMPLATE } from "../../helpers/cli-chain.ts";
import { parseLearners } from "../../../scripts/lib/learners-csv.ts";

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as unknown;
/** The contexts a credential needs: core's bundled copies (the document loader never touches the network). */
const CONTEXTS: ReadonlyMap<string, unknown> = BUNDLED_CONTEXTS;

const DID_WEB = "did:web:uneje.example";

/**
 * An offline document loader: the bundled contexts, did:key documents, and the did:web document the CLI wrote
 * (read fresh from `didJson` on each call, as a resolver fetching https://uneje.example/.well-known/did.json would).
 */
function documentLoader(didJson: string): vc.DocumentLoader {
  return (url: string) => {
    const answer = (document: unknown) => Promise.resolve({ contextUrl: null, documentUrl: url, document });
    const context = CONTEXTS.get(url);
    if (context !== undefined) return answer(context);
    const [did = "", fragment] = url.split("#");
    let document: DidDocument;
    if (did.startsWith("did:key:")) document = parseDidDocument(didKeyDocument(did), did);
    else if (did === DID_WEB) document = parseDidDocument(JSON.parse(readFileSync(didJson, "utf8")), did);
    else throw new Error(`offline document loader: ${url} is not available`);
    return answer(
      fragment === undefined ? document : verificationMethodDocument(findVerificationMethod(document, url)),
    );
  };
}

/** A sample credential issued by `issuerId`: VC 2.0-clean (no issuanceDate, a JsonSchema credentialSchema). */
function sampleCredential(issuerId: string): Record<string, unknown> {
  const learner = parseLearners(readFileSync(LEARNERS, "utf8"), "learners.csv").learners[0];
  assert.ok(learner !== undefined);
  const credential: Record<string, unknown> = {
    ...buildCredential({
      template: readJson(TEMPLATE),
      issuer: {
        id: issuerId,
        name: "Universidad Nacional de Ejemplo",
        country: "MX",
        website: "https://uneje.example",
      },
      learner,
      options: { validFrom: "2026-07-01T00:00:00Z" },
    }),
  };
  delete credential.issuanceDate;
  credential.credentialSchema = (credential.credentialSchema as Record<string, unknown>[]).map((schema) => ({
    ...schema,
    type: "JsonSchema",
  }));
  return credential;
}

async function sign(credential: object, key: CredentialKey, verificationMethodId: string, didJson: string) {
  const suite = new DataIntegrityProof({ signer: key.signer(verificationMethodId), cryptosuite });
  return vc.issue({ credential, suite, documentLoader: documentLoader(didJson) });
}

async function verify(credential: object, didJson: string) {
  const suite = new DataIntegrityProof({ cryptosuite });
  return vc.verifyCredential({ credential, suite, documentLoader: documentLoader(didJson) });
}

describe("acredita credential-key and did document", { timeout: 600_000 }, () => {
  let dir: string;
  let passwordFile: string;
  const cli = (args: string[], env: Record<string, string> = {}) =>
    runCli({ rpcUrl: "http://127.0.0.1:9", stateDir: join(dir, "state") }, args, env);
  /** A refusal: exit 1, one clear message on stderr, no stack trace. */
  function refused(run: CliRun, message: RegExp): void {
    expectExit(run, 1);
    assert.match(run.stderr, message);
    assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/, "no stack trace");
  }
  interface CreatedKey {
    file: string;
    publicKeyMultibase: string;
    didKey: string;
  }
  /** Two keys made once by the CLI (each run of the CLI costs seconds on a busy machine, each unlock an scrypt). */
  let keyA: CreatedKey;
  let keyB: CreatedKey;
  async function createKey(name: string): Promise<CreatedKey> {
    const file = join(dir, name);
    const run = expectExit(
      await cli(["credential-key", "create", "--out", file, "--password-file", passwordFile, "--json"]),
      0,
    );
    const printed = JSON.parse(run.stdout) as { publicKeyMultibase: string; didKey: string };
    return { file, ...printed };
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "acredita-credential-keys-"));
    passwordFile = join(dir, "password.txt");
    writeFileSync(passwordFile, "correct horse battery staple\n");
    keyA = await createKey("a.json");
    keyB = await createKey("b.json");
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe("credential-key create", () => {
    it("writes an owner-only encrypted key file and prints its public key and did:key, nothing secret", async () => {
      const file = join(dir, "printed.json");
      const run = expectExit(
        await cli(["credential-key", "create", "--out", file, "--password-file", passwordFile]),
        0,
      );
      const stored = JSON.parse(readFileSync(file, "utf8")) as {
        publicKeyMultibase: string;
        crypto: Record<string, string>;
      };
      const mb = stored.publicKeyMultibase;
      assert.match(mb, /^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
      assert.match(run.stdout, new RegExp(`public key +${mb}\n`));
      assert.match(run.stdout, new RegExp(`did:key +did:key:${mb}\n`));
      assert.match(run.stdout, new RegExp(`verification method +did:key:${mb}#${mb}\n`));
      assert.equal(statSync(file).mode & 0o777, 0o600);
      for (const secretish of [stored.crypto.ciphertext, stored.crypto.tag, "correct horse"]) {
        assert.ok(!run.stdout.includes(secretish ?? "") && !run.stderr.includes(secretish ?? ""));
      }
      const key = await loadCredentialKey(file, { passwordFile });
      assert.equal(key.publicKeyMultibase, mb);
      assert.equal(JSON.stringify(key), JSON.stringify({ type: "Multikey", publicKeyMultibase: mb }));
      assert.equal(inspect(key), `CredentialKey { publicKeyMultibase: '${mb}' }`);
    });

    it("never overwrites a file, and needs a password", async () => {
      const { file } = keyA;
      const before = readFileSync(file, "utf8");
      refused(
        await cli(["credential-key", "create", "--out", file, "--password-file", passwordFile]),
        /a\.json already exists: a key file is never overwritten/,
      );
      assert.equal(readFileSync(file, "utf8"), before);
      const empty = join(dir, "empty-password.txt");
      writeFileSync(empty, "\n");
      refused(
        await cli(["credential-key", "create", "--out", join(dir, "x.json"), "--password-file", empty]),
        /an empty one protects nothing/,
      );
      refused(await cli(["credential-key", "create", "--out", join(dir, "z.json")]), /z\.json needs a password/);
    });
  });

  describe("signing with a loaded credential key", () => {
    it("a credential signed for a did:web verifies in @digitalbazaar/vc against the did.json the CLI wrote; rotation keeps it valid, retirement ends it", async () => {
      const first = keyA;
      const didJson = join(dir, "did.json");
      const write = expectExit(
        await cli(["did", "document", "--did", DID_WEB, "--key", first.file, "--out", didJson]),
        0,
      );
      assert.match(write.stdout, /Publish it at https:\/\/uneje\.example\/\.well-known\/did\.json/);
      const document = parseDidDocument(JSON.parse(readFileSync(didJson, "utf8")), DID_WEB);
      assert.deepEqual(document.assertionMethod, [`${DID_WEB}#key-1`]);

      const key = await loadCredentialKey(first.file, { passwordFile });
      const method = verificationMethodIdFor({
        issuerId: DID_WEB,
        publicKeyMultibase: key.publicKeyMultibase,
        document,
      });
      assert.equal(method, `${DID_WEB}#key-1`);
      const signed = await sign(sampleCredential(DID_WEB), key, method, didJson);
      const proof = [signed.proof].flat()[0] as Record<string, unknown>;
      assert.equal(proof.type, "DataIntegrityProof");
      assert.equal(proof.cryptosuite, "eddsa-rdfc-2022");
      assert.equal(proof.verificationMethod, `${DID_WEB}#key-1`);
      assert.equal(proof.proofPurpose, "assertionMethod");
      const verified = await verify(signed, didJson);
      assert.equal(verified.verified, true, inspect(verified.error, { depth: 6 }));

      // the signature covers the content
      assert.equal((await verify({ ...signed, name: "Otra cosa" }, didJson)).verified, false);

      // rotation: a second key is key-2; the credential key-1 signed still verifies
      const second = keyB;
      const rotate = expectExit(
        await cli(["did", "document", "--did", DID_WEB, "--key", second.file, "--out", didJson]),
        0,
      );
      assert.match(rotate.stdout, /#key-1 +listed/);
      assert.match(rotate.stdout, /#key-2 +added/);
      assert.equal((await verify(signed, didJson)).verified, true);
      const secondKey = await loadCredentialKey(second.file, { passwordFile });
      const rotated = parseDidDocument(JSON.parse(readFileSync(didJson, "utf8")), DID_WEB);
      const method2 = verificationMethodIdFor({
        issuerId: DID_WEB,
        publicKeyMultibase: secondKey.publicKeyMultibase,
        document: rotated,
      });
      assert.equal(method2, `${DID_WEB}#key-2`);
      const signed2 = await sign(sampleCredential(DID_WEB), secondKey, method2, didJson);

      // retirement of key-1: what it signed stops verifying; key-2's credential still verifies
      const retire = expectExit(
        await cli(["did", "document", "--did", DID_WEB, "--retire", "key-1", "--out", didJson]),
        0,
      );
      assert.match(retire.stdout, /#key-1 +retired/);
      assert.equal((await verify(signed, didJson)).verified, false);
      assert.equal((await verify(signed2, didJson)).verified, true);
      refused(
        await cli(["did", "document", "--did", DID_WEB, "--key", first.file, "--out", didJson]),
        /key-1 was retired; it is not brought back/,
      );
    });

    it("a credential whose issuer is the key's did:key (the local chain) verifies", async () => {
      const created = keyA;
      const key = await loadCredentialKey(created.file, { passwordFile });
      const method = verificationMethodIdFor({ issuerId: created.didKey, publicKeyMultibase: key.publicKeyMultibase });
      assert.equal(method, `${created.didKey}#${created.publicKeyMultibase}`);
      const signed = await sign(sampleCredential(created.didKey), key, method, "/nonexistent");
      const verified = await verify(signed, "/nonexistent");
      assert.equal(verified.verified, true, inspect(verified.error, { depth: 6 }));
      // signed by this key but claiming another did:key as issuer: the key's controller is not the issuer
      const other = keyB;
      const forged = await sign(sampleCredential(other.didKey), key, method, "/nonexistent");
      assert.equal((await verify(forged, "/nonexistent")).verified, false);
    });
  });

  describe("refusals", () => {
    it("a wrong password, a damaged or foreign key file each get their own message, without key material", async () => {
      const { file } = keyA;
      const wrong = join(dir, "wrong.txt");
      writeFileSync(wrong, "hunter2");
      await assert.rejects(loadCredentialKey(file, { passwordFile: wrong }), (error: Error) => {
        assert.equal(error.message, `wrong password for the credential key ${file}`);
        assert.ok(!error.message.includes("hunter2"));
        return true;
      });
      const stored = JSON.parse(readFileSync(file, "utf8")) as { crypto: Record<string, unknown> };
      const damaged = (change: (value: typeof stored) => void) => {
        const copy = structuredClone(stored);
        change(copy);
        const target = join(dir, `damaged-${Math.random().toString(36).slice(2)}.json`);
        writeFileSync(target, JSON.stringify(copy));
        return target;
      };
      const flip = (hex: unknown) => `${String(hex).slice(0, -1)}${String(hex).endsWith("0") ? "1" : "0"}`;
      const cases: [string, RegExp][] = [
        [
          damaged((v) => (v.crypto.ciphertext = flip(v.crypto.ciphertext))),
          /is damaged: its encrypted key fails its integrity check/,
        ],
        [
          damaged((v) => (v.crypto.tag = flip(v.crypto.tag))),
          /is damaged: its encrypted key fails its integrity check/,
        ],
        [damaged((v) => (v.crypto.iv = "00")), /is damaged \(at crypto\.iv\)/],
        [
          damaged((v) => (v.crypto.kdfparams = { n: 2 ** 30, r: 8, p: 1, salt: "00" })),
          /is damaged \(at crypto\.kdfparams\.n\)/,
        ],
        [damaged((v) => delete v.crypto.check), /is damaged \(at crypto\.check\)/],
      ];
      for (const [target, message] of cases) {
        await assert.rejects(loadCredentialKey(target, { passwordFile }), message);
      }
      // the public key swapped for another one: the AEAD binding refuses it
      const other = JSON.parse(readFileSync(keyB.file, "utf8")) as {
        publicKeyMultibase: string;
      };
      await assert.rejects(
        loadCredentialKey(
          damaged((v) => Object.assign(v, { publicKeyMultibase: other.publicKeyMultibase })),
          { passwordFile },
        ),
        /is damaged: its encrypted key fails its integrity check/,
      );
      const notJson = join(dir, "not-json.json");
      writeFileSync(notJson, "{");
      await assert.rejects(
        loadCredentialKey(notJson, { passwordFile }),
        /is not a credential key file: it is not JSON/,
      );
      const ethersKeystore = join(dir, "ethers.json");
      writeFileSync(ethersKeystore, JSON.stringify({ address: "ab", crypto: {}, version: 3 }));
      await assert.rejects(loadCredentialKey(ethersKeystore, { passwordFile }), /is not a credential key file/);
      await assert.rejects(
        loadCredentialKey(join(dir, "missing.json"), { passwordFile }),
        /cannot read the credential key file/,
      );
    });

    it("did document refuses what the did:web method does not allow, and files that are not key files", async () => {
      const { file } = keyA;
      const out = join(dir, "refused.json");
      const cases: [string[], RegExp][] = [
        [
          ["--did", "did:web:127.0.0.1%3A8545"],
          /--did did:web:127\.0\.0\.1%3A8545 is not a valid did:web: did:web does not allow IP addresses/,
        ],
        // (every other form the did:web method refuses is covered by core's did tests)
        [["--did", "did:key:z6Mkabc"], /a did:key has no document to publish/],
        [["--did", "https://uneje.example"], /--did must be a did:web/],
      ];
      for (const [args, message] of cases)
        refused(await cli(["did", "document", ...args, "--key", file, "--out", out]), message);
      refused(await cli(["did", "document", "--did", DID_WEB, "--out", out]), /--key <file> is required/);
      refused(
        await cli(["did", "document", "--did", DID_WEB, "--key", passwordFile, "--out", out]),
        /is not a credential key file/,
      );
      refused(
        await cli(["did", "document", "--did", DID_WEB, "--key", file, "--retire", "key-7", "--out", out]),
        /there is no key key-7 to retire/,
      );
      assert.throws(() => statSync(out), "nothing was written");
      // an existing file that is not this DID's document is never overwritten
      writeFileSync(out, JSON.stringify({ hello: "world" }));
      refused(
        await cli(["did", "document", "--did", DID_WEB, "--key", file, "--out", out]),
        /refused\.json exists and is not a DID document of did:web:uneje\.example that Acredita can update/,
      );
      assert.equal(readFileSync(out, "utf8"), JSON.stringify({ hello: "world" }));
    });
  });
});
