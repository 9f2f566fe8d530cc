/**
 * The verifier web app end to end: a real local stack (`scripts/start.ts`: anvil + registry + built app), real
 * credentials built and anchored with core and viem, headless Chromium. One stack and one browser for the file.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import encodeQR from "@paulmillr/qr";
import jsQRModule from "jsqr";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { JsonObject } from "../../core/canonical.ts";
import { reasonMessage, type Language, type ReasonCode } from "../../core/reasons.ts";
import { type Verdict, verdictMessage } from "../../core/verdict.ts";
import { encodePaperLink } from "../../core/paper-link.ts";
import { BLOCK_REFRESH_MS } from "../../core/sources.ts";
import { qrPng } from "../../scripts/lib/qr-png.ts";
import { launchChromium } from "../helpers/chromium.ts";
import { expectExit, spawnCli } from "../helpers/cli-chain.ts";
import { fakeCameraArgs, writeQrVideo } from "../helpers/fake-camera.ts";
import { startAnvil } from "../helpers/anvil.ts";
import { type RunningStack, startStack } from "../helpers/local-stack.ts";
import { pasteHuge } from "../helpers/paste.ts";
import { resourcesBeforeVerdict } from "../helpers/resources-before-verdict.ts";
import {
  credentialLink,
  type Institution,
  type IssuedBatch,
  LEARNERS,
  LocalWorld,
  referenceLink,
} from "../helpers/web-world.ts";

const ROOT = resolve(import.meta.dirname, "..", "..");
// jsqr is CommonJS with an ES-module-shaped default export; pngjs (qrcode's PNG library) ships no types.
const loadedJsQR = jsQRModule as unknown;
const jsQR = ((loadedJsQR as { default?: unknown }).default ?? loadedJsQR) as typeof jsQRModule.default;
const { PNG } = createRequire(import.meta.url)("pngjs") as {
  PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } };
};
const SCREENSHOTS = join(ROOT, "docs", "screenshots");
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const XSS = [
  "<script>window.__pwned=1</script>",
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload="window.__pwned=1"><script>window.__pwned=1</script></svg>',
  "javascript:window.__pwned=1",
  "JaVaScRiPt:window.__pwned=1",
  " javascript:window.__pwned=1",
  "data:text/html,<script>window.__pwned=1</script>",
  "DATA:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+",
  "vbscript:msgbox(1)",
  "VbScRiPt:msgbox(1)",
  '<div style="background:url(javascript:window.__pwned=1)">x</div>',
  "url(https://tracker.example/css.png)",
];
/** The visible controls (buttons, fields, options, summaries) less than 44 px tall, by tag and text. */
const TOO_SMALL_TO_TAP = `[...document.querySelectorAll("button, select, summary, textarea, input[type=text], a.button, .choice-option, .check-option")]
  .filter((e) => e.getClientRects().length > 0 && e.getBoundingClientRect().height < 44)
  .map((e) => e.tagName + " " + (e.textContent || "").trim().slice(0, 40) + " " + Math.round(e.getBoundingClientRect().height))`;
const LOCALES: Record<Language, string> = { en: "en-US", es: "es-419", "pt-BR": "pt-BR" };
const LANGUAGES: Language[] = ["en", "es", "pt-BR"];
type Mode = "paste" | "file" | "link" | "qr" | "status";
const MODES: Mode[] = ["paste", "file", "link", "qr", "status"];

interface Element {
  getAttribute: (name: string) => string | null;
}

interface Scenario {
  verdict: Verdict;
  credential: () => JsonObject;
  /** The check row that explains the verdict and the reason the user reads there (any of these). */
  check: [string, ReasonCode][];
  /** Status-only links carry no content: a tampered copy's link is its original's, so "invalid" is not reached. */
  statusOnly?: false;
  /**
   * The verdict through the status box: a status-only link carries no content nor dates, so a credential the
   * registry vouches for is "status-only" there, never "valid" (nor expired or not yet valid: those need the dates).
   */
  viaStatus?: Verdict;
  rpcDown?: true;
}

describe("verifier web app", { timeout: 600_000 }, () => {
  const stateDir = mkdtempSync(join(tmpdir(), "acredita-web-e2e-"));
  // The browser's camera plays this file (written by the camera test, once the link it shows is known).
  const cameraVideo = join(mkdtempSync(join(tmpdir(), "acredita-camera-")), "camera.y4m");
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
    [browser, stack] = await Promise.all([launchChromium(fakeCameraArgs(cameraVideo)), startStack(stateDir)]);
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
    rmSync(dirname(cameraVideo), { recursive: true, force: true });
  });

  /** A request to one of the registry's sources (the chain, or the second endpoint in front of it). */
  function isRpc(url: URL): boolean {
    return stack.rpcUrls.some((rpc) => url.port === new URL(rpc).port);
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
    // A function, not a string: the app's CSP forbids eval, and Playwright polls string predicates with eval.
    await page.waitForFunction(
      (after: number) => {
        const doc = (globalThis as unknown as { document: { querySelector: (s: string) => Element | null } }).document;
        const run = doc.querySelector('[data-testid="verdict"]')?.getAttribute("data-run");
        return (run != null && Number(run) > after) || doc.querySelector('[data-testid="input-problem"]') !== null;
      },
      afterRun,
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
    await unfoldForm(page);
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

  /**
   * Presses "Share this credential" once the valid verdict's page has settled: after the verification record, the
   * last panel that appears on its own (a lazy chunk shown once the verdict is painted).
   */
  async function askToShare(page: Page): Promise<void> {
    await page.getByTestId("record").waitFor();
    await page.getByTestId("share-open").click();
  }

  /** A verdict on screen folds the input form behind "Verify another": opens it again. */
  async function unfoldForm(page: Page): Promise<void> {
    const another = page.getByTestId("verify-another");
    if (await another.isVisible()) await another.click();
  }

  /** Status only: types a value in the status box and returns what the page answers. */
  async function checkStatus(page: Page, value: string): Promise<string> {
    await unfoldForm(page);
    await page.locator('input[name="input-mode"][value="status"]').check();
    await page.locator("#status-input").fill(value);
    await page.locator("form button[type=submit]").click();
    const answer = page.getByTestId("status-result").or(page.getByTestId("input-problem")).first();
    await answer.filter({ hasNotText: /^(Checking…|Consultando…)?$/ }).waitFor({ timeout: 15_000 });
    return (await answer.textContent()) ?? "";
  }

  describe("each verdict through each input mode, in each language", () => {
    const scenarios: Scenario[] = [
      {
        verdict: "valid",
        credential: () => good.credentials[0] as JsonObject,
        check: [["STATUS", "STATUS_ACTIVE"]],
        viaStatus: "status-only",
      },
      {
        verdict: "valid-with-warnings",
        credential: () => warned.credentials[0] as JsonObject,
        check: [["ISSUER", "ISSUER_OK"]],
        viaStatus: "status-only",
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
        viaStatus: "status-only",
      },
      {
        verdict: "not-yet-valid",
        credential: () => future.credentials[0] as JsonObject,
        check: [["VALIDITY", "VALIDITY_NOT_YET_VALID"]],
        viaStatus: "status-only",
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
            const expected = mode === "status" ? (scenario.viaStatus ?? scenario.verdict) : scenario.verdict;
            const explained: [string, ReasonCode][] =
              expected === "status-only" ? [["VALIDITY", "SKIPPED_STATUS_ONLY"]] : scenario.check;
            const label = `${scenario.verdict} via ${mode} in ${language}`;
            await submit(page, mode, scenario.credential());
            if (mode === "link") lastRun = 0;
            const shown = await readVerdict(page, lastRun).catch((error: unknown) => {
              throw new Error(`${label}: ${String(error)}`);
            });
            assert.equal(shown.verdict, expected, label);
            assert.equal(shown.title, verdictMessage(expected, language), label);
            lastRun = shown.run;
            const rows = await Promise.all(
              explained.map(async ([check, reason]) => ({
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
        assert.equal(cases, 8 * 5 - 1);
        await page.close();
      });
    }
  });

  describe("the walking skeleton's promises, on the new registry", () => {
    it("shows the local chain id and the registry address", async () => {
      const page = await openPage("en");
      await page.getByTestId("chain-id").filter({ hasText: "31337" }).waitFor({ timeout: 15_000 });
      assert.match((await page.getByTestId("registry-address").textContent()) ?? "", new RegExp(stack.registry, "i"));
      await page.close();
    });

    it("answers anchored for a root anchored by a script, and not anchored for another", async () => {
      const page = await openPage("en");
      assert.equal(await checkStatus(page, good.root), "Anchored");
      assert.match(
        (await page.getByTestId("status-batch").textContent()) ?? "",
        /Universidad Nacional de Ejemplo \(MX\)/,
      );
      assert.equal(await checkStatus(page, `0x${"a5".repeat(32)}`), "Not anchored");
      await page.close();
    });

    it("explains bad input instead of querying the chain", async () => {
      const page = await openPage("es");
      assert.equal(
        await checkStatus(page, "   "),
        "Primero pegue una raíz de lote, un resumen de credencial o una hoja.",
      );
      assert.match(await checkStatus(page, "0xnot-a-root"), /hexadecimal/);
      assert.match(await checkStatus(page, "0x1234"), /64 dígitos hexadecimales/);
      await page.close();
    });
  });

  describe("safe by construction", () => {
    it("renders an XSS corpus in every field as text: nothing runs, no foreign request, links stay https", async () => {
      const xss = await world.issue(uneje, {
        issuerName: XSS[2],
        edit: (credential, i) => {
          const payload = (n: number) => XSS[(i + n) % XSS.length] ?? "";
          credential.name = payload(0);
          const issuer = credential.issuer as JsonObject;
          issuer.url = payload(3);
          credential.image = "https://tracker.example/badge.png";
          const subject = credential.credentialSubject as JsonObject;
          subject.identifier = [
            { type: "IdentityObject", identityType: "name", hashed: false, identityHash: payload(1) },
          ];
          subject.result = [{ type: ["Result"], value: payload(2) }];
          const achievement = structuredClone(subject.achievement) as JsonObject;
          achievement.description = payload(4);
          achievement.image = { id: "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", type: "Image" };
          const mc = achievement.microcredential as JsonObject;
          mc.assessment = payload(5);
          mc.learningOutcomes = XSS;
          mc.qualityAssurance = payload(10);
          subject.achievement = achievement;
        },
        learners: XSS.slice(0, 3).map((name, i) => ({ id: `X-${i}`, name, completedOn: "2026-06-01" })),
      });
      const page = await openPage("en");
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      let dialogs = 0;
      page.on("dialog", (dialog) => {
        dialogs++;
        void dialog.dismiss();
      });
      let lastRun = 0;
      for (const credential of xss.credentials) {
        for (const mode of ["link", "paste"] as const) {
          await submit(page, mode, credential);
          if (mode === "link") lastRun = 0;
          const shown = await readVerdict(page, lastRun);
          lastRun = shown.run;
          assert.ok(["valid", "valid-with-warnings"].includes(shown.verdict), shown.verdict);
          await page.getByTestId("credential-card").waitFor();
          assert.ok(((await page.getByTestId("card-title").textContent()) ?? "").length > 0);
          assert.equal(await page.evaluate("window.__pwned"), undefined, "a payload ran");
          const hrefs = await page
            .locator("a[href]")
            .evaluateAll((links: Element[]) => links.map((a) => a.getAttribute("href") ?? ""));
          for (const href of hrefs) assert.match(href, /^(https:|blob:|#main$)/, `unsafe link ${href}`);
          const images = await page
            .locator("img")
            .evaluateAll((imgs: Element[]) => imgs.map((img) => img.getAttribute("src") ?? ""));
          for (const src of images) assert.match(src, /^data:image\/(png|jpeg|gif|webp);base64,/, `image ${src}`);
          assert.equal(await page.locator("script:not([src])").count(), 0);
        }
      }
      assert.equal(dialogs, 0);
      const app = new URL(stack.url).origin;
      const rpcs = stack.rpcUrls.map((url) => new URL(url).origin);
      const foreign = requests.filter(
        (url) => ![app, ...rpcs].includes(new URL(url).origin) && !url.startsWith("about:"),
      );
      assert.deepEqual(foreign, [], "nothing named by a credential is fetched");
      await page.close();
    });

    it("refuses a 10 MB paste at once, before it reaches the page", async () => {
      const page = await openPage("pt-BR");
      const elapsed = await pasteHuge(page, 10 * 1024 * 1024);
      assert.match((await page.getByTestId("input-problem").textContent()) ?? "", /grande demais/);
      assert.equal(await page.locator("#paste-input").inputValue(), "");
      assert.ok(elapsed < 1000, `took ${elapsed} ms`);
      assert.equal(await page.evaluate("1 + 1"), 2, "the page stays responsive");
      await page.close();
    });

    it("explains deeply nested JSON instead of hanging", async () => {
      const page = await openPage("en");
      await page.locator("#paste-input").fill(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
      await page.locator("form button[type=submit]").click();
      const shown = await readVerdict(page);
      assert.equal(shown.verdict, "invalid");
      assert.ok(
        ((await page.getByTestId("check-FORMAT").textContent()) ?? "").includes(reasonMessage("PARSE_TOO_DEEP", "en")),
      );
      await page.close();
    });

    it("explains a broken link fragment", async () => {
      for (const [fragment, reason] of [
        ["#v1.c.@@not-base64@@", "LINK_NOT_BASE64URL"],
        ["#v1.c.AAAAAAAAAAAA", "LINK_NOT_DEFLATE"],
        ["#v9.c.abc", "LINK_UNSUPPORTED_VERSION"],
      ] as const) {
        const page = await openPage("es", fragment);
        const problem = page.getByTestId("input-problem");
        await problem.waitFor({ timeout: 10_000 });
        assert.ok(((await problem.textContent()) ?? "").includes(reasonMessage(reason, "es")), fragment);
        assert.equal(await page.getByTestId("verdict").count(), 0);
        await page.close();
      }
    });
  });

  describe("an RPC that fails never yields valid", () => {
    it("says could not check when the RPC is slower than the timeout", async () => {
      const page = await openPage("en");
      await page.route(isRpc, async (route) => {
        await new Promise((r) => setTimeout(r, 7_000));
        await route.continue().catch(() => undefined);
      });
      await submit(page, "paste", good.credentials[0] as JsonObject);
      const shown = await readVerdict(page);
      assert.equal(shown.verdict, "could-not-check");
      assert.equal(shown.title, verdictMessage("could-not-check", "en"));
      await page.unroute(isRpc);
      await page.close();
    });

    it("says could not check when the RPC answers for another chain", async () => {
      const other = await startAnvil(4242);
      try {
        const page = await openPage("pt-BR");
        await page.route(isRpc, (route) => route.continue({ url: other.rpcUrl }));
        await submit(page, "link", good.credentials[0] as JsonObject);
        const shown = await readVerdict(page);
        assert.equal(shown.verdict, "could-not-check");
        assert.ok(
          ((await page.getByTestId("check-REGISTRY").textContent()) ?? "").includes(
            reasonMessage("REGISTRY_CHAIN_MISMATCH", "pt-BR"),
          ),
        );
        await page.close();
      } finally {
        await other.stop();
      }
    });

    it("says the sources disagree when one of the two lies about a revoked credential, and never shows revoked or valid", async () => {
      // The second source (the endpoint npm start runs in front of the chain) flips the lowest bit of every
      // eth_call answer: a status that decodes, but is not the chain's.
      const liar = new URL(stack.rpcUrls[1] ?? "").port;
      assert.notEqual(liar, new URL(stack.rpcUrls[0] ?? "").port, "npm start serves two sources");
      const page = await openPage("es");
      let lies = 0;
      await page.route(
        (url) => url.port === liar,
        async (route) => {
          const response = await route.fetch();
          const sent = route.request().postDataJSON() as
            { id: number; method: string } | { id: number; method: string }[];
          const calls = new Set(
            (Array.isArray(sent) ? sent : [sent]).filter((r) => r.method === "eth_call").map((r) => r.id),
          );
          const lie = (answer: { id: number; result?: unknown }) => {
            if (!calls.has(answer.id) || typeof answer.result !== "string" || answer.result.length <= 2) return answer;
            lies++;
            const last = Number.parseInt(answer.result.slice(-1), 16) ^ 1;
            return { ...answer, result: `${answer.result.slice(0, -1)}${last.toString(16)}` };
          };
          const body = (await response.json()) as { id: number; result?: unknown } | { id: number; result?: unknown }[];
          await route.fulfill({ response, json: Array.isArray(body) ? body.map(lie) : lie(body) });
        },
      );
      await submit(page, "link", good.credentials[1] as JsonObject);
      const shown = await readVerdict(page);
      assert.ok(lies > 0, "the lying source answered");
      assert.equal(shown.verdict, "could-not-check");
      assert.ok(
        ((await page.getByTestId("check-ANCHOR").textContent()) ?? "").includes(
          reasonMessage("SOURCES_DISAGREE", "es"),
        ),
      );
      await page.close();
    });
  });

  describe("accessibility and the README's screenshots", () => {
    it("has no serious or critical axe-core violation on the main views", async () => {
      const page = await openPage("en");
      const audit = async (view: string) => {
        await page.evaluate(AXE_SOURCE);
        const result = await page.evaluate<{ id: string; impact: string; nodes: number }[]>(
          "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })))",
        );
        const bad = result.filter((v) => v.impact === "serious" || v.impact === "critical");
        assert.deepEqual(bad, [], `${view}: ${JSON.stringify(bad)}`);
      };
      await audit("empty verifier");
      await submit(page, "link", good.credentials[0] as JsonObject);
      await readVerdict(page);
      await askToShare(page);
      await page.getByTestId("share").waitFor();
      await audit("valid verdict with card and sharing");
      await submit(page, "link", tampered);
      assert.equal((await readVerdict(page)).verdict, "invalid");
      await audit("tampered verdict with its content marked");
      await page.getByRole("button", { name: "Registry explorer" }).click();
      await page.getByTestId("registry-institution").first().waitFor({ timeout: 15_000 });
      await page.getByTestId("registry-institution").first().getByRole("button").click();
      await page.getByTestId("registry-batch").first().waitFor({ timeout: 15_000 });
      await audit("registry explorer");
      await page.close();
    });

    it("takes the valid, revoked and tampered screenshots, on a desktop and a phone, each after its verdict", async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      for (const [device, viewport] of [
        ["", { width: 1280, height: 900 }],
        ["-phone", { width: 390, height: 844 }],
      ] as const) {
        const context = await browser.newContext({ locale: "en-US", viewport, deviceScaleFactor: 1 });
        const page = await context.newPage();
        for (const [name, credential, verdict] of [
          ["valid", good.credentials[0], "valid"],
          ["revoked", good.credentials[1], "revoked"],
          ["tampered", tampered, "invalid"],
        ] as const) {
          if (device === "-phone" && name === "revoked") continue;
          await page.goto("about:blank");
          await page.goto(credentialLink(stack.url, credential as JsonObject));
          const shown = await readVerdict(page);
          assert.equal(shown.verdict, verdict, `${name}${device}`);
          assert.equal(shown.title, verdictMessage(verdict, "en"), `${name}${device}`);
          await page.getByTestId("credential-card").waitFor();
          await page.getByTestId("anchoring").waitFor();
          await page.getByTestId("chain-id").filter({ hasText: "31337" }).waitFor({ timeout: 15_000 });
          await page.screenshot({ path: join(SCREENSHOTS, `${name}${device}.png`), fullPage: false });
        }
        await context.close();
      }
    });
  });

  describe("the registry explorer", () => {
    it("lists each institution with its status, history and batches", async () => {
      const page = await openPage("es");
      await page.getByRole("button", { name: "Explorador del registro" }).click();
      const institutions = page.getByTestId("registry-institution");
      await institutions.first().waitFor({ timeout: 15_000 });
      assert.match((await institutions.nth(1).textContent()) ?? "", /Instituto Federal de Exemplo \(BR\).*suspendida/);
      await institutions.first().getByRole("button").click();
      await page.getByTestId("institution-detail").waitFor({ timeout: 15_000 });
      const detail = (await page.getByTestId("institution-detail").textContent()) ?? "";
      assert.match(detail, /Admitida/);
      assert.match(detail, /Clave de firma agregada/);
      assert.ok((await page.getByTestId("registry-batch").count()) >= 4);
      assert.equal(await institutions.first().getByTestId("registry-issuer-id").textContent(), uneje.issuerId);
      await page.close();
    });

    it("shows each institution's issuer id and the versions of its issuer identity, and each batch's version", async () => {
      const first = await world.admit("Escola Técnica de Exemplo", "BR", 5, "did:web:etex.example");
      const batch = await world.issue(first, { learners: [{ id: "E-1", name: "Rita", completedOn: "2026-05-01" }] });
      const renamed = await world.rename(first, {
        name: "Escola Técnica Federal de Exemplo",
        issuerId: "https://etfex.example/issuer",
      });
      const page = await openPage("pt-BR");
      await page.getByRole("button", { name: "Explorador do registro" }).click();
      const item = page.getByTestId("registry-institution").filter({ hasText: renamed.name });
      await item.waitFor({ timeout: 15_000 });
      assert.equal(await item.getByTestId("registry-issuer-id").textContent(), renamed.issuerId);
      await item.getByRole("button").click();
      const versions = item.getByTestId("identity-version");
      await versions.nth(1).waitFor({ timeout: 15_000 });
      assert.equal(await versions.count(), 2);
      assert.equal(await versions.nth(0).getByTestId("identity-name").textContent(), "Escola Técnica de Exemplo");
      assert.equal(await versions.nth(0).getByTestId("identity-issuer-id").textContent(), "did:web:etex.example");
      assert.equal(await versions.nth(1).getByTestId("identity-name").textContent(), renamed.name);
      assert.equal(await versions.nth(1).getByTestId("identity-issuer-id").textContent(), renamed.issuerId);
      assert.match((await versions.nth(1).textContent()) ?? "", /v2\s*atual/);
      const detail = (await item.getByTestId("institution-detail").textContent()) ?? "";
      assert.match(detail, /Admitida: “Escola Técnica de Exemplo”, identificador do emissor did:web:etex\.example/);
      assert.match(detail, /Perfil atualizado: “Escola Técnica Federal de Exemplo”, .*\(identidade v2\)/);
      const row = item.getByTestId("registry-batch");
      assert.equal(await row.count(), 1);
      assert.equal(await row.getByTestId("batch-identity").textContent(), "v1");
      // Anchored under version 1, the credential still verifies: its issuer id is the one recorded then.
      await submit(page, "link", batch.credentials[0] as JsonObject);
      let shown = await readVerdict(page);
      assert.equal(shown.verdict, "valid");
      assert.ok(
        ((await page.getByTestId("check-ISSUER").textContent()) ?? "").includes(reasonMessage("ISSUER_OK", "pt-BR")),
      );
      // Anchored under version 2 with the issuer id of version 1: the registry's issuer id is not the credential's.
      const stale = await world.issue(renamed, {
        learners: [{ id: "E-2", name: "Luís", completedOn: "2026-05-02" }],
        edit: (credential) => {
          (credential.issuer as JsonObject).id = first.issuerId;
        },
      });
      // The page reads the registry at a block it pins for BLOCK_REFRESH_MS: wait until that block includes the anchor.
      await new Promise((resolve) => setTimeout(resolve, BLOCK_REFRESH_MS + 200));
      await submit(page, "paste", stale.credentials[0] as JsonObject);
      shown = await readVerdict(page, shown.run);
      assert.equal(shown.verdict, "invalid");
      const issuerRow = (await page.getByTestId("check-ISSUER").textContent()) ?? "";
      assert.ok(issuerRow.includes(reasonMessage("ISSUER_ID_MISMATCH", "pt-BR")), issuerRow);
      await page.close();
    });
  });

  describe("verdict first, on a phone and a desktop", () => {
    /** How far the page is wider than its viewport (0 when nothing overflows sideways). */
    const overflow = (page: Page) => page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");

    it("opens a link straight into the verdict and the certificate, the form folded behind Verify another", async () => {
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const context = await browser.newContext({ locale: "en-US", viewport });
        const page = await context.newPage();
        await page.goto(credentialLink(stack.url, good.credentials[0] as JsonObject));
        assert.equal((await readVerdict(page)).verdict, "valid");
        const verdict = await page.getByTestId("verdict").boundingBox();
        const card = await page.getByTestId("credential-card").boundingBox();
        assert.ok(verdict !== null && card !== null);
        assert.ok(verdict.y >= 0 && verdict.y + 40 < viewport.height, `verdict at ${verdict.y}, ${viewport.width}px`);
        assert.ok(card.y > verdict.y && card.y < viewport.height, `card at ${card.y}, ${viewport.width}px`);
        assert.equal(await page.locator(".input-panel").count(), 0, "the form is folded");
        await page.getByTestId("verify-another").click();
        const form = await page.locator(".input-panel").boundingBox();
        assert.ok(form !== null);
        assert.equal(await page.evaluate("document.activeElement.id"), "input-title");
        await context.close();
      }
    });

    it("loads the signature-checking code for a signed credential's link only, never for a paper link", async () => {
      /** The scripts a cold open of `url` requested before its verdict showed, by chunk name (hash dropped). */
      async function chunksBeforeVerdict(url: string): Promise<Set<string>> {
        const context = await browser.newContext({ locale: "en-US" });
        const page = await context.newPage();
        await page.goto(url);
        assert.equal((await readVerdict(page)).verdict, "valid");
        const names = await resourcesBeforeVerdict(page);
        await context.close();
        return new Set(names.flatMap((name) => /\/assets\/(.+)-[\w-]{8}\.js$/.exec(name)?.[1] ?? []));
      }
      const credential = good.credentials[0] as JsonObject;
      const signed = await chunksBeforeVerdict(credentialLink(stack.url, credential));
      const paper = await chunksBeforeVerdict(encodePaperLink(stack.url, credential));
      assert.ok(signed.has("startup") && paper.has("startup"), [...paper].join(", "));
      for (const chunk of ["data-integrity", "jsonld", "rdf-canonize"]) {
        assert.ok(signed.has(chunk), `a signed link's verdict needs ${chunk}: ${[...signed].join(", ")}`);
        assert.ok(!paper.has(chunk), `a paper link loaded ${chunk}: ${[...paper].join(", ")}`);
      }
    });

    it("never overflows sideways at 360, 390 or 430 px, whatever a credential says", async () => {
      const odd = await world.issue(uneje, {
        learners: [
          { id: "W-1", name: "Wide", completedOn: "2026-06-01" },
          { id: "W-2", name: "Bidi", completedOn: "2026-06-01" },
        ],
        edit: (credential, i) => {
          const subject = credential.credentialSubject as JsonObject;
          if (i === 0) {
            subject.name = "W".repeat(200_000);
            credential.name = `Course ${"M".repeat(5_000)}`;
          } else {
            subject.name = "\u202Eevil.exe \u202Dnormal \u2067مرحبا بالعالم\u2069";
          }
        },
      });
      const context = await browser.newContext({ locale: "en-US", viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const views: [string, () => Promise<void>][] = [
        ["empty verifier", () => page.goto(stack.url).then(() => undefined)],
        [
          "valid, sharing",
          async () => {
            await submit(page, "link", good.credentials[0] as JsonObject);
            await readVerdict(page);
            await askToShare(page);
            await page.getByTestId("share").waitFor();
          },
        ],
        [
          "revoked",
          () =>
            submit(page, "link", good.credentials[1] as JsonObject)
              .then(() => readVerdict(page))
              .then(),
        ],
        [
          "tampered",
          () =>
            submit(page, "link", tampered)
              .then(() => readVerdict(page))
              .then(),
        ],
        [
          "200k-character name",
          () =>
            submit(page, "link", odd.credentials[0] as JsonObject)
              .then(() => readVerdict(page))
              .then(),
        ],
        [
          "right-to-left override",
          () =>
            submit(page, "link", odd.credentials[1] as JsonObject)
              .then(() => readVerdict(page))
              .then(),
        ],
        [
          "registry explorer",
          async () => {
            await page.getByRole("button", { name: "Registry explorer" }).click();
            await page.getByTestId("registry-institution").first().waitFor({ timeout: 15_000 });
            await page.getByTestId("registry-institution").first().getByRole("button").click();
            await page.getByTestId("registry-batch").first().waitFor({ timeout: 15_000 });
          },
        ],
      ];
      const worst: string[] = [];
      const small: string[] = [];
      for (const [view, open] of views) {
        await page.setViewportSize({ width: 390, height: 844 });
        await open();
        // Every control a finger uses (a radio or checkbox through its label) is at least 44 px tall.
        const tiny = await page.evaluate<string[]>(TOO_SMALL_TO_TAP);
        small.push(...tiny.map((control) => `${view}: ${control}`));
        for (const width of [360, 390, 430]) {
          await page.setViewportSize({ width, height: 844 });
          const over = await overflow(page);
          if (over > 0) worst.push(`${view} at ${width}px: ${over}px`);
        }
      }
      assert.deepEqual(worst, []);
      assert.deepEqual(small, []);
      await context.close();
    });

    it("marks a tampered credential's content untrustworthy, and offers sharing only on valid, when asked", async () => {
      const page = await openPage("en");
      await submit(page, "link", tampered);
      assert.equal((await readVerdict(page)).verdict, "invalid");
      const card = page.getByTestId("credential-card");
      assert.equal(await card.getAttribute("data-trust"), "untrustworthy");
      assert.match((await page.getByTestId("card-untrustworthy").textContent()) ?? "", /^Not trustworthy\./);
      assert.ok(await page.getByTestId("card-untrustworthy").isVisible());
      assert.equal(await page.getByTestId("share-open").count(), 0);
      await submit(page, "link", good.credentials[1] as JsonObject);
      assert.equal((await readVerdict(page)).verdict, "revoked");
      await page.getByTestId("credential-card").waitFor();
      assert.equal(await page.getByTestId("credential-card").getAttribute("data-trust"), "genuine");
      assert.equal(await page.getByTestId("share-open").count(), 0);
      assert.equal(await page.getByTestId("share").count(), 0);
      await submit(page, "link", good.credentials[0] as JsonObject);
      assert.equal((await readVerdict(page)).verdict, "valid");
      await page.getByTestId("anchoring").waitFor();
      assert.equal(await page.getByTestId("share").count(), 0, "sharing waits to be asked for");
      await askToShare(page);
      await page.getByTestId("share").waitFor();
      await page.close();
    });
  });

  describe("text from a credential cannot reorder the app's own", () => {
    it("keeps the app's sentence in reading order after a name with a right-to-left override (U+202E)", async () => {
      const batch = await world.issue(uneje, {
        issuerName: "\u202EUniversidad Falsa",
        learners: [{ id: "RLO-1", name: "\u202EAna Torres", completedOn: "2026-06-01" }],
      });
      const page = await openPage("en");
      await submit(page, "link", batch.credentials[0] as JsonObject);
      await readVerdict(page);
      await page.getByTestId("card-claimed-name").waitFor();
      // Where two neighbouring words of the app's sentence are drawn: reversed by the override, "from" would come first.
      const drawn = JSON.parse(
        await page.evaluate<string>(`(() => {
          const dd = document.querySelector('[data-testid="card-claimed-name"]');
          const node = [...dd.childNodes].find((n) => n.nodeType === 3 && n.textContent.includes("differs"));
          const box = (word) => {
            const range = document.createRange();
            const at = node.textContent.indexOf(word);
            range.setStart(node, at);
            range.setEnd(node, at + word.length);
            const rect = range.getClientRects()[0];
            return { left: rect.left, top: rect.top };
          };
          return JSON.stringify({ first: box("differs"), last: box("from") });
        })()`),
      ) as { first: { left: number; top: number }; last: { left: number; top: number } };
      const { first, last } = drawn;
      const sameLine = Math.abs(first.top - last.top) < 2;
      assert.ok(sameLine ? first.left < last.left : first.top < last.top, JSON.stringify(drawn));
      await page.close();
    });
  });

  describe("paper QR codes, the printed record and the verification receipt", () => {
    /** 4 cm at 300 dpi: the side in pixels of a QR code printed on a certificate and photographed. */
    const PRINTED_SIDE = Math.round((4 / 2.54) * 300);

    async function uploadQr(page: Page, png: Buffer): Promise<void> {
      await page.locator('input[name="input-mode"][value="qr"]').check();
      await page.locator("#qr-input").setInputFiles({ name: "qr.png", mimeType: "image/png", buffer: png });
    }

    it("share QR at 4 cm / 300 dpi → the paper link → learner, achievement and dates verified; LinkedIn link", async () => {
      const credential = good.credentials[0] as JsonObject;
      const page = await openPage("en");
      await submit(page, "link", credential);
      assert.equal((await readVerdict(page)).verdict, "valid");
      await askToShare(page);
      const qr = page.getByTestId("share-qr");
      // The panel is a lazy chunk: on a loaded machine it may take a while, and if it never comes, say what is shown.
      await qr.waitFor({ timeout: 60_000 }).catch(async (error: unknown) => {
        const shown = await page.locator(".share-ask").textContent();
        throw new Error(`no share QR code; the share area shows ${JSON.stringify(shown)}`, { cause: error });
      });
      assert.ok(Number(await qr.getAttribute("data-version")) <= 25, "version 25 at most, at level M");
      // Printed at 4 cm and photographed at 300 dpi: the page's QR code drawn alone on a white 472-pixel square, each
      // module a whole number of dots as a printer lays it (not resized in place, where the panel's layout and
      // transitions may still be moving when the shot is taken).
      const markup = await qr.evaluate((svg: { outerHTML: string }) => svg.outerHTML);
      const modules = Number(/viewBox="0 0 (\d+)/.exec(markup)?.[1]);
      const printed = await browser.newPage({ viewport: { width: PRINTED_SIDE + 80, height: PRINTED_SIDE + 80 } });
      await printed.setContent(
        `<body style="margin:0;background:#fff;color:#000"><div style="padding:40px"><div id="paper" style="width:${PRINTED_SIDE}px;height:${PRINTED_SIDE}px;display:grid;place-items:center;background:#fff">${markup}</div></div></body>`,
      );
      await printed.locator("svg").evaluate(
        (svg: { setAttribute: (n: string, v: string) => void; removeAttribute: (n: string) => void }, side: number) => {
          svg.removeAttribute("class");
          svg.removeAttribute("style");
          svg.setAttribute("width", String(side));
          svg.setAttribute("height", String(side));
        },
        Math.floor(PRINTED_SIDE / modules) * modules,
      );
      const drawn = printed.locator("#paper");
      const png = await drawn.screenshot();
      await printed.close();
      const image = PNG.sync.read(png);
      assert.equal(image.width, PRINTED_SIDE);
      const read = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? "";
      assert.ok(read.startsWith(`${stack.url}#V2.`), read.slice(0, 80));
      const linkedIn = new URL((await page.getByTestId("share-linkedin").getAttribute("href")) ?? "");
      assert.equal(`${linkedIn.origin}${linkedIn.pathname}`, "https://www.linkedin.com/profile/add");
      assert.equal(linkedIn.searchParams.get("startTask"), "CERTIFICATION_NAME");
      assert.equal(linkedIn.searchParams.get("organizationName"), "Universidad Nacional de Ejemplo");
      assert.equal(linkedIn.searchParams.get("certUrl"), read);
      assert.match(await page.getByTestId("share-embed").inputValue(), /^<a href="http:\/\/127\.0\.0\.1:\d+\/#V2\./);
      await page.close();
      // Read back by the page (its jsQR), in Spanish: valid, with what the paper shows.
      const reader = await openPage("es");
      await uploadQr(reader, png);
      assert.equal((await readVerdict(reader)).verdict, "valid");
      await reader
        .getByText(LEARNERS[0]?.name ?? "-")
        .first()
        .waitFor();
      await reader.getByText("Negociación y Liderazgo").first().waitFor();
      assert.ok(Number((await reader.getByTestId("hidden-count").textContent())?.match(/\d+/)?.[0]) > 0);
      await reader.close();
    });

    it("an expired credential's printed paper QR code says expired (the README's phone screenshot)", async () => {
      const context = await browser.newContext({
        locale: "en-US",
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      await page.goto(stack.url);
      await uploadQr(
        page,
        qrPng(encodePaperLink(stack.url, expired.credentials[0] as JsonObject), { side: PRINTED_SIDE }),
      );
      const shown = await readVerdict(page);
      assert.equal(shown.verdict, "expired");
      assert.equal(shown.title, verdictMessage("expired", "en"));
      await page.getByTestId("credential-card").waitFor();
      await page.getByTestId("chain-id").filter({ hasText: "31337" }).waitFor({ timeout: 15_000 });
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, "expired-qr-phone.png"), fullPage: false });
      await context.close();
    });

    it("prints one A4 and one Letter page, and its receipt is checked again by acredita verify --receipt", async () => {
      const batch = await world.issue(uneje);
      const page = await openPage("en");
      await submit(page, "link", batch.credentials[0] as JsonObject);
      assert.equal((await readVerdict(page)).verdict, "valid");
      const record = page.getByTestId("print-record");
      await record
        .getByTestId("print-transaction")
        .filter({ hasText: /^0x[0-9a-f]{64}$/ })
        .waitFor({ state: "attached" });
      assert.match(
        (await record.getByTestId("print-verified").textContent()) ?? "",
        /^Verified on .+ with http:\/\/127\.0\.0\.1:\d+, http/,
      );
      assert.ok((await record.getByTestId("print-qr").count()) === 1);
      for (const format of ["A4", "Letter"] as const) {
        const pdf = (await page.pdf({ format })).toString("latin1");
        assert.equal(pdf.match(/\/Type\s*\/Page(?!s)/g)?.length, 1, `${format}: one page`);
      }
      // The README's shot of the printed record, once it shows the verdict.
      await page.emulateMedia({ media: "print" });
      assert.equal(await record.getAttribute("data-verdict"), "valid");
      await page.screenshot({ path: join(SCREENSHOTS, "printed-record.png"), fullPage: true });
      await page.emulateMedia({ media: "screen" });
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("record-receipt").click()]);
      const file = join(stateDir, "receipt.json");
      await download.saveAs(file);
      await page.close();
      const receipt = JSON.parse(readFileSync(file, "utf8")) as { verdict: string; anchoring: { transaction: string } };
      assert.equal(receipt.verdict, "valid");
      assert.match(receipt.anchoring.transaction, /^0x[0-9a-f]{64}$/);
      const chain = { rpcUrl: stack.rpcUrl, stateDir };
      const holds = JSON.parse(
        expectExit(await spawnCli(chain, ["verify", "--receipt", file, "--json"]), 0).stdout,
      ) as {
        holds: boolean;
        changes: unknown[];
      };
      assert.deepEqual([holds.holds, holds.changes], [true, []]);
      await world.revoke(uneje, batch.root, 0, 1);
      const changed = expectExit(await spawnCli(chain, ["verify", "--receipt", file]), 1).stdout;
      assert.match(changed, /The verdict changed: Valid → Revoked/);
      assert.match(changed, /STATUS +VALID STATUS_ACTIVE → INVALID STATUS_CREDENTIAL_REVOKED/);
    });
  });

  describe("scanning a QR code with the camera", () => {
    it("says when there is no camera, and when its permission was refused, in the reader's language", async () => {
      const page = await openPage("es");
      await page.locator('input[name="input-mode"][value="qr"]').check();
      const problem = page.getByTestId("camera-problem");
      // No video file yet: the browser has no camera at all.
      await page.getByTestId("camera-start").click();
      await problem.waitFor({ timeout: 15_000 });
      assert.equal(await problem.getAttribute("data-problem"), "none");
      assert.match((await problem.textContent()) ?? "", /^No se encontró ninguna cámara\./);
      await page.getByTestId("camera").getByRole("button").click();
      // A camera now, but this page was never allowed to use it.
      writeQrVideo(cameraVideo, referenceLink(stack.url, good.credentials[0] as JsonObject));
      await page.getByTestId("camera-start").click();
      await problem.waitFor({ timeout: 15_000 });
      assert.equal(await problem.getAttribute("data-problem"), "denied");
      assert.match((await problem.textContent()) ?? "", /^Se rechazó el permiso de la cámara\./);
      await page.close();
    });

    it("reads a QR code held in front of the camera and verifies what it carries", async () => {
      writeQrVideo(cameraVideo, referenceLink(stack.url, good.credentials[0] as JsonObject));
      const context = await browser.newContext({ locale: "en-US" });
      await context.grantPermissions(["camera"], { origin: new URL(stack.url).origin });
      const page = await context.newPage();
      await page.goto(stack.url);
      await page.locator('input[name="input-mode"][value="qr"]').check();
      await page.getByTestId("camera-start").click();
      assert.equal((await readVerdict(page)).verdict, "status-only");
      // The camera is released once the code is read.
      await page.getByTestId("camera").waitFor({ state: "detached" });
      await context.close();
    });
  });

  describe("restarts", () => {
    it("keeps the deployment, the anchored batches and the web build across a restart", async () => {
      const registryBefore = stack.registry;
      // The same ports, as a second `npm start` uses: the web app's inputs are then unchanged, so its build is reused.
      const ports = {
        rpc: Number(new URL(stack.rpcUrl).port),
        web: Number(new URL(stack.url).port),
        relay: Number(new URL(stack.rpcUrls[1] ?? "").port),
      };
      assert.equal(await stack.stop(), 0, "Ctrl-C should stop the stack cleanly");
      stack = await startStack(stateDir, ports);
      assert.equal(stack.registry, registryBefore);
      assert.match(stack.output(), /reused from/);
      assert.match(stack.output(), /Web build +unchanged, reused/);
      const page = await openPage("en");
      assert.equal(await checkStatus(page, good.root), "Anchored");
      await submit(page, "link", good.credentials[0] as JsonObject);
      assert.equal((await readVerdict(page)).verdict, "valid");
      await page.close();
    });
  });
});
