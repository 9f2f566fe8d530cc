/**
 * The verifier web app end to end: a real local stack (`scripts/start.ts`: anvil + registry + built app), real
 * credentials built and anchored with core and viem, headless Chromium. One stack and one browser for the file.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import encodeQR from "@paulmillr/qr";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { JsonObject } from "../../core/canonical.ts";
import { reasonMessage, type Language, type ReasonCode, type Verdict, verdictMessage } from "../../core/reasons.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { type RunningStack, startStack } from "../helpers/local-stack.ts";
import { credentialLink, type Institution, type IssuedBatch, LocalWorld, referenceLink } from "../helpers/web-world.ts";

const LOCALES: Record<Language, string> = { en: "en-US", es: "es-419", "pt-BR": "pt-BR" };
const LANGUAGES: Language[] = ["en", "es", "pt-BR"];
type Mode = "paste" | "file" | "link" | "qr" | "status";
const MODES: Mode[] = ["paste", "file", "link", "qr", "status"];

interface Scenario {
  verdict: Verdict;
  credential: () => JsonObject;
  /** The check row that explains the verdict and the reason the user reads there (any of these). */
  check: [string, ReasonCode][];
  /** Status-only links carry no content: validity and integrity verdicts cannot be reached that way. */
  statusOnly?: false;
  rpcDown?: true;
}

describe("verifier web app", { timeout: 600_000 }, () => {
  const stateDir = mkdtempSync(join(tmpdir(), "acredita-web-e2e-"));
  let browser: Browser;
  let stack: RunningStack;
  let world: LocalWorld;
  let uneje: Institution;
  let suspended: Institution;
  let good: IssuedBatch;
  let warned: IssuedBatch;
  let expired: IssuedBatch;
  let future: IssuedBatch;
  let foreign: IssuedBatch;
  let tampered: JsonObject;
  const contexts = new Map<Language, BrowserContext>();

  before(async () => {
    [browser, stack] = await Promise.all([launchChromium(), startStack(stateDir)]);
    world = new LocalWorld(stack.rpcUrl, stack.registry);
    uneje = await world.admit("Universidad Nacional de Ejemplo", "MX", 3);
    suspended = await world.admit("Instituto Federal de Exemplo", "BR", 4);
    good = await world.issue(uneje);
    await world.revoke(uneje, good.root, 1, 1);
    warned = await world.issue(suspended);
    await world.suspend(suspended);
    expired = await world.issue(uneje, { validFrom: "2025-01-01T00:00:00Z", validUntil: "2025-06-30T00:00:00Z" });
    future = await world.issue(uneje, { validFrom: "2099-01-01T00:00:00Z" });
    foreign = await world.issue(uneje, { registry: "0x00000000000000000000000000000000000a11ce", anchor: false });
    tampered = structuredClone(good.credentials[2] as JsonObject);
    const subject = tampered.credentialSubject as { result: { value: string }[] };
    subject.result = subject.result.map((r) => ({ ...r, value: "100" }));
    for (const language of LANGUAGES) contexts.set(language, await browser.newContext({ locale: LOCALES[language] }));
  });

  after(async () => {
    await stack.stop();
    await browser.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  function isRpc(url: URL): boolean {
    return url.port === new URL(stack.rpcUrl).port;
  }

  async function openPage(language: Language, hash = ""): Promise<Page> {
    const context = contexts.get(language);
    assert.ok(context);
    const page = await context.newPage();
    await page.goto(`${stack.url}${hash}`);
    return page;
  }

  /** Waits for the banner of a verification newer than `afterRun` (the app numbers its runs). */
  async function readVerdict(page: Page, afterRun = 0): Promise<{ verdict: string; title: string; run: number }> {
    await page.waitForFunction(
      `(() => {
        const run = document.querySelector('[data-testid="verdict"]')?.getAttribute("data-run");
        return (run != null && Number(run) > ${afterRun}) || document.querySelector('[data-testid="input-problem"]') !== null;
      })()`,
      undefined,
      { timeout: 15_000 },
    );
    const banner = page.getByTestId("verdict");
    await banner.or(page.getByTestId("input-problem")).first().waitFor({ timeout: 15_000 });
    if (!(await banner.isVisible()))
      throw new Error(`no verdict: ${await page.getByTestId("input-problem").textContent()}`);
    return {
      verdict: (await banner.getAttribute("data-verdict")) ?? "",
      title: (await page.getByTestId("verdict-title").textContent()) ?? "",
      run: Number(await banner.getAttribute("data-run")),
    };
  }

  async function submit(page: Page, mode: Mode, credential: JsonObject): Promise<void> {
    if (mode === "link") {
      await page.goto("about:blank");
      await page.goto(credentialLink(stack.url, credential));
      return;
    }
    await page.locator(`input[name="input-mode"][value="${mode}"]`).check();
    if (mode === "paste") {
      await page.locator("#paste-input").fill(JSON.stringify(credential, null, 2));
      await page.locator("form button[type=submit]").click();
    } else if (mode === "file") {
      await page.locator("#file-input").setInputFiles({
        name: "credential.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify(credential)),
      });
    } else if (mode === "qr") {
      const link = credentialLink(stack.url, credential);
      const gif = encodeQR(link, "gif", { ecc: "low", scale: 4 });
      await page
        .locator("#qr-input")
        .setInputFiles({ name: "qr.gif", mimeType: "image/gif", buffer: Buffer.from(gif) });
    } else {
      await page.locator("#status-input").fill(referenceLink(stack.url, credential));
      await page.locator("form button[type=submit]").click();
    }
  }

  describe("each verdict through each input mode, in each language", () => {
    const scenarios: Scenario[] = [
      { verdict: "valid", credential: () => good.credentials[0] as JsonObject, check: [["STATUS", "STATUS_ACTIVE"]] },
      {
        verdict: "valid-with-warnings",
        credential: () => warned.credentials[0] as JsonObject,
        check: [["ISSUER", "ISSUER_OK"]],
      },
      {
        verdict: "revoked",
        credential: () => good.credentials[1] as JsonObject,
        check: [["STATUS", "STATUS_CREDENTIAL_REVOKED"]],
      },
      {
        verdict: "expired",
        credential: () => expired.credentials[0] as JsonObject,
        check: [["VALIDITY", "VALIDITY_EXPIRED"]],
        statusOnly: false,
      },
      {
        verdict: "not-yet-valid",
        credential: () => future.credentials[0] as JsonObject,
        check: [["VALIDITY", "VALIDITY_NOT_YET_VALID"]],
        statusOnly: false,
      },
      {
        verdict: "invalid",
        credential: () => tampered,
        check: [["INTEGRITY", "INTEGRITY_DIGEST_MISMATCH"]],
        statusOnly: false,
      },
      {
        verdict: "untrusted",
        credential: () => foreign.credentials[0] as JsonObject,
        check: [["REGISTRY", "REGISTRY_UNTRUSTED"]],
      },
      {
        verdict: "could-not-check",
        credential: () => good.credentials[0] as JsonObject,
        check: [
          ["REGISTRY", "REGISTRY_CHAIN_UNKNOWN"],
          ["ANCHOR", "ANCHOR_RPC_FAILED"],
        ],
        rpcDown: true,
      },
    ];
    for (const language of LANGUAGES) {
      it(`reaches every verdict by every way in, in ${language}, and says so in ${language}`, async () => {
        const page = await openPage(language);
        let cases = 0;
        let lastRun = 0;
        for (const scenario of scenarios) {
          for (const mode of MODES) {
            if (mode === "status" && scenario.statusOnly === false) continue;
            if (scenario.rpcDown) await page.route(isRpc, (route) => route.abort("connectionrefused"));
            const label = `${scenario.verdict} via ${mode} in ${language}`;
            await submit(page, mode, scenario.credential());
            if (mode === "link") lastRun = 0;
            const shown = await readVerdict(page, lastRun).catch((error: unknown) => {
              throw new Error(`${label}: ${String(error)}`);
            });
            assert.equal(shown.verdict, scenario.verdict, label);
            assert.equal(shown.title, verdictMessage(scenario.verdict, language), label);
            lastRun = shown.run;
            const rows = await Promise.all(
              scenario.check.map(async ([check, reason]) => ({
                reason,
                text: (await page.getByTestId(`check-${check}`).textContent()) ?? "",
              })),
            );
            assert.ok(
              rows.some((row) => row.text.includes(reasonMessage(row.reason, language))),
              `${label}: ${rows.map((r) => r.text).join(" | ")}`,
            );
            if (scenario.rpcDown) await page.unroute(isRpc);
            cases++;
          }
        }
        assert.equal(cases, 8 * 5 - 3);
        await page.close();
      });
    }
  });
});
