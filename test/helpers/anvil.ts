/** A bare anvil node on a free loopback port with a chosen chain id (for "wrong network" tests). */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createPublicClient, http } from "viem";
import { freePort } from "./local-stack.ts";

export async function startAnvil(chainId: number): Promise<{ rpcUrl: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const bin = createRequire(import.meta.url).resolve("@foundry-rs/anvil/bin.mjs");
  const child = spawn(
    process.execPath,
    [bin, "--host", "127.0.0.1", "--port", String(port), "--chain-id", String(chainId)],
    {
      env: { ...process.env, TARGET_TOOL: "anvil" },
      stdio: "ignore",
    },
  );
  const exited = new Promise<void>((done) =>
    child.once("exit", () => {
      done();
    }),
  );
  const rpcUrl = `http://127.0.0.1:${port}`;
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) });
  for (let i = 0; ; i++) {
    try {
      if ((await client.getChainId()) === chainId) break;
    } catch (error) {
      if (i > 200) throw new Error(`anvil did not start on ${rpcUrl}`, { cause: error });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    rpcUrl,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
