/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or those whose name contains one of the given filters),
 * merges their metrics into `bench/results.json` and prints them as a table.
 *
 * A bench file default-exports `async () => Metrics`. Metrics from files not run this time are kept, so a
 * partial run (`npm run bench -- contract`) refreshes only what it measured.
 */
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildContracts } from "../scripts/lib/contracts-build.ts";
import type { Metrics } from "./metrics.ts";

const BENCH_DIR = new URL(".", import.meta.url).pathname;
const RESULTS = join(BENCH_DIR, "results.json");

interface Results {
  generatedAt: string;
  node: string;
  metrics: Metrics;
}

const filters = process.argv.slice(2);
const files = readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(
    `No bench file matches ${filters.join(", ")}. Available: ${readdirSync(BENCH_DIR)
      .filter((f) => f.endsWith(".bench.ts"))
      .join(", ")}`,
  );
  process.exit(2);
}

// The benches deploy the artifacts as they are: build first, so they are never stale or left instrumented by a
// coverage run.
buildContracts();

const previous: Metrics = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, "utf8")) as Results).metrics : {};
const metrics: Metrics = { ...previous };
for (const file of files) {
  console.error(`▶ ${file}`);
  const { default: bench } = (await import(join(BENCH_DIR, file))) as { default: () => Promise<Metrics> };
  Object.assign(metrics, await bench());
}

const sorted = Object.fromEntries(Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b)));
const results: Results = { generatedAt: new Date().toISOString(), node: process.version, metrics: sorted };
writeFileSync(`${RESULTS}.tmp`, JSON.stringify(results, null, 2) + "\n");
renameSync(`${RESULTS}.tmp`, RESULTS);

console.table(Object.fromEntries(Object.entries(sorted).map(([name, m]) => [name, { value: m.value, unit: m.unit }])));
console.log(`Wrote ${RESULTS}`);
// Hardhat's in-process network and worker handles can keep the event loop alive; the run is complete here.
process.exit(0);
