/**
 * Builds the verifier web app for a given set of trusted registries and serves it on 127.0.0.1. A build is
 * skipped when its inputs (sources, core, configuration) are unchanged since the last one in `outDir`.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { PreviewServer } from "vite";
import { writeFileAtomically } from "./atomic-file.ts";
import { serveDemoLinks } from "./demo-links.ts";
import { serveStatusList } from "./status-list-server.ts";

const ROOT = resolve(import.meta.dirname, "..", "..");
const FRONTEND = join(ROOT, "frontend");
const INPUTS = [
  join(FRONTEND, "src"),
  join(FRONTEND, "index.html"),
  join(FRONTEND, "vite.config.ts"),
  join(ROOT, "core"),
  join(ROOT, "package-lock.json"),
];

export interface WebRegistryConfig {
  chainId: number;
  address: string;
  name: string;
  rpcUrls: string[];
  /** How many of `rpcUrls` must answer alike (core/sources.ts). */
  quorum?: number;
  blockTag?: "safe" | "finalized" | "latest";
  /** URL prefixes of the status lists the verifier may fetch to compare with the chain. */
  statusLists?: string[];
}

function* files(path: string): Generator<string> {
  if (!existsSync(path)) return;
  if (statSync(path).isFile()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path).sort()) yield* files(join(path, entry));
}

function fingerprint(env: Record<string, string>): string {
  const hash = createHash("sha256").update(JSON.stringify(env));
  for (const input of INPUTS) for (const file of files(input)) hash.update(file).update(readFileSync(file));
  return hash.digest("hex");
}

/** Builds into `outDir` unless an identical build is already there; returns whether it built. */
export async function buildWebApp(outDir: string, registries: WebRegistryConfig[]): Promise<boolean> {
  // Every VITE_* variable reaches the build (e.g. a test-only wallet flag), so every one decides reuse.
  const inherited = Object.entries(process.env).filter(
    (entry): entry is [string, string] => entry[0].startsWith("VITE_") && entry[1] !== undefined,
  );
  const env = { ...Object.fromEntries(inherited), VITE_ACREDITA_REGISTRIES: JSON.stringify(registries) };
  const stamp = join(outDir, ".acredita-build");
  const print = fingerprint(env);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === print) return false;
  Object.assign(process.env, env);
  const { build } = await import("vite");
  await build({ root: FRONTEND, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  writeFileAtomically(stamp, print);
  return true;
}

export interface ServedWebApp {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built app on `host:port`; with `statusLists`, also the status lists in that folder at
 * `/status-lists/<name>` (status-list-server.ts); with `stateDir`, also the demo's page of links at
 * `/demo-links.html` (demo-links.ts).
 */
export async function serveWebApp(
  outDir: string,
  host: string,
  port: number,
  options: { statusLists?: string; stateDir?: string } = {},
): Promise<ServedWebApp> {
  const { preview } = await import("vite");
  const { statusLists: lists, stateDir } = options;
  const server: PreviewServer = await preview({
    root: FRONTEND,
    logLevel: "warn",
    build: { outDir },
    preview: { host, port, strictPort: true, open: false },
    plugins:
      lists === undefined && stateDir === undefined
        ? []
        : [
            {
              name: "acredita-status-lists",
              configurePreviewServer(preview) {
                preview.middlewares.use((request, response, next) => {
                  if (lists !== undefined && serveStatusList(lists, request, response)) return;
                  if (stateDir !== undefined && serveDemoLinks(stateDir, request, response)) return;
                  next();
                });
              },
            },
          ],
  });
  return { url: `http://${host}:${port}/`, close: () => server.close() };
}
