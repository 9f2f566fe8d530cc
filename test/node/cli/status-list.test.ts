/**
 * Revocation that standard verifiers see, end to end on a real local node (anvil): `acredita issue` gives every
 * credential a signed and anchored BitstringStatusListEntry and publishes its batch's status list, `acredita
 * revoke` rewrites the list, `acredita status-list` rebuilds it byte for byte from the chain alone, the lists are
 * served over HTTP as `npm start` serves them, and DCC's verifier-core (the engine of the Learner Credential
 * Wallet) reports the revoked credential as revoked and the others as not revoked. Acredita's own verifier keeps
 * one eth_call per credential and reports a published list that disagrees with the chain.
 */
import assert from "node:assert/strict";
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createPublicClient, custom, type EIP1193RequestFn, http, type PublicClient } from "viem";
import { createEddsaRdfc2022Signer } from "../../../core/data-integrity-sign.ts";
import { ACREDITA_CONTEXT, BUNDLED_CONTEXTS } from "../../../core/contexts.ts";
import {
  type JsonObject,
  offlineDocumentLoader,
  parseBatchManifest,
  parseStrict,
  splitAnchor,
  statusListCredential,
  verifyCredential,
} from "../../../core/index.ts";
import { statusListBit } from "../../../core/status-list.ts";
import { devCredentialKey, devCredentialSigner, didKeyOf } from "../../../scripts/lib/credential-signer.ts";
import { startStatusListServer } from "../../../scripts/lib/status-list-server.ts";
import {
  DEV_ADDRESSES,
  expectExit,
  LEARNERS,
  recordedRegistry,
  runCli,
  startTestChain,
  TEMPLATE,
  type TestChain,
} from "../../helpers/cli-chain.ts";

const read = (file: string) => readFileSync(file, "utf8");
const json = (file: string) => parseStrict(read(file)) as JsonObject;

describe("status lists: revocation that standard verifiers see (anvil, the real CLI)", { timeout: 900_000 }, () => {
  let chain: TestChain;
  let server: { url: string; close(): Promise<void> };
  let out: string;
  let issuerId: string;
  let served: string;
  let credentials: { file: string; credential: JsonObject }[] = [];
  let listUrl = "";
  let beforeRevocation = "";

  before(async () => {
    chain = await startTestChain();
    served = join(chain.stateDir, "status-lists");
    server = await startStatusListServer(served);
    issuerId = didKeyOf(await devCredentialKey(DEV_ADDRESSES[1]));
    for (const args of [
      ["institution", "admit", "--name", "Universidad Nacional de Ejemplo", "--issuer-id", issuerId, "--country", "MX"],
      ["key", "add", "1", DEV_ADDRESSES[1]],
    ]) {
      expectExit(await runCli(chain, args), 0);
    }
    out = join(chain.tempDir("status-list"), "negociacion");
    // The verifier web app's URL: the lists go beside it (<link-base>status-lists/), where the server answers.
    const issued = expectExit(
      await runCli(chain, [
        "issue",
        "--template",
        TEMPLATE,
        "--learners",
        LEARNERS,
        "--out",
        out,
        "--link-base",
        server.url,
      ]),
      0,
    );
    assert.match(issued.stdout, new RegExp(`Status list +${server.url}status-lists/[0-9a-f]{32}\\.json`));
    const dir = join(out, "credentials");
    credentials = readdirSync(dir)
      .sort()
      .map((name) => ({ file: join(dir, name), credential: json(join(dir, name)) }));
  });
  after(async () => {
    await server.close();
    await chain.stop();
  });

  it("gives every credential a signed, anchored BitstringStatusListEntry for its position in the batch", async () => {
    assert.ok(credentials.length >= 5);
    const urls = new Set<string>();
    for (const { credential } of credentials) {
      const entry = credential.credentialStatus as JsonObject;
      const { anchor } = splitAnchor(credential);
      assert.deepEqual(Object.keys(entry), ["id", "type", "statusPurpose", "statusListIndex", "statusListCredential"]);
      assert.equal(entry.type, "BitstringStatusListEntry");
      assert.equal(entry.statusPurpose, "revocation");
      assert.equal(entry.statusListIndex, String(anchor.index));
      assert.equal(entry.id, `${entry.statusListCredential as string}#${anchor.index}`);
      urls.add(entry.statusListCredential as string);
    }
    assert.equal(urls.size, 1, "one list per batch");
    listUrl = [...urls][0] as string;
    // The entry is under the issuer's signature: Acredita's verifier (offline signature check + one eth_call) says valid.
    const client = createPublicClient({ transport: http(chain.rpcUrl) });
    // The local chain is read at its latest block (as npm start configures it): its "safe" block trails by 32.
    const trusted = [{ chainId: 31337, address: recordedRegistry(chain), name: "local", blockTag: "latest" as const }];
    const result = await verifyCredential(client, credentials[0]?.credential as JsonObject, {
      trustedRegistries: trusted,
    });
    assert.equal(result.verdict, "valid", JSON.stringify(result.checks));
    assert.equal(result.checks.find((c) => c.check === "SIGNATURE")?.status, "VALID");
  });

  it("publishes the batch's list at issue: 131,072 entries, none set, valid from the anchoring, signed by the issuer", async () => {
    const file = join(out, "status-list.json");
    beforeRevocation = read(file);
    const list = parseStrict(beforeRevocation) as JsonObject & { credentialSubject: JsonObject; proof: JsonObject };
    assert.equal(list.id, listUrl);
    assert.deepEqual(list.type, ["VerifiableCredential", "BitstringStatusListCredential"]);
    assert.equal(list.issuer, issuerId);
    assert.equal(list.credentialSubject.statusPurpose, "revocation");
    const encoded = list.credentialSubject.encodedList as string;
    assert.equal(statusListBit(encoded, 131_071), false);
    assert.throws(() => statusListBit(encoded, 131_072), /shorter/);
    const anchor = JSON.parse(read(join(out, "anchor.json"))) as { anchoredAt: number };
    assert.equal(list.validFrom, new Date(anchor.anchoredAt * 1000).toISOString().replace(".000Z", "Z"));
    assert.equal(list.proof.created, list.validFrom);
    assert.equal(list.proof.verificationMethod, `${issuerId}#${issuerId.slice("did:key:".length)}`);
    // The same bytes are where `npm start` serves them, and the server answers with them.
    const name = listUrl.slice(listUrl.lastIndexOf("/") + 1);
    assert.equal(read(join(served, name)), beforeRevocation);
    const response = await fetch(listUrl);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("access-control-allow-origin"), "*");
    assert.equal(await response.text(), beforeRevocation);
    assert.equal((await fetch(`${server.url}status-lists/..%2Fdeployment.json`)).status, 404);
  });

  it("revoke rewrites the list; status-list rebuilds it from the chain alone, byte for byte", async () => {
    const learner = "UNEJE-2026-0002";
    expectExit(
      await runCli(chain, ["revoke", "--batch", out, "--learner", learner, "--reason", "misconduct", "--account", "1"]),
      0,
    );
    const after = read(join(out, "status-list.json"));
    assert.notEqual(after, beforeRevocation);
    const list = parseStrict(after) as JsonObject & { credentialSubject: { encodedList: string } };
    const revokedIndex = credentials.findIndex(({ file }) => file.endsWith(`${learner}.json`));
    const index = splitAnchor(credentials[revokedIndex]?.credential as JsonObject).anchor.index;
    for (let i = 0; i < credentials.length; i++)
      assert.equal(statusListBit(list.credentialSubject.encodedList, i), i === index);
    const name = listUrl.slice(listUrl.lastIndexOf("/") + 1);
    assert.equal(read(join(served, name)), after);

    // Rebuilt from nothing but the chain (and the local development credential key), anywhere, any number of times.
    rmSync(join(out, "status-list.json"));
    rmSync(join(served, name));
    const rebuilt = expectExit(await runCli(chain, ["status-list", out]), 0);
    assert.match(rebuilt.stdout, /1 of \d+ revoked/);
    assert.equal(read(join(out, "status-list.json")), after);
    assert.equal(read(join(served, name)), after);
    // From a bare root (no batch folder, no hint of the anchoring block), given the URL its credentials name.
    const elsewhere = chain.tempDir("publish");
    const manifest = parseBatchManifest(json(join(out, "manifest.json")));
    const root = ["status-list", manifest.batchRoot, "--institution", "1"];
    const refused = expectExit(await runCli(chain, root), 1);
    assert.match(refused.stderr, /needs --institution <id> and --url/);
    const printed = expectExit(await runCli(chain, [...root, "--url", listUrl, "--out", elsewhere, "--json"]), 0);
    assert.deepEqual(readdirSync(elsewhere), [name]);
    assert.equal(read(join(elsewhere, name)), after);
    const [summary] = JSON.parse(printed.stdout) as { url: string; revoked: number; files: string[] }[];
    assert.equal(summary?.url, listUrl);
    assert.equal(summary.revoked, 1);
    // From one of its credentials, into a publishing folder.
    const fromCredential = chain.tempDir("credential");
    expectExit(await runCli(chain, ["status-list", credentials[0]?.file ?? "", "--out", fromCredential]), 0);
    assert.equal(read(join(fromCredential, name)), after);
  });

  it("DCC's verifier-core reports the revoked credential as revoked and the others as not revoked", async () => {
    const realFetch = globalThis.fetch;
    const fetched: string[] = [];
    globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      fetched.push(url);
      if (url.startsWith(server.url)) return realFetch(input, init);
      if (url === ACREDITA_CONTEXT) {
        const body = JSON.stringify(BUNDLED_CONTEXTS.get(ACREDITA_CONTEXT));
        return Promise.resolve(new Response(body, { headers: { "content-type": "application/ld+json" } }));
      }
      return Promise.reject(new TypeError(`no network in tests: ${url}`));
    };
    try {
      const { verifyCredential: dccVerify } = await import("@digitalcredentials/verifier-core");
      const statusOf = async (credential: JsonObject) => {
        const result = (await dccVerify({
          credential: structuredClone(credential) as never,
          knownDIDRegistries: [],
        })) as {
          log?: { id: string; valid?: boolean; error?: unknown }[];
          errors?: unknown[];
        };
        return {
          signature: result.log?.find((e) => e.id === "valid_signature")?.valid,
          revocation: result.log?.find((e) => e.id === "revocation_status"),
          errors: result.errors,
        };
      };
      for (const { file, credential } of credentials) {
        const { signature, revocation, errors } = await statusOf(credential);
        const revoked = file.endsWith("UNEJE-2026-0002.json");
        assert.equal(signature, true, `${file}: ${JSON.stringify(errors)}`);
        assert.equal(revocation?.valid, !revoked, `${file}: ${JSON.stringify(revocation)}`);
      }
      assert.ok(fetched.includes(listUrl), "verifier-core fetched the published list");
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it("Acredita's verifier keeps one eth_call, and reports a published list that disagrees with the chain", async () => {
    const calls: string[] = [];
    const transport = http(chain.rpcUrl)({});
    const client = createPublicClient({
      transport: custom({
        request: async (args: Parameters<EIP1193RequestFn>[0]) => {
          calls.push(args.method);
          return transport.request(args as never);
        },
      }),
    }) as unknown as PublicClient;
    // The local chain is read at its latest block (as npm start configures it): its "safe" block trails by 32.
    const trusted = [{ chainId: 31337, address: recordedRegistry(chain), name: "local", blockTag: "latest" as const }];
    const options = { trustedRegistries: trusted, statusLists: { fetch: (url: string) => fetch(url) } };
    const revoked = credentials.find(({ file }) => file.endsWith("UNEJE-2026-0002.json"))?.credential as JsonObject;
    const valid = credentials[0]?.credential as JsonObject;

    await verifyCredential(client, valid, { trustedRegistries: trusted });
    calls.length = 0;
    const agreeing = await verifyCredential(client, valid, options);
    assert.deepEqual(calls, ["eth_call"], "no chain read beyond the one eth_call");
    assert.equal(agreeing.verdict, "valid");
    assert.equal(agreeing.statusList?.outcome, "agrees");
    const revokedResult = await verifyCredential(client, revoked, options);
    assert.equal(revokedResult.verdict, "revoked");
    assert.equal(revokedResult.statusList?.listRevoked, true);

    // A stale list (the one published before the revocation) is served: the chain still decides, with a warning.
    const name = listUrl.slice(listUrl.lastIndexOf("/") + 1);
    const current = join(chain.tempDir("current"), name);
    copyFileSync(join(served, name), current);
    writeFileSync(join(served, name), beforeRevocation);
    try {
      const stale = await verifyCredential(client, revoked, options);
      assert.equal(stale.verdict, "revoked");
      assert.equal(stale.statusList?.outcome, "disagrees");
      assert.ok(stale.warnings.includes("STATUS_LIST_DISAGREES"));
      // The CLI does the same with --status-lists.
      const revokedFile = credentials.find(({ file }) => file.endsWith("UNEJE-2026-0002.json"))?.file ?? "";
      const cli = expectExit(await runCli(chain, ["verify", revokedFile, "--status-lists"]), 1);
      assert.match(cli.stdout, /Revoked/);
      assert.match(cli.stdout, /published status list disagrees with the chain/);

      // A list signed by the issuer that calls a valid credential revoked: "valid, with warnings".
      const signer = await devCredentialSigner(DEV_ADDRESSES[1], issuerId);
      const wrong = statusListCredential({
        url: listUrl,
        issuer: issuerId,
        count: credentials.length,
        anchoredAt: 1_780_000_000,
        batchRevokedAt: 0,
        revoked: [splitAnchor(valid).anchor.index],
        lastRevokedAt: 1_780_000_100,
      });
      const proof = await createEddsaRdfc2022Signer({
        signer: signer.signer,
        documentLoader: offlineDocumentLoader(),
      }).sign(wrong, { created: wrong.validFrom as string });
      writeFileSync(join(served, name), JSON.stringify({ ...wrong, proof }));
      const warned = await verifyCredential(client, valid, options);
      assert.equal(warned.verdict, "valid-with-warnings");
      assert.deepEqual(warned.warnings, ["STATUS_LIST_DISAGREES"]);

      // The same list with a bit flipped after signing is not the issuer's.
      writeFileSync(join(served, name), JSON.stringify({ ...wrong, validFrom: "2026-01-01T00:00:00Z", proof }));
      assert.deepEqual((await verifyCredential(client, valid, options)).warnings, ["STATUS_LIST_NOT_ISSUERS"]);

      // No list at the URL: standard verifiers cannot check revocation, which is said.
      rmSync(join(served, name));
      const missing = await verifyCredential(client, valid, options);
      assert.equal(missing.verdict, "valid-with-warnings");
      assert.deepEqual(missing.warnings, ["STATUS_LIST_UNREADABLE"]);
      // A URL the caller does not allow is neither fetched nor compared.
      const notAllowed = await verifyCredential(client, valid, {
        ...options,
        statusLists: { ...options.statusLists, allow: () => false },
      });
      assert.equal(notAllowed.verdict, "valid");
      assert.equal(notAllowed.statusList, undefined);
    } finally {
      copyFileSync(current, join(served, name));
    }
    assert.ok(existsSync(join(served, name)));
  });
});
