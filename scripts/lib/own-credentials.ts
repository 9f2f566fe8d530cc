/**
 * `issue --credentials <folder>`: reads an issuer's own OB 3.0 files and checks each with core's
 * `acceptOwnCredential`. Every problem of every file is listed (file name, then the JSON path of each missing
 * element), all at once; nothing is issued unless every file can be. With `allowIncomplete`, files that only lack
 * microcredential elements are accepted as plain badges and what each lacks is returned for the summary.
 */
import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import {
  type AcceptedOwnCredential,
  acceptOwnCredential,
  AcreditaError,
  type CredentialDocument,
  type JsonValue,
  type MissingElement,
  parseStrict,
} from "../../core/index.ts";
import { CliError } from "./cli-error.ts";
import { MAX_JSON_INPUT_BYTES, readUtf8 } from "./files.ts";
import { plural } from "./output.ts";

/** The files of a folder that came in, in name order. */
export interface OwnCredentials {
  documents: CredentialDocument[];
  /** File names without `.json`, parallel to `documents`. */
  names: string[];
  /** Each document's JSON bytes (the command's input fingerprint). */
  bytes: Buffer[];
  /** The files accepted as plain badges (with `allowIncomplete`), with what each lacks. */
  incomplete: { file: string; missing: MissingElement[] }[];
  /** The files that already carried proofs (kept as they are), with how many. */
  withProofs: { file: string; proofs: number }[];
  /** What is worth knowing about accepted files (see `AcceptedOwnCredential.notes`). */
  notes: { file: string; note: string }[];
}

/** One line per missing element: the element and the JSON path where it would go. */
export function describeGaps(missing: readonly MissingElement[], indent: string): string[] {
  return missing.map((m) => `${indent}- ${m.element} → ${m.path}`);
}

/** Once per batch: for each element some file lacks, every place it may go and what it is. */
export function gapLegend(missing: readonly MissingElement[], indent: string): string[] {
  const seen = new Map<string, MissingElement>();
  for (const m of missing) if (!seen.has(m.element)) seen.set(m.element, m);
  return [...seen.values()].map(
    (m) => `${indent}${m.element}: ${m.explanation} → ${[m.path, ...m.alternatives].join(", or ")}`,
  );
}

/** Why one file cannot come in, as lines (the first names the file). */
function refusal(file: string, error: unknown): string[] {
  if (!(error instanceof AcreditaError)) return [`${file}: ${error instanceof Error ? error.message : String(error)}`];
  if (error.code === "CREDENTIAL_MICROCREDENTIAL_INCOMPLETE") {
    const gaps = (error.details.gaps as MissingElement[] | undefined) ?? [];
    return [`${file} lacks ${plural(gaps.length, "microcredential element")}:`, ...describeGaps(gaps, "  ")];
  }
  const problems = (error.details.problems as string[] | undefined) ?? [error.message.replace(/^[A-Z0-9_]+: /, "")];
  const what =
    error.code === "CREDENTIAL_NOT_OB3"
      ? "is not a valid Open Badges 3.0 credential"
      : error.code === "CREDENTIAL_VC1_UNSUPPORTED"
        ? "is a VC 1.1-era credential"
        : error.code === "CREDENTIAL_ALREADY_ANCHORED"
          ? "is anchored already"
          : "cannot be anchored";
  const reasons =
    error.code === "CREDENTIAL_ALREADY_ANCHORED" ? [error.message.replace(/^[A-Z0-9_]+: /, "")] : problems;
  return reasons.length === 1
    ? [`${file} ${what}: ${reasons[0] ?? ""}`]
    : [`${file} ${what}:`, ...reasons.map((p) => `  - ${p}`)];
}

/** Reads and checks every `.json` file of `folder`; throws a CliError listing every problem of every file. */
export function readOwnCredentials(folder: string, options: { allowIncomplete?: boolean } = {}): OwnCredentials {
  let files: string[];
  try {
    files = readdirSync(folder)
      .filter((f) => f.endsWith(".json"))
      .sort();
  } catch {
    throw new CliError(`cannot read the folder ${folder}`);
  }
  if (files.length === 0) throw new CliError(`${folder} holds no .json credential`);
  const refused: string[][] = [];
  const gaps: MissingElement[] = [];
  const out: OwnCredentials = { documents: [], names: [], bytes: [], incomplete: [], withProofs: [], notes: [] };
  const ids = new Map<string, string>();
  for (const file of files) {
    const path = join(folder, file);
    let accepted: AcceptedOwnCredential;
    try {
      const text = readUtf8(path, "the credential", MAX_JSON_INPUT_BYTES);
      let value: JsonValue;
      try {
        value = parseStrict(text, { maxLength: 8 * 1024 * 1024 });
      } catch (error) {
        const why = error instanceof AcreditaError ? error.message.replace(/^[A-Z0-9_]+: /, "") : String(error);
        refused.push([`${file} is not valid JSON: ${why}`]);
        continue;
      }
      accepted = acceptOwnCredential(value, { allowIncomplete: options.allowIncomplete === true });
    } catch (error) {
      if (error instanceof CliError) refused.push([`${file}: ${error.message}`]);
      else refused.push(refusal(file, error));
      if (error instanceof AcreditaError && error.code === "CREDENTIAL_MICROCREDENTIAL_INCOMPLETE") {
        gaps.push(...((error.details.gaps as MissingElement[] | undefined) ?? []));
      }
      continue;
    }
    const doc = accepted.credential;
    const id = typeof doc.id === "string" ? doc.id : undefined;
    if (id !== undefined) {
      const first = ids.get(id);
      if (first !== undefined) refused.push([`${file}: id "${id}" is already the id of ${first}`]);
      ids.set(id, file);
    }
    out.documents.push(doc);
    out.names.push(basename(file, ".json"));
    out.bytes.push(Buffer.from(JSON.stringify(doc)));
    if (!accepted.complete) out.incomplete.push({ file, missing: accepted.missing });
    if (accepted.keptProofs > 0) out.withProofs.push({ file, proofs: accepted.keptProofs });
    for (const note of accepted.notes) out.notes.push({ file, note });
  }
  if (refused.length > 0) {
    const legend = gaps.length === 0 ? [] : ["Where each missing element goes:", ...gapLegend(gaps, "  ")];
    throw new CliError(
      `${refused.length} of ${files.length} credentials in ${folder} cannot be anchored; nothing was issued:\n${[
        ...refused.flat(),
        ...legend,
      ]
        .map((line) => `  ${line}`)
        .join("\n")}`,
      gaps.length > 0
        ? {
            hint: "Add the missing elements at the paths shown, or pass --allow-incomplete to issue such files as plain badges (the verifier then shows which microcredential elements each lacks).",
          }
        : {},
    );
  }
  return out;
}
