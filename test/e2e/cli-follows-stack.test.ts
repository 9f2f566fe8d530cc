import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parse } from "csv-parse/sync";
import { expectExit, LEARNERS, runCli, seedInstitutions, TEMPLATE } from "../helpers/cli-chain.ts";
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
  const cli = (args: readonly string[]) => runCli({ rpcUrl: "", stateDir }, args, env);

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

  it("issues on it and links to its web app; status reads it", async () => {
    await seedInstitutions({ rpcUrl: "", stateDir });
    const out = join(outDir, "cohort");
    const issued = expectExit(await cli(["issue", "--template", TEMPLATE, "--learners", LEARNERS, "--out", out]), 0);
    const using = `Using the local stack started by npm start at ${stack.rpcUrl} (registry ${stack.registry}, chain 31337)`;
    assert.ok(issued.stderr.includes(using), issued.stderr);
    const rows: Record<string, string>[] = parse(readFileSync(join(out, "links.csv"), "utf8"), { columns: true });
    assert.equal(rows.length, 25);
    for (const row of rows) {
      assert.ok(row.link?.startsWith(`${stack.url}#v1.c.`), row.link);
      assert.ok(row.status_link?.startsWith(`${stack.url}#v1.r.`), row.status_link);
    }
    const status = expectExit(await cli(["status", out]), 0);
    assert.ok(status.stderr.includes(using), status.stderr);
    assert.match(status.stdout, /Anchored\s+\S+ by 0x/);
    assert.match(status.stdout, /Credentials\s+25/);
    // verify reads the registry through both recorded sources, at one block.
    const verified = expectExit(await cli(["verify", join(out, "credentials", "UNEJE-2026-0001.json")]), 0);
    assert.match(verified.stdout, /Registry read at block \d+ .* through 2 sources, 2 answered \(quorum 2\)/);
    assert.doesNotMatch(verified.stdout, /Note:/);
  });

  it("is forgotten when it stops; a record left by a stack that died is ignored, and said so", async () => {
    const record = readFileSync(join(stateDir, "stack.json"), "utf8");
    await stack.stop();
    stopped = true;
    assert.equal(existsSync(join(stateDir, "stack.json")), false);
    // As if the stack had been killed hard: the record is still there, its process is gone.
    writeFileSync(join(stateDir, "stack.json"), record);
    const run = expectExit(await cli(["status", join(outDir, "cohort")]), 1);
    assert.match(
      run.stderr,
      /Ignoring .*stack\.json: the npm start that wrote it \(process \d+\) is no longer running/,
    );
    assert.match(run.stderr, /refused the connection/);
    assert.match(run.stderr, /Is `npm start` running\?/);
    assert.doesNotMatch(run.stderr, /Using the local stack/);
  });
});
