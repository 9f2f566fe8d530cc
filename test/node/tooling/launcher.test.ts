import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, describe, it } from "node:test";
// @ts-expect-error -- plain JavaScript without type declarations (it must run on an old Node)
import * as fallback from "../../../tools/fallback-node.mjs";

const ROOT = resolve(import.meta.dirname, "..", "..", "..");
const LAUNCHER = join(ROOT, "tools", "launch.mjs");
const BIN = join(ROOT, "scripts", "acredita.mjs");

interface FallbackNode {
  FALLBACK_NODE: string;
  npxInstallDir: (env: Record<string, string | undefined>) => string;
  installedNode: (dir: string) => string | undefined;
  clearInterrupted: (dir: string, options?: { staleMs?: number }) => string[];
}
const { FALLBACK_NODE, npxInstallDir, installedNode, clearInterrupted } = fallback as FallbackNode;
const VERSION = `v${FALLBACK_NODE.split("@")[1] ?? ""}`;

const scratch = mkdtempSync(join(tmpdir(), "acredita-launcher-"));
after(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** An npx install folder for FALLBACK_NODE under a fresh npm cache: complete (a stand-in binary) or half-written. */
function npxFolder(kind: "complete" | "half-written" | "none"): { cache: string; dir: string } {
  const cache = mkdtempSync(join(scratch, "cache-"));
  const dir = npxInstallDir({ npm_config_cache: cache });
  const bin = join(dir, "node_modules", "node", "bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(dir, "node_modules", "node", "package.json"), '{"name":"node","version":"22.23.3"}');
  if (kind === "complete") {
    writeFileSync(join(bin, "node"), `#!/bin/sh\necho ${VERSION}\n`);
    chmodSync(join(bin, "node"), 0o755);
  }
  if (kind === "none") rmSync(join(dir, "node_modules"), { recursive: true });
  return { cache, dir };
}

/** A lock directory as npx leaves it, last refreshed `ageMs` ago. */
function lockOf(dir: string, ageMs: number): string {
  const lock = join(dir, "concurrency.lock");
  mkdirSync(lock);
  const when = (Date.now() - ageMs) / 1000;
  utimesSync(lock, when, when);
  return lock;
}
/** The machine's system Node (20 on our CI machines): the old Node the launcher must cope with. */
const SYSTEM_NODE = "/usr/bin/node";
const systemNodeMajor = existsSync(SYSTEM_NODE)
  ? Number(spawnSync(SYSTEM_NODE, ["-p", "process.versions.node.split('.')[0]"], { encoding: "utf8" }).stdout)
  : undefined;

describe("tools/launch.mjs", () => {
  it(
    "tells a user on an old Node without npm access what to do, in one sentence and without a stack trace",
    { skip: systemNodeMajor === undefined || systemNodeMajor >= 22 ? "needs a system Node older than 22" : false },
    () => {
      // A PATH holding only the old `node`: no npx, so Node 22 cannot be fetched.
      const bin = mkdtempSync(join(tmpdir(), "acredita-old-node-"));
      try {
        symlinkSync(SYSTEM_NODE, join(bin, "node"));
        const result = spawnSync(join(bin, "node"), [LAUNCHER, "noop"], {
          encoding: "utf8",
          env: { PATH: bin, HOME: tmpdir() },
        });
        assert.equal(result.status, 1);
        assert.match(result.stderr, /Acredita needs Node\.js 22\.18 or newer: install Node 22 or 24/);
        assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace");
      } finally {
        rmSync(bin, { recursive: true, force: true });
      }
    },
  );

  it("runs the script on the current Node when it is recent enough", () => {
    const result = spawnSync(process.execPath, [LAUNCHER, "noop"], { encoding: "utf8" });
    assert.equal(result.status, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /too old/);
  });

  it(
    "npx acredita on the system Node prints no npm EBADENGINE warning (was ten lines on Node 20)",
    {
      skip:
        systemNodeMajor === undefined || systemNodeMajor >= 22
          ? "needs a system Node older than 22"
          : installedNode(npxInstallDir({})) === undefined
            ? `needs ${FALLBACK_NODE} in npx's cache (no network here)`
            : false,
    },
    () => {
      // A fresh npm cache, as on a first run: npx then installs this package (a link) into it, checking its
      // "engines" against the running Node. Node 22 is the cached one (hard links), so nothing is downloaded.
      const cache = mkdtempSync(join(scratch, "first-run-"));
      const dir = npxInstallDir({ npm_config_cache: cache });
      mkdirSync(dir, { recursive: true });
      for (const file of ["package.json", "package-lock.json"]) {
        copyFileSync(join(npxInstallDir({}), file), join(dir, file));
      }
      assert.equal(
        spawnSync("cp", ["-al", join(npxInstallDir({}), "node_modules"), join(dir, "node_modules")]).status,
        0,
      );
      const result = spawnSync(join(dirname(SYSTEM_NODE), "npx"), ["--offline", "acredita", "--version"], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, npm_config_cache: cache, PATH: `${dirname(SYSTEM_NODE)}:${process.env.PATH ?? ""}` },
        timeout: 60_000,
      });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout.trim(), "0.1.0");
      assert.doesNotMatch(result.stderr, /EBADENGINE|Unsupported engine/);
    },
  );

  it("rejects a call without a script name", () => {
    const result = spawnSync(process.execPath, [LAUNCHER], { encoding: "utf8" });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /usage: node tools\/launch\.mjs <npm-script>/);
  });
});

describe("tools/fallback-node.mjs: never stalls on what a killed npx left", () => {
  it("finds npx's install folder where npx puts it (sha512 of the package spec)", () => {
    assert.match(npxInstallDir({ npm_config_cache: "/c" }), /^\/c\/_npx\/[0-9a-f]{16}$/);
    assert.equal(npxInstallDir({ npm_config_cache: "/c" }), "/c/_npx/d18f28baf1132559");
  });

  it(
    "uses a complete install directly, and refuses one whose binary is missing or another version",
    { skip: process.platform === "win32" },
    () => {
      const complete = npxFolder("complete");
      assert.equal(installedNode(complete.dir), join(complete.dir, "node_modules", "node", "bin", "node"));
      assert.equal(installedNode(npxFolder("half-written").dir), undefined);
      const other = npxFolder("complete");
      writeFileSync(join(other.dir, "node_modules", "node", "bin", "node"), "#!/bin/sh\necho v22.0.0\n");
      assert.equal(installedNode(other.dir), undefined);
    },
  );

  it("removes a lock nobody refreshes and a half-written install, at once when the lock is old", () => {
    const { dir } = npxFolder("half-written");
    const lock = lockOf(dir, 10_000);
    const started = Date.now();
    assert.deepEqual(clearInterrupted(dir), ["lock", "incomplete install"]);
    assert.ok(Date.now() - started < 1_000);
    assert.equal(existsSync(lock), false);
    assert.equal(existsSync(dir), false, "npx then downloads it afresh");
  });

  it("waits no longer than the stale time for a lock a killed run left just now", () => {
    const { dir } = npxFolder("complete");
    lockOf(dir, 0);
    const started = Date.now();
    assert.deepEqual(clearInterrupted(dir, { staleMs: 400 }), ["lock"]);
    assert.ok(Date.now() - started < 2_000);
    assert.ok(existsSync(join(dir, "node_modules")), "a complete install stays");
  });

  it("leaves alone a lock a live npx keeps refreshing, and its install", async () => {
    const { dir } = npxFolder("half-written");
    const lock = lockOf(dir, 0);
    // A live npx refreshes its lock every second; this one every 100 ms.
    const toucher = spawn(process.execPath, [
      "-e",
      `setInterval(() => { const t = Date.now() / 1000; require("node:fs").utimesSync(${JSON.stringify(lock)}, t, t); }, 100)`,
    ]);
    try {
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(clearInterrupted(dir, { staleMs: 1_000 }), []);
      assert.ok(statSync(lock).isDirectory());
      assert.ok(existsSync(join(dir, "node_modules", "node")), "an install in progress is not removed");
    } finally {
      toucher.kill();
    }
  });

  const realInstall = npxInstallDir({});
  it(
    "acredita and the launcher start at once on an old Node after a run was killed holding npx's lock (was 65 s)",
    {
      skip:
        systemNodeMajor === undefined || systemNodeMajor >= 22
          ? "needs a system Node older than 22"
          : installedNode(realInstall) === undefined
            ? `needs ${FALLBACK_NODE} in npx's cache`
            : false,
    },
    () => {
      // A copy of the real npx install (hard links: no bytes copied) in a cache of its own, with the lock a run
      // killed a moment ago left behind.
      const cache = mkdtempSync(join(scratch, "real-"));
      const dir = npxInstallDir({ npm_config_cache: cache });
      mkdirSync(dirname(dir), { recursive: true });
      mkdirSync(dir);
      for (const file of ["package.json", "package-lock.json"]) copyFileSync(join(realInstall, file), join(dir, file));
      assert.equal(spawnSync("cp", ["-al", join(realInstall, "node_modules"), join(dir, "node_modules")]).status, 0);
      lockOf(dir, 0);
      const env = { ...process.env, npm_config_cache: cache, PATH: `/usr/bin:${process.env.PATH ?? ""}` };
      for (const args of [
        [BIN, "--version"],
        [LAUNCHER, "noop"],
      ]) {
        const started = Date.now();
        const result = spawnSync(SYSTEM_NODE, args, { encoding: "utf8", env, timeout: 30_000 });
        const seconds = (Date.now() - started) / 1000;
        assert.equal(result.status, 0, `${args.join(" ")}: ${result.stderr}`);
        assert.ok(seconds < 20, `${args.join(" ")} took ${String(seconds)} s`);
      }
    },
  );
});
