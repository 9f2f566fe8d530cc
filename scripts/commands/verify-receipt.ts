/**
 * `acredita verify --receipt <file>`: a verification receipt (core/receipt.ts, the web app's "Download verification
 * receipt") checked again: the credential (or status-only reference) inside is verified now, through the same
 * registry sources as `acredita verify`, and the answer says whether the receipt's verdict still holds and which
 * checks changed. Exit codes: 0 the verdict still holds and passes; 2 it still holds as status-only; 1 otherwise
 * (it changed, or it holds but is not valid).
 */
import {
  compareReceipt,
  isAcreditaError,
  type Language,
  MAX_RECEIPT_BYTES,
  parseReceipt,
  reasonMessage,
  receiptInput,
  type TrustedRegistry,
  verdictMessage,
  verifyCredential,
} from "../../core/index.ts";
import { CliError } from "../lib/cli-error.ts";
import { readRegularFile } from "../lib/files.ts";
import { resolveRegistry, resolveTarget } from "../lib/network.ts";
import { paint, print } from "../lib/output.ts";
import { endpointsFor, type SourceOptions, sourceAccess, trustedOn } from "../lib/sources.ts";
import { type CommandOptions, printJson } from "./common.ts";
import { EXIT_STATUS_ONLY, parseTrust } from "./verify.ts";

export async function runReceipt(file: string, language: Language, options: CommandOptions): Promise<void> {
  let receipt;
  try {
    receipt = parseReceipt(readRegularFile(file, "the receipt", MAX_RECEIPT_BYTES * 3).toString("utf8"));
  } catch (error) {
    if (isAcreditaError(error))
      throw new CliError(`${file}: ${reasonMessage(error.code, language)} (${error.message})`);
    throw error;
  }
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
  const result = await verifyCredential(sourceAccess(target, sourceOptions), receiptInput(receipt), {
    trustedRegistries: trusted,
  });
  const comparison = compareReceipt(receipt, result);
  const passes = result.verdict === "valid" || (result.verdict === "valid-with-warnings" && options.strict !== true);

  if (options.json === true) {
    printJson({
      receipt: { verifiedAt: receipt.verifiedAt, verifier: receipt.verifier, verdict: receipt.verdict },
      now: { verdict: result.verdict, checks: result.checks, warnings: result.warnings, read: result.read ?? null },
      holds: comparison.holds,
      changes: comparison.changes,
    });
  } else {
    const when = receipt.verifiedAt.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC");
    const before = verdictMessage(comparison.before, language);
    const after = verdictMessage(comparison.after, language);
    if (comparison.holds) {
      print(`${paint(passes ? "green" : "yellow", "✔")} ${paint("bold", `The verdict still holds: ${after}`)}`);
    } else {
      print(`${paint("red", "✘")} ${paint("bold", `The verdict changed: ${before} → ${after}`)}`);
    }
    print(`  Receipt of ${when} by ${receipt.verifier}`);
    for (const change of comparison.changes) print(`  ${change.what.padEnd(9)} ${change.before} → ${change.after}`);
    const failed = result.checks.find((c) => c.status === "INVALID" || c.status === "ERROR");
    if (failed !== undefined) print(`  ${reasonMessage(failed.reason, language)}`);
    if (result.read !== undefined) {
      print(`  Registry read at block ${String(result.read.block.number)} (quorum ${String(result.read.quorum)})`);
    }
  }
  if (!comparison.holds) process.exitCode = 1;
  else if (result.verdict === "status-only") process.exitCode = EXIT_STATUS_ONLY;
  else if (!passes) process.exitCode = 1;
}
