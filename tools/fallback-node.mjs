// Finds the Node 22 that tools/launch.mjs and scripts/acredita.mjs re-run themselves on when the Node on PATH is
// too old: `npx --package node@22.23.3`, which downloads it once into npm's npx cache. Plain JavaScript with no
// dependencies (it runs on the old Node).
//
// It never stalls on what an interrupted run left behind. npx holds a lock directory (`concurrency.lock`, its
// mtime refreshed every second) in its install folder while it reads or installs, even when the package is
// already there; a run killed meanwhile leaves the lock, and the next npx waits about 65 s until it counts as
// stale. So:
//   1. a complete install from an earlier run (its binary answers `--version` with the expected version) is used
//      directly: no npx, no lock;
//   2. otherwise a lock nobody refreshes for STALE_MS is removed (one a live npx refreshes is left to it), and so
//      is an install without a working binary (a download killed half-way), before npx runs;
//   3. npx's answer is checked the same way; if it is not a working Node 22, step 2 runs again and npx once more.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, rmSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** The Node.js fetched from the npm registry when the one on PATH is too old. */
export const FALLBACK_NODE = "node@22.23.3";
const VERSION = `v${FALLBACK_NODE.split("@")[1]}`;
/** npx refreshes its lock every second: a lock unchanged for this long belongs to a process that is gone. */
export const STALE_MS = 3_000;

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** npm's cache folder (`npm_config_cache`, else npm's default). */
export function npmCacheDir(env = process.env) {
  const configured = env.npm_config_cache ?? env.NPM_CONFIG_CACHE;
  if (configured) return configured;
  return process.platform === "win32" ? join(env.LOCALAPPDATA ?? homedir(), "npm-cache") : join(homedir(), ".npm");
}

/** The folder npx installs `FALLBACK_NODE` into (libnpmexec: the first 16 hex digits of sha512 of the spec). */
export function npxInstallDir(env = process.env) {
  const hash = createHash("sha512").update(FALLBACK_NODE).digest("hex").slice(0, 16);
  return join(npmCacheDir(env), "_npx", hash);
}

/** The Node binary of a complete install in `dir`, or undefined when it is missing, broken or another version. */
export function installedNode(dir) {
  const node = join(dir, "node_modules", "node", "bin", process.platform === "win32" ? "node.exe" : "node");
  if (!existsSync(node)) return undefined;
  const probe = spawnSync(node, ["--version"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    timeout: 30_000,
  });
  return probe.status === 0 && probe.stdout.trim() === VERSION ? node : undefined;
}

function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Removes what an interrupted npx run left in `dir`: its lock, once nobody has refreshed it for `staleMs` (waiting
 * at most that long; a lock that is refreshed meanwhile is a live npx's and stays), and then, when no live npx holds
 * the folder, an install without a working binary. Returns what it removed, for the caller to say.
 */
export function clearInterrupted(dir, { staleMs = STALE_MS, now = Date.now } = {}) {
  const removed = [];
  const lock = join(dir, "concurrency.lock");
  const first = mtimeOf(lock);
  if (first !== undefined) {
    let mtime = first;
    while (mtime !== undefined && now() - mtime < staleMs) {
      sleep(Math.min(200, staleMs));
      const next = mtimeOf(lock);
      if (next !== undefined && next !== mtime) return removed; // refreshed: a live npx holds it
      mtime = next;
    }
    if (mtime !== undefined) {
      rmSync(lock, { recursive: true, force: true });
      removed.push("lock");
    }
  }
  if (existsSync(join(dir, "node_modules", "node")) && installedNode(dir) === undefined) {
    rmSync(dir, { recursive: true, force: true });
    removed.push("incomplete install");
  }
  return removed;
}

function viaNpx(env) {
  const probe = spawnSync("npx", ["--yes", "--package", FALLBACK_NODE, "--", "node", "-p", "process.execPath"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    env,
  });
  const node = probe.status === 0 ? probe.stdout.trim() : "";
  if (node === "") return undefined;
  const version = spawnSync(node, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return version.status === 0 && version.stdout.trim() === VERSION ? node : undefined;
}

/**
 * The path of a working `FALLBACK_NODE` binary (see the module comment), or undefined when it cannot be had
 * (no npm, no network). `say` receives one line about anything removed.
 */
export function findFallbackNode({ env = process.env, say = () => undefined } = {}) {
  const dir = npxInstallDir(env);
  const installed = installedNode(dir);
  if (installed !== undefined) return installed;
  for (let attempt = 0; attempt < 2; attempt++) {
    const removed = clearInterrupted(dir);
    if (removed.length > 0) say(`removed what an interrupted download left (${removed.join(", ")}) in ${dir}`);
    const node = viaNpx(env);
    if (node !== undefined) return node;
  }
  return undefined;
}
