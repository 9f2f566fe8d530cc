#!/usr/bin/env node
// The `acredita` command (package.json "bin"). Plain JavaScript, so it runs on any Node: on Node >= 22.18 it loads
// the TypeScript CLI directly (Node strips the types); on an older Node it re-runs itself under Node 22 from the
// npm registry (cached by npx after the first time; tools/fallback-node.mjs), as tools/launch.mjs does for
// `npm start`, or says in one sentence what to install.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { FALLBACK_NODE, findFallbackNode } from "../tools/fallback-node.mjs";

const [major, minor] = process.versions.node.split(".").map(Number);

if (major > 22 || (major === 22 && minor >= 18)) {
  const { main } = await import("./cli.ts");
  await main(process.argv.slice(2));
} else if (process.env.ACREDITA_REEXEC === "1") {
  console.error(
    "acredita: needs Node.js 22.18 or newer; install Node 22 or 24 (https://nodejs.org) and run the command again.",
  );
  process.exit(1);
} else {
  // Never stalled by what a killed run left in npx's cache (see tools/fallback-node.mjs).
  const node = findFallbackNode({ say: (line) => console.error(`acredita: ${line}`) }) ?? "";
  if (node === "") {
    console.error(
      `acredita: needs Node.js 22.18 or newer (this is ${process.version}) and could not fetch ${FALLBACK_NODE}; install Node 22 or 24 (https://nodejs.org) and run the command again.`,
    );
    process.exit(1);
  }
  const child = spawn(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, ACREDITA_REEXEC: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGINT" ? 130 : 1)));
}
