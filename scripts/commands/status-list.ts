/**
 * `acredita status-list`: rebuild the published status list (W3C Bitstring Status List) of one or more batches
 * from the chain (scripts/lib/status-lists.ts), signed with the institution's credential key, and write it where it
 * is published. The same chain state always gives the same bytes. A batch is named by its folder, its manifest or
 * one of its credentials (which name the list's URL), or by its root with --institution and --url.
 */
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { type Address, type Hex, isHex } from "viem";
import { revocationEntryOf } from "../../core/index.ts";
import { CliError } from "../lib/cli-error.ts";
import { readBatchFolder, readCredentialProof } from "../lib/batch-folder.ts";
import type { CredentialSigner } from "../lib/credential-signer.ts";
import { credentialSignerOf } from "../lib/issue-batch.ts";
import { positiveInteger } from "../lib/network.ts";
import { paint, print } from "../lib/output.ts";
import { type Chain, openChain } from "../lib/registry.ts";
import {
  localStatusListDir,
  type RebuildOptions,
  rebuildStatusList,
  type RebuiltStatusList,
  statusListUrlInFolder,
  writeStatusList,
} from "../lib/status-lists.ts";
import { type CommandOptions, printJson, str } from "./common.ts";

/** One batch to rebuild, with what the files the user gave say about it. */
export interface ListTarget {
  institutionId: number;
  root: Hex;
  batchDir?: string;
  fromBlock?: bigint;
  /** The list's URL (what the batch's credentials name). */
  url: string;
}

/** The signer option of a rebuild: --credential-key (resolved per issuer id), else the local default. */
export function listSigner(chain: Chain, options: CommandOptions): RebuildOptions["signer"] {
  if (options.credentialKey === undefined) return undefined;
  const given = {
    file: str(options.credentialKey),
    ...(options.didDocument === undefined ? {} : { didDocument: str(options.didDocument) }),
    ...(options.passwordFile === undefined ? {} : { passwordFile: str(options.passwordFile) }),
  };
  const byIssuer = new Map<string, Promise<CredentialSigner>>();
  return (issuerId: string, signingKey: Address) => {
    let signer = byIssuer.get(issuerId);
    if (signer === undefined) {
      signer = credentialSignerOf(given, chain.target.isLocal, signingKey, issuerId);
      byIssuer.set(issuerId, signer);
    }
    return signer;
  };
}

/** The batch folder a credential file sits in (`<batch>/credentials/<file>.json`), if it is that batch's. */
export function batchDirOfCredential(file: string, root: Hex): string | undefined {
  const dir = dirname(dirname(resolve(file)));
  if (basename(dirname(resolve(file))) !== "credentials" || !existsSync(join(dir, "manifest.json"))) return undefined;
  try {
    return readBatchFolder(dir).manifest.batchRoot === root ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Rebuilds and writes the lists of `targets`: into each batch folder, into `folder`, and on the local chain where
 * `npm start` serves them. Returns what was rebuilt.
 */
export async function rebuildAndWrite(
  chain: Chain,
  targets: readonly ListTarget[],
  options: { folder?: string | undefined; signer?: RebuildOptions["signer"] },
): Promise<{ list: RebuiltStatusList; files: string[] }[]> {
  const done: { list: RebuiltStatusList; files: string[] }[] = [];
  for (const target of targets) {
    const list = await rebuildStatusList(chain, target.institutionId, target.root, target.url, {
      ...(target.fromBlock === undefined ? {} : { fromBlock: target.fromBlock }),
      ...(options.signer === undefined ? {} : { signer: options.signer }),
    });
    const files = writeStatusList(chain, list, { batchDir: target.batchDir, folder: options.folder });
    done.push({ list, files });
  }
  return done;
}

/** "12 of 3,000 revoked" / "the whole batch revoked". */
export function describeList(list: RebuiltStatusList): string {
  const revoked = list.batchRevoked
    ? "the whole batch revoked"
    : `${list.revoked.toLocaleString("en")} of ${list.count.toLocaleString("en")} revoked`;
  return `${revoked}, valid from ${list.validFrom}`;
}

function noList(what: string): CliError {
  return new CliError(`${what} names no status list (its credentials carry no BitstringStatusListEntry)`, {
    hint: "Batches issued before status lists existed have none; issue them again to give them one.",
  });
}

/** The batch a target names (see the module comment). */
function targetOf(target: string, options: CommandOptions): ListTarget {
  if (isHex(target) && target.length === 66) {
    if (options.institution === undefined || options.url === undefined) {
      throw new CliError("a bare root needs --institution <id> and --url <the list's URL>");
    }
    return {
      institutionId: positiveInteger(str(options.institution), "--institution"),
      root: target,
      url: str(options.url),
    };
  }
  if (!existsSync(target)) throw new CliError(`${target} does not exist`);
  const isBatch =
    statSync(target).isDirectory() || existsSync(join(target, "manifest.json")) || target.endsWith("manifest.json");
  if (isBatch) {
    const batch = readBatchFolder(target);
    const dir = batch.dir ?? dirname(resolve(target));
    const url = statusListUrlInFolder(dir);
    if (url === undefined) throw noList(`the batch in ${dir}`);
    return {
      institutionId: batch.manifest.institutionId,
      root: batch.manifest.batchRoot,
      batchDir: resolve(dir),
      url,
      ...(batch.anchorBlock === undefined ? {} : { fromBlock: batch.anchorBlock }),
    };
  }
  const { text, proof } = readCredentialProof(target);
  const entry = revocationEntryOf(JSON.parse(text) as never);
  if (entry === undefined) throw noList(target);
  const batchDir = batchDirOfCredential(target, proof.batchRoot);
  return {
    institutionId: proof.institutionId,
    root: proof.batchRoot,
    url: entry.url,
    ...(batchDir === undefined ? {} : { batchDir }),
  };
}

export async function run(names: string[], options: CommandOptions): Promise<void> {
  const targets = names.map((name) => targetOf(name, options));
  const connected = await openChain(options, undefined);
  const folder = options.out === undefined ? undefined : resolve(str(options.out));
  if (folder === undefined && localStatusListDir(connected) === undefined && targets.some((t) => !t.batchDir)) {
    throw new CliError("say where to write the status list: --out <folder>", {
      hint: "The folder you publish at the lists' URL (each list is written there under its file name).",
    });
  }
  const done = await rebuildAndWrite(connected, targets, { folder, signer: listSigner(connected, options) });
  if (options.json === true) {
    printJson(
      done.map(({ list, files }) => ({
        institutionId: list.institutionId,
        batchRoot: list.root,
        url: list.url,
        count: list.count,
        revoked: list.revoked,
        batchRevoked: list.batchRevoked,
        validFrom: list.validFrom,
        block: list.block,
        files,
      })),
    );
    return;
  }
  for (const { list, files } of done) {
    print(
      `${paint("green", "✔")} Status list of batch ${list.root} (institution ${list.institutionId}): ${describeList(list)}`,
    );
    print(`  URL   ${list.url}`);
    for (const file of files) print(`  File  ${file}`);
  }
}
