/**
 * `acredita verify`: files, folders or links → core's verification engine (reads batched: one eth_call per 256
 * credentials) → the same checks and verdict as the web app, in words. Exits 0 only if every credential is
 * valid ("valid with warnings" counts as valid unless --strict).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { getAddress, isAddress } from "viem";
import {
  type CheckResult,
  decodeVerificationLink,
  enableFastHashing,
  isAcreditaError,
  type Language,
  reasonMessage,
  type TrustedRegistry,
  type VerificationResult,
  verdictMessage,
  verifyCredentials,
  type VerifyInput,
} from "../../core/index.ts";
import { CliError } from "../lib/cli-error.ts";
import { resolveRegistry, resolveTarget } from "../lib/network.ts";
import { paint, print } from "../lib/output.ts";
import { type CommandOptions, printJson, str } from "./common.ts";

const SKIP_FILES = new Set(["manifest.json", "anchor.json", "deployment.json", "package.json"]);

interface Item {
  label: string;
  input: VerifyInput | undefined;
  problem?: string;
}

function* walk(path: string): Generator<string> {
  const stat = statSync(path);
  if (stat.isFile()) {
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

function gather(inputs: readonly string[]): Item[] {
  const items: Item[] = [];
  for (const input of inputs) {
    if (/^https?:\/\//.test(input) || /^v\d+\.[cr]\./.test(input) || input.includes("#v1.")) {
      try {
        const decoded = decodeVerificationLink(input);
        items.push({
          label: `link ${input.slice(0, 48)}…`,
          input: decoded.kind === "credential" ? decoded.text : { reference: decoded.reference },
        });
      } catch (error) {
        items.push({
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
    for (const file of files)
      items.push({ label: relative(process.cwd(), file) || file, input: readFileSync(file, "utf8") });
  }
  if (items.length === 0) throw new CliError("nothing to verify: no .json credential found");
  return items;
}

function parseTrust(values: unknown): TrustedRegistry[] {
  if (values === undefined) return [];
  return (values as string[]).map((value) => {
    const [chain, address] = value.split(":");
    if (chain === undefined || address === undefined || !/^\d+$/.test(chain) || !isAddress(address)) {
      throw new CliError(`--trust takes <chainId>:<address>, not "${value}"`);
    }
    return { chainId: Number(chain), address: getAddress(address), name: `trusted registry ${address}` };
  });
}

const GOOD = new Set(["valid", "valid-with-warnings"]);

function mark(verdict: string): string {
  if (verdict === "valid") return paint("green", "✔");
  if (verdict === "valid-with-warnings") return paint("yellow", "✔");
  return paint("red", "✘");
}

function firstProblem(result: VerificationResult, language: Language): string {
  const failed = result.checks.find((c) => c.status === "INVALID" || c.status === "ERROR");
  if (failed !== undefined) return reasonMessage(failed.reason, language);
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
  const items = gather(inputs);
  const target = await resolveTarget(options);
  const trusted = parseTrust(options.trust);
  try {
    const registry = await resolveRegistry(target, options.registry);
    trusted.push({ chainId: target.chainId, address: registry, name: `registry of network ${target.name}` });
  } catch (error) {
    if (trusted.length === 0) throw error;
  }
  const verifiable = items.filter((i) => i.input !== undefined);
  // The WebAssembly keccak computes the same digests as the JS one, several times faster (bulk verification).
  if (verifiable.length > 1) await enableFastHashing();
  // --status-lists: also fetch each credential's published status list (http(s) only) and say when it disagrees
  // with the registry, whose answer stays the verdict.
  const statusLists =
    options.statusLists === true
      ? { fetch: (url: string) => fetch(url, { redirect: "error", signal: AbortSignal.timeout(15_000) }) }
      : undefined;
  const verified = await verifyCredentials(
    target.client,
    verifiable.map((i) => i.input as VerifyInput),
    { trustedRegistries: trusted, ...(statusLists === undefined ? {} : { statusLists }) },
  );
  const results = new Map(verifiable.map((item, k) => [item, verified[k]]));
  const rows = items.map((item) => {
    const result = results.get(item);
    return { item, result, verdict: result?.verdict ?? "invalid" };
  });
  const strict = options.strict === true;
  const failures = rows.filter((r) => !GOOD.has(r.verdict) || (strict && r.verdict === "valid-with-warnings"));
  const seconds = (performance.now() - started) / 1000;

  if (options.json === true) {
    printJson({
      summary: { total: rows.length, valid: rows.length - failures.length, notValid: failures.length, seconds },
      results: rows.map(({ item, result, verdict }) => ({
        input: item.label,
        verdict,
        ...(item.problem === undefined ? {} : { problem: item.problem }),
        ...(result === undefined
          ? {}
          : {
              checks: result.checks,
              warnings: result.warnings,
              redacted: result.redacted,
              hiddenFields: result.hiddenCount,
              institution: result.chain?.institutionName,
              issuerId: issuerIdOf(result) ?? null,
              ...(result.statusList === undefined ? {} : { statusList: result.statusList }),
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
      for (const check of result.checks) {
        const icon = check.status === "VALID" ? "✔" : check.status === "SKIPPED" ? "·" : "✘";
        print(`  ${icon} ${check.check.padEnd(9)} ${reasonMessage(check.reason, language)}`);
      }
      if (result.statusList?.outcome === "agrees") {
        print(`  ✔ ${"LIST".padEnd(9)} ${reasonMessage(result.statusList.reason, language)}`);
      }
      for (const warning of result.warnings) print(`  ! ${reasonMessage(warning, language)}`);
      if (result.hiddenCount > 0) print(`  Hidden by the holder: ${plural(result.hiddenCount, "field")}`);
    }
  } else {
    const shown = rows.length <= 50 ? rows : failures;
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
    print(`${rows.length} credentials verified in ${seconds.toFixed(1)} s: ${parts.join(", ")}`);
  }
  if (failures.length > 0) process.exitCode = 1;
}
