import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../helpers/chromium.ts";
import { type RunningStack, startStack } from "../helpers/local-stack.ts";

const ROOT = resolve(import.meta.dirname, "..", "..");
const anchoredRoot = `0x${"5a".repeat(32)}`;
const otherRoot = `0x${"a5".repeat(32)}`;

function anchor(stack: RunningStack, root: string) {
  return spawnSync(
    process.execPath,
    ["scripts/anchor-root.ts", "--rpc-url", stack.rpcUrl, "--registry", stack.registry, root],
    { cwd: ROOT, encoding: "utf8" },
  );
}

async function check(page: Page, value: string): Promise<string> {
  await page.getByRole("textbox", { name: "Batch root" }).fill(value);
  await page.getByRole("button", { name: "Check" }).click();
  const result = page.getByTestId("root-result");
  await result.filter({ hasNotText: /^(Checking…)?$/ }).waitFor({ timeout: 15_000 });
  return (await result.textContent()) ?? "";
}

describe("walking skeleton: chain → script → browser", { timeout: 240_000 }, () => {
  const stateDir = mkdtempSync(join(tmpdir(), "acredita-e2e-"));
  let browser: Browser;
  let stack: RunningStack;

  before(async () => {
    [browser, stack] = await Promise.all([launchChromium(), startStack(stateDir)]);
  });

  after(async () => {
    await stack.stop();
    await browser.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("shows the local chain id and the registry address", async () => {
    const page = await browser.newPage();
    await page.goto(stack.url);
    await page.getByTestId("chain-id").filter({ hasText: "31337" }).waitFor({ timeout: 15_000 });
    assert.match((await page.getByTestId("registry-address").textContent()) ?? "", new RegExp(stack.registry, "i"));
    await page.close();
  });

  it("answers anchored for a root a script anchored, and not anchored for another", async () => {
    const anchored = anchor(stack, anchoredRoot);
    assert.equal(anchored.status, 0, anchored.stderr);
    const page = await browser.newPage();
    await page.goto(stack.url);
    assert.equal(await check(page, anchoredRoot), "Anchored");
    assert.equal(await check(page, otherRoot), "Not anchored");
    await page.close();
  });

  it("explains bad input instead of querying the chain", async () => {
    const page = await browser.newPage();
    await page.goto(stack.url);
    assert.equal(await check(page, "   "), "Paste a batch root first.");
    assert.match(await check(page, "0xnot-a-root"), /hexadecimal/);
    assert.match(await check(page, "0x1234"), /64 hexadecimal digits/);
    await page.close();
  });

  it("keeps the deployment and the anchored roots across a restart", async () => {
    const registryBefore = stack.registry;
    assert.equal(await stack.stop(), 0, "Ctrl-C should stop the stack cleanly");
    stack = await startStack(stateDir);
    assert.equal(stack.registry, registryBefore);
    assert.match(stack.output(), /reused from/);
    const page = await browser.newPage();
    await page.goto(stack.url);
    assert.equal(await check(page, anchoredRoot), "Anchored");
    await page.close();
    const saved = JSON.parse(readFileSync(join(stateDir, "deployment.json"), "utf8")) as { registry: string };
    assert.equal(saved.registry, registryBefore);
  });
});
