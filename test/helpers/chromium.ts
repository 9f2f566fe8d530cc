/**
 * Headless Chromium for end-to-end tests: Debian's `chromium` driven by playwright-core (Playwright cannot
 * download its own browsers here). Set CHROMIUM_PATH to use another binary.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

/** `extraArgs`: more Chromium flags (a fake camera, see fake-camera.ts). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const executablePath = CANDIDATES.find((path): path is string => path !== undefined && existsSync(path));
  if (executablePath === undefined) {
    throw new Error("No Chromium found: install Debian's `chromium` (apt-get install chromium) or set CHROMIUM_PATH.");
  }
  return chromium.launch({
    executablePath,
    headless: true,
    // Without the background-networking flags Chromium tries to reach Google's hosts, which this network refuses.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      ...extraArgs,
    ],
  });
}
