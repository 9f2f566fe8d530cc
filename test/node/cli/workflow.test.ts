import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { buildCredential } from "../../../core/credential.ts";
import {
  decodeVerificationLink,
  encodeVerificationLink,
  parseBatchManifest,
  parseStrict,
} from "../../../core/index.ts";
import { credentialLink } from "../../../scripts/lib/fast-link.ts";
import { qrPng, qrSymbol } from "../../../scripts/lib/qr-png.ts";
import {
  anchoredRoots,
  DEV_ADDRESSES,
  expectExit,
  IFEX_ISSUER_ID,
  UNEJE_ISSUER_ID,
  runCli,
  startTestChain,
  type TestChain,
  LEARNERS,
  TEMPLATE,
} from "../../helpers/cli-chain.ts";
import { decodePng, readQr } from "../../helpers/qr-reader.ts";

describe("acredita CLI: the whole workflow on a real local node", { timeout: 900_000 }, () => {
  let chain: TestChain;
  let out: string;

  before(async () => {
    chain = await startTestChain({ deploy: false });
    out = join(chain.tempDir("workflow"), "negociacion");
  });
  after(async () => {
    await chain.stop();
  });

  it("deploys a registry, then reuses it", async () => {
    const first = expectExit(await runCli(chain, ["deploy"]), 0);
    assert.match(first.stdout, /Registry 0x[0-9a-fA-F]{40} on the local chain \(deployed/);
    const second = expectExit(await runCli(chain, ["deploy"]), 0);
    assert.match(second.stdout, /already deployed/);
  });

  it("admits institutions and adds their signing keys", async () => {
    const admitted = expectExit(
      await runCli(chain, [
        "institution",
        "admit",
        "--name",
        "Universidad Nacional de Ejemplo",
        "--issuer-id",
        UNEJE_ISSUER_ID,
        "--country",
        "MX",
        "--website",
        "https://uneje.example",
      ]),
      0,
    );
    assert.match(admitted.stdout, /Institution id: 1/);
    assert.match(admitted.stdout, /Issuer id: did:web:uneje\.example \(identity version 1\)/);
    expectExit(
      await runCli(chain, [
        "institution",
        "admit",
        "--name",
        "Instituto Federal de Exemplo",
        "--issuer-id",
        IFEX_ISSUER_ID,
        "--country",
        "BR",
      ]),
      0,
    );
    expectExit(await runCli(chain, ["key", "add", "1", DEV_ADDRESSES[1]]), 0);
    expectExit(await runCli(chain, ["key", "add", "2", DEV_ADDRESSES[2]]), 0);
    const list = expectExit(await runCli(chain, ["institution", "list", "--json"]), 0);
    const { institutions } = JSON.parse(list.stdout) as {
      institutions: {
        id: number;
        name: string;
        issuerId: string;
        identityVersion: number;
        status: string;
        signingKeys: number;
      }[];
    };
    assert.deepEqual(
      institutions.map((i) => [i.id, i.name, i.issuerId, i.identityVersion, i.status, i.signingKeys]),
      [
        [1, "Universidad Nacional de Ejemplo", UNEJE_ISSUER_ID, 1, "active", 1],
        [2, "Instituto Federal de Exemplo", IFEX_ISSUER_ID, 1, "active", 1],
      ],
    );
    const table = expectExit(await runCli(chain, ["institution", "list"]), 0);
    assert.match(table.stdout, /ISSUER ID/);
    assert.match(table.stdout, /Universidad Nacional de Ejemplo\s+did:web:uneje\.example\s+1\s+MX\s+active/);
  });

  it("refuses a key that is already registered, in words", async () => {
    const again = expectExit(await runCli(chain, ["key", "add", "2", DEV_ADDRESSES[1]]), 1);
    assert.match(again.stderr, /already registered \(to institution 1\); keys are never reused/);
    assert.doesNotMatch(again.stderr, /at .*\.ts:\d+/);
  });

  it("shows what a dry run would anchor, and writes nothing", async () => {
    const dry = expectExit(
      await runCli(chain, ["issue", "--template", TEMPLATE, "--learners", LEARNERS, "--out", out, "--dry-run"]),
      0,
    );
    assert.match(dry.stdout, /Would anchor\s+25 credentials for Universidad Nacional de Ejemplo \(institution 1\)/);
    assert.match(dry.stdout, /Issuer id\s+did:web:uneje\.example \(identity version 1\)/);
    assert.match(dry.stdout, /Estimated cost up to 0\.\d+ ETH \([\d,]+ gas at [\d.]+ gwei max fee\)/);
    assert.equal(existsSync(out), false);
  });

  it("issues the Spanish cohort: files, links, QR codes, manifest, one anchor", async () => {
    const issued = expectExit(
      await runCli(chain, ["issue", "--template", TEMPLATE, "--learners", LEARNERS, "--out", out]),
      0,
    );
    assert.match(issued.stdout, /Issued 25 credentials for Universidad Nacional de Ejemplo/);
    assert.match(issued.stdout, /Issuer id\s+did:web:uneje\.example \(identity version 1\)/);
    assert.match(issued.stdout, /Transaction\s+0x[0-9a-f]{64}/);
    assert.match(issued.stdout, /Cost\s+0\.\d+ ETH \([\d,]+ gas at [\d.]+ gwei\)/);
    assert.equal(readdirSync(join(out, "credentials")).length, 25);
    assert.equal(readdirSync(join(out, "qr")).filter((f) => f.endsWith(".png")).length, 25);
    const manifest = parseBatchManifest(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")));
    assert.equal(manifest.count, 25);
    const rows: Record<string, string>[] = parse(readFileSync(join(out, "links.csv"), "utf8"), { columns: true });
    assert.equal(rows.length, 25);
    const first = rows[0] ?? {};
    assert.equal(first.learner_id, "UNEJE-2026-0001");
    assert.match(first.link ?? "", /^http:\/\/127\.0\.0\.1:5173\/#v1\.c\./);
    assert.match(first.status_link ?? "", /^http:\/\/127\.0\.0\.1:5173\/#v1\.r\./);
    const credential = parseStrict(readFileSync(join(out, "credentials", "UNEJE-2026-0001.json"), "utf8")) as Record<
      string,
      unknown
    >;
    assert.deepEqual(
      [(credential.issuer as { id: string }).id, (credential.issuer as { name: string }).name],
      [UNEJE_ISSUER_ID, "Universidad Nacional de Ejemplo"],
    );
    // The proof set: the issuer's Data Integrity signature, then the anchor proof with the batch root.
    const proofs = credential.proof as { type: string; batchRoot?: string; cryptosuite?: string }[];
    assert.deepEqual(
      proofs.map((p) => p.type),
      ["DataIntegrityProof", "AcreditaMerkleProof2026"],
    );
    assert.equal(proofs[0]?.cryptosuite, "eddsa-rdfc-2022");
    assert.equal(proofs[1]?.batchRoot, manifest.batchRoot);
  });

  it("verifies the whole folder, a single file and a link, in one batched read each", async () => {
    const bulk = expectExit(await runCli(chain, ["verify", join(out, "credentials")]), 0);
    assert.match(bulk.stdout, /25 credentials verified in [\d.]+ s: 25 valid/);
    const one = expectExit(
      await runCli(chain, ["verify", join(out, "credentials", "UNEJE-2026-0002.json"), "--lang", "es"]),
      0,
    );
    assert.match(one.stdout, /Válida/);
    assert.match(one.stdout, /Issuer: Universidad Nacional de Ejemplo \(MX\), issuer id did:web:uneje\.example/);
    const rows: Record<string, string>[] = parse(readFileSync(join(out, "links.csv"), "utf8"), { columns: true });
    const link = expectExit(await runCli(chain, ["verify", rows[4]?.link ?? "", "--json"]), 0);
    const result = JSON.parse(link.stdout) as {
      summary: { valid: number };
      results: { verdict: string; issuerId: string | null }[];
    };
    assert.deepEqual([result.results[0]?.verdict, result.results[0]?.issuerId], ["valid", UNEJE_ISSUER_ID]);
    // A status-only link carries no content: anchored and not revoked, never "valid" (exit 2, not 0).
    const status = expectExit(await runCli(chain, ["verify", rows[4]?.status_link ?? ""]), 2);
    assert.match(status.stdout, /^\? Anchored, not revoked — content not checked/);
    assert.match(
      status.stdout,
      /Anchored by Universidad Nacional de Ejemplo on \d{4}-\d\d-\d\d \d\d:\d\d UTC and not revoked\. Its content and validity dates were not checked/,
    );
    assert.doesNotMatch(status.stdout, /Valid/);
  });

  it("writes links that core's decoder reads back to the same credential", () => {
    const credential = parseStrict(readFileSync(join(out, "credentials", "UNEJE-2026-0001.json"), "utf8")) as Record<
      string,
      never
    >;
    const fast = credentialLink("http://v.example/", credential) ?? "";
    const portable = encodeVerificationLink("http://v.example/", { kind: "credential", credential });
    const a = decodeVerificationLink(fast);
    const b = decodeVerificationLink(portable);
    assert.equal(a.kind, "credential");
    assert.deepEqual(a, b);
  });

  it("draws QR codes that a QR reader decodes to the paper link, which verifies as valid", async () => {
    const rows: Record<string, string>[] = parse(readFileSync(join(out, "links.csv"), "utf8"), { columns: true });
    const row = rows[6] ?? {};
    const png = readFileSync(join(out, row.qr_file ?? ""));
    assert.equal(readQr(png), row.paper_link);
    assert.match(row.paper_link ?? "", /^http:\/\/127\.0\.0\.1:5173\/#V2\.[0-9A-Z$*+\-./:]+$/);
    // What the paper shows, checked: the learner's name and the achievement, valid (a redacted copy).
    const paper = expectExit(await runCli(chain, ["verify", row.paper_link ?? "", "--json"]), 0);
    const result = JSON.parse(paper.stdout) as { results: { verdict: string }[] };
    assert.equal(result.results[0]?.verdict, "valid");
    const decoded = decodeVerificationLink(row.paper_link ?? "");
    assert.ok(decoded.kind === "credential" && decoded.text.includes(`"identityHash":"${row.name ?? "-"}"`));
    assert.doesNotMatch(decoded.text, new RegExp(row.email ?? "-"), "the e-mail address is hidden");
    assert.ok(qrSymbol(row.paper_link ?? "").version <= 25, "a did:web issuer's paper QR code fits version 25 too");
  });

  it("finishes instantly when the same issue runs again, without a second anchor", async () => {
    const again = expectExit(
      await runCli(chain, ["issue", "--template", TEMPLATE, "--learners", LEARNERS, "--out", out]),
      0,
    );
    assert.match(again.stdout, /Already issued 25 credentials/);
    const manifest = parseBatchManifest(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")));
    assert.deepEqual(await anchoredRoots(chain, 1), [manifest.batchRoot]);
  });

  it("revokes a learner's credential, and verify then says revoked", async () => {
    const revoked = expectExit(
      await runCli(chain, ["revoke", "--batch", out, "--learner", "UNEJE-2026-0003", "--reason", "misconduct"]),
      0,
    );
    assert.match(
      revoked.stdout,
      /revoking 1 credential of batch 0x[0-9a-f]{8}… \(misconduct\): tx 0x\w+ in block \d+, cost 0\.\d+ ETH \([\d,]+ gas at [\d.]+ gwei\)/,
    );
    const verdict = expectExit(await runCli(chain, ["verify", join(out, "credentials", "UNEJE-2026-0003.json")]), 1);
    assert.match(verdict.stdout, /Revoked/);
    assert.match(verdict.stdout, /The issuer revoked this credential/);
    assert.match(verdict.stdout, /Revoked on \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Reason: misconduct or fraud\./);
    const json = JSON.parse(
      expectExit(await runCli(chain, ["verify", join(out, "credentials", "UNEJE-2026-0003.json"), "--json"]), 1).stdout,
    ) as { results: { revocation: unknown; checks: { check: string; details?: Record<string, unknown> }[] }[] };
    const revocation = json.results[0]?.revocation as { revokedAt: string };
    assert.deepEqual(revocation, {
      scope: "credential",
      reason: "misconduct",
      reasonCode: 3,
      revokedAt: revocation.revokedAt,
    });
    assert.match(revocation.revokedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    const status = json.results[0]?.checks.find((c) => c.check === "STATUS");
    assert.deepEqual(status?.details, { reason: "misconduct", reasonCode: 3, revokedAt: revocation.revokedAt });
    const bulk = expectExit(await runCli(chain, ["verify", join(out, "credentials")]), 1);
    assert.match(bulk.stdout, /24 valid, 1 revoked/);
    assert.match(bulk.stdout, /UNEJE-2026-0003\.json — .* Revoked on .* Reason: misconduct or fraud\./);
    const twice = expectExit(
      await runCli(chain, ["revoke", join(out, "credentials", "UNEJE-2026-0003.json"), "--reason", "misconduct"]),
      0,
    );
    assert.match(twice.stderr, /Already revoked, skipped: position 2/);
  });

  it("reports the batch's and a credential's status from the chain", async () => {
    const batch = expectExit(await runCli(chain, ["status", out, "--json"]), 0);
    const facts = JSON.parse(batch.stdout) as {
      anchored: boolean;
      count: number;
      issuerId: string;
      batchIdentityVersion: number;
      revokedCredentials: { index: number; reason: string }[];
    };
    assert.equal(facts.anchored, true);
    assert.equal(facts.count, 25);
    assert.deepEqual([facts.issuerId, facts.batchIdentityVersion], [UNEJE_ISSUER_ID, 1]);
    assert.deepEqual(facts.revokedCredentials, [{ index: 2, reason: "misconduct" }]);
    const one = expectExit(await runCli(chain, ["status", join(out, "credentials", "UNEJE-2026-0003.json")]), 0);
    assert.match(one.stdout, /Revoked\s+\d{4}-.* \(misconduct\)/);
    assert.match(one.stdout, /Issuer id\s+did:web:uneje\.example \(the registry's for the institution at anchoring\)/);
    const text = expectExit(await runCli(chain, ["status", out]), 0);
    assert.match(text.stdout, /Issuer id\s+did:web:uneje\.example \(identity version 1 now\)/);
    assert.match(text.stdout, /Identity\s+version 1 at anchoring \(the current one\)/);
  });

  it("shows the institution's dashboard (--json), and `did` writes the DID document it shows", async () => {
    const shown = expectExit(await runCli(chain, ["institution", "show", "1", "--batch", out, "--json"]), 0);
    const view = JSON.parse(shown.stdout) as {
      institution: { id: number; name: string; issuerId: string; status: string; country: string };
      did: { documentUrl: string; document: { id: string; verificationMethod: { id: string }[] } };
      keys: { address: string; state: string; validFrom: string; validUntil: string | null }[];
      batches: { root: string; count: number; revoked: unknown; revokedCredentials: number; statusList: string }[];
      statusLists: string[];
    };
    const manifest = parseBatchManifest(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")));
    assert.deepEqual(view.institution, {
      ...view.institution,
      id: 1,
      name: "Universidad Nacional de Ejemplo",
      issuerId: UNEJE_ISSUER_ID,
      status: "active",
      country: "MX",
    });
    assert.equal(view.did.documentUrl, "https://uneje.example/.well-known/did.json");
    assert.deepEqual(
      view.did.document.verificationMethod.map((m) => m.id),
      [`${UNEJE_ISSUER_ID}#key-1`],
    );
    assert.deepEqual(
      view.keys.map((k) => [k.address, k.state, k.validUntil]),
      [[DEV_ADDRESSES[1], "active", null]],
    );
    assert.match(view.keys[0]?.validFrom ?? "", /^\d{4}-\d\d-\d\dT/);
    const credential = JSON.parse(readFileSync(join(out, "credentials", "UNEJE-2026-0001.json"), "utf8")) as {
      credentialStatus: { statusListCredential: string };
    };
    assert.deepEqual(view.batches, [
      {
        ...view.batches[0],
        root: manifest.batchRoot,
        count: 25,
        revoked: null,
        revokedCredentials: 1,
        statusList: credential.credentialStatus.statusListCredential,
      },
    ]);
    assert.deepEqual(view.statusLists, [credential.credentialStatus.statusListCredential]);

    const file = join(chain.tempDir("did"), "did.json");
    expectExit(await runCli(chain, ["did", "--out", file, "1"]), 0);
    assert.deepEqual(JSON.parse(readFileSync(file, "utf8")), view.did.document);
  });

  it("revokes a whole batch only when confirmed (--yes without a terminal), and every credential of it then fails", async () => {
    const unconfirmed = expectExit(
      await runCli(chain, ["revoke", "--batch", out, "--all", "--reason", "issued-in-error"]),
      1,
    );
    assert.match(
      unconfirmed.stderr,
      /revoke the whole batch 0x[0-9a-f]{64} \(25 credentials\) for "issued-in-error" cannot be undone, .*: pass --yes/,
    );
    assert.match(unconfirmed.stderr, /Nothing was sent/);
    assert.doesNotMatch(unconfirmed.stdout, /revoking/);
    expectExit(await runCli(chain, ["revoke", "--batch", out, "--all", "--reason", "issued-in-error", "--yes"]), 0);
    const bulk = expectExit(await runCli(chain, ["verify", join(out, "credentials")]), 1);
    assert.match(bulk.stdout, /25 revoked/);
  });

  it("suspends and reinstates an institution; a suspended one cannot issue", async () => {
    expectExit(await runCli(chain, ["institution", "suspend", "2"]), 0);
    const other = join(chain.tempDir("suspended"), "out");
    const refused = expectExit(
      await runCli(chain, ["issue", "--template", TEMPLATE, "--learners", LEARNERS, "--out", other, "--account", "2"]),
      1,
    );
    assert.match(refused.stderr, /institution 2 \(Instituto Federal de Exemplo\) is not active/);
    assert.equal(existsSync(join(other, "credentials")), false);
    expectExit(await runCli(chain, ["institution", "reinstate", "2"]), 0);
    const keys = expectExit(await runCli(chain, ["key", "list", "2", "--json"]), 0);
    assert.equal((JSON.parse(keys.stdout) as { removedAt: number }[])[0]?.removedAt, 0);
  });

  it("anchors an issuer's own OB3 credentials (--credentials)", async () => {
    const template = parseStrict(readFileSync(TEMPLATE, "utf8"));
    const own = join(chain.tempDir("own"), "in");
    mkdirSync(own);
    for (const [i, name] of ["Ana Pérez", "Luis Gómez"].entries()) {
      const credential = buildCredential({
        template,
        issuer: { id: IFEX_ISSUER_ID, name: "Instituto Federal de Exemplo", country: "BR" },
        learner: { id: `OWN-${i}`, name, completedOn: "2026-06-01" },
        options: { validFrom: "2026-06-02T00:00:00Z" },
      });
      writeFileSync(join(own, `own-${i}.json`), JSON.stringify(credential));
    }
    const ownOut = join(chain.tempDir("own-out"), "out");
    const issued = expectExit(
      await runCli(chain, ["issue", "--credentials", own, "--out", ownOut, "--account", "2"]),
      0,
    );
    assert.match(issued.stdout, /Issued 2 credentials for Instituto Federal de Exemplo \(institution 2\)/);
    assert.deepEqual(readdirSync(join(ownOut, "credentials")).sort(), ["own-0.json", "own-1.json"]);
    expectExit(await runCli(chain, ["verify", join(ownOut, "credentials")]), 0);
    const again = expectExit(
      await runCli(chain, [
        "issue",
        "--credentials",
        join(ownOut, "credentials"),
        "--out",
        join(ownOut, "x"),
        "--account",
        "2",
      ]),
      1,
    );
    assert.match(again.stderr, /2 of 2 credentials .* cannot be anchored; nothing was issued/);
  });

  it("updates and withdraws an institution, and declares a key compromised", async () => {
    const kept = expectExit(
      await runCli(chain, ["institution", "update", "2", "--website", "https://ifex.example/cursos"]),
      0,
    );
    assert.match(kept.stdout, /Issuer id: did:web:ifex\.example \(identity version 1\)/);
    const unconfirmed = expectExit(await runCli(chain, ["key", "compromise", DEV_ADDRESSES[2]]), 1);
    assert.match(unconfirmed.stderr, /declare the signing key 0x\w+ compromised .* cannot be undone, .*: pass --yes/);
    expectExit(await runCli(chain, ["key", "compromise", DEV_ADDRESSES[2], "--yes"]), 0);
    const keys = expectExit(await runCli(chain, ["key", "list", "2"]), 0);
    assert.match(keys.stdout, new RegExp(`${DEV_ADDRESSES[2]}\\s+compromised`));
    expectExit(await runCli(chain, ["institution", "withdraw", "2", "-y"]), 0);
    const list = expectExit(await runCli(chain, ["institution", "list", "--json"]), 0);
    const second = (JSON.parse(list.stdout) as { institutions: { website: string; status: string }[] }).institutions[1];
    assert.deepEqual(second, { ...second, website: "https://ifex.example/cursos", status: "withdrawn" });
    const again = expectExit(await runCli(chain, ["institution", "reinstate", "2"]), 1);
    assert.match(again.stderr, /institution 2 is withdrawn, so that change is not possible/);
  });

  it("draws QR codes as valid square 1-bit greyscale PNGs that a reader decodes", () => {
    const link = "http://127.0.0.1:5173/#v1.r.abc";
    const png = qrPng(link);
    const image = decodePng(png);
    assert.deepEqual(
      { square: image.width === image.height, depth: image.depth, colorType: image.colorType },
      { square: true, depth: 1, colorType: 0 },
    );
    assert.equal(readQr(png), link);
  });
});
