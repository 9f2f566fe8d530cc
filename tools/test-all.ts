/**
 * `npm test`: every quality gate and every test suite, in order, then one summary line.
 *
 * Each stage's output streams to the terminal and is also parsed for its pass/fail counts; a stage that exits
 * non-zero counts as failed even when its output could not be parsed. All stages run even after a failure, so
 * one run shows everything that is wrong.
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { type Counts, parseCounts } from "./test-counts.ts";

interface Stage {
  name: string;
  command: string;
  args: string[];
  /** Kind "gate" counts as one check; kind "tests" reports the runner's own counts. */
  kind: "gate" | "tests";
  /** Fails the stage when the output matches (for tools that warn but exit 0). */
  failOn?: RegExp;
}

const stages: Stage[] = [
  // --force so compiler warnings are printed every time (Hardhat prints them only when it compiles); warnings fail.
  // Production contracts only: the Solidity test files are compiled once, instrumented, by the coverage stage
  // (last), which fails on their warnings. The IR pipeline makes every compilation of them cost about a minute.
  {
    name: "contracts build (warnings are errors)",
    command: "npx",
    args: ["hardhat", "build", "--force", "--no-tests"],
    kind: "gate",
    failOn: /^Warning:/m,
  },
  { name: "generate core/generated", command: "node", args: ["tools/generate-core.ts"], kind: "gate" },
  { name: "typecheck", command: "npm", args: ["run", "--silent", "typecheck"], kind: "gate" },
  { name: "eslint", command: "npm", args: ["run", "--silent", "lint"], kind: "gate" },
  { name: "prettier", command: "npm", args: ["run", "--silent", "format:check"], kind: "gate" },
  { name: "solhint", command: "npm", args: ["run", "--silent", "lint:sol"], kind: "gate" },
  {
    name: "core, CLI and tooling (node:test on Hardhat's network and local nodes)",
    // Uninstrumented: these suites measure behaviour, not the contracts' coverage.
    command: "npx",
    // --no-compile: the contracts were just built; the Solidity test files are not needed here.
    args: ["hardhat", "test", "nodejs", "--no-compile", ...nodeSuitesOutside("test/node/contracts")],
    kind: "tests",
  },
  { name: "frontend unit tests (vitest)", command: "npm", args: ["run", "--silent", "test:web"], kind: "tests" },
  { name: "end-to-end (chromium)", command: "npm", args: ["run", "--silent", "test:e2e"], kind: "tests" },
  {
    name: "contracts: Solidity + node:test with 100% line coverage",
    // `hardhat test --coverage` on the contract suites only (it compiles its own instrumented build, so no
    // --no-compile); fails below 100% line coverage of contracts/ and on any compiler warning. Last, because the
    // instrumented build invalidates the normal build's cache, which the other stages reuse without compiling.
    command: "node",
    args: [
      "tools/check-coverage.ts",
      ...testFiles("test/contracts", ".t.sol"),
      ...testFiles("test/node/contracts", ".ts"),
    ],
    kind: "tests",
    failOn: /^Warning:/m,
  },
];

/** Test files under `dir` (recursively) whose names end with `suffix`, sorted. */
function testFiles(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(suffix))
    .map((file) => join(dir, file))
    .sort();
}

/** Every node:test file under test/node except those under `excluded`. */
function nodeSuitesOutside(excluded: string): string[] {
  return testFiles("test/node", ".ts").filter((file) => !file.startsWith(`${excluded}/`));
}

function runStage(stage: Stage): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(stage.command, stage.args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const tee = (chunk: Buffer, sink: NodeJS.WriteStream) => {
      output += chunk.toString();
      sink.write(chunk);
    };
    child.stdout.on("data", (c: Buffer) => {
      tee(c, process.stdout);
    });
    child.stderr.on("data", (c: Buffer) => {
      tee(c, process.stderr);
    });
    child.on("error", (error) => {
      resolve({ code: 127, output: String(error) });
    });
    child.on("close", (code) => {
      resolve({ code: code ?? 1, output });
    });
  });
}

async function main(): Promise<void> {
  const tests: Counts = { passed: 0, failed: 0 };
  const gates: Counts = { passed: 0, failed: 0 };
  const failures: string[] = [];
  const started = Date.now();
  for (const stage of stages) {
    console.log(`\n▶ ${stage.name}`);
    const stageStart = Date.now();
    const { code, output } = await runStage(stage);
    const matchedFailure = stage.failOn?.test(stripVTControlCharacters(output)) ?? false;
    let ok = code === 0 && !matchedFailure;
    if (stage.kind === "gate") {
      gates[ok ? "passed" : "failed"]++;
    } else {
      const counts = parseCounts(output);
      if (counts === undefined) {
        ok = false;
        tests.failed++;
      } else {
        tests.passed += counts.passed;
        tests.failed += counts.failed;
        if (counts.failed > 0) ok = false;
      }
    }
    if (!ok) failures.push(stage.name);
    console.log(`${ok ? "✔" : "✘"} ${stage.name} (${((Date.now() - stageStart) / 1000).toFixed(1)} s)`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (failures.length > 0) console.log(`\nFailed stages: ${failures.join(", ")}`);
  console.log(
    `\nSUMMARY: ${tests.passed} tests passed, ${tests.failed} failed; ${gates.passed} gates passed, ${gates.failed} failed (${seconds} s)`,
  );
  process.exitCode = failures.length === 0 ? 0 : 1;
}

await main();
