import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";

const LAUNCHER = resolve(import.meta.dirname, "..", "..", "..", "tools", "launch.mjs");
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

  it("rejects a call without a script name", () => {
    const result = spawnSync(process.execPath, [LAUNCHER], { encoding: "utf8" });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /usage: node tools\/launch\.mjs <npm-script>/);
  });
});
