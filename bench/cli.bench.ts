/**
 * The issuer CLI at scale, as a user runs it (a separate process against a real local chain):
 * - cli.issue.seconds.10k: a 10,000-learner CSV → every credential file, link, QR code PNG, links.csv and the
 *   manifest, anchored and confirmed on the local chain (wall time of `acredita issue`);
 * - cli.issue.peakRssMiB.10k: that process's peak resident memory (VmHWM, worker threads included);
 * - cli.verify.seconds.10k: `acredita verify` of those 10,000 files (reads batched by core), through two sources
 *   (the chain and a pass-through relay in front of it, as `npm start` runs them): both read at one block, quorum 2;
 * - cli.statusList.seconds.10k: `acredita status-list <root> --institution 1 --url <url> --out <dir>` after 100
 *   revocations spread over the batch: the batch's signed status list rebuilt from the chain alone (no batch
 *   folder, so the anchoring block is searched for too), wall time of the process;
 * - cli.startup.ms: `acredita --help` wall time (median of 5), through the bin shim.
 */
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { parseStrict } from "../core/index.ts";
import { statusListBit } from "../core/status-list.ts";
import { join } from "node:path";
import { startRpcRelay } from "../scripts/lib/rpc-relay.ts";
import { SAMPLES, spawnCli, startTestChain } from "../test/helpers/cli-chain.ts";
import type { Metrics } from "./metrics.ts";

const ROOT = join(import.meta.dirname, "..");
const COUNT = 10_000;

function learnersCsv(count: number): string {
  const sample = readFileSync(join(SAMPLES, "negociacion-liderazgo.learners.csv"), "utf8").trim().split(/\r?\n/);
  const rows = sample.slice(1);
  const lines = [sample[0] ?? ""];
  for (let i = 0; i < count; i++) {
    lines.push((rows[i % rows.length] ?? "").replace(/^[^,]*/, `BENCH-${String(i).padStart(6, "0")}`));
  }
  return `${lines.join("\n")}\n`;
}

/** Runs the CLI, sampling its peak RSS from /proc while it runs. */
function timedCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ seconds: number; peakMiB: number; code: number | null; output: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(ROOT, "scripts", "cli.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    let peakKiB = 0;
    const sample = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid ?? 0}/status`, "utf8"))?.[1];
        if (hwm !== undefined) peakKiB = Math.max(peakKiB, Number(hwm));
      } catch {
        // the process has ended
      }
    }, 50);
    child.on("close", (code) => {
      clearInterval(sample);
      resolve({ seconds: (performance.now() - started) / 1000, peakMiB: peakKiB / 1024, code, output });
    });
  });
}

export default async function bench(): Promise<Metrics> {
  const chain = await startTestChain();
  const relay = await startRpcRelay({ host: "127.0.0.1", port: 0, upstream: chain.rpcUrl });
  try {
    const env = { ACREDITA_RPC_URL: chain.rpcUrl, ACREDITA_STATE_DIR: chain.stateDir, NO_COLOR: "1" };
    for (const args of [
      [
        "institution",
        "admit",
        "--name",
        "Universidad Nacional de Ejemplo",
        "--issuer-id",
        "did:web:uneje.example",
        "--country",
        "MX",
      ],
      ["key", "add", "1", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"],
    ]) {
      const run = await spawnCli(chain, args);
      if (run.status !== 0) throw new Error(run.stderr);
    }
    const work = chain.tempDir("bench");
    const csv = join(work, "learners.csv");
    writeFileSync(csv, learnersCsv(COUNT));
    const out = join(work, "out");
    const issued = await timedCli(
      [
        "issue",
        "--template",
        join(SAMPLES, "negociacion-liderazgo.course.json"),
        "--learners",
        csv,
        "--out",
        out,
        "--account",
        "1",
      ],
      env,
    );
    if (issued.code !== 0) throw new Error(`issue failed:\n${issued.output}`);
    const files = readdirSync(join(out, "credentials")).length;
    const qrs = readdirSync(join(out, "qr")).length;
    if (files !== COUNT || qrs !== COUNT)
      throw new Error(`expected ${COUNT} files and QR codes, found ${files} and ${qrs}`);
    const verified = await timedCli(["verify", join(out, "credentials"), "--source", relay.url], env);
    if (verified.code !== 0) throw new Error(`verify failed:\n${verified.output.slice(-2000)}`);
    if (!/through 2 sources, 2 answered \(quorum 2\)/.test(verified.output)) {
      throw new Error(`verify did not read two sources:\n${verified.output.slice(-2000)}`);
    }
    // 100 revocations spread over the batch (one transaction; revoke rewrites the list), then the list rebuilt
    // from the chain alone.
    const learners = Array.from({ length: 100 }, (_, i) => `BENCH-${String(i * 100 + 7).padStart(6, "0")}`);
    const revoked = await spawnCli(chain, [
      "revoke",
      "--batch",
      out,
      "--learner",
      ...learners,
      "--reason",
      "issued-in-error",
      "--account",
      "1",
      "--yes",
    ]);
    if (revoked.status !== 0) throw new Error(`revoke failed:\n${revoked.stderr}`);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as {
      batchRoot: string;
      institutionId: number;
    };
    const { id: url } = JSON.parse(readFileSync(join(out, "status-list.json"), "utf8")) as { id: string };
    const lists = join(work, "lists");
    const rebuilt = await timedCli(
      [
        "status-list",
        manifest.batchRoot,
        "--institution",
        String(manifest.institutionId),
        "--url",
        url,
        "--out",
        lists,
      ],
      env,
    );
    if (rebuilt.code !== 0) throw new Error(`status-list failed:\n${rebuilt.output}`);
    const [listFile] = readdirSync(lists);
    const list = parseStrict(readFileSync(join(lists, listFile ?? ""), "utf8")) as {
      credentialSubject: { encodedList: string };
    };
    let set = 0;
    for (let i = 0; i < COUNT; i++) if (statusListBit(list.credentialSubject.encodedList, i)) set++;
    if (set !== 100) throw new Error(`the rebuilt list has ${set} revoked entries, not 100`);
    if (readFileSync(join(lists, listFile ?? ""), "utf8") !== readFileSync(join(out, "status-list.json"), "utf8")) {
      throw new Error("the list rebuilt from the chain differs from the one revoke wrote");
    }
    const startups: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const help = spawnSync(process.execPath, [join(ROOT, "scripts", "acredita.mjs"), "--help"], {
        cwd: ROOT,
        encoding: "utf8",
      });
      if (help.status !== 0) throw new Error(help.stderr);
      startups.push(performance.now() - started);
    }
    startups.sort((a, b) => a - b);
    console.error(
      `  issue: ${issued.output
        .split("\n")
        .filter((l) => l.startsWith("  "))
        .join(" | ")}`,
    );
    return {
      "cli.issue.seconds.10k": { value: Number(issued.seconds.toFixed(2)), unit: "s" },
      "cli.issue.peakRssMiB.10k": { value: Math.round(issued.peakMiB), unit: "MiB" },
      "cli.verify.seconds.10k": { value: Number(verified.seconds.toFixed(2)), unit: "s" },
      "cli.statusList.seconds.10k": { value: Number(rebuilt.seconds.toFixed(2)), unit: "s" },
      "cli.startup.ms": { value: Math.round(startups[2] ?? 0), unit: "ms" },
    };
  } finally {
    await relay.close();
    await chain.stop();
  }
}
