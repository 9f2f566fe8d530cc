/**
 * `acredita status-list`: rebuild the published status list (W3C Bitstring Status List) of a batch — or of every
 * batch of an institution — from the chain alone (scripts/lib/status-lists.ts), signed with the institution's
 * credential key, and write it where it is published. The same chain state always gives the same bytes.
 */
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { type Address, type Hex, isHex } from "viem";
import { credentialRegistryAbi } from "../../core/generated/abi.ts";
import { getContractEventsPaged, revocationEntryOf } from "../../core/index.ts";
import { CliError } from "../lib/cli-error.ts";
import { readBatchFolder, readCredentialProof } from "../lib/batch-folder.ts";
import type { CredentialSigner } from "../lib/credential-signer.ts";
import { credentialSignerOf } from "../lib/issue-batch.ts";
import { positiveInteger } from "../lib/network.ts";
import { note, paint, print } from "../lib/output.ts";
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
  url?: string;
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
    const list = await rebuildStatusList(chain, target.institutionId, target.root, {
      ...(target.fromBlock === undefined ? {} : { fromBlock: target.fromBlock }),
      ...(target.url === undefined ? {} : { url: target.url }),
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

/** Every batch of an institution that the chain gives a status list URL (BatchMetadataPublished events). */
async function institutionBatches(chain: Chain, institutionId: number): Promise<ListTarget[]> {
  const logs = await getContractEventsPaged(chain.target.client, {
    address: chain.registry,
    abi: credentialRegistryAbi,
    eventName: "BatchMetadataPublished",
    args: { institutionId },
    fromBlock: 0n,
  });
  return logs
    .filter((log) => /^https?:\/\//.test(log.args.metadataURI))
    .map((log) => ({ institutionId, root: log.args.root, fromBlock: log.blockNumber }));
}

async function targetsOf(target: string | undefined, options: CommandOptions, chain: () => Promise<Chain>) {
  const institution =
    options.institution === undefined ? undefined : positiveInteger(str(options.institution), "--institution");
  if (target === undefined) {
    if (institution === undefined) {
      throw new CliError("name a batch (its folder, manifest, a credential or a root), or --institution <id>");
    }
    return institutionBatches(await chain(), institution);
  }
  if (isHex(target) && target.length === 66) {
    if (institution === undefined) throw new CliError("a bare root needs --institution <id>");
    return [{ institutionId: institution, root: target }];
  }
  if (!existsSync(target)) throw new CliError(`${target} does not exist`);
  const isBatch =
    statSync(target).isDirectory() || existsSync(join(target, "manifest.json")) || target.endsWith("manifest.json");
  if (isBatch) {
    const batch = readBatchFolder(target);
    const dir = batch.dir ?? dirname(resolve(target));
    const url = statusListUrlInFolder(dir);
    return [
      {
        institutionId: batch.manifest.institutionId,
        root: batch.manifest.batchRoot,
        batchDir: dir,
        ...(batch.anchorBlock === undefined ? {} : { fromBlock: batch.anchorBlock }),
        ...(url === undefined ? {} : { url }),
      },
    ];
  }
  const { text, proof } = readCredentialProof(target);
  const url = revocationEntryOf(JSON.parse(text) as never)?.url;
  const batchDir = batchDirOfCredential(target, proof.batchRoot);
  return [
    {
      institutionId: proof.institutionId,
      root: proof.batchRoot,
      ...(batchDir === undefined ? {} : { batchDir }),
      ...(url === undefined ? {} : { url }),
    },
  ];
}

export async function run(target: string | undefined, options: CommandOptions): Promise<void> {
  let opened: Chain | undefined;
  const chain = async () => (opened ??= await openChain(options, undefined));
  const targets = await targetsOf(target, options, chain);
  const connected = await chain();
  const folder = options.out === undefined ? undefined : resolve(str(options.out));
  if (folder === undefined && localStatusListDir(connected) === undefined && targets.some((t) => !t.batchDir)) {
    throw new CliError("say where to write the status list: --out <folder>", {
      hint: "The folder you publish at the lists' URL (each list is written there under its file name).",
    });
  }
  if (targets.length === 0) {
    note(`  No batch of institution ${str(options.institution)} has a status list URL on chain.`);
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
