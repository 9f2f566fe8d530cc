/**
 * `npm start`: the whole of Acredita on this machine. Starts the local chain (state kept in `.acredita/`),
 * deploys the registry once, builds and serves the verifier web app, prints where everything is, and on
 * Ctrl-C stops every process it started.
 *
 * The registry has two sources: the chain itself and a second endpoint, a pass-through proxy in front of the same
 * chain (lib/rpc-relay.ts). Verifications read both at one block and need both to agree (quorum 2): the mechanism
 * at work, not independence — both endpoints read the same node. Both, with the quorum and block tag, are in the
 * stack record (`stack.json`) the CLI follows.
 *
 * Options (flags or environment): --state-dir / ACREDITA_STATE_DIR (default .acredita),
 * --rpc-port / ACREDITA_RPC_PORT (8545), --relay-port / ACREDITA_RELAY_PORT (8546: the second endpoint),
 * --web-port / ACREDITA_WEB_PORT (5173), --no-demo / ACREDITA_DEMO=0 (no demo data).
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Address } from "viem";
import type { DemoLink } from "./lib/demo-seed.ts";
import { buildContracts } from "./lib/contracts-build.ts";
import { demoLines, writeDemoLinks } from "./lib/demo-links.ts";
import { deployOrReuseRegistry } from "./lib/local-deployment.ts";
import { LOCAL_CHAIN_ID, startLocalChain, type LocalChain } from "./lib/local-chain.ts";
import { assertPortFree } from "./lib/ports.ts";
import { startRpcRelay, type RpcRelay } from "./lib/rpc-relay.ts";
import { LOCAL_STATUS_LISTS } from "./lib/status-lists.ts";
import { removeStackRecord, writeStackRecord } from "./lib/stack-record.ts";
import { buildWebApp, serveWebApp, type ServedWebApp } from "./lib/web-app.ts";

const HOST = "127.0.0.1";

function parsePort(value: string, name: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`${name} must be a port number, not "${value}"`);
  return port;
}

interface StartOptions {
  stateDir: string;
  rpcPort: number;
  /** The port of the second endpoint (a pass-through proxy in front of the chain). */
  relayPort: number;
  webPort: number;
  /** Seed the demo institutions and credentials on a fresh chain (`--no-demo` or ACREDITA_DEMO=0 to skip). */
  demo: boolean;
}

function readOptions(): StartOptions {
  const { values } = parseArgs({
    allowNegative: true,
    options: {
      demo: { type: "boolean", default: process.env.ACREDITA_DEMO !== "0" },
      "state-dir": { type: "string", default: process.env.ACREDITA_STATE_DIR ?? ".acredita" },
      "rpc-port": { type: "string", default: process.env.ACREDITA_RPC_PORT ?? "8545" },
      "relay-port": { type: "string", default: process.env.ACREDITA_RELAY_PORT ?? "8546" },
      "web-port": { type: "string", default: process.env.ACREDITA_WEB_PORT ?? "5173" },
    },
  });
  return {
    stateDir: resolve(values["state-dir"]),
    rpcPort: parsePort(values["rpc-port"], "ACREDITA_RPC_PORT"),
    relayPort: parsePort(values["relay-port"], "ACREDITA_RELAY_PORT"),
    webPort: parsePort(values["web-port"], "ACREDITA_WEB_PORT"),
    demo: values.demo,
  };
}

/** Seeds the demo credentials on a fresh chain (once); a failure only costs the demo, never the stack. */
async function seedDemoData(
  rpcUrl: string,
  stateDir: string,
  registry: Address,
  linkBase: string,
): Promise<DemoLink[] | undefined> {
  try {
    const { seedDemo } = await import("./lib/demo-seed.ts");
    return await seedDemo({ rpcUrl, stateDir, registry, linkBase });
  } catch (error) {
    console.error(
      `acredita: the demo credentials could not be prepared (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`,
    );
    return undefined;
  }
}

async function main(): Promise<void> {
  let options: StartOptions;
  try {
    options = readOptions();
    mkdirSync(options.stateDir, { recursive: true });
    await assertPortFree(HOST, options.rpcPort, "ACREDITA_RPC_PORT");
    await assertPortFree(HOST, options.relayPort, "ACREDITA_RELAY_PORT");
    await assertPortFree(HOST, options.webPort, "ACREDITA_WEB_PORT");
  } catch (error) {
    console.error(`acredita: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  const { stateDir, rpcPort, relayPort, webPort, demo: withDemo } = options;

  const started = Date.now();
  let chain: LocalChain | undefined;
  let relay: RpcRelay | undefined;
  let web: ServedWebApp | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping Acredita…");
    // First of all: from now on no command should take this stack for a running one.
    removeStackRecord(stateDir);
    await web?.close();
    await relay?.close();
    await chain?.stop();
    console.log("Stopped. The chain state is saved in", stateDir);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  process.on("exit", () => {
    removeStackRecord(stateDir);
  });
  // If whatever started us dies without passing a signal on (a wrapper killed hard), do not linger as an orphan.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void stop(0);
  }, 1_000).unref();

  try {
    buildContracts();
    chain = await startLocalChain({ host: HOST, port: rpcPort, stateDir });
    relay = await startRpcRelay({ host: HOST, port: relayPort, upstream: chain.rpcUrl });
    const deployment = await deployOrReuseRegistry({ rpcUrl: chain.rpcUrl, chainId: LOCAL_CHAIN_ID, stateDir });
    // Two sources, both needed; read at the latest block: anvil's simulated `safe` block lags 32 blocks, which
    // would hide every newly anchored batch, and a single development node has no reorgs.
    const sources = { rpcUrls: [chain.rpcUrl, relay.url], quorum: 2, blockTag: "latest" as const };
    // The local chain's status lists, served beside the app: the verifier compares them with the chain.
    const statusLists = resolve(stateDir, LOCAL_STATUS_LISTS);
    mkdirSync(statusLists, { recursive: true });
    const registries = [
      {
        chainId: LOCAL_CHAIN_ID,
        address: deployment.registry,
        name: "Acredita local registry",
        ...sources,
        statusLists: [`http://${HOST}:${webPort}/${LOCAL_STATUS_LISTS}/`],
      },
    ];
    const demo = withDemo
      ? await seedDemoData(chain.rpcUrl, stateDir, deployment.registry, `http://${HOST}:${webPort}/`)
      : undefined;
    const built = await buildWebApp(resolve(stateDir, "web"), registries);
    // The demo's ~3 KB links go to a file and a page the app serves; the terminal shows the page's short URL.
    const demoFiles = demo === undefined || demo.length === 0 ? undefined : writeDemoLinks(stateDir, demo);
    web = await serveWebApp(resolve(stateDir, "web"), HOST, webPort, { statusLists, stateDir });
    // Every CLI command reads this record to find this stack (whatever its ports); removed when it stops.
    writeStackRecord(stateDir, {
      pid: process.pid,
      rpcUrl: chain.rpcUrl,
      ...sources,
      webUrl: web.url,
      registry: deployment.registry,
      chainId: LOCAL_CHAIN_ID,
      startedAt: new Date().toISOString(),
    });
    console.log(
      [
        "",
        "Acredita is running.",
        `  Verifier web app   ${web.url}`,
        `  Local chain        ${chain.rpcUrl} (chain id ${LOCAL_CHAIN_ID})`,
        `  Second endpoint    ${relay.url} (a pass-through proxy to the same chain: verifications read both at one`,
        "                     block and need them to agree — the quorum at work, not an independent source)",
        `  Registry           ${deployment.registry} (${deployment.reused ? "reused from" : "deployed to"} ${stateDir})`,
        `  Status lists       ${web.url}${LOCAL_STATUS_LISTS}/ (from ${statusLists})`,
        `  Web build          ${built ? "built" : "unchanged, reused"}`,
        `  Endpoints recorded ${resolve(stateDir, "stack.json")} (every \`npx acredita\` command uses this stack)`,
        `  Ready in           ${((Date.now() - started) / 1000).toFixed(1)} s`,
        "",
        ...(demo === undefined || demoFiles === undefined ? [] : demoLines(demo, web.url, demoFiles.text)),
        "Issue, verify and revoke credentials from another terminal (see README, “Issuing credentials”):",
        "  npx acredita issue --template samples/negociacion-liderazgo.course.json \\",
        "    --learners samples/negociacion-liderazgo.learners.csv --out out/negociacion",
        "  npx acredita verify out/negociacion/credentials",
        "Press Ctrl-C to stop.",
        "",
      ].join("\n"),
    );
    console.log(`ACREDITA_READY ${web.url}`);
  } catch (error) {
    console.error(`acredita: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }
}

await main();
