import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { credentialRegistryAbi } from "../../../core/generated/abi.ts";
import { buildCredential } from "../../../core/credential.ts";
import { parseStrict } from "../../../core/index.ts";
import {
  anchoredRoots,
  type CliRun,
  expectExit,
  IFEX_ISSUER_ID,
  LEARNERS,
  runCli,
  seedInstitutions,
  spawnCli,
  startTestChain,
  TEMPLATE,
  type TestChain,
  UNEJE_ISSUER_ID,
} from "../../helpers/cli-chain.ts";

/** A refusal: exit 1, one clear message on stderr, no stack trace. */
function refused(run: CliRun, message: RegExp): void {
  expectExit(run, 1);
  assert.match(run.stderr, message);
  assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/, "no stack trace");
}

describe("acredita: issuer ids, from admission to the issued credentials", { timeout: 900_000 }, () => {
  let chain: TestChain;
  let dir: string;

  before(async () => {
    chain = await startTestChain();
    await seedInstitutions(chain);
    dir = chain.tempDir("issuer-id");
  });
  after(async () => {
    await chain.stop();
  });

  const institutionCount = () =>
    chain.client.readContract({
      address: chain.registry,
      abi: credentialRegistryAbi,
      functionName: "institutionCount",
    });

  /** Runs `args` and checks that nothing reached the chain: same institution count, same block. */
  async function refusedBeforeSending(args: string[], message: RegExp): Promise<CliRun> {
    const [count, block] = [await institutionCount(), await chain.client.getBlockNumber({ cacheTime: 0 })];
    const run = await runCli(chain, args);
    refused(run, message);
    assert.equal(await institutionCount(), count, "no institution was admitted");
    assert.equal(await chain.client.getBlockNumber({ cacheTime: 0 }), block, "no transaction was sent");
    return run;
  }

  const admit = (name: string, issuerId: string | undefined) => [
    "institution",
    "admit",
    "--name",
    name,
    ...(issuerId === undefined ? [] : ["--issuer-id", issuerId]),
    "--country",
    "CL",
  ];

  describe("institution admit", () => {
    it("requires --issuer-id, and says what it is", async () => {
      const run = await refusedBeforeSending(
        admit("Universidad de Chile de Ejemplo", undefined),
        /--issuer-id is required: it is the identifier the institution's credentials carry as issuer\.id: a DID such as did:web:uneje\.example, or an https:\/\/ URL/,
      );
      assert.equal(run.stderr.trim().split("\n").length, 1, "one line");
    });

    it("refuses an issuer id that is neither a DID nor an https URL", async () => {
      await refusedBeforeSending(
        admit("Universidad de Chile de Ejemplo", "http://uneje.example"),
        /--issuer-id must be a DID \(did:<method>:<identifier>, such as did:web:uneje\.example\) or an https:\/\/ URL, not "http:\/\/uneje\.example"/,
      );
    });

    it("refuses a name with a bidirectional-text control", async () => {
      await refusedBeforeSending(
        admit("Universidad \u202eolpmejE ed", "did:web:bidi.example"),
        /--name must not contain bidirectional-text controls, which can make a text display as another one, but character 13 is U\+202E \(right-to-left override\)/,
      );
    });

    it("refuses a name that is not in Unicode NFC, and shows it written precomposed", async () => {
      const decomposed = "Institucio\u0301n de Ejemplo";
      assert.notEqual(decomposed.normalize("NFC"), decomposed);
      await refusedBeforeSending(
        admit(decomposed, "did:web:nfc.example"),
        /--name must be written with precomposed characters \(Unicode NFC\), but character 11 is U\+0301, a combining or compatibility character; write it as "Institución de Ejemplo"/,
      );
    });

    it("refuses an issuer id another institution holds, in the registry's words", async () => {
      await refusedBeforeSending(
        admit("Universidad Duplicada", UNEJE_ISSUER_ID),
        /admitting Universidad Duplicada would fail: the issuer id did:web:uneje\.example is already recorded for institution 1; issuer ids are never reused/,
      );
    });

    it("admits an institution with an https issuer id, and prints it", async () => {
      const run = expectExit(await runCli(chain, admit("Universidad Austral de Ejemplo", "https://uae.example")), 0);
      assert.match(run.stdout, /Institution id: 3\nIssuer id: https:\/\/uae\.example \(identity version 1\)/);
    });
  });

  describe("institution update", () => {
    it("refuses a bad --issuer-id before sending", async () => {
      await refusedBeforeSending(
        ["institution", "update", "3", "--issuer-id", "urn:uae"],
        /--issuer-id must be a DID .* or an https:\/\/ URL, not "urn:uae"/,
      );
    });

    it("keeps the issuer id unless given one, and records a new identity version when it changes", async () => {
      const kept = expectExit(
        await runCli(chain, ["institution", "update", "3", "--website", "https://uae.example"]),
        0,
      );
      assert.match(kept.stdout, /Issuer id: https:\/\/uae\.example \(identity version 1\)/);
      const changed = expectExit(
        await runCli(chain, ["institution", "update", "3", "--issuer-id", "did:web:uae.example"]),
        0,
      );
      assert.match(changed.stdout, /Issuer id: did:web:uae\.example \(identity version 2\)/);
      assert.match(changed.stderr, /The issuer identity changed \(version 1 → 2\)/);
      const list = expectExit(await runCli(chain, ["institution", "list", "--json"]), 0);
      const third = (JSON.parse(list.stdout) as { institutions: { issuerId: string; identityVersion: number }[] })
        .institutions[2];
      assert.deepEqual([third?.issuerId, third?.identityVersion], ["did:web:uae.example", 2]);
    });
  });

  describe("issue", () => {
    const learners = () => {
      const file = join(dir, "two.csv");
      const lines = readFileSync(LEARNERS, "utf8").trimEnd().split("\n").slice(0, 3);
      writeFileSync(file, `${lines.join("\n")}\n`);
      return file;
    };

    async function refusedWithoutAnchor(args: string[], out: string, message: RegExp): Promise<void> {
      const block = await chain.client.getBlockNumber({ cacheTime: 0 });
      refused(await runCli(chain, args), message);
      assert.equal(existsSync(out), false, "nothing was written");
      assert.equal(await chain.client.getBlockNumber({ cacheTime: 0 }), block, "nothing was sent");
      assert.deepEqual(await anchoredRoots(chain, 1), [], "nothing was anchored");
      assert.deepEqual(await anchoredRoots(chain, 2), [], "nothing was anchored");
    }

    it("refuses a course template that names another issuer id than the registry's", async () => {
      const template = JSON.parse(readFileSync(TEMPLATE, "utf8")) as Record<string, unknown>;
      template.issuer = { id: IFEX_ISSUER_ID, name: "Instituto Federal de Exemplo" };
      const file = join(dir, "other-issuer.course.json");
      writeFileSync(file, JSON.stringify(template));
      const out = join(dir, "other-issuer-out");
      const args = ["issue", "--template", file, "--learners", learners(), "--out", out, "--account", "1"];
      await refusedWithoutAnchor(
        args,
        out,
        /the course template's issuer names the issuer did:web:ifex\.example, but institution 1 \(Universidad Nacional de Ejemplo\) is registered with the issuer id did:web:uneje\.example; nothing was issued/,
      );
      await refusedWithoutAnchor([...args, "--dry-run"], out, /names the issuer did:web:ifex\.example/);
    });

    it("refuses credential files whose issuer is another organisation", async () => {
      const template = parseStrict(readFileSync(TEMPLATE, "utf8"));
      const own = join(dir, "own-in");
      mkdirSync(own);
      for (const [i, issuer] of [
        { id: IFEX_ISSUER_ID, name: "Instituto Federal de Exemplo", country: "BR" },
        { id: UNEJE_ISSUER_ID, name: "Universidad Nacional de Ejemplo", country: "MX" },
      ].entries()) {
        const credential = buildCredential({
          template,
          issuer,
          learner: { id: `OWN-${i}`, name: "Ana Pérez", completedOn: "2026-06-01" },
          options: { validFrom: "2026-06-02T00:00:00Z" },
        });
        writeFileSync(join(own, `own-${i}.json`), JSON.stringify(credential));
      }
      const out = join(dir, "own-out");
      await refusedWithoutAnchor(
        ["issue", "--credentials", own, "--out", out, "--account", "2"],
        out,
        /1 of 2 credentials name another issuer than institution 2 \(Instituto Federal de Exemplo\), whose registered issuer id is did:web:ifex\.example; nothing was issued:\n\s+own-1\.json: issuer\.id is did:web:uneje\.example/,
      );
    });

    it("issues credentials that carry the registry's issuer id, also from a template that names it", async () => {
      const template = JSON.parse(readFileSync(TEMPLATE, "utf8")) as Record<string, unknown>;
      template.issuer = UNEJE_ISSUER_ID;
      const file = join(dir, "same-issuer.course.json");
      writeFileSync(file, JSON.stringify(template));
      const out = join(dir, "issued");
      const run = expectExit(
        await runCli(chain, ["issue", "--template", file, "--learners", learners(), "--out", out, "--account", "1"]),
        0,
      );
      assert.match(run.stdout, /Issued 2 credentials for Universidad Nacional de Ejemplo \(institution 1\)/);
      assert.match(run.stdout, /Issuer id\s+did:web:uneje\.example \(identity version 1\)/);
      for (const learner of ["UNEJE-2026-0001", "UNEJE-2026-0002"]) {
        const credential = parseStrict(readFileSync(join(out, "credentials", `${learner}.json`), "utf8")) as {
          issuer: { id: string; name: string };
        };
        assert.deepEqual(
          [credential.issuer.id, credential.issuer.name],
          [UNEJE_ISSUER_ID, "Universidad Nacional de Ejemplo"],
        );
      }
      const receipt = JSON.parse(readFileSync(join(out, "anchor.json"), "utf8")) as Record<string, unknown>;
      assert.deepEqual([receipt.issuerId, receipt.identityVersion], [UNEJE_ISSUER_ID, 1]);
      expectExit(await runCli(chain, ["verify", join(out, "credentials")]), 0);
    });

    it("signs with the institution's own credential key: a did:web key named by its did.json, checked offline", async () => {
      const passwordFile = join(dir, "password.txt");
      writeFileSync(passwordFile, "correct horse battery\n");
      const key = join(dir, "uneje-credential-key.json");
      expectExit(await runCli(chain, ["credential-key", "create", "--out", key, "--password-file", passwordFile]), 0);
      const didJson = join(dir, "did.json");
      expectExit(await runCli(chain, ["did", "document", "--did", UNEJE_ISSUER_ID, "--key", key, "--out", didJson]), 0);
      const out = join(dir, "own-key");
      const base = ["issue", "--template", TEMPLATE, "--learners", learners(), "--account", "1"];
      // Without the DID document the key cannot be named for a did:web issuer: refused before anything is sent.
      const noDid = join(dir, "no-did");
      const block = await chain.client.getBlockNumber({ cacheTime: 0 });
      refused(
        await runCli(chain, [...base, "--out", noDid, "--credential-key", key, "--password-file", passwordFile]),
        /cannot sign for did:web:uneje\.example: .*the DID document of did:web:uneje\.example is needed/,
      );
      assert.equal(existsSync(noDid), false, "nothing was written");
      assert.equal(await chain.client.getBlockNumber({ cacheTime: 0 }), block, "nothing was sent");
      const args = [...base, "--out", out, "--credential-key", key, "--did-document", didJson];
      expectExit(await runCli(chain, [...args, "--password-file", passwordFile]), 0);
      const credential = JSON.parse(readFileSync(join(out, "credentials", "UNEJE-2026-0001.json"), "utf8")) as {
        proof: { type: string; verificationMethod?: string; verificationKeys?: { publicKeyMultibase: string }[] }[];
      };
      const published = JSON.parse(readFileSync(didJson, "utf8")) as {
        verificationMethod: { id: string; publicKeyMultibase: string }[];
      };
      const [signed, anchor] = credential.proof;
      assert.ok(signed !== undefined && anchor !== undefined);
      assert.equal(signed.verificationMethod, `${UNEJE_ISSUER_ID}#key-1`);
      assert.equal(signed.verificationMethod, published.verificationMethod.at(0)?.id);
      assert.equal(
        anchor.verificationKeys?.[0]?.publicKeyMultibase,
        published.verificationMethod.at(0)?.publicKeyMultibase,
      );
      const verified = expectExit(
        await runCli(chain, ["verify", join(out, "credentials", "UNEJE-2026-0001.json"), "--json"]),
        0,
      );
      const signature = (
        JSON.parse(verified.stdout) as { results: { checks: { check: string; reason: string }[] }[] }
      ).results[0]?.checks.find((c) => c.check === "SIGNATURE");
      assert.equal(signature?.reason, "SIGNATURE_OK");
    });

    it("resumes a prepared batch only under the issuer identity it was built with", async () => {
      const out = join(dir, "resumed");
      const args = ["issue", "--template", TEMPLATE, "--learners", learners(), "--out", out, "--account", "2"];
      const crashed = await spawnCli(chain, args, { ACREDITA_CRASH_AT: "journal-prepared" });
      assert.equal(crashed.signal, "SIGKILL");
      expectExit(await runCli(chain, ["institution", "update", "2", "--issuer-id", "did:web:ifex.example.br"]), 0);
      refused(
        await runCli(chain, args),
        /the issuer identity of institution 2 changed \(version 1 → 2\) since the batch in .* was prepared; nothing was anchored/,
      );
      assert.deepEqual(await anchoredRoots(chain, 2), []);
      assert.equal(existsSync(join(out, "credentials")), false);
      const fresh = join(dir, "fresh");
      const issued = expectExit(await runCli(chain, [...args.slice(0, -4), "--out", fresh, "--account", "2"]), 0);
      assert.match(issued.stdout, /Issuer id\s+did:web:ifex\.example\.br \(identity version 2\)/);
      const credential = JSON.parse(readFileSync(join(fresh, "credentials", "UNEJE-2026-0001.json"), "utf8")) as {
        issuer: { id: string };
      };
      assert.equal(credential.issuer.id, "did:web:ifex.example.br");
    });
  });
});
