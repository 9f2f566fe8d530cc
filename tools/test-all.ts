/**
 * `npm test`: every quality gate and every test suite, then one summary line.
 *
 * The contracts are built first; then the other stages run from a queue, {@link SLOTS} at a time, the longest
 * first (longest-processing-time scheduling: the order of {@link stages} below, by the wall and CPU seconds each
 * stage reports in the table at the end). Most stages spend part of their time waiting on chains, browsers and
 * child processes, so four at a time keep the machine's two cores busy. Each stage's output is parsed for its
 * pass/fail counts; a stage that exits non-zero counts as failed even when its output could not be parsed. Output
 * is printed whole when a stage ends. All stages run even after a failure, so one run shows everything that is
 * wrong.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
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
  /** "first": before everything else, in order; "queue": from the queue, in the order of {@link stages}. */
  phase: "first" | "queue";
}

/**
 * Contract suites that run uninstrumented, with the node suites, instead of under coverage: the gas snapshot measures
 * the production artifacts; the model test checks the registry against its specification over random sequences and
 * texts, behaviour that instrumentation does not change, and its thousands of calls are 4 to 20 times slower under
 * coverage. The 100% line coverage gate is met by the other contract suites alone.
 */
const UNINSTRUMENTED = ["test/node/contracts/gas-snapshot.test.ts", "test/node/contracts/registry-model.test.ts"];

/**
 * The CLI suites are split in two stages of about the same CPU time (each starts chains and runs many CLI commands,
 * most in the test process, those that crash on purpose as processes of their own: test/helpers/cli-chain.ts); these
 * are the first half, every other file under test/node/cli the second.
 */
const CLI_FIRST_HALF = [
  "test/node/cli/bad-inputs.test.ts",
  "test/node/cli/crash.test.ts",
  "test/node/cli/credential-keys.test.ts",
  "test/node/cli/faults.test.ts",
];

/** How many stages of the queue run at once. */
const SLOTS = 4;

const stages: Stage[] = [
  // --force so compiler warnings are printed every time (Hardhat prints them only when it compiles); warnings fail.
  // Production contracts only: the Solidity test files are compiled once, instrumented, by the coverage stage
  // (in the queue), which fails on their warnings. The IR pipeline makes every compilation of them cost about a minute.
  {
    name: "contracts build (warnings are errors)",
    command: "npx",
    args: ["hardhat", "build", "--force", "--no-tests"],
    kind: "gate",
    failOn: /^Warning:/m,
    phase: "first",
  },
  {
    name: "generate core/generated",
    command: "node",
    args: ["tools/generate-core.ts"],
    kind: "gate",
    phase: "first",
  },
  // The queue, longest first.
  {
    name: "contracts: Solidity + node:test with 100% line coverage",
    // `hardhat test --coverage` on the contract suites only (it compiles its own instrumented build, so no
    // --no-compile); fails below 100% line coverage of contracts/ and on any compiler warning. Its instrumented
    // build goes to artifacts-coverage/ and cache-coverage/, so it runs beside the suites that deploy the real one.
    command: "node",
    args: [
      "tools/check-coverage.ts",
      ...testFiles("test/contracts", ".t.sol"),
      ...testFiles("test/node/contracts", ".ts").filter((file) => !UNINSTRUMENTED.includes(file)),
    ],
    kind: "tests",
    failOn: /^Warning:/m,
    phase: "queue",
  },
  {
    name: "end-to-end (chromium)",
    command: "npm",
    args: ["run", "--silent", "e2e:test"],
    kind: "tests",
    phase: "queue",
  },
  nodeStage("CLI: crashes, bad inputs, keys, faults", CLI_FIRST_HALF),
  nodeStage(
    "CLI: workflow, workers, issuer identity, demo, sources, input formats, status lists",
    testFiles("test/node/cli", ".ts").filter((file) => !CLI_FIRST_HALF.includes(file)),
  ),
  nodeStage("core, tooling, registry model and gas", [
    ...nodeSuitesOutside(["test/node/contracts", "test/node/cli"]),
    // Uninstrumented: these suites measure behaviour, not the contracts' coverage.
    ...UNINSTRUMENTED,
  ]),
  { name: "eslint", command: "npm", args: ["run", "--silent", "lint"], kind: "gate", phase: "queue" },
  { name: "typecheck", command: "npm", args: ["run", "--silent", "typecheck"], kind: "gate", phase: "queue" },
  {
    name: "frontend unit tests (vitest)",
    command: "npm",
    args: ["run", "--silent", "test:web"],
    kind: "tests",
    phase: "queue",
  },
  { name: "prettier", command: "npm", args: ["run", "--silent", "format:check"], kind: "gate", phase: "queue" },
  { name: "solhint", command: "npm", args: ["run", "--silent", "lint:sol"], kind: "gate", phase: "queue" },
];

/** Test files under `dir` (recursively) whose names end with `suffix`, sorted. */
function testFiles(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(suffix))
    .map((file) => join(dir, file))
    .sort();
}

/** Every node:test file under test/node except those under the `excluded` folders. */
function nodeSuitesOutside(excluded: readonly string[]): string[] {
  return testFiles("test/node", ".ts").filter((file) => !excluded.some((dir) => file.startsWith(`${dir}/`)));
}

/** A stage running node:test `files` through Hardhat (for its network), on the contracts just built. */
function nodeStage(name: string, files: string[]): Stage {
  return {
    name,
    command: "npx",
    // --no-compile: the contracts were just built; the Solidity test files are not needed here.
    args: ["hardhat", "test", "nodejs", "--no-compile", ...files],
    kind: "tests",
    phase: "queue",
  };
}

/**
 * CPU seconds (user + system) of this process's children that have ended, from /proc (Linux; undefined elsewhere).
 * A stage's child is reaped when it ends, and its own children were reaped by it, so the increase between two
 * stages' ends is the CPU the stage that just ended spent, wherever it ran: on a shared machine that is a steadier
 * measure than wall time. (clock ticks are 100 per second on every Linux we run; `getconf CLK_TCK`.)
 */
function childrenCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 16 and 17 (cutime, cstime) of proc(5), counted from 1 with pid and comm as fields 1 and 2.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

/** Runs a stage; its output streams to the terminal, or (`buffered`) is printed whole when it ends. */
function runStage(stage: Stage, buffered: boolean): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(stage.command, stage.args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const tee = (chunk: Buffer, sink: NodeJS.WriteStream) => {
      output += chunk.toString();
      if (!buffered) sink.write(chunk);
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
      if (buffered) process.stdout.write(output);
      resolve({ code: code ?? 1, output });
    });
  });
}

async function main(): Promise<void> {
  const tests: Counts = { passed: 0, failed: 0 };
  const gates: Counts = { passed: 0, failed: 0 };
  const failures: string[] = [];
  const started = Date.now();
  let cpuSeen = childrenCpuSeconds();
  const timings: string[] = [];

  async function run(stage: Stage, buffered: boolean): Promise<void> {
    console.log(`\n▶ ${stage.name}${buffered ? " (started; its output follows when it ends)" : ""}`);
    const stageStart = Date.now();
    const { code, output } = await runStage(stage, buffered);
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
    const wall = ((Date.now() - stageStart) / 1000).toFixed(1);
    const cpuNow = childrenCpuSeconds();
    const cpu = cpuNow === undefined || cpuSeen === undefined ? "" : `, ${(cpuNow - cpuSeen).toFixed(1)} s CPU`;
    cpuSeen = cpuNow;
    timings.push(`  ${wall.padStart(6)} s wall${cpu}  ${stage.name}`);
    console.log(`${ok ? "✔" : "✘"} ${stage.name} (${wall} s${cpu})`);
  }

  for (const stage of stages.filter((s) => s.phase === "first")) await run(stage, false);
  const queue = stages.filter((s) => s.phase === "queue");
  const slot = async (): Promise<void> => {
    for (let stage = queue.shift(); stage !== undefined; stage = queue.shift()) await run(stage, true);
  };
  await Promise.all(Array.from({ length: SLOTS }, slot));

  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`\nStage times (wall; CPU of the stage's processes, user + system):\n${timings.join("\n")}`);
  if (failures.length > 0) console.log(`\nFailed stages: ${failures.join(", ")}`);
  console.log(
    `\nSUMMARY: ${tests.passed} tests passed, ${tests.failed} failed; ${gates.passed} gates passed, ${gates.failed} failed (${seconds} s)`,
  );
  process.exitCode = failures.length === 0 ? 0 : 1;
}

await main();
