// Runs one of this repository's npm scripts under Node.js >= 22.18, installing dependencies first when the
// lockfile changed. It is the only file that must run on older Node versions (the system Node 20 on our CI
// machines), so it is plain JavaScript with no dependencies.
//
//   node tools/launch.mjs <npm-script> [args...]
//
// Node too old → re-run itself under Node 22 from the npm registry (`npx --package node@22`), which npm caches.
// Dependencies missing or stale → `npm install` from the lockfile (under Node 22, so npm installs EDR's
// Node-22-only native package). Not `npm ci`: npm 11 writes only this platform's optional packages into the
// lockfile, and `npm ci` then rejects it as out of sync; `npm install` installs exactly the locked versions.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FALLBACK_NODE, findFallbackNode } from "./fallback-node.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Hardhat 3 needs 22.13; type stripping (our TypeScript runs without a build step) is on by default from 22.18. */
const MINIMUM = [22, 18];
const HELP =
  "Acredita needs Node.js 22.18 or newer: install Node 22 or 24 (https://nodejs.org, or `nvm install 22`) and run the command again.";

const [script, ...rest] = process.argv.slice(2);
if (!script) {
  console.error("usage: node tools/launch.mjs <npm-script> [args...]");
  process.exit(2);
}

function isRecentEnough(version) {
  const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
  return major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]);
}

/** Spawns a command attached to this terminal and resolves with its exit code, forwarding SIGINT/SIGTERM. */
function run(command, args, env) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: "inherit" });
    const forward = (signal) => {
      if (child.exitCode === null) child.kill(signal);
    };
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", (error) => {
      console.error(`acredita: could not run ${command}: ${error.message}`);
      done(127);
    });
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      done(code ?? (signal === "SIGINT" ? 130 : 1));
    });
  });
}

/**
 * Finds Node 22 (downloaded once from the npm registry through npx, then cached; never stalled by what a killed
 * run left: tools/fallback-node.mjs) and re-runs this file on it.
 */
async function reexecUnderFallbackNode() {
  console.error(`acredita: Node.js ${process.version} is too old; using ${FALLBACK_NODE} from the npm registry.`);
  const node = findFallbackNode({ say: (line) => console.error(`acredita: ${line}`) }) ?? "";
  const version = node ? (spawnSync(node, ["--version"], { encoding: "utf8" }).stdout?.trim() ?? "") : "";
  if (!isRecentEnough(version || "v0.0")) {
    console.error(`acredita: could not fetch ${FALLBACK_NODE}. ${HELP}`);
    process.exit(1);
  }
  process.exit(await run(node, [fileURLToPath(import.meta.url), script, ...rest], process.env));
}

/** The fields of a package.json that decide what `npm install` installs (editing its scripts installs nothing). */
const INSTALL_FIELDS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies", "overrides"];

/** Fingerprint of everything that decides what `npm install` installs, plus the Node major it ran under. */
function installFingerprint() {
  const hash = createHash("sha256");
  hash.update(readFileSync(join(ROOT, "package-lock.json")));
  for (const file of ["package.json", "frontend/package.json"]) {
    const manifest = JSON.parse(readFileSync(join(ROOT, file), "utf8"));
    hash.update(JSON.stringify([manifest.workspaces, ...INSTALL_FIELDS.map((field) => manifest[field])]));
  }
  hash.update(process.versions.node.split(".")[0]);
  return hash.digest("hex");
}

async function ensureInstalled(env) {
  const stamp = join(ROOT, "node_modules", ".acredita-install");
  const fingerprint = installFingerprint();
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint) return;
  console.error("acredita: installing dependencies (npm install)…");
  const code = await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], env);
  if (code !== 0) {
    console.error(
      "acredita: `npm install` failed (see above). Check your network access to the npm registry and retry.",
    );
    process.exit(code);
  }
  writeFileSync(stamp, fingerprint);
}

async function main() {
  if (!isRecentEnough(process.version)) await reexecUnderFallbackNode();
  // Children (npm, hardhat, vite…) must resolve `node` to this very binary, whatever else is on PATH.
  const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ""}` };
  await ensureInstalled(env);
  process.exit(await run("npm", ["run", "--silent", script, "--", ...rest], env));
}

await main();
