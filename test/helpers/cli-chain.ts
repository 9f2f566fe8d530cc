/**
 * For CLI tests: a real local chain (anvil on a free loopback port, state in a temporary folder) with the
 * registry deployed by the same code as `npm start`, and two ways to run the `acredita` CLI: in this process
 * ({@link runCli}: the same commands, output and exit code, without a Node start and the CLI's ~700 modules
 * loaded again for each command, about 1 s of CPU) or as a separate process ({@link spawnCli}: as users do, for
 * signals, crashes and the process's own exit).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Address, createPublicClient, http, type PublicClient } from "viem";
import { credentialRegistryAbi } from "../../core/generated/abi.ts";
import { runInThisProcess } from "../../scripts/cli.ts";
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

/** The environment of a CLI run against `chain`: the test chain's RPC URL and state dir, no colours. */
function cliEnv(chain: Pick<TestChain, "rpcUrl" | "stateDir">, env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ACREDITA_RPC_URL: chain.rpcUrl,
    ACREDITA_STATE_DIR: chain.stateDir,
    ACREDITA_PRIVATE_KEY: "",
    NO_COLOR: "1",
    ...env,
  };
}

/**
 * Runs `acredita <args>` against the test chain (its RPC URL and state dir) as a separate process, asynchronously,
 * as users run it: for what only a process shows (a signal, a crash injected with ACREDITA_CRASH_AT, output that
 * must reach a real pipe). `onStderr` sees the standard error as it grows (to act while the command waits).
 */
export function spawnCli(
  chain: Pick<TestChain, "rpcUrl" | "stateDir">,
  args: readonly string[],
  env: Record<string, string> = {},
  onStderr?: (stderr: string) => void,
): Promise<CliRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: cliEnv(chain, env),
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

/** Where the output of the in-process run whose async context is current goes. */
interface Capture {
  stdout: string;
  stderr: string;
  onStderr?: (stderr: string) => void;
}
const capture = new AsyncLocalStorage<Capture>();
/** In-process runs one at a time: each sets the process's environment, exit code and streams while it runs. */
let queue: Promise<unknown> = Promise.resolve();

/** Sends what the CLI writes to stdout and stderr, from within a run's async context, to that run's capture. */
function captureStreams(): void {
  for (const name of ["stdout", "stderr"] as const) {
    const stream = process[name];
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = (chunk: unknown, ...rest: unknown[]) => {
      const run = capture.getStore();
      if (run === undefined) return write(chunk, ...rest);
      run[name] += typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString();
      if (name === "stderr") run.onStderr?.(run.stderr);
      const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      if (callback !== undefined) queueMicrotask(callback);
      return true;
    };
  }
}
let streamsCaptured = false;

/** Sets (or, for undefined, removes) `isTTY` on a stream; returns what undoes it. */
function setIsTTY(stream: object, value: boolean | undefined): () => void {
  const own = Object.getOwnPropertyDescriptor(stream, "isTTY");
  Object.defineProperty(stream, "isTTY", { value, configurable: true, writable: true });
  return () => {
    if (own === undefined) delete (stream as { isTTY?: boolean }).isTTY;
    else Object.defineProperty(stream, "isTTY", own);
  };
}

/**
 * Runs `acredita <args>` against the test chain like {@link spawnCli}, in this process: the same command code, the
 * same environment (the test process's, with the chain's), standard input and output that are not a terminal, and
 * the exit code the process would end with; `signal` is always null. Runs go one at a time (the next waits for the
 * one before it to end). Crash injection needs a process of its own: use {@link spawnCli}.
 */
export function runCli(
  chain: Pick<TestChain, "rpcUrl" | "stateDir">,
  args: readonly string[],
  env: Record<string, string> = {},
  onStderr?: (stderr: string) => void,
): Promise<CliRun> {
  if (env.ACREDITA_CRASH_AT !== undefined) throw new Error("ACREDITA_CRASH_AT kills the process: use spawnCli");
  if (process.cwd() !== ROOT) throw new Error(`runCli runs the CLI in the repository's root, not in ${process.cwd()}`);
  const run = queue.then(() => runHere(cliEnv(chain, env), args, onStderr));
  queue = run.catch(() => undefined);
  return run;
}

async function runHere(
  env: NodeJS.ProcessEnv,
  args: readonly string[],
  onStderr?: (stderr: string) => void,
): Promise<CliRun> {
  if (!streamsCaptured) {
    captureStreams();
    streamsCaptured = true;
  }
  const savedEnv = { ...process.env };
  const savedExitCode = process.exitCode;
  for (const key of Object.keys(process.env)) if (!(key in env)) Reflect.deleteProperty(process.env, key);
  Object.assign(process.env, env);
  process.exitCode = undefined;
  const restoreTTY = [process.stdin, process.stdout, process.stderr].map((stream) => setIsTTY(stream, undefined));
  const output: Capture = { stdout: "", stderr: "", onStderr };
  try {
    await capture.run(output, () => runInThisProcess(args));
    const code = process.exitCode as number | string | undefined;
    return { status: Number(code ?? 0), signal: null, stdout: output.stdout, stderr: output.stderr };
  } finally {
    for (const restore of restoreTTY) restore();
    process.exitCode = savedExitCode;
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) Reflect.deleteProperty(process.env, key);
    Object.assign(process.env, savedEnv);
  }
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

/**
 * The registrar (development account 0) admits the two sample institutions; keys: accounts 1 and 2. `run`: how the
 * commands run ({@link runCli}, or {@link spawnCli} as separate processes).
 */
export async function seedInstitutions(
  chain: Pick<TestChain, "rpcUrl" | "stateDir">,
  run: typeof runCli = runCli,
): Promise<void> {
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
    expectExit(await run(chain, args), 0);
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
