/**
 * `acredita issue`: parse and validate everything (template, learners or own credentials, options) → the issue
 * pipeline (scripts/lib/issue-batch.ts) → a summary. Nothing touches the chain until the whole batch is valid.
 */
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { parseGwei } from "viem";
import {
  AcreditaError,
  isDateTime,
  type JsonValue,
  parseDateTime,
  parseStrict,
  prepareCourse,
} from "../../core/index.ts";
import { CliError } from "../lib/cli-error.ts";
import { formatCost, nativeCurrencyOf } from "../lib/costs.ts";
import { templateProblems } from "../lib/course-template.ts";
import { MAX_JSON_INPUT_BYTES, MAX_LEARNERS_BYTES, readRegularFile, readUtf8 } from "../lib/files.ts";
import { type IssueSource, issueToFolder } from "../lib/issue-batch.ts";
import { devAccount, resolveSigner } from "../lib/keys.ts";
import { type LearnersReport, parseDelimiter, parseLearners } from "../lib/learners-csv.ts";
import { isXlsx, readLearnersXlsx } from "../lib/learners-xlsx.ts";
import { positiveInteger } from "../lib/network.ts";
import { note, paint, plural, print } from "../lib/output.ts";
import { readOwnCredentials } from "../lib/own-credentials.ts";
import { type Chain, openChain, read } from "../lib/registry.ts";
import { checkStatusBase, LOCAL_STATUS_LISTS } from "../lib/status-lists.ts";
import { type CommandOptions, printJson, str } from "./common.ts";

/** What each missing microcredential element means, for the template's author. */
const ELEMENT_HINTS: Record<string, string> = {
  learner: "the learner (comes from the CSV)",
  title: "title (name)",
  awardingInstitution: "awarding institution (comes from the registry)",
  country: "country (comes from the registry)",
  issueDate: "issue date",
  learningOutcomes: 'learning outcomes (learningOutcomes: ["…"])',
  workload: "workload (microcredential.workloadHours, .ects or .localCredits)",
  level: "level (microcredential.eqfLevel or .nqfLevel)",
  assessment: "assessment (microcredential.assessment)",
  participation: "form of participation (microcredential.participation)",
  identityCheck: "identity check (microcredential.identityChecked: true or false)",
  qualityAssurance: "quality assurance (microcredential.qualityAssurance)",
};

function dateOption(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isDateTime(value)) {
    throw new CliError(
      `${name} must be an RFC 3339 date-time of a real day, such as 2026-07-01T00:00:00Z, not "${str(value)}"`,
    );
  }
  return value;
}

function parseJsonFile(path: string, what: string): JsonValue {
  const text = readUtf8(path, what, MAX_JSON_INPUT_BYTES);
  try {
    return parseStrict(text, { maxLength: MAX_JSON_INPUT_BYTES });
  } catch (error) {
    throw new CliError(
      `${what} ${path} is not valid JSON: ${error instanceof AcreditaError ? error.message : String(error)}`,
    );
  }
}

/**
 * Checks a template alone (the issuer comes from the registry later), strictly: unknown keys (with "did you
 * mean"), wrong types by JSON path and missing microcredential elements, all listed at once.
 */
export function checkTemplate(template: unknown, file: string): void {
  const problems = templateProblems(template);
  let missing: string[] = [];
  try {
    prepareCourse(template, { name: "-", country: "ZZ" }, { validFrom: "2026-01-01T00:00:00Z" });
  } catch (error) {
    if (!(error instanceof AcreditaError)) throw error;
    if (error.code === "CREDENTIAL_MICROCREDENTIAL_INCOMPLETE") {
      missing = ((error.details.missing as string[] | undefined) ?? []).map((m) => ELEMENT_HINTS[m] ?? m);
    } else if (problems.length === 0) {
      problems.push(...((error.details.problems as string[] | undefined) ?? [error.message]));
    }
  }
  if (problems.length === 0 && missing.length === 0) return;
  const hint = "Fix the template (see samples/*.course.json) and run the command again; nothing was anchored.";
  if (problems.length === 0) {
    throw new CliError(
      `the course template ${file} lacks required microcredential elements:\n${missing.map((m) => `  - ${m}`).join("\n")}`,
      { hint },
    );
  }
  const lines = problems.map((p) => `  - ${p}`);
  if (missing.length > 0) {
    lines.push(`  - it lacks required microcredential elements:`, ...missing.map((m) => `      - ${m}`));
  }
  const count = problems.length + (missing.length > 0 ? 1 : 0);
  throw new CliError(`the course template ${file} has ${plural(count, "problem")}:\n${lines.join("\n")}`, { hint });
}

/** On the local chain without a key option: the first development account that is an active signing key. */
async function localIssuerKey(chain: Chain) {
  for (let index = 0; index < 10; index++) {
    const account = devAccount(index);
    const record = await read(chain, "getSigningKey", [account.address]);
    if (record.institutionId !== 0 && record.removedAt === 0) {
      note(
        `  Signing with development account ${index} (${account.address}), a key of institution ${record.institutionId}.`,
      );
      return account;
    }
  }
  throw new CliError("no development account is a signing key in the local registry", {
    hint: "Admit an institution and add a key first (npx acredita institution admit …; npx acredita key add <id> <address>), or pass --account <n>.",
  });
}

/** The learners file: an .xlsx workbook, or a CSV (delimiter named by --delimiter, else detected). */
async function readLearners(
  file: string,
  delimiterOption: unknown,
): Promise<{ report: LearnersReport; bytes: string | Buffer; unit: "line" | "row" }> {
  if (isXlsx(file)) {
    if (delimiterOption !== undefined)
      throw new CliError("--delimiter applies to a CSV file, not to an .xlsx workbook");
    const bytes = readRegularFile(file, "the learners file", MAX_LEARNERS_BYTES);
    return { report: await readLearnersXlsx(bytes, file), bytes, unit: "row" };
  }
  const delimiter = delimiterOption === undefined ? undefined : parseDelimiter(str(delimiterOption));
  const csv = readUtf8(file, "the learners file", MAX_LEARNERS_BYTES);
  return { report: parseLearners(csv, file, delimiter), bytes: csv, unit: "line" };
}

export async function run(options: CommandOptions): Promise<void> {
  const started = performance.now();
  const hash = createHash("sha256");
  let source: IssueSource;
  if (options.credentials !== undefined) {
    if (options.template !== undefined || options.learners !== undefined) {
      throw new CliError("give either --credentials <folder> or --template and --learners, not both");
    }
    const own = readOwnCredentials(resolve(str(options.credentials)), {
      allowIncomplete: options.allowIncomplete === true,
    });
    for (const b of own.bytes) hash.update(b);
    if (own.incomplete.length > 0) {
      note(
        `  ${own.incomplete.length} of ${plural(own.documents.length, "credential")} ${own.incomplete.length === 1 ? "lacks microcredential elements and is" : "lack microcredential elements and are"} issued as plain badges (--allow-incomplete):`,
      );
      for (const { file, missing } of own.incomplete) {
        note(`    ${file} lacks ${missing.map((m) => m.element).join(", ")}`);
      }
    }
    for (const { file, note: text } of own.notes) note(`  ${file}: ${text}`);
    if (own.withProofs.length > 0) {
      note(
        `  ${plural(own.withProofs.length, "credential")} already ${own.withProofs.length === 1 ? "carries" : "carry"} proofs, kept as they are: ${own.withProofs.map((p) => `${p.file} (${p.proofs})`).join(", ")}`,
      );
    }
    source = { kind: "own", documents: own.documents, names: own.names };
  } else {
    if (options.allowIncomplete === true) {
      throw new CliError(
        "--allow-incomplete applies to --credentials <folder> only: a course template must be complete",
      );
    }
    if (options.template === undefined || options.learners === undefined) {
      throw new CliError("issue needs --template <file> and --learners <file> (or --credentials <folder>)");
    }
    const templateFile = str(options.template);
    const learnersFile = str(options.learners);
    const template = parseJsonFile(templateFile, "the course template");
    checkTemplate(template, templateFile);
    const { report, bytes, unit } = await readLearners(learnersFile, options.delimiter);
    if (report.normalized.length > 0) {
      const where = report.normalized
        .slice(0, 5)
        .map((n) => `${unit} ${n.line} ${n.column}`)
        .join(", ");
      note(
        `  Normalized ${plural(report.normalized.length, "value")} to Unicode NFC (${where}${report.normalized.length > 5 ? ", …" : ""}).`,
      );
    }
    hash.update(JSON.stringify(template)).update("\0").update(bytes);
    source = { kind: "course", template, learners: report.learners };
  }
  const validFrom = dateOption(options.validFrom, "--valid-from");
  const validUntil = dateOption(options.validUntil, "--valid-until");
  if (
    validFrom !== undefined &&
    validUntil !== undefined &&
    (parseDateTime(validUntil) ?? 0) <= (parseDateTime(validFrom) ?? 0)
  ) {
    throw new CliError("--valid-until must be later than --valid-from");
  }
  const maxFeeCap = options.maxFee === undefined ? undefined : parseGwei(str(options.maxFee));
  const bumpAfterMs =
    options.bumpAfter === undefined ? undefined : positiveInteger(str(options.bumpAfter), "--bump-after") * 1000;

  const chain = await openChain(options, undefined);
  const explicitKey =
    options.account !== undefined ||
    options.keystore !== undefined ||
    options.privateKey !== undefined ||
    (process.env.ACREDITA_PRIVATE_KEY ?? "") !== "";
  chain.account =
    chain.target.isLocal && !explicitKey ? await localIssuerKey(chain) : await resolveSigner(chain.target, options);
  let linkBase = typeof options.linkBase === "string" ? options.linkBase : process.env.ACREDITA_LINK_BASE;
  if (linkBase === undefined) {
    if (!chain.target.isLocal) {
      throw new CliError("--link-base is required on this network: the URL where your verifier web app is published", {
        hint: "e.g. --link-base https://verify.example.edu/",
      });
    }
    // The web app of the running `npm start`, wherever it is; else its default port.
    linkBase = chain.target.stack?.webUrl ?? `http://127.0.0.1:${process.env.ACREDITA_WEB_PORT ?? "5173"}/`;
  }
  if (!/^https?:\/\//.test(linkBase)) throw new CliError(`--link-base must be an http(s) URL, not "${linkBase}"`);
  // Each batch's status list is published under the status base: by default beside the verifier web app (where
  // `npm start` serves the local chain's lists).
  const statusBase = checkStatusBase(
    typeof options.statusBase === "string" ? options.statusBase : new URL(`${LOCAL_STATUS_LISTS}/`, linkBase).href,
  );
  const statusLists = options.statusLists === undefined ? undefined : resolve(str(options.statusLists));
  hash.update(`\0${validFrom ?? ""}\0${validUntil ?? ""}\0${linkBase}\0${statusBase}`);

  const credentialKey =
    options.credentialKey === undefined
      ? undefined
      : {
          file: str(options.credentialKey),
          ...(options.didDocument === undefined ? {} : { didDocument: str(options.didDocument) }),
          ...(options.passwordFile === undefined ? {} : { passwordFile: str(options.passwordFile) }),
        };
  const outDir = resolve(str(options.out));
  const outcome = await issueToFolder({
    ...(credentialKey === undefined ? {} : { credentialKey }),
    chain,
    source,
    outDir,
    linkBase,
    statusBase,
    ...(statusLists === undefined ? {} : { statusLists }),
    fingerprint: hash.digest("hex"),
    ...(validFrom === undefined ? {} : { validFrom }),
    ...(validUntil === undefined ? {} : { validUntil }),
    dryRun: options.dryRun === true,
    ...(bumpAfterMs === undefined ? {} : { bumpAfterMs }),
    ...(maxFeeCap === undefined ? {} : { maxFeeCap }),
  });
  const seconds = (performance.now() - started) / 1000;
  if (options.json === true) {
    printJson({ ...outcome, seconds: { ...outcome.seconds, total: seconds } });
    return;
  }
  const who = `${outcome.institutionName} (institution ${outcome.institutionId})`;
  const currency = await nativeCurrencyOf(chain.target.chainId);
  if (outcome.state === "dry-run") {
    const gas = outcome.estimatedGas ?? 0n;
    const fee = outcome.estimatedMaxFeePerGas ?? 0n;
    print(`Dry run: nothing was sent or written.`);
    print(`  Would anchor   ${plural(outcome.count, "credential")} for ${who}`);
    print(`  Issuer id      ${outcome.issuerId} (identity version ${outcome.identityVersion})`);
    print(`  Batch root     ${outcome.batchRoot} (changes on each run: fresh salts)`);
    print(`  Status list    ${outcome.statusList.url}`);
    print(`  Estimated cost up to ${formatCost(gas, fee, currency, "max fee")}`);
    print(`  Signing key    ${chain.account.address} on chain ${chain.target.chainId}`);
    return;
  }
  const verb =
    outcome.state === "already-complete"
      ? "Already issued"
      : outcome.state === "resumed"
        ? "Finished issuing"
        : "Issued";
  print(`${paint("green", "✔")} ${verb} ${plural(outcome.count, "credential")} for ${who}`);
  print(`  Issuer id      ${outcome.issuerId} (identity version ${outcome.identityVersion})`);
  print(`  Batch root     ${outcome.batchRoot}`);
  if (outcome.transactionHash !== undefined) {
    print(`  Transaction    ${outcome.transactionHash} (block ${outcome.blockNumber ?? "?"})`);
  }
  if (outcome.gasUsed !== undefined && outcome.effectiveGasPrice !== undefined) {
    print(`  Cost           ${formatCost(outcome.gasUsed, outcome.effectiveGasPrice, currency)}`);
  }
  print(
    `  Files          ${outcome.outDir}/ (credentials/, qr/, links.csv, manifest.json, anchor.json, status-list.json)`,
  );
  print(`  Status list    ${outcome.statusList.url}`);
  if (!chain.target.isLocal) {
    print(`                 publish ${outcome.outDir}/status-list.json at that URL (and again after each revoke)`);
  }
  const threads = outcome.workers === 0 ? "" : ` (batch built on ${outcome.workers} worker threads)`;
  print(`  Time           ${seconds.toFixed(1)} s${threads}`);
}
