/** Reading what `issue` wrote: a batch folder (manifest.json, links.csv, anchor.json) or a credential file. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import {
  type BatchManifest,
  parseBatchManifest,
  splitAnchor,
  parseStrict,
  type AnchorProof,
} from "../../core/index.ts";
import { CliError } from "./cli-error.ts";
import { MAX_JSON_INPUT_BYTES, MAX_MANIFEST_BYTES, readUtf8 } from "./files.ts";

export interface BatchFolder {
  dir: string | undefined;
  manifest: BatchManifest;
  /** learner id → credential index, from links.csv (empty when there is none). */
  learners: Map<string, number>;
  /** The anchoring block, when anchor.json recorded it. */
  anchorBlock: bigint | undefined;
}

/** Reads a batch folder or a manifest.json path. */
export function readBatchFolder(path: string): BatchFolder {
  const isDir = existsSync(path) && statSync(path).isDirectory();
  const manifestFile = isDir ? join(path, "manifest.json") : path;
  if (!existsSync(manifestFile)) {
    throw new CliError(`${path} is not a batch folder: ${manifestFile} does not exist`, {
      hint: "Pass the --out folder of `acredita issue` (or its manifest.json).",
    });
  }
  let manifest: BatchManifest;
  try {
    manifest = parseBatchManifest(
      parseStrict(readUtf8(manifestFile, "the manifest", MAX_MANIFEST_BYTES), { maxLength: MAX_MANIFEST_BYTES }),
    );
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `${manifestFile} is not a batch manifest: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const dir = isDir ? path : undefined;
  const learners = new Map<string, number>();
  let anchorBlock: bigint | undefined;
  if (dir !== undefined) {
    const links = join(dir, "links.csv");
    if (existsSync(links)) {
      const rows: Record<string, string>[] = parse(readFileSync(links, "utf8"), {
        columns: true,
        skip_empty_lines: true,
      });
      for (const row of rows) if (row.learner_id !== undefined) learners.set(row.learner_id, Number(row.index));
    }
    const anchor = join(dir, "anchor.json");
    if (existsSync(anchor)) {
      const block = (JSON.parse(readFileSync(anchor, "utf8")) as { blockNumber?: string }).blockNumber;
      if (block !== undefined) anchorBlock = BigInt(block);
    }
  }
  return { dir, manifest, learners, anchorBlock };
}

/** The anchor proof of a credential file, and the issuer id it carries (`issuer`, or `issuer.id`). */
export function readCredentialProof(file: string): { text: string; proof: AnchorProof; issuerId: string | undefined } {
  const text = readUtf8(file, "the credential", MAX_JSON_INPUT_BYTES);
  try {
    const value = parseStrict(text, { maxLength: MAX_JSON_INPUT_BYTES });
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not a JSON object");
    const issuer = value.issuer;
    const issuerId =
      typeof issuer === "string"
        ? issuer
        : typeof issuer === "object" && issuer !== null && !Array.isArray(issuer) && typeof issuer.id === "string"
          ? issuer.id
          : undefined;
    return { text, proof: splitAnchor(value).anchor, issuerId };
  } catch (error) {
    throw new CliError(
      `${file} is not an issued credential: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
