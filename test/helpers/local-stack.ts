/**
 * Starts `scripts/start.ts` (the same entry point as `npm start`) on free ports and a state directory of the
 * test's own, and stops it the way a user does: SIGINT.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import type { Address } from "viem";

const ROOT = resolve(import.meta.dirname, "..", "..");

export interface RunningStack {
  url: string;
  rpcUrl: string;
  /** The registry's sources: the chain, then the second endpoint (a pass-through proxy to it). */
  rpcUrls: string[];
  registry: Address;
  output: () => string;
  stop(): Promise<number | null>;
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === "object") resolvePort(address.port);
        else reject(new Error("no port"));
      });
    });
  });
}

/**
 * `options.env` adds environment variables to the stack's process, e.g. a test-only build-time flag such as
 * VITE_ACREDITA_TEST_WALLET (the web app is built inside the stack, so Vite sees it). The demo data of
 * `npm start` is left out unless `options.demo` is true, so each test owns everything on its chain.
 */
export async function startStack(
  stateDir: string,
  ports?: { rpc: number; web: number; relay?: number },
  options: { env?: Record<string, string>; demo?: boolean } = {},
): Promise<RunningStack> {
  const rpc = ports?.rpc ?? (await freePort());
  const web = ports?.web ?? (await freePort());
  const relay = ports?.relay ?? (await freePort());
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "scripts/start.ts",
      ...["--state-dir", stateDir, "--rpc-port", String(rpc), "--web-port", String(web)],
      ...["--relay-port", String(relay)],
      ...(options.demo === true ? [] : ["--no-demo"]),
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...options.env } },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((done) => {
    child.once("exit", (code) => {
      done(code);
    });
  });

  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => {
      fail(new Error(`stack not ready in 120 s:\n${output}`));
    }, 120_000);
    const poll = setInterval(() => {
      const ready = /ACREDITA_READY (\S+)/.exec(output);
      if (ready?.[1] !== undefined) {
        clearInterval(poll);
        clearTimeout(timer);
        done(ready[1]);
      } else if (child.exitCode !== null) {
        clearInterval(poll);
        clearTimeout(timer);
        fail(new Error(`stack exited with code ${child.exitCode}:\n${output}`));
      }
    }, 100);
  });
  const { registry } = JSON.parse(readFileSync(join(stateDir, "deployment.json"), "utf8")) as { registry: Address };
  return {
    url,
    rpcUrl: `http://127.0.0.1:${rpc}`,
    rpcUrls: [`http://127.0.0.1:${rpc}`, `http://127.0.0.1:${relay}`],
    registry,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGINT");
      return exited;
    },
  };
}
