/**
 * For CLI tests: a real local chain (anvil on a free loopback port, state in a temporary folder) with the
 * registry deployed by the same code as `npm start`, and a way to run the `acredita` CLI as a separate process
 * (as users do: exit codes, stdout, stderr, signals).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Address, createPublicClient, http, type PublicClient } from "viem";
import { credentialRegistryAbi } from "../../core/generated/abi.ts";
import { deployOrReuseRegistry } from "../../scripts/lib/local-deployment.ts";
import { LOCAL_CHAIN_ID } from "../../scripts/lib/local-chain.ts";
import { freePort } from "./local-stack.ts";

export const ROOT = resolve(import.meta.dirname, "..", "..");
/** The sample cohorts (a copy of ../shared/samples kept in the repo, so a fresh clone has them). */
export const SAMPLES = resolve(ROOT, "samples");
/** The Spanish cohort: the course template and learners CSV most CLI tests issue. */
export const TEMPLATE = join(SAMPLES, "negociacion-liderazgo.course.json");
export const LEARNERS = join(SAMPLES, "negociacion-liderazgo.learners.csv");
const CLI = join(ROOT, "scripts", "cli.ts");

export interface TestChain {
  rpcUrl: string;
  registry: Address;
  stateDir: string;
  client: PublicClient;
  /** A fresh temporary folder, removed by stop(). */
  tempDir(prefix: string): string;
  stop(): Promise<void>;
}

/**
 * anvil on a free port, without the contract size limit: under `hardhat test --coverage` the artifacts are
 * instrumented and larger than mainnet allows.
 */
async function startAnvil(extraArgs: readonly string[] = []): Promise<{ rpcUrl: string; stop(): Promise<void> }> {
  const port = await freePort();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const require = createRequire(import.meta.url);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      require.resolve("@foundry-rs/anvil/bin.mjs"),
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--chain-id",
      String(LOCAL_CHAIN_ID),
      "--disable-code-size-limit",
      "--silent",
      ...extraArgs,
    ],
    { env: { ...process.env, TARGET_TOOL: "anvil" }, stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      resolve();
    }),
  );
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) });
  for (const deadline = Date.now() + 20_000; ;) {
    try {
      await client.getChainId();
      break;
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`anvil did not start on ${rpcUrl}`, { cause: error });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    rpcUrl,
    async stop() {
      // SIGTERM: anvil's npm wrapper forwards it to the anvil binary (SIGKILL would orphan the binary).
      if (child.exitCode === null) child.kill("SIGTERM");
      const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(force);
    },
  };
}

/**
 * A local chain with the registry deployed (unless `deploy` is false: then `registry` is the zero address);
 * `anvilArgs` are more flags for anvil (e.g. a zero base fee).
 */
export async function startTestChain(options: { deploy?: boolean; anvilArgs?: string[] } = {}): Promise<TestChain> {
  const stateDir = mkdtempSync(join(tmpdir(), "acredita-cli-"));
  const chain = await startAnvil(options.anvilArgs);
  const { registry } =
    options.deploy === false
      ? { registry: "0x0000000000000000000000000000000000000000" as Address }
      : await deployOrReuseRegistry({ rpcUrl: chain.rpcUrl, chainId: LOCAL_CHAIN_ID, stateDir });
  const dirs: string[] = [stateDir];
  return {
    rpcUrl: chain.rpcUrl,
    registry,
    stateDir,
    client: createPublicClient({ transport: http(chain.rpcUrl) }),
    tempDir(prefix) {
      const dir = mkdtempSync(join(tmpdir(), `acredita-${prefix}-`));
      dirs.push(dir);
      return dir;
    },
    async stop() {
      await chain.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      // The Ignition journal local-deployment.ts keeps per state dir (inside the repo; gitignored).
      const id = createHash("sha256").update(resolve(stateDir)).digest("hex").slice(0, 12);
      rmSync(join(ROOT, "ignition", "deployments", `local-${id}`), { recursive: true, force: true });
    },
  };
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `acredita <args>` against the test chain (its RPC URL and state dir), asynchronously. `onStderr` sees the
 * standard error as it grows (to act while the command waits).
 */
export function runCli(
  chain: Pick<TestChain, "rpcUrl" | "stateDir">,
  args: readonly string[],
  env: Record<string, string> = {},
  onStderr?: (stderr: string) => void,
): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        ACREDITA_RPC_URL: chain.rpcUrl,
        ACREDITA_STATE_DIR: chain.stateDir,
        ACREDITA_PRIVATE_KEY: "",
        NO_COLOR: "1",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
      onStderr?.(stderr);
    });
    child.on("close", (status, signal) => {
      done({ status, signal, stdout, stderr });
    });
  });
}

/** Fails with the CLI's output when it did not exit with `code`. */
export function expectExit(run: CliRun, code: number): CliRun {
  if (run.status !== code) {
    throw new Error(
      `expected exit ${code}, got ${run.status ?? run.signal ?? "?"}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`,
    );
  }
  return run;
}

/** The sample institutions' issuer ids (samples/registry.demo.json): what their credentials carry as issuer.id. */
export const UNEJE_ISSUER_ID = "did:web:uneje.example";
export const IFEX_ISSUER_ID = "did:web:ifex.example";

/** The registrar (development account 0) admits the two sample institutions; keys: accounts 1 and 2. */
export async function seedInstitutions(chain: Pick<TestChain, "rpcUrl" | "stateDir">): Promise<void> {
  for (const args of [
    [
      "institution",
      "admit",
      "--name",
      "Universidad Nacional de Ejemplo",
      "--issuer-id",
      UNEJE_ISSUER_ID,
      "--country",
      "MX",
      "--website",
      "https://uneje.example",
    ],
    [
      "institution",
      "admit",
      "--name",
      "Instituto Federal de Exemplo",
      "--issuer-id",
      IFEX_ISSUER_ID,
      "--country",
      "BR",
      "--website",
      "https://ifex.example",
    ],
    ["key", "add", "1", DEV_ADDRESSES[1]],
    ["key", "add", "2", DEV_ADDRESSES[2]],
  ]) {
    expectExit(await runCli(chain, args), 0);
  }
}

/** The first development accounts' addresses (public knowledge; local chain only). */
export const DEV_ADDRESSES = [
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
] as const;

/** The registry recorded in the chain's state dir (where `acredita deploy` and `npm start` put it). */
export function recordedRegistry(chain: Pick<TestChain, "stateDir">): Address {
  return (JSON.parse(readFileSync(join(chain.stateDir, "deployment.json"), "utf8")) as { registry: Address }).registry;
}

/** The roots of the BatchAnchored events of an institution since `fromBlock`. */
export async function anchoredRoots(chain: TestChain, institutionId: number, fromBlock = 0n): Promise<string[]> {
  const logs = await chain.client.getContractEvents({
    address: chain.registry === "0x0000000000000000000000000000000000000000" ? recordedRegistry(chain) : chain.registry,
    abi: credentialRegistryAbi,
    eventName: "BatchAnchored",
    args: { institutionId },
    fromBlock,
  });
  return logs.map((log) => log.args.root ?? "");
}
