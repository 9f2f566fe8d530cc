import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { expectExit, ROOT, seedInstitutions, spawnCli } from "../helpers/cli-chain.ts";
import { freePort, startStack, type RunningStack } from "../helpers/local-stack.ts";

/**
 * `npm start` on ports other than the defaults: every command finds it through the record it keeps in its state
 * folder, without --rpc-url, and says so; issued links point at its web app, not at port 5173.
 */
describe("acredita CLI follows the running npm start", { timeout: 900_000 }, () => {
  let stateDir: string;
  let outDir: string;
  let stack: RunningStack;
  let stopped = false;
  // No ACREDITA_RPC_URL: the CLI must find the stack itself. An unused port for the default, so that a node
  // someone runs on 8545 cannot answer for the stack.
  let env: Record<string, string>;
  const cli = (args: readonly string[]) => spawnCli({ rpcUrl: "", stateDir }, args, env);

  before(async () => {
    stateDir = mkdtempSync(join(tmpdir(), "acredita-stack-"));
    outDir = mkdtempSync(join(tmpdir(), "acredita-stack-out-"));
    env = { ACREDITA_RPC_PORT: String(await freePort()), ACREDITA_WEB_PORT: String(await freePort()) };
    stack = await startStack(stateDir);
  });
  after(async () => {
    if (!stopped) await stack.stop();
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it("records its endpoints in the state folder while it runs", () => {
    const record = JSON.parse(readFileSync(join(stateDir, "stack.json"), "utf8")) as Record<string, unknown>;
    assert.equal(record.rpcUrl, stack.rpcUrl);
    // The registry's two sources (the chain, then the second endpoint in front of it), both needed, read at latest.
    assert.deepEqual(record.rpcUrls, stack.rpcUrls);
    assert.equal(record.quorum, 2);
    assert.equal(record.blockTag, "latest");
    assert.equal(record.webUrl, stack.url);
    assert.equal(record.registry, stack.registry);
    assert.equal(record.chainId, 31337);
    assert.equal(typeof record.pid, "number");
  });

  // The README's "Issuing credentials (CLI)" walkthrough, each command run with bash as a user types it after
  // `npm start` (the "runs as written on a fresh clone on this machine's Node 20"): `npx acredita …` on the
  // system Node, no ACREDITA_RPC_URL, each command finding this stack, links pointing at its web app.
  it("runs the README's walkthrough as written on the system Node: it issues, verifies, revokes on this stack", async () => {
    const commands = readmeWalkthrough(readFileSync(join(ROOT, "README.md"), "utf8"));
    // What the README says each command prints, in order (its comments: "✔ Valid", "✘ Revoked (exit code 1)").
    const prints: [string, RegExp[]][] = [
      ["issue", [/Issued 25 credentials/, /Transaction\s+0x[\da-f]{64}/]],
      ["verify", [/^✔ Valid\b/m, /Registry read at block \d+ .* through 2 sources, 2 answered \(quorum 2\)/]],
      ["revoke", [/1 credential\b.*issued-in-error/]],
      ["verify", [/^✘ Revoked\b/m, /Reason: issued in error/]],
      ["status", [/Anchored\s+\S+ by 0x/, /Credentials\s+25/, /Revoked\s+1\b/]],
    ];
    assert.deepEqual(
      commands.map((c) => /^npx acredita (\S+)/.exec(c.command)?.[1]),
      prints.map(([name]) => name),
      "the README's walkthrough changed: say here what each of its commands prints",
    );
    // What the demo of a fresh `npm start` admits (the stack here runs without it, so that this file owns its chain).
    await seedInstitutions({ rpcUrl: "", stateDir }, spawnCli);
    // The one thing substituted, which the README says to adapt: the batch's folder (`--out`), here a temporary one.
    const batch = join(outDir, "negociacion");
    // A user's shell: the system Node first on PATH, nothing of this test runner's, no ACREDITA_RPC_URL. The stack
    // keeps its record in a state folder of its own, named with ACREDITA_STATE_DIR as the README's troubleshooting
    // says (a user's is the default `.acredita/`); `env` keeps a node someone runs on port 8545 from answering.
    const shell: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env))
      if (value !== undefined && !/^(ACREDITA_|NODE_TEST_CONTEXT$|npm_(?!config_cache$))/.test(key)) shell[key] = value;
    Object.assign(shell, env, { ACREDITA_STATE_DIR: stateDir, PATH: `${dirname(systemNode())}:${shell.PATH ?? ""}` });
    const using = `Using the local stack started by npm start at ${stack.rpcUrl} (registry ${stack.registry}, chain 31337)`;
    for (const [i, { command, exitCode }] of commands.entries()) {
      const run = await bash(command.replaceAll("out/negociacion", batch), shell);
      const said = `$ ${command}\n--- exit ${run.status ?? run.signal ?? "?"}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
      assert.equal(run.status, exitCode, said);
      assert.ok(run.stderr.includes(using), said);
      assert.doesNotMatch(run.stderr, /EBADENGINE|npm warn/i, said);
      for (const phrase of prints[i]?.[1] ?? []) assert.match(run.stdout, phrase, said);
      if (i === 1) assert.doesNotMatch(run.stdout, /Note:/, said);
    }
    const rows: Record<string, string>[] = parse(readFileSync(join(batch, "links.csv"), "utf8"), { columns: true });
    assert.equal(rows.length, 25);
    for (const row of rows) {
      assert.ok(row.link?.startsWith(`${stack.url}#v1.c.`), row.link);
      assert.ok(row.status_link?.startsWith(`${stack.url}#v1.r.`), row.status_link);
    }
  });

  it("is forgotten when it stops; a record left by a stack that died is ignored, and said so", async () => {
    const record = readFileSync(join(stateDir, "stack.json"), "utf8");
    await stack.stop();
    stopped = true;
    assert.equal(existsSync(join(stateDir, "stack.json")), false);
    // As if the stack had been killed hard: the record is still there, its process is gone.
    writeFileSync(join(stateDir, "stack.json"), record);
    const run = expectExit(await cli(["status", join(outDir, "negociacion")]), 1);
    assert.match(
      run.stderr,
      /Ignoring .*stack\.json: the npm start that wrote it \(process \d+\) is no longer running/,
    );
    assert.match(run.stderr, /refused the connection/);
    assert.match(run.stderr, /Is `npm start` running\?/);
    assert.doesNotMatch(run.stderr, /Using the local stack/);
  });
});

/**
 * The commands of the README's walkthrough: each fenced `sh` block after a `<!-- walkthrough … -->` comment, one
 * command per line (a line ending in `\` goes on), with the exit code its comment states ("exit code 1"), else 0.
 */
function readmeWalkthrough(readme: string): { command: string; exitCode: number }[] {
  const commands: { command: string; exitCode: number }[] = [];
  for (const [, block] of readme.matchAll(/^<!-- walkthrough\b.*-->\n(?:\n)*```sh\n([\s\S]*?)^```$/gm)) {
    for (const command of (block ?? "").split(/(?<!\\)\n/)) {
      if (command.trim() === "" || command.trimStart().startsWith("#")) continue;
      const exitCode = /#.*\bexit code (\d+)/.exec(command)?.[1];
      commands.push({ command, exitCode: exitCode === undefined ? 0 : Number(exitCode) });
    }
  }
  assert.ok(commands.length > 0, "README.md marks no walkthrough block");
  return commands;
}

/** The machine's own Node (Node 20 on ours), as a user's shell finds it: not the Node 22 this test runs on. */
function systemNode(): string {
  for (const node of ["/usr/local/bin/node", "/usr/bin/node"]) {
    if (!existsSync(node)) continue;
    const version = spawnSync(node, ["-v"], { encoding: "utf8" }).stdout.trim();
    if (version !== process.version) return node;
  }
  throw new Error("no system Node besides the one running the tests in /usr/local/bin or /usr/bin");
}

/** `bash -c <line>` from the repository's root, as typed in a terminal there (without one: stdin is closed). */
function bash(
  line: string,
  env: Record<string, string>,
): Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn("bash", ["-c", line], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (status, signal) => {
      done({ status, signal, stdout, stderr });
    });
  });
}
