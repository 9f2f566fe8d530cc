/**
 * The embedded local chain of `npm start`: an anvil node on 127.0.0.1 whose state is saved to a file, so
 * deployments and anchored batches survive a restart.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createPublicClient, http } from "viem";
import { mnemonicToAccount } from "viem/accounts";

export const LOCAL_CHAIN_ID = 31337;

/**
 * The development mnemonic every local EVM node (anvil, Hardhat) funds. Its keys are public knowledge: they
 * are used only against the local chain, never on a real network.
 */
const LOCAL_DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** The n-th funded development account of the local chain. */
export function localDevAccount(index = 0) {
  return mnemonicToAccount(LOCAL_DEV_MNEMONIC, { addressIndex: index });
}

export interface LocalChain {
  rpcUrl: string;
  /** Stops the node, letting it write its state file first. */
  stop(): Promise<void>;
}

export interface StartLocalChainOptions {
  host: string;
  port: number;
  stateDir: string;
}

const require = createRequire(import.meta.url);

export async function startLocalChain({ host, port, stateDir }: StartLocalChainOptions): Promise<LocalChain> {
  const rpcUrl = `http://${host}:${port}`;
  const log = createWriteStream(join(stateDir, "chain.log"), { flags: "a" });
  const child = spawn(
    process.execPath,
    [
      require.resolve("@foundry-rs/anvil/bin.mjs"),
      ["--host", host],
      ["--port", String(port)],
      ["--chain-id", String(LOCAL_CHAIN_ID)],
      // Load the saved state if any, save it on exit and every few seconds (so a crash loses little).
      ["--state", join(stateDir, "chain-state.json")],
      ["--state-interval", "2"],
    ].flat(),
    { env: { ...process.env, TARGET_TOOL: "anvil" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));

  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the local chain exited at start (code ${child.exitCode}); see ${join(stateDir, "chain.log")}`);
    }
    try {
      const chainId = await client.getChainId();
      if (chainId !== LOCAL_CHAIN_ID) throw new Error(`node on ${rpcUrl} reports chain ${chainId}`);
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        await stopProcess(child, exited);
        throw new Error(`the local chain did not answer on ${rpcUrl} within 20 s`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { rpcUrl, stop: () => stopProcess(child, exited) };
}

/** SIGINT lets anvil dump its state; SIGKILL after 10 s so shutdown never hangs. */
async function stopProcess(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
