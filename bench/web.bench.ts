/**
 * The verifier web app in headless Chromium against a real local stack (`scripts/start.ts`):
 * - web.bundle.initialGzipKB: gzip size of the scripts the page loads at start-up, before any lazy `import()`: the
 *   entry script and the static imports the built `index.html` lists as module preloads (what every visitor
 *   downloads; signature checking, the QR camera, the console and the other languages are lazy chunks outside it);
 * - web.bundle.toVerdictGzipKB: gzip size of every script the page loaded before the first verdict showed, opening
 *   a signed credential's verification link with a cold cache (the start-up scripts plus the lazy chunks that
 *   verdict needed on the way, signature checking included);
 * - web.linkToVerdict.ms: median time from navigating to a verification link to its verdict on screen (cold cache),
 *   the registry read through `npm start`'s two sources (the chain and a relay in front of it), both agreeing;
 * - web.linkToVerdict.p95Throttled.ms: the same on a phone-like budget, the 95th percentile (nearest rank) of 20
 *   cold opens with Chrome DevTools' "Fast 4G" network preset and a 4× CPU slowdown (Chromium's own emulation);
 * - web.soak.heapGrowthMB: JS heap growth over 1,000 verifications in one page session (after GC);
 * - web.rejectHugePaste.ms: a 10 MB paste until the "too large" message shows;
 * - web.qr.version: the largest QR code version (error correction M) the web app draws for a paper link (the share
 *   panel's and the printed record's QR code) over the sample cohorts (the golden fixtures issued from samples/),
 *   with the running page as the link's base;
 * - web.phone.overflowPx: the widest sideways overflow (scrollWidth beyond the viewport) at 360, 390 and 430 px of
 *   the empty verifier, a valid verdict with sharing open and a tampered one.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import type { JsonObject } from "../core/canonical.ts";
import { encodePaperLink } from "../core/paper-link.ts";
import { qrSymbol } from "../frontend/src/lib/qr-symbol.ts";
import { COHORTS, readGolden } from "../test/helpers/golden.ts";
import { launchChromium } from "../test/helpers/chromium.ts";
import { startStack } from "../test/helpers/local-stack.ts";
import { pasteHuge } from "../test/helpers/paste.ts";
import { resourcesBeforeVerdict } from "../test/helpers/resources-before-verdict.ts";
import { credentialLink, LocalWorld } from "../test/helpers/web-world.ts";
import type { Metrics } from "./metrics.ts";

const COLD_RUNS = 7;
const THROTTLED_RUNS = 20;

/**
 * Chrome DevTools' "Fast 4G" preset (`Fast4GConditions` in devtools-frontend's `core/sdk/NetworkManager.ts`):
 * 9 Mbit/s down and 1.5 Mbit/s up at 90 %, 60 ms latency × 2.75; with "4× slowdown" CPU throttling.
 */
const FAST_4G = {
  offline: false,
  latency: 60 * 2.75,
  downloadThroughput: ((9 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((1.5 * 1000 * 1000) / 8) * 0.9,
};
const CPU_SLOWDOWN = 4;
const SOAK_VERIFICATIONS = 1_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The nearest-rank percentile `p` (0–100) of `values`. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Opens `link` in a fresh context (cold cache); `throttled`: with {@link FAST_4G} and {@link CPU_SLOWDOWN}. */
async function coldOpen(
  browser: Browser,
  link: string,
  throttled = false,
): Promise<{ ms: number; scriptBytes: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (throttled) {
    const session = await context.newCDPSession(page);
    await session.send("Network.enable");
    await session.send("Network.emulateNetworkConditions", FAST_4G);
    await session.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  }
  const scripts = new Map<string, Promise<number>>();
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.endsWith(".js")) {
      scripts.set(
        response.url(),
        response.body().then(
          (body) => gzipSync(body, { level: 9 }).length,
          () => 0,
        ),
      );
    }
  });
  const started = performance.now();
  await page.goto(link);
  await page.getByTestId("verdict").waitFor({ timeout: 30_000 });
  const ms = performance.now() - started;
  const read = (await page.getByTestId("registry-read").textContent()) ?? "";
  if (!read.includes("2 answered alike (quorum 2)"))
    throw new Error(`the verdict did not rest on two sources: ${read}`);
  await page.waitForTimeout(300); // let the post-verdict chunks arrive, to prove they are not counted
  const before = await resourcesBeforeVerdict(page);
  let scriptBytes = 0;
  for (const name of before) scriptBytes += (await scripts.get(name)) ?? 0;
  await context.close();
  return { ms, scriptBytes };
}

/**
 * The gzip size of the scripts `index.html` loads at start-up: its module entry and every `modulepreload` (Vite lists
 * the entry's whole static import graph there; dynamic imports are not listed). Throws when the page has no entry.
 */
export async function startupScriptBytes(base: string): Promise<number> {
  const html = await (await fetch(base)).text();
  const urls = [
    ...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
  ].map((match) => new URL(match[1] ?? "", base).href);
  if (urls.length === 0) throw new Error(`no module script in ${base}`);
  let bytes = 0;
  for (const url of new Set(urls)) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${String(response.status)}`);
    bytes += gzipSync(Buffer.from(await response.arrayBuffer()), { level: 9 }).length;
  }
  return bytes;
}

async function heapMB(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send("HeapProfiler.collectGarbage");
  await session.send("HeapProfiler.collectGarbage");
  const { usedSize } = await session.send("Runtime.getHeapUsage");
  await session.detach();
  return usedSize / (1024 * 1024);
}

/** Alternates the page's fragment between two links `count` times, waiting for each verdict in the page. */
async function verifyMany(page: Page, fragments: [string, string], count: number): Promise<void> {
  await page.evaluate(
    async ([a, b, n]) => {
      const g = globalThis as unknown as {
        location: { hash: string };
        document: { querySelector: (s: string) => { getAttribute: (n: string) => string | null } | null };
        requestAnimationFrame: (f: () => void) => void;
      };
      const run = () => Number(g.document.querySelector('[data-testid="verdict"]')?.getAttribute("data-run") ?? 0);
      for (let i = 0; i < n; i++) {
        const before = run();
        g.location.hash = i % 2 === 0 ? b : a;
        await new Promise<void>((done) => {
          const poll = () => {
            if (run() > before) done();
            else g.requestAnimationFrame(poll);
          };
          poll();
        });
      }
    },
    [fragments[0], fragments[1], count] as const,
  );
}

const PHONE_WIDTHS = [360, 390, 430];

/** The widest sideways overflow, in CSS pixels, of the page as it stands at each phone width (0: none). */
async function phoneOverflow(page: Page): Promise<number> {
  let worst = 0;
  for (const width of PHONE_WIDTHS) {
    await page.setViewportSize({ width, height: 844 });
    const over = await page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
    worst = Math.max(worst, over);
  }
  return worst;
}

/** The largest QR version of the web app's paper-link QR codes over the sample cohorts (see the module comment). */
export function paperQrVersion(base: string): number {
  let largest = 0;
  for (const cohort of COHORTS) {
    const { credentials } = readGolden(`${cohort.name}.json`) as { credentials: JsonObject[] };
    for (const credential of credentials) {
      const version = qrSymbol(encodePaperLink(base, credential))?.version ?? Number.POSITIVE_INFINITY;
      largest = Math.max(largest, version);
    }
  }
  return largest;
}

export default async function webBench(): Promise<Metrics> {
  const stateDir = mkdtempSync(join(tmpdir(), "acredita-web-bench-"));
  const [browser, stack] = await Promise.all([launchChromium(), startStack(stateDir)]);
  try {
    const world = new LocalWorld(stack.rpcUrl, stack.registry);
    const institution = await world.admit("Universidad Nacional de Ejemplo", "MX", 3);
    const batch = await world.issue(institution);
    const [first, second] = batch.credentials as [JsonObject, JsonObject];
    const link = credentialLink(stack.url, first);

    await coldOpen(browser, link); // warm the OS and the preview server once
    const runs = [];
    for (let i = 0; i < COLD_RUNS; i++) runs.push(await coldOpen(browser, link));
    const throttled = [];
    for (let i = 0; i < THROTTLED_RUNS; i++) throttled.push((await coldOpen(browser, link, true)).ms);

    const page = await browser.newPage();
    await page.goto(link);
    await page.getByTestId("verdict").waitFor({ timeout: 30_000 });
    const fragments: [string, string] = [
      link.slice(link.indexOf("#") + 1),
      credentialLink(stack.url, second).split("#")[1] ?? "",
    ];
    await verifyMany(page, fragments, 20); // even: ends on the first link again
    const heapBefore = await heapMB(page);
    await verifyMany(page, fragments, SOAK_VERIFICATIONS);
    const heapAfter = await heapMB(page);

    await page.getByTestId("share-open").click();
    await page.getByTestId("share").waitFor({ timeout: 30_000 });
    let overflowPx = await phoneOverflow(page);
    const tampered = structuredClone(first);
    (tampered.credentialSubject as JsonObject).name = "Someone else";
    await page.goto("about:blank");
    await page.goto(credentialLink(stack.url, tampered));
    await page.locator('[data-testid="verdict"][data-verdict="invalid"]').waitFor({ timeout: 30_000 });
    overflowPx = Math.max(overflowPx, await phoneOverflow(page));
    await page.goto(stack.url);
    overflowPx = Math.max(overflowPx, await phoneOverflow(page));
    await page.setViewportSize({ width: 1280, height: 720 });

    const rejectMs = await pasteHuge(page, 10 * 1024 * 1024);
    await page.close();
    const startupBytes = await startupScriptBytes(stack.url);

    return {
      "web.bundle.initialGzipKB": { value: Math.round((startupBytes / 1024) * 10) / 10, unit: "KB" },
      "web.bundle.toVerdictGzipKB": {
        value: Math.round((median(runs.map((r) => r.scriptBytes)) / 1024) * 10) / 10,
        unit: "KB",
      },
      "web.linkToVerdict.ms": { value: Math.round(median(runs.map((r) => r.ms))), unit: "ms" },
      "web.linkToVerdict.p95Throttled.ms": { value: Math.round(percentile(throttled, 95)), unit: "ms" },
      "web.soak.heapGrowthMB": { value: Math.round(Math.max(0, heapAfter - heapBefore) * 100) / 100, unit: "MB" },
      "web.rejectHugePaste.ms": { value: Math.round(rejectMs * 10) / 10, unit: "ms" },
      "web.qr.version": { value: paperQrVersion(stack.url), unit: "version" },
      "web.phone.overflowPx": { value: overflowPx, unit: "px" },
    };
  } finally {
    await stack.stop();
    await browser.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
