/**
 * The administration console end to end: a real local stack whose web app is built with the test-only
 * VITE_ACREDITA_TEST_WALLET flag, so wagmi's mock connector stands in for a wallet (the local node signs for its
 * unlocked development accounts). One stack and one browser for the file; each test opens a fresh page.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { type Abi, type Address, bytesToHex, createWalletClient, getAddress, hexToBytes, http } from "viem";
import { FORMAT_TAG, LEAF_ENCODING, leafOf } from "../../core/digest.ts";
import { credentialRegistryAbi } from "../../core/generated/abi.ts";
import { splitAnchor, MANIFEST_FORMAT } from "../../core/proof.ts";
import { localDevAccount } from "../../scripts/lib/local-chain.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { type RunningStack, startStack } from "../helpers/local-stack.ts";
import { type Institution, type IssuedBatch, LOCAL_CHAIN, LocalWorld } from "../helpers/web-world.ts";

const ROOT = resolve(import.meta.dirname, "..", "..");
const SCREENSHOTS = join(ROOT, "docs", "screenshots");
const REGISTRAR = localDevAccount(0); // admin and registrar of the local deployment
const KEY = localDevAccount(3); // UNEJE's signing key
const NOBODY = localDevAccount(5); // no role at all
const NEW_KEY = localDevAccount(6);

/** The batch manifest the issuer keeps (acredita/batch-manifest/v1), rebuilt from the sealed credentials. */
function manifestOf(batch: IssuedBatch): unknown {
  // Each credential's anchor proof is the last of its proof set.
  const proofs = batch.credentials.map((c) => splitAnchor(c).anchor);
  const [first] = proofs;
  if (first === undefined) throw new Error("empty batch");
  const context = { chainId: first.chainId, registry: first.registry, institutionId: first.institutionId };
  return {
    format: MANIFEST_FORMAT,
    formatTag: FORMAT_TAG,
    ...context,
    batchRoot: batch.root,
    count: proofs.length,
    tree: "openzeppelin-standard-v1",
    leafEncoding: [...LEAF_ENCODING],
    credentials: proofs.map((p, i) => ({
      index: p.index,
      id: typeof batch.credentials[i]?.id === "string" ? batch.credentials[i].id : "",
      credentialDigest: p.credentialDigest,
      leaf: bytesToHex(leafOf(context, p.index, hexToBytes(p.credentialDigest))),
    })),
  };
}

describe("administration console", { timeout: 300_000 }, () => {
  const stateDir = mkdtempSync(join(tmpdir(), "acredita-console-e2e-"));
  const filesDir = join(stateDir, "files");
  let browser: Browser;
  let stack: RunningStack;
  let world: LocalWorld;
  let uneje: Institution;
  let cohort: IssuedBatch;
  let second: IssuedBatch;
  let unanchored: IssuedBatch;

  before(async () => {
    const wallets = [REGISTRAR, KEY, NOBODY].map((a) => a.address).join(",");
    [browser, stack] = await Promise.all([
      launchChromium(),
      startStack(stateDir, undefined, { env: { VITE_ACREDITA_TEST_WALLET: wallets } }),
    ]);
    world = new LocalWorld(stack.rpcUrl, stack.registry);
    uneje = await world.admit("Universidad Nacional de Ejemplo", "MX", 3);
    cohort = await world.issue(uneje);
    second = await world.issue(uneje, { learners: [{ id: "X-1", name: "Ana", completedOn: "2026-06-01" }] });
    unanchored = await world.issue(uneje, { anchor: false });
    mkdirSync(filesDir, { recursive: true });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser.close();
    await stack.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  /** A registry read whose result type the test states (the console's own reads are typed by the ABI). */
  async function read<T>(functionName: string, args: readonly unknown[] = []): Promise<T> {
    const abi: Abi = credentialRegistryAbi;
    return (await world.client.readContract({ address: stack.registry, abi, functionName, args })) as T;
  }

  async function openConsole(connectorId: string, language = "en-US"): Promise<Page> {
    const context = await browser.newContext({ locale: language, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${stack.url}#/console`);
    await page.getByTestId(`connect-${connectorId}`).click();
    await page.getByTestId("console-account").waitFor();
    return page;
  }

  /**
   * Presses a write's button, checks the review (summary and cost), sends it, and waits for the outcome in the
   * session's transaction list (the button itself may disappear once the write succeeds).
   */
  async function write(scope: Locator, functionName: string, label: string, expectSummary: RegExp): Promise<void> {
    const entries = scope.page().getByTestId("activity-entry");
    const sent = await entries.count();
    const action = scope.getByTestId(`write-${functionName}`).first();
    await action.getByRole("button", { name: label }).click();
    const summary = (await action.getByTestId("write-summary").textContent()) ?? "";
    assert.match(summary, expectSummary);
    assert.match((await action.getByTestId("write-cost").textContent()) ?? "", /\d+ gas × [\d.]+ gwei = [\d.]+ ETH/);
    await action.getByRole("button", { name: "Send to the wallet" }).click();
    await entries.nth(sent).waitFor({ timeout: 20_000 });
    const newest = entries.first();
    assert.ok(((await newest.textContent()) ?? "").startsWith(summary));
    assert.match((await newest.getByTestId("tx-hash").textContent()) ?? "", /^0x[0-9a-f]{64}$/);
  }

  describe("connect", () => {
    it("shows the account, its chain and the roles it holds on the registry", async () => {
      const page = await openConsole("test-normal-0");
      assert.equal(getAddress((await page.getByTestId("console-account").textContent()) ?? ""), REGISTRAR.address);
      assert.equal(await page.getByTestId("console-chain").textContent(), String(LOCAL_CHAIN.id));
      await page.getByTestId("role-admin").waitFor();
      await page.getByTestId("role-registrar").waitFor();
      assert.equal(await page.getByTestId("role-key").count(), 0);
      await page.getByTestId("registrar-view").waitFor();
      await page.context().close();
    });

    it("on the wrong chain offers no action until the wallet switches to the registry's chain", async () => {
      const page = await openConsole("test-wrong-chain-0");
      await page.getByTestId("wrong-chain").waitFor();
      assert.equal(await page.getByTestId("console-chain").textContent(), "31338");
      assert.equal(await page.getByTestId("registrar-view").count(), 0);
      await page.screenshot({ path: join(SCREENSHOTS, "console-wrong-chain.png"), fullPage: true });
      await page.getByTestId("wrong-chain").getByRole("button").click();
      await page.getByTestId("registrar-view").waitFor();
      assert.equal(await page.getByTestId("console-chain").textContent(), String(LOCAL_CHAIN.id));
      assert.equal(await page.getByTestId("wrong-chain").count(), 0);
      await page.context().close();
    });

    it("offers nothing to an account without a role, and the registry refuses it anyway", async () => {
      const page = await openConsole("test-normal-2");
      await page.getByTestId("role-none").waitFor();
      assert.equal(await page.getByTestId("registrar-view").count(), 0);
      assert.equal(await page.getByTestId("institution-view").count(), 0);
      assert.equal(await page.getByRole("button", { name: "Suspend" }).count(), 0);
      await page.screenshot({ path: join(SCREENSHOTS, "console-connect.png"), fullPage: true });
      await page.context().close();
      const wallet = createWalletClient({ account: NOBODY, chain: LOCAL_CHAIN, transport: http(stack.rpcUrl) });
      await assert.rejects(
        wallet.writeContract({
          address: stack.registry,
          abi: credentialRegistryAbi,
          functionName: "suspendInstitution",
          args: [uneje.id],
        }),
        /AccessControlUnauthorizedAccount/,
      );
      assert.equal((await read<{ status: number }>("getInstitution", [uneje.id])).status, 1);
    });
  });

  describe("registrar view", () => {
    it("admits, updates, suspends, reinstates and withdraws an institution, and manages its signing keys", async () => {
      const page = await openConsole("test-normal-0");
      const view = page.getByTestId("registrar-view");
      await view.getByTestId("admit-name").fill("Instituto Federal de Exemplo");
      await view.getByTestId("admit-issuer-id").fill("did:web:ifex.example");
      await view.getByTestId("admit-country").fill("br");
      await view.getByTestId("admit-website").fill("https://ifex.example");
      assert.equal(await view.getByTestId("admit-problem").count(), 0);
      const before = await read<number>("institutionCount");
      await write(
        view.locator("fieldset"),
        "admitInstitution",
        "Admit",
        /Instituto Federal de Exemplo.*BR.*issuer id did:web:ifex\.example/,
      );
      const id = before + 1;
      assert.equal(await read<number>("institutionCount"), id);
      const status = () =>
        read<{ status: number; identityVersion: number; profile: { name: string; issuerId: string; website: string } }>(
          "getInstitution",
          [id],
        );
      assert.equal((await status()).profile.issuerId, "did:web:ifex.example");
      assert.equal((await status()).identityVersion, 1);
      assert.equal(await read<number>("institutionOfIssuerId", ["did:web:ifex.example"]), id);
      const row = view.locator(`[data-testid="console-institution"][data-id="${String(id)}"]`);
      await row.waitFor();
      assert.equal(await row.getByTestId("console-issuer-id").textContent(), "did:web:ifex.example");
      assert.equal(await row.getByTestId("console-identity-version").textContent(), "identity v1");
      assert.equal(await row.getByTestId("update-issuer-id").inputValue(), "did:web:ifex.example");
      await page.screenshot({ path: join(SCREENSHOTS, "console-registrar.png"), fullPage: true });

      await row.getByTestId("update-name").fill("Instituto Federal de Exemplo (IFEX)");
      await row.getByTestId("update-issuer-id").fill("https://ifex.example/issuer");
      await row.getByTestId("update-website").fill("https://ifex.example/pt");
      await write(
        row,
        "updateInstitution",
        "Update the profile",
        /IFEX.*issuer id https:\/\/ifex\.example\/issuer, country BR, website https:\/\/ifex\.example\/pt\..*identity version 2/,
      );
      assert.equal((await status()).profile.name, "Instituto Federal de Exemplo (IFEX)");
      assert.equal((await status()).profile.issuerId, "https://ifex.example/issuer");
      assert.equal((await status()).profile.website, "https://ifex.example/pt");
      assert.equal((await status()).identityVersion, 2);
      await row.getByTestId("console-identity-version").filter({ hasText: "identity v2" }).waitFor();
      assert.equal(await row.getByTestId("console-issuer-id").textContent(), "https://ifex.example/issuer");

      await row.getByTestId("add-key").fill(NEW_KEY.address);
      await write(row, "addSigningKey", "Add the key", new RegExp(NEW_KEY.address));
      assert.equal((await read<{ institutionId: number }>("getSigningKey", [NEW_KEY.address])).institutionId, id);

      const key = row.locator(`[data-testid="console-key"][data-key="${NEW_KEY.address}"]`);
      await key.waitFor();
      await write(key, "declareKeyCompromised", "Mark compromised", /compromised/);
      const compromised = await read<{ compromisedFrom: number; removedAt: number }>("getSigningKey", [
        NEW_KEY.address,
      ]);
      assert.ok(compromised.compromisedFrom > 0 && compromised.removedAt > 0);

      await write(row, "suspendInstitution", "Suspend", /Suspend/);
      assert.equal((await status()).status, 2);
      await row.and(page.locator('[data-status="Suspended"]')).waitFor();
      await write(row, "reinstateInstitution", "Reinstate", /Reinstate/);
      assert.equal((await status()).status, 1);
      await row.and(page.locator('[data-status="Active"]')).waitFor();
      await write(row, "withdrawInstitution", "Withdraw", /cannot be undone/);
      assert.equal((await status()).status, 3);
      await page.context().close();
    });

    it("removes a signing key", async () => {
      const page = await openConsole("test-normal-0");
      const extra = localDevAccount(7);
      const wallet = createWalletClient({ account: REGISTRAR, chain: LOCAL_CHAIN, transport: http(stack.rpcUrl) });
      const hash = await wallet.writeContract({
        address: stack.registry,
        abi: credentialRegistryAbi,
        functionName: "addSigningKey",
        args: [uneje.id, extra.address],
      });
      await world.client.waitForTransactionReceipt({ hash });
      await page.reload();
      await page.getByTestId("connect-test-normal-0").click();
      const key = page.locator(`[data-testid="console-key"][data-key="${extra.address}"]`);
      await write(key, "removeSigningKey", "Remove", new RegExp(extra.address));
      assert.ok((await read<{ removedAt: number }>("getSigningKey", [extra.address])).removedAt > 0);
      await page.context().close();
    });

    it("starts and cancels an administrator transfer", async () => {
      const page = await openConsole("test-normal-0");
      const admin = page.getByTestId("pending-admin");
      await admin.getByTestId("new-admin").fill(NOBODY.address);
      await write(admin, "beginDefaultAdminTransfer", "Start the transfer", new RegExp(NOBODY.address));
      const [pending] = await read<[Address, number]>("pendingDefaultAdmin");
      assert.equal(pending, NOBODY.address);
      await admin.getByTestId("write-cancelDefaultAdminTransfer").waitFor();
      assert.match((await admin.getByTestId("pending-admin-state").textContent()) ?? "", /Pending transfer/);
      await write(admin, "cancelDefaultAdminTransfer", "Cancel the transfer", /Cancel/);
      const [after] = await read<[Address, number]>("pendingDefaultAdmin");
      assert.equal(after, "0x0000000000000000000000000000000000000000");
      await page.context().close();
    });

    it("refuses a name with a bidirectional-text control in the form, before any estimate or wallet prompt", async () => {
      const sentences: Record<string, RegExp> = {
        "en-US": /The field “Name” contains a bidirectional-text control/,
        "es-419": /El campo «Nombre» contiene un control de texto bidireccional/,
        "pt-BR": /O campo “Nome” contém um controle de texto bidirecional/,
      };
      for (const [locale, sentence] of Object.entries(sentences)) {
        const page = await openConsole("test-normal-0", locale);
        const calls: string[] = [];
        page.on("request", (request) => {
          const body = request.postData();
          if (body !== null && body.includes('"method"')) calls.push(body);
        });
        const view = page.getByTestId("registrar-view");
        const admit = view.locator("fieldset").first();
        // U+202E (right-to-left override) would make the rest of the name display reversed.
        await admit.getByTestId("admit-name").fill("Universidad \u202Eolpmeje");
        await admit.getByTestId("admit-issuer-id").fill("did:web:spoof.example");
        await admit.getByTestId("admit-country").fill("MX");
        const problem = admit.getByTestId("admit-problem");
        assert.equal(await problem.getAttribute("data-problem"), "bidi");
        assert.match((await problem.textContent()) ?? "", sentence);
        const button = admit.getByTestId("write-admitInstitution").getByRole("button");
        assert.equal(await button.isDisabled(), true);
        assert.equal(await admit.getByTestId("write-summary").count(), 0);
        const asked = calls.filter((c) => /eth_estimateGas|eth_sendTransaction|eth_sendRawTransaction/.test(c));
        assert.deepEqual(asked, [], "nothing was estimated or sent");
        // The same form with a clean name goes on to the estimate (which the request log sees), then is cancelled.
        await admit.getByTestId("admit-name").fill("Universidad Ejemplo");
        assert.equal(await admit.getByTestId("admit-problem").count(), 0);
        await button.click();
        await admit.getByTestId("write-summary").waitFor();
        assert.ok(calls.some((c) => c.includes("eth_estimateGas")));
        await admit.getByRole("button", { name: /Cancel|Cancelar/ }).click();
        await page.context().close();
      }
      assert.equal(await read<number>("institutionOfIssuerId", ["did:web:spoof.example"]), 0);
    });

    it("decodes the registry's refusal into a sentence, in each language, before any wallet prompt", async () => {
      const id = String(uneje.id);
      const sentences: Record<string, RegExp> = {
        "en-US": new RegExp(`is already registered \\(institution #${id}\\)`),
        "es-419": new RegExp(`ya está registrada \\(institución #${id}\\)`),
        "pt-BR": new RegExp(`já está registrada \\(instituição #${id}\\)`),
      };
      for (const [locale, sentence] of Object.entries(sentences)) {
        const page = await openConsole("test-normal-0", locale);
        const row = page.locator(`[data-testid="console-institution"][data-id="${String(uneje.id)}"]`);
        await row.getByTestId("add-key").fill(KEY.address);
        const action = row.getByTestId("write-addSigningKey");
        await action.getByRole("button").click();
        assert.match((await action.getByTestId("write-error").textContent()) ?? "", sentence);
        assert.equal(await action.getByTestId("write-summary").count(), 0);
        await page.context().close();
      }
    });

    it("reports a signature rejected in the wallet, and nothing changes on chain", async () => {
      const page = await openConsole("test-rejects-0");
      const row = page.locator(`[data-testid="console-institution"][data-id="${String(uneje.id)}"]`);
      const action = row.getByTestId("write-suspendInstitution");
      await action.getByRole("button", { name: "Suspend" }).click();
      await action.getByRole("button", { name: "Send to the wallet" }).click();
      assert.match(
        (await action.getByTestId("write-error").textContent({ timeout: 10_000 })) ?? "",
        /rejected the request in the wallet/,
      );
      const institution = await read<{ status: number }>("getInstitution", [uneje.id]);
      assert.equal(institution.status, 1);
      await page.context().close();
    });
  });

  describe("institution view", () => {
    it("shows the profile and batches, revokes credentials by their files and a whole batch", async () => {
      const page = await openConsole("test-normal-1");
      const view = page.getByTestId("institution-view");
      await page.getByTestId("role-key").waitFor();
      assert.equal(await view.getByTestId("institution-name").textContent(), "Universidad Nacional de Ejemplo");
      assert.equal(await view.getByTestId("institution-issuer-id").textContent(), uneje.issuerId);
      assert.equal(await view.getByTestId("institution-identity-version").textContent(), "1");
      await view.getByTestId("console-batch").nth(1).waitFor();
      assert.equal(await view.getByTestId("console-batch").count(), 2);
      const files = [0, 2].map((i) => {
        const path = join(filesDir, `credential-${String(i)}.json`);
        writeFileSync(path, JSON.stringify(cohort.credentials[i]));
        return path;
      });
      await view.getByTestId("revoke-files").setInputFiles(files);
      await view.getByTestId("file-reason").selectOption("2");
      await write(
        view.locator("fieldset"),
        "revokeCredentials",
        "Revoke 2 credential(s)",
        /positions 0, 2 .*superseded/,
      );
      for (const index of [0, 2]) {
        const [revokedAt, reason] = await read<[number, number]>("getCredentialRevocation", [
          uneje.id,
          cohort.root,
          index,
        ]);
        assert.ok(revokedAt > 0);
        assert.equal(reason, 2);
      }
      const row = view.locator(`[data-testid="console-batch"][data-root="${cohort.root}"]`);
      await row.getByTestId("batch-revocations").filter({ hasText: "2" }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, "console-institution.png"), fullPage: true });

      const other = view.locator(`[data-testid="console-batch"][data-root="${second.root}"]`);
      await view.getByTestId("batch-reason").selectOption("3");
      await write(other, "revokeBatch", "Revoke the batch", /misconduct or fraud/);
      const batch = await read<{ revokedAt: number; revocationReason: number }>("getBatch", [uneje.id, second.root]);
      assert.ok(batch.revokedAt > 0);
      assert.equal(batch.revocationReason, 3);
      await other.getByTestId("batch-revocations").filter({ hasText: "whole batch" }).waitFor();
      await page.context().close();
    });

    it("revokes a credential picked from the batch manifest", async () => {
      const page = await openConsole("test-normal-1");
      const fieldset = page.getByTestId("manifest-fieldset");
      const path = join(filesDir, "manifest.json");
      writeFileSync(path, JSON.stringify(manifestOf(cohort)));
      await fieldset.getByTestId("manifest-file").setInputFiles(path);
      await fieldset.getByTestId("manifest-entry").nth(2).waitFor();
      assert.equal(await fieldset.getByTestId("manifest-entry").count(), 3);
      await fieldset.getByTestId("manifest-entry").nth(1).check();
      await fieldset.getByTestId("manifest-reason").selectOption("5");
      await write(fieldset, "revokeCredentials", "Revoke 1 credential(s)", /positions 1 .*requested by the holder/);
      const [revokedAt, reason] = await read<[number, number]>("getCredentialRevocation", [uneje.id, cohort.root, 1]);
      assert.ok(revokedAt > 0);
      assert.equal(reason, 5);
      await page.context().close();
    });

    it("anchors a sealed batch from all of its credential files, and refuses an incomplete set", async () => {
      const page = await openConsole("test-normal-1");
      const fieldset = page.getByTestId("anchor-fieldset");
      const files = unanchored.credentials.map((credential, i) => {
        const path = join(filesDir, `unanchored-${String(i)}.json`);
        writeFileSync(path, JSON.stringify(credential));
        return path;
      });
      await fieldset.getByTestId("anchor-files").setInputFiles(files.slice(1));
      await fieldset.getByRole("alert").filter({ hasText: "missing or repeated" }).waitFor();
      assert.equal(await fieldset.getByTestId("write-anchorBatch").count(), 0);
      await fieldset.getByTestId("anchor-files").setInputFiles(files);
      await write(fieldset, "anchorBatch", "Anchor 3 credential(s)", new RegExp(`${unanchored.root} of 3 credentials`));
      const batch = await read<{ count: number; signingKey: Address }>("getBatch", [uneje.id, unanchored.root]);
      assert.equal(batch.count, 3);
      assert.equal(batch.signingKey, KEY.address);
      await page.locator(`[data-testid="console-batch"][data-root="${unanchored.root}"]`).waitFor();
      await page.context().close();
    });
  });
  describe("without a wallet", () => {
    for (const [locale, nav, explains, refused] of [
      ["es-419", "Consola de administración", "¿Qué es una billetera?", /^Ninguna billetera respondió\./],
      ["pt-BR", "Console de administração", "O que é uma carteira?", /^Nenhuma carteira respondeu\./],
    ] as const) {
      it(`explains what a wallet is, offers the command line and says why connecting failed, in ${locale}`, async () => {
        const context = await browser.newContext({ locale, viewport: { width: 1200, height: 900 } });
        const page = await context.newPage();
        await page.goto(stack.url);
        await page.getByRole("button", { name: nav }).click();
        assert.equal(new URL(page.url()).hash, "#/console");
        const help = page.getByTestId("wallet-help");
        await help.getByRole("heading", { name: explains }).waitFor();
        // Headless Chromium has no wallet: the console says so rather than offering only a dead button.
        await page.getByTestId("wallet-none").waitFor();
        assert.match((await page.getByTestId("wallet-cli").textContent()) ?? "", /acredita/);
        await page.getByTestId("connect-injected").click();
        const error = (await page.getByTestId("connect-error").textContent()) ?? "";
        assert.match(error, refused);
        assert.doesNotMatch(error, /Provider not found/);
        await page.goBack();
        // Back leaves the console for the verifier.
        await page.getByTestId("console").waitFor({ state: "detached" });
        assert.equal(new URL(page.url()).hash, "");
        await context.close();
      });
    }
  });

  // Last: it moves the administrator role (and the chain's clock) for good.
  describe("administrator transfer", () => {
    it("lets the pending account accept the administrator role once the delay has passed", async () => {
      const page = await openConsole("test-normal-0");
      const admin = page.getByTestId("pending-admin");
      await admin.getByTestId("new-admin").fill(NOBODY.address);
      await write(admin, "beginDefaultAdminTransfer", "Start the transfer", new RegExp(NOBODY.address));
      await page.context().close();
      const [, schedule] = await read<[Address, number]>("pendingDefaultAdmin");
      const now = Number((await world.client.getBlock()).timestamp);
      await world.client.request({ method: "evm_increaseTime" as never, params: [schedule - now + 1] as never });
      await world.client.request({ method: "evm_mine" as never, params: [] as never });

      const pending = await openConsole("test-normal-2");
      const panel = pending.getByTestId("pending-admin");
      await panel.getByTestId("write-acceptDefaultAdminTransfer").waitFor();
      await write(panel, "acceptDefaultAdminTransfer", "Accept the administrator role", /Accept/);
      assert.equal(await read<Address>("defaultAdmin"), NOBODY.address);
      await pending.reload();
      await pending.getByTestId("connect-test-normal-2").click();
      await pending.getByTestId("role-admin").waitFor();
      await pending.context().close();
    });
  });
});
