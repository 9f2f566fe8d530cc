/**
 * `acredita verify`: files, folders or links → core's verification engine (reads batched: one eth_call per 256
 * credentials) → the same checks and verdict as the web app, in words. Exit codes:
 *   0  every input is valid ("valid with warnings" counts as valid unless --strict);
 *   1  at least one is not valid (invalid, revoked, expired, not yet valid, untrusted, could not be checked);
 *   2  none is worse than "status-only": a status-only link or QR code (a digest, not the credential) is anchored
 *      and not revoked, but its content and validity dates were not checked — never a pass.
 * The registry is read through every source (the network's RPC URL and each --source, see lib/sources.ts) at one
 * block; sources that disagree make the verdict "could not be checked", with what each said.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { getAddress, isAddress } from "viem";
import {
  type CheckResult,
  decodeCredentialFile,
  decodeVerificationLink,
  enableFastHashing,
  finishVerification,
  isAcreditaError,
  type Language,
  MAX_CREDENTIAL_FILE_BYTES,
  reasonMessage,
  statusOnlyMessage,
  type RegistryRead,
  type SourceReport,
  type TrustedRegistry,
  type VerificationResult,
  verdictMessage,
  verifyCredentials,
  type VerifyInput,
} from "../../core/index.ts";
import { useNodeEd25519Verify } from "../../core/node/ed25519-verify.ts";
import { createParallelVerifier, type ParallelVerifier } from "../../core/node/parallel-verify.ts";
import { CliError } from "../lib/cli-error.ts";
import { readRegularFile } from "../lib/files.ts";
import { resolveRegistry, resolveTarget, type Target } from "../lib/network.ts";
import { endpointsFor, type SourceOptions, sourceAccess, trustedOn } from "../lib/sources.ts";
import { paint, print, Progress } from "../lib/output.ts";
import { workerThreads } from "../lib/workers.ts";
import { type CommandOptions, printJson, str } from "./common.ts";
import { checkForJson, revocationLine, revocationOf } from "./reasons.ts";

const SKIP_FILES = new Set(["manifest.json", "anchor.json", "deployment.json", "package.json"]);

interface Item {
  label: string;
  input: VerifyInput | undefined;
  problem?: string;
}

/**
 * The credential files under `path`: `path` itself unless it is a folder, else its `*.json` entries, recursively
 * (hidden ones, node_modules and the batch's own files skipped). Linked folders are not entered; any other entry
 * named `*.json` — a symbolic link, a FIFO, a device — is listed, and {@link readRegularFile} then reads it only
 * when it is, or links to, a regular file of at most {@link MAX_CREDENTIAL_FILE_BYTES}.
 */
function* walk(path: string): Generator<string> {
  if (!statSync(path).isDirectory()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) yield* walk(child);
    else if (entry.name.endsWith(".json") && !SKIP_FILES.has(entry.name)) yield child;
  }
}

/** A credential file's text, read as the web app reads a file ({@link decodeCredentialFile}), or why it was not. */
function readCredentialFile(file: string): { text: string } | { problem: string } {
  try {
    return { text: decodeCredentialFile(readRegularFile(file, "the file", MAX_CREDENTIAL_FILE_BYTES)) };
  } catch (error) {
    if (error instanceof CliError) return { problem: error.message };
    throw error;
  }
}

/**
 * The inputs as items: links decoded, folders walked, then every file read. `onListed` hears how many there are
 * before any file is read (the worker threads start meanwhile).
 */
function gather(inputs: readonly string[], onListed: (count: number) => void = () => undefined): Item[] {
  const listed: (Item | { label: string; file: string })[] = [];
  for (const input of inputs) {
    if (/^https?:\/\//.test(input) || /^v\d+\.[cr]\./.test(input) || input.includes("#v1.")) {
      try {
        const decoded = decodeVerificationLink(input);
        listed.push({
          label: `link ${input.slice(0, 48)}…`,
          input: decoded.kind === "credential" ? decoded.text : { reference: decoded.reference },
        });
      } catch (error) {
        listed.push({
          label: `link ${input.slice(0, 48)}…`,
          input: undefined,
          problem: isAcreditaError(error) ? reasonMessage(error.code) : String(error),
        });
      }
      continue;
    }
    let files: string[];
    try {
      files = [...walk(input)];
    } catch {
      throw new CliError(`${input} is neither a file, a folder nor a verification link`);
    }
    for (const file of files) listed.push({ label: relative(process.cwd(), file) || file, file });
  }
  if (listed.length === 0) throw new CliError("nothing to verify: no .json credential found");
  onListed(listed.length);
  return listed.map((entry): Item => {
    if (!("file" in entry)) return entry;
    const { label } = entry;
    const read = readCredentialFile(entry.file);
    return "text" in read ? { label, input: read.text } : { label, input: undefined, problem: read.problem };
  });
}

export function parseTrust(values: unknown): TrustedRegistry[] {
  if (values === undefined) return [];
  return (values as string[]).map((value) => {
    const [chain, address] = value.split(":");
    if (chain === undefined || address === undefined || !/^\d+$/.test(chain) || !isAddress(address)) {
      throw new CliError(`--trust takes <chainId>:<address>, not "${value}"`);
    }
    return { chainId: Number(chain), address: getAddress(address), name: `trusted registry ${address}` };
  });
}

/**
 * The chain to read and the registries to trust: those named with --trust and the target network's own (when it
 * has one). Every trusted registry is read through the target chain's sources (a registry on another chain: could
 * not check).
 */
export async function trustedRegistries(
  options: CommandOptions,
): Promise<{ target: Target; sourceOptions: SourceOptions; trusted: TrustedRegistry[] }> {
  const target = await resolveTarget(options);
  const sourceOptions = options as unknown as SourceOptions;
  const endpoints = endpointsFor(target, sourceOptions);
  const trusted: TrustedRegistry[] = parseTrust(options.trust).map((r) => ({ ...r, ...endpoints }));
  try {
    const registry = await resolveRegistry(target, options.registry);
    trusted.push(trustedOn(target, sourceOptions, { address: registry, name: `registry of network ${target.name}` }));
  } catch (error) {
    if (trusted.length === 0) throw error;
  }
  return { target, sourceOptions, trusted };
}

/** Credentials verified per call of the engine in bulk (a multiple of its 256 per read). */
const VERIFY_PART = 1024;

const GOOD = new Set(["valid", "valid-with-warnings"]);
/** The exit code when the worst verdict is "status-only" (see the module comment). */
export const EXIT_STATUS_ONLY = 2;

function mark(verdict: string): string {
  if (verdict === "valid") return paint("green", "✔");
  if (verdict === "valid-with-warnings") return paint("yellow", "✔");
  if (verdict === "status-only") return paint("yellow", "?");
  return paint("red", "✘");
}

/** "2026-03-01 14:05 UTC": when a batch was anchored (Unix seconds). */
function utc(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The sentence for a status-only result: who anchored it and when, and what was not checked. */
function statusOnlyLine(result: VerificationResult, language: Language): string {
  const chain = result.chain;
  return statusOnlyMessage(chain?.institutionName ?? "?", chain === undefined ? "?" : utc(chain.anchoredAt), language);
}

/** The sources a failed check lists (SOURCES_DISAGREE, SOURCES_TOO_FEW), each with what it said or why it failed. */
function sourceReports(result: VerificationResult): SourceReport[] {
  const failed = result.checks.find((c) => c.reason === "SOURCES_DISAGREE" || c.reason === "SOURCES_TOO_FEW");
  const listed = failed?.details?.sources;
  return Array.isArray(listed) ? (listed as SourceReport[]) : [];
}

function sourceLine(source: SourceReport, language: Language): string {
  const block = source.block === undefined ? "" : ` (block ${String(source.block)})`;
  return `${source.name}${block}: ${reasonMessage(source.reason, language)}`;
}

/** "block 42 (2026-03-01 14:05 UTC) through 2 sources, all agreeing (quorum 2)" */
function readLine(read: RegistryRead): string {
  const answered = read.sources.filter((s) => s.answered).length;
  return `block ${String(read.block.number)} (${utc(read.block.time)}) through ${plural(read.sources.length, "source")}, ${String(answered)} answered (quorum ${String(read.quorum)})`;
}

function firstProblem(result: VerificationResult, language: Language): string {
  if (result.verdict === "status-only") return statusOnlyLine(result, language);
  const failed = result.checks.find((c) => c.status === "INVALID" || c.status === "ERROR");
  if (failed !== undefined) {
    const sources = sourceReports(result).map((s) => sourceLine(s, language));
    const revocation = revocationOf(result.checks);
    const why = reasonMessage(failed.reason, language);
    return [revocation === undefined ? why : `${why} ${revocationLine(revocation, language)}`, ...sources].join(" — ");
  }
  return result.warnings.map((w) => reasonMessage(w, language)).join(" ");
}

function plural(count: number, noun: string): string {
  return `${String(count)} ${noun}${count === 1 ? "" : "s"}`;
}

/** The credential's issuer id, as the ISSUER check compared it with the registry's (when it did). */
function issuerIdOf(result: { checks: readonly CheckResult[] }): string | undefined {
  const id = result.checks.find((c) => c.check === "ISSUER")?.details?.issuerId;
  return typeof id === "string" ? id : undefined;
}

export async function run(inputs: string[], options: CommandOptions): Promise<void> {
  const started = performance.now();
  const language = str(options.lang) as Language;
  if (!["en", "es", "pt-BR"].includes(language))
    throw new CliError(`--lang must be en, es or pt-BR, not "${language}"`);
  if (options.receipt !== undefined) {
    if (inputs.length > 0) throw new CliError("--receipt checks one receipt file: give no other input");
    const { runReceipt } = await import("./verify-receipt.ts");
    return runReceipt(str(options.receipt), language, options);
  }
  if (inputs.length === 0)
    throw new CliError("nothing to verify: give credential files, folders or links, or --receipt");
  // Many credentials: their local checks (parse, digest, Merkle path, signature) on every core, the workers started
  // before the files are read so they load meanwhile (ACREDITA_WORKERS sets how many; 0: this thread only).
  let pool: ParallelVerifier | undefined;
  let verified: VerificationResult[];
  let items: Item[];
  let verifiable: Item[];
  try {
    items = gather(inputs, (count) => {
      const workers = workerThreads(count);
      if (workers > 0) pool = createParallelVerifier({ workers });
    });
    verifiable = items.filter((i) => i.input !== undefined);
    const { target, sourceOptions, trusted } = await trustedRegistries(options);
    // The WebAssembly keccak computes the same digests as the JS one, several times faster (bulk verification).
    if (verifiable.length > 1) await enableFastHashing();
    // Each issuer key imported once for its signatures (Node's crypto, as the reference in Node: same verdicts).
    useNodeEd25519Verify();
    // --status-lists: also fetch each credential's published status list (http(s) only) and say when it disagrees
    // with the registry, whose answer stays the verdict.
    const statusLists =
      options.statusLists === true
        ? { fetch: (url: string) => fetch(url, { redirect: "error", signal: AbortSignal.timeout(15_000) }) }
        : undefined;
    const verifyOptions = { trustedRegistries: trusted, ...(statusLists === undefined ? {} : { statusLists }) };
    const access = sourceAccess(target, sourceOptions);
    const toVerify = verifiable.map((i) => i.input as VerifyInput);
    // In parts, for a progress bar with ETA on a terminal (a plain line every 10 s elsewhere); each part is still
    // read in batched calls (one per 256 credentials).
    const progress = toVerify.length > 1 ? new Progress("Verifying", toVerify.length, "credentials") : undefined;
    const parts: VerifyInput[][] = [];
    for (let start = 0; start < toVerify.length; start += VERIFY_PART) {
      parts.push(toVerify.slice(start, start + VERIFY_PART));
    }
    verified = [];
    if (pool !== undefined) {
      // Every part's local checks queued at once: the chain reads of a part overlap the local checks of the next.
      const running = pool;
      const locals = parts.map((part) => running.localChecks(part));
      for (const pending of locals) pending.catch(() => undefined); // each is awaited below, in order
      for (const pending of locals) {
        const part = await finishVerification(access, await pending, verifyOptions);
        verified.push(...part);
        progress?.tick(part.length);
      }
    } else {
      for (const part of parts) {
        const results = await verifyCredentials(access, part, verifyOptions);
        verified.push(...results);
        progress?.tick(results.length);
      }
    }
    progress?.finish();
  } finally {
    await pool?.close();
  }
  const results = new Map(verifiable.map((item, k) => [item, verified[k]]));
  const rows = items.map((item) => {
    const result = results.get(item);
    return { item, result, verdict: result?.verdict ?? "invalid" };
  });
  const strict = options.strict === true;
  const passed = (verdict: string) => GOOD.has(verdict) && !(strict && verdict === "valid-with-warnings");
  const statusOnly = rows.filter((r) => r.verdict === "status-only");
  const failures = rows.filter((r) => !passed(r.verdict) && r.verdict !== "status-only");
  const seconds = (performance.now() - started) / 1000;

  if (options.json === true) {
    printJson({
      summary: {
        total: rows.length,
        valid: rows.length - failures.length - statusOnly.length,
        statusOnly: statusOnly.length,
        notValid: failures.length,
        seconds,
      },
      results: rows.map(({ item, result, verdict }) => ({
        input: item.label,
        verdict,
        ...(item.problem === undefined ? {} : { problem: item.problem }),
        ...(result === undefined
          ? {}
          : {
              checks: result.checks.map(checkForJson),
              revocation: revocationOf(result.checks) ?? null,
              warnings: result.warnings,
              redacted: result.redacted,
              hiddenFields: result.hiddenCount,
              institution: result.chain?.institutionName,
              issuerId: issuerIdOf(result) ?? null,
              ...(result.statusList === undefined ? {} : { statusList: result.statusList }),
              read: result.read ?? null,
              notices: result.notices ?? [],
            }),
      })),
    });
  } else if (rows.length === 1 && rows[0] !== undefined) {
    const { item, result, verdict } = rows[0];
    print(`${mark(verdict)} ${paint("bold", verdictMessage(verdict, language))} — ${item.label}`);
    if (result === undefined) print(`  ${item.problem ?? ""}`);
    else {
      if (result.chain !== undefined) {
        const issuerId = issuerIdOf(result);
        print(
          `  Issuer: ${result.chain.institutionName} (${result.chain.institutionCountry})${issuerId === undefined ? "" : `, issuer id ${issuerId}`}`,
        );
      }
      if (verdict === "status-only") print(`  ${statusOnlyLine(result, language)}`);
      for (const check of result.checks) {
        const icon = check.status === "VALID" ? "✔" : check.status === "SKIPPED" ? "·" : "✘";
        print(`  ${icon} ${check.check.padEnd(9)} ${reasonMessage(check.reason, language)}`);
      }
      const revocation = revocationOf(result.checks);
      if (revocation !== undefined) print(`  ${revocationLine(revocation, language)}`);
      if (result.statusList?.outcome === "agrees") {
        print(`  ✔ ${"LIST".padEnd(9)} ${reasonMessage(result.statusList.reason, language)}`);
      }
      for (const warning of result.warnings) print(`  ! ${reasonMessage(warning, language)}`);
      if (result.hiddenCount > 0) print(`  Hidden by the holder: ${plural(result.hiddenCount, "field")}`);
      const sources = sourceReports(result);
      if (sources.length > 0) print("  Sources:");
      for (const source of sources) print(`    ${sourceLine(source, language)}`);
      if (result.read !== undefined) print(`  Registry read at ${readLine(result.read)}`);
      for (const notice of result.notices ?? []) print(`  Note: ${reasonMessage(notice, language)}`);
    }
  } else {
    const shown = rows.length <= 50 ? rows : rows.filter((r) => !passed(r.verdict));
    for (const { item, result, verdict } of shown.slice(0, 200)) {
      const why =
        result === undefined ? (item.problem ?? "") : verdict === "valid" ? "" : firstProblem(result, language);
      print(
        `${mark(verdict)} ${verdictMessage(verdict, language).padEnd(22)} ${item.label}${why === "" ? "" : ` — ${why}`}`,
      );
    }
    if (shown.length > 200) print(`  … and ${shown.length - 200} more not valid (use --json for all)`);
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
    const parts = [...counts.entries()].map(([v, n]) => `${n} ${verdictMessage(v as never, language).toLowerCase()}`);
    print(`${plural(rows.length, "credential")} verified in ${seconds.toFixed(1)} s: ${parts.join(", ")}`);
    const reads = new Set(rows.flatMap((r) => (r.result?.read === undefined ? [] : [readLine(r.result.read)])));
    for (const read of reads) print(`Registry read at ${read}`);
    const notices = new Set(rows.flatMap((r) => r.result?.notices ?? []));
    for (const notice of notices) print(`Note: ${reasonMessage(notice, language)}`);
  }
  if (failures.length > 0) process.exitCode = 1;
  else if (statusOnly.length > 0) process.exitCode = EXIT_STATUS_ONLY;
}
