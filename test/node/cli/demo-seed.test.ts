import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { type AddressInfo } from "node:net";
import { createServer } from "node:http";
import { join } from "node:path";
import { describe, it } from "node:test";
import { encodeVerificationLink, type JsonObject, parseStrict, referenceOf, splitAnchor } from "../../../core/index.ts";
import { devCredentialKey, didKeyOf } from "../../../scripts/lib/credential-signer.ts";
import { demoLines, serveDemoLinks, writeDemoLinks } from "../../../scripts/lib/demo-links.ts";
import { seedDemo } from "../../../scripts/lib/demo-seed.ts";
import { devAccount } from "../../../scripts/lib/keys.ts";
import { expectExit, recordedRegistry, runCli, startTestChain } from "../../helpers/cli-chain.ts";

describe("npm start's demo data", { timeout: 900_000 }, () => {
  it("seeds a fresh chain once, with one credential per verdict, and reuses it on a warm start", async () => {
    const chain = await startTestChain();
    try {
      const options = {
        rpcUrl: chain.rpcUrl,
        stateDir: chain.stateDir,
        registry: recordedRegistry(chain),
        linkBase: "http://127.0.0.1:5999/",
      };
      const first = await seedDemo(options);
      assert.ok(first !== undefined);
      assert.deepEqual(
        first.map((d) => d.label),
        [
          "Valid (Universidad Nacional de Ejemplo, es)",
          "Valid (Instituto Federal de Exemplo, pt-BR)",
          "Revoked",
          "Expired",
          "Valid, with hidden fields (e-mail and grade)",
          "Invalid (the grade was altered)",
        ],
      );
      for (const demo of first) assert.match(demo.link, /^http:\/\/127\.0\.0\.1:5999\/#v1\.c\./);
      // npm start writes the ~3 KB links to a file and a served page, and prints short lines only.
      const files = writeDemoLinks(chain.stateDir, first);
      const text = readFileSync(files.text, "utf8");
      const page = readFileSync(files.page, "utf8");
      for (const demo of first) {
        assert.ok(text.includes(`${demo.label}\n${demo.link}\n`), demo.label);
        assert.ok(page.includes(`href="${demo.link}"`), demo.label);
      }
      // The page is what the web app serves at /demo-links.html.
      const server = createServer((request, response) => {
        if (!serveDemoLinks(chain.stateDir, request, response)) response.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      try {
        const served = await fetch(`http://127.0.0.1:${port}/demo-links.html`);
        assert.equal(served.headers.get("content-type"), "text/html; charset=utf-8");
        assert.equal(await served.text(), page);
        assert.equal((await fetch(`http://127.0.0.1:${port}/demo-links.txt`)).status, 404);
      } finally {
        server.closeAllConnections();
        server.close();
      }
      const printed = demoLines(first, "http://127.0.0.1:5999/", files.text);
      assert.equal(
        printed[0],
        "Demo credentials, one per verdict — open http://127.0.0.1:5999/demo-links.html and pick one:",
      );
      assert.ok(
        printed.every((line) => line.length < 200 && !line.includes("#v1.")),
        printed.join("\n"),
      );
      const issuerIds = first.map(
        (demo) =>
          (JSON.parse(readFileSync(join(chain.stateDir, demo.file), "utf8")) as { issuer: { id: string } }).issuer.id,
      );
      // On the local chain the demo institutions' issuer ids are the did:keys of accounts 1 and 2's
      // development credential keys (which sign their credentials).
      const uneje = didKeyOf(await devCredentialKey(devAccount(1).address));
      const ifex = didKeyOf(await devCredentialKey(devAccount(2).address));
      assert.deepEqual(issuerIds, [uneje, ifex, uneje, ifex, uneje, uneje]);
      const list = expectExit(await runCli(chain, ["institution", "list", "--json"]), 0);
      assert.deepEqual(
        (JSON.parse(list.stdout) as { institutions: { issuerId: string }[] }).institutions.map((i) => i.issuerId),
        [uneje, ifex],
      );
      const verdicts: string[] = [];
      for (const demo of first) {
        const run = await runCli(chain, ["verify", demo.link, "--json"]);
        verdicts.push(
          (JSON.parse(run.stdout) as { results: { verdict: string; hiddenFields?: string[] }[] }).results[0]?.verdict ??
            "",
        );
      }
      assert.deepEqual(verdicts, ["valid", "valid", "revoked", "expired", "valid", "invalid"]);
      const hidden = expectExit(await runCli(chain, ["verify", first[4]?.link ?? ""]), 0);
      // The e-mail identifier (4 fields), the grade (3) and the issuer's signature (6: dropped with any redaction).
      assert.match(hidden.stdout, /Hidden by the holder: 13 fields\n/);
      assert.match(hidden.stdout, /SIGNATURE The holder hid some fields/);
      // The expired credential's status-only link (what its QR code carries) cannot show the dates: never valid.
      const expired = parseStrict(readFileSync(join(chain.stateDir, first[3]?.file ?? ""), "utf8")) as JsonObject;
      const reference = referenceOf(splitAnchor(expired).anchor);
      const statusLink = encodeVerificationLink(options.linkBase, { kind: "reference", reference });
      const statusOnly = expectExit(await runCli(chain, ["verify", statusLink, "--lang", "es"]), 2);
      assert.match(statusOnly.stdout, /Anclada, no revocada — contenido no comprobado/);
      assert.match(statusOnly.stdout, /No se comprobaron su contenido ni sus fechas de validez/);

      const blockBefore = await chain.client.getBlockNumber({ cacheTime: 0 });
      const second = await seedDemo({ ...options, linkBase: "http://127.0.0.1:6000/" });
      assert.deepEqual(
        second?.map((d) => d.label),
        first.map((d) => d.label),
      );
      assert.match(second[0]?.link ?? "", /^http:\/\/127\.0\.0\.1:6000\/#v1\.c\./);
      assert.equal(await chain.client.getBlockNumber({ cacheTime: 0 }), blockBefore, "a warm start sends nothing");
      const again = expectExit(await runCli(chain, ["institution", "list", "--json"]), 0);
      assert.equal((JSON.parse(again.stdout) as { institutions: unknown[] }).institutions.length, 2);
    } finally {
      await chain.stop();
    }
  });

  it("leaves a chain that is already in use alone", async () => {
    const chain = await startTestChain();
    try {
      expectExit(
        await runCli(chain, [
          "institution",
          "admit",
          "--name",
          "Otra",
          "--issuer-id",
          "did:web:otra.example",
          "--country",
          "CL",
        ]),
        0,
      );
      const seeded = await seedDemo({
        rpcUrl: chain.rpcUrl,
        stateDir: chain.stateDir,
        registry: recordedRegistry(chain),
        linkBase: "http://x/",
      });
      assert.equal(seeded, undefined);
    } finally {
      await chain.stop();
    }
  });
});
