/**
 * Runs `hardhat test --coverage` (all Solidity and node:test suites, output streamed unchanged so the runner's
 * "N passing"/"N failing" lines reach `npm test`'s summary) and then fails unless every production contract
 * under `contracts/` has 100% line coverage in `coverage/lcov.info`.
 *
 * Hardhat's coverage reports lines and statements, not branches, so contracts put each `revert` on its own
 * line: a line counts as covered only when it ran. Extra arguments are passed to `hardhat test`.
 *
 * Instrumented bytecode costs more gas, so the gas snapshot test skips itself in the coverage run
 * (`ACREDITA_COVERAGE=1`): `npm test` runs it uninstrumented with the other node suites (`tools/test-all.ts`). The
 * coverage run compiles with the "test" build profile into artifacts-coverage/ and cache-coverage/, leaving the
 * production artifacts alone.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
const LCOV = join(ROOT, "coverage", "lcov.info");
const REQUIRED_PERCENT = 100;

interface FileCoverage {
  file: string;
  found: number;
  hit: number;
}

/** Per-file line totals (`LF`/`LH`) of an lcov report. */
export function parseLcov(text: string): FileCoverage[] {
  const files: FileCoverage[] = [];
  let current: FileCoverage | undefined;
  for (const line of text.split("\n")) {
    if (line.startsWith("SF:")) current = { file: line.slice(3).trim(), found: 0, hit: 0 };
    else if (line.startsWith("LF:") && current) current.found = Number(line.slice(3));
    else if (line.startsWith("LH:") && current) current.hit = Number(line.slice(3));
    else if (line.startsWith("end_of_record") && current) {
      files.push(current);
      current = undefined;
    }
  }
  if (current) files.push(current);
  return files;
}

function hardhat(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("npx", ["hardhat", ...args], { cwd: ROOT, stdio: "inherit", env });
    child.on("close", (code) => {
      resolve(code ?? 1);
    });
    child.on("error", () => {
      resolve(127);
    });
  });
}

rmSync(LCOV, { force: true }); // a failed run must not be judged by an earlier report
// The "test" build profile: the legacy pipeline compiles the test files in seconds, the IR pipeline in minutes
// (hardhat.config.ts); line coverage does not depend on the pipeline. The instrumented build goes to its own
// folders, so this run can go side by side with suites that deploy the production artifacts.
const coverageCode = await hardhat(["--build-profile", "test", "test", "--coverage", ...process.argv.slice(2)], {
  ...process.env,
  ACREDITA_COVERAGE: "1",
  ACREDITA_ARTIFACTS_DIR: "artifacts-coverage",
  ACREDITA_CACHE_DIR: "cache-coverage",
});
if (!existsSync(LCOV)) {
  console.error(`✘ coverage: ${LCOV} was not written`);
  process.exit(1);
}
const production = parseLcov(readFileSync(LCOV, "utf8")).filter((f) => f.file.startsWith("contracts/"));
let ok = production.length > 0;
for (const { file, found, hit } of production) {
  const percent = found === 0 ? 100 : (100 * hit) / found;
  const pass = percent >= REQUIRED_PERCENT;
  ok &&= pass;
  console.log(`${pass ? "✔" : "✘"} line coverage ${percent.toFixed(2)}% (${hit}/${found}) ${file}`);
}
if (production.length === 0) console.error("✘ coverage: no production contract in the report");
process.exit(coverageCode !== 0 ? coverageCode : ok ? 0 : 1);
