import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");

/** Compiles the production contracts (incremental) and regenerates `core/generated/` from the artifacts. */
export function buildContracts(): void {
  for (const [command, args] of [
    ["npx", ["hardhat", "build", "--no-tests", "--quiet"]],
    [process.execPath, ["tools/generate-core.ts"]],
  ] as const) {
    const result = spawnSync(command, args, { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    if (result.status !== 0) throw new Error(`\`${[command, ...args].join(" ")}\` failed (see above)`);
  }
}
