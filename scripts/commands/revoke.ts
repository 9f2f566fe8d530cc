/**
 * `acredita revoke`: credential files, learner ids of a batch, or a whole batch → revocation transactions
 * (simulated first, one per batch and per 1,000 credentials). Already revoked credentials are skipped, so
 * running the same command twice is harmless. Then each affected batch's status list is rebuilt from the chain
 * (status-list.ts) and written into its batch folder, --status-lists and, on the local chain, where `npm start`
 * serves it.
 */
import { resolve } from "node:path";
import { revocationEntryOf } from "../../core/index.ts";
import { CliError } from "../lib/cli-error.ts";
import { readBatchFolder, readCredentialProof } from "../lib/batch-folder.ts";
import { confirmFinal } from "../lib/confirm.ts";
import { note, paint, plural, print } from "../lib/output.ts";
import { type Chain, openChain, read } from "../lib/registry.ts";
import { localStatusListDir, statusListUrlInFolder } from "../lib/status-lists.ts";
import { type CommandOptions, printJson, send, str } from "./common.ts";
import { reasonName } from "../../core/registry.ts";
import { parseReason } from "./reasons.ts";
import { batchDirOfCredential, describeList, type ListTarget, listSigner, rebuildAndWrite } from "./status-list.ts";

interface Group {
  chainId: number;
  registry: string;
  institutionId: number;
  root: `0x${string}`;
  indexes: Set<number>;
  /** The batch folder, when known (its status list is rewritten there). */
  batchDir?: string;
  anchorBlock?: bigint;
  /** The status list URL the credentials carry. */
  statusList?: string;
}

function checkSameChain(chain: Chain, group: Group): void {
  if (group.chainId !== chain.target.chainId || group.registry.toLowerCase() !== chain.registry.toLowerCase()) {
    throw new CliError(
      `batch ${group.root} was anchored in registry ${group.registry} on chain ${group.chainId}, but this command is connected to ${chain.registry} on chain ${chain.target.chainId}`,
      { hint: "Choose the right --network (and --registry)." },
    );
  }
}

export async function run(files: string[], options: CommandOptions): Promise<void> {
  const reason = parseReason(options.reason);
  const learnerIds = (options.learner as string[] | undefined) ?? [];
  const all = options.all === true;
  const groups = new Map<string, Group>();
  let wholeBatch: Group | undefined;
  if (options.batch !== undefined) {
    if (files.length > 0) throw new CliError("give either credential files or --batch, not both");
    if (all === learnerIds.length > 0) throw new CliError("with --batch, give either --learner <id…> or --all");
    const batch = readBatchFolder(str(options.batch));
    const group: Group = {
      chainId: batch.manifest.chainId,
      registry: batch.manifest.registry,
      institutionId: batch.manifest.institutionId,
      root: batch.manifest.batchRoot,
      indexes: new Set(),
      ...(batch.dir === undefined ? {} : { batchDir: resolve(batch.dir) }),
      ...(batch.anchorBlock === undefined ? {} : { anchorBlock: batch.anchorBlock }),
    };
    if (all) wholeBatch = group;
    else {
      if (batch.learners.size === 0) throw new CliError(`${str(options.batch)} has no links.csv to find learners in`);
      const unknown = learnerIds.filter((id) => !batch.learners.has(id));
      if (unknown.length > 0) throw new CliError(`no learner ${unknown.join(", ")} in this batch`);
      for (const id of learnerIds) group.indexes.add(batch.learners.get(id) ?? -1);
      groups.set(group.root, group);
    }
  } else {
    if (files.length === 0) throw new CliError("name the credential files to revoke, or use --batch");
    if (all || learnerIds.length > 0) throw new CliError("--all and --learner need --batch <folder>");
    for (const file of files) {
      const { proof, text } = readCredentialProof(file);
      const key = `${proof.chainId}:${proof.registry.toLowerCase()}:${proof.institutionId}:${proof.batchRoot}`;
      let group = groups.get(key);
      if (group === undefined) {
        group = {
          chainId: proof.chainId,
          registry: proof.registry,
          institutionId: proof.institutionId,
          root: proof.batchRoot,
          indexes: new Set(),
        };
        const batchDir = batchDirOfCredential(file, proof.batchRoot);
        if (batchDir !== undefined) group.batchDir = batchDir;
        groups.set(key, group);
      }
      group.statusList ??= revocationEntryOf(JSON.parse(text) as never)?.url;
      group.indexes.add(proof.index);
    }
  }

  const chain = await openChain(options, { defaultAccount: 0 });
  const summary: { root: string; revoked: number[]; alreadyRevoked: number[]; wholeBatch?: boolean }[] = [];
  // What will be sent, read first: the confirmation shows it, and what is already revoked is skipped.
  let batchCount: number | undefined;
  if (wholeBatch !== undefined) {
    checkSameChain(chain, wholeBatch);
    const record = await read(chain, "getBatch", [wholeBatch.institutionId, wholeBatch.root]);
    if (record.revokedAt !== 0) {
      print(
        `Batch ${wholeBatch.root} was already revoked (${reasonName(record.revocationReason)}, ${new Date(record.revokedAt * 1000).toISOString()}); nothing to do.`,
      );
    } else batchCount = record.count;
  }
  const plans: { group: Group; pending: number[]; already: number[] }[] = [];
  for (const group of groups.values()) {
    checkSameChain(chain, group);
    const indexes = [...group.indexes].sort((a, b) => a - b);
    const states = await Promise.all(
      indexes.map((i) => read(chain, "getCredentialRevocation", [group.institutionId, group.root, i])),
    );
    const already = indexes.filter((_, k) => (states[k]?.[0] ?? 0) !== 0);
    const pending = indexes.filter((_, k) => (states[k]?.[0] ?? 0) === 0);
    if (already.length > 0)
      note(
        `  Already revoked, skipped: position${already.length === 1 ? "" : "s"} ${already.join(", ")} of ${group.root}`,
      );
    plans.push({ group, pending, already });
  }
  const pendingCount = plans.reduce((sum, p) => sum + p.pending.length, 0);
  if (wholeBatch !== undefined && batchCount !== undefined) {
    await confirmFinal(
      `revoke the whole batch ${wholeBatch.root} (${plural(batchCount, "credential")}) for "${reasonName(reason)}"`,
      [
        `Institution ${wholeBatch.institutionId}, registry ${chain.registry} on chain ${chain.target.chainId}.`,
        "Every credential of the batch will verify as revoked, for everyone, from the next block on.",
      ],
      options,
    );
  } else if (pendingCount > 1) {
    await confirmFinal(
      `revoke ${plural(pendingCount, "credential")} for "${reasonName(reason)}"`,
      plans
        .filter((p) => p.pending.length > 0)
        .map(
          (p) =>
            `${plural(p.pending.length, "credential")} of batch ${p.group.root} (institution ${p.group.institutionId}): position${p.pending.length === 1 ? "" : "s"} ${p.pending.slice(0, 20).join(", ")}${p.pending.length > 20 ? ", …" : ""}`,
        ),
      options,
    );
  }
  if (wholeBatch !== undefined) {
    if (batchCount !== undefined) {
      await send(
        chain,
        "revokeBatch",
        [wholeBatch.institutionId, wholeBatch.root, reason],
        `revoking the whole batch ${wholeBatch.root} (${reasonName(reason)})`,
      );
    }
    summary.push({ root: wholeBatch.root, revoked: [], alreadyRevoked: [], wholeBatch: true });
  }
  for (const { group, pending, already } of plans) {
    for (let start = 0; start < pending.length; start += 1000) {
      const chunk = pending.slice(start, start + 1000);
      await send(
        chain,
        "revokeCredentials",
        [group.institutionId, group.root, chunk, reason],
        `revoking ${plural(chunk.length, "credential")} of batch ${group.root.slice(0, 10)}… (${reasonName(reason)})`,
      );
    }
    summary.push({ root: group.root, revoked: pending, alreadyRevoked: already });
  }
  const lists = await regenerateLists(
    chain,
    [...(wholeBatch === undefined ? [] : [wholeBatch]), ...groups.values()],
    options,
  );
  if (options.json === true) printJson(summary.map((s) => ({ ...s, statusList: lists.get(s.root) ?? null })));
}

/** Rebuilds the status lists of the batches just revoked in, where they can be signed and written. */
async function regenerateLists(
  chain: Chain,
  groups: readonly Group[],
  options: CommandOptions,
): Promise<Map<string, { url: string; files: string[] }>> {
  const out = new Map<string, { url: string; files: string[] }>();
  const folder = options.statusLists === undefined ? undefined : resolve(str(options.statusLists));
  const signer = listSigner(chain, options);
  if (!chain.target.isLocal && signer === undefined) {
    note(
      "  Status lists not rebuilt: pass --credential-key (and --did-document for a did:web issuer) to sign them, or run `acredita status-list` later, then publish them.",
    );
    return out;
  }
  const targets: ListTarget[] = [];
  for (const group of groups) {
    group.statusList ??= group.batchDir === undefined ? undefined : statusListUrlInFolder(group.batchDir);
    if (group.statusList === undefined) {
      note(`  Batch ${group.root} has no status list (its credentials name none).`);
      continue;
    }
    if (group.batchDir === undefined && folder === undefined && localStatusListDir(chain) === undefined) {
      note(`  Status list of ${group.root} not rebuilt: no batch folder to write it in; pass --status-lists <folder>.`);
      continue;
    }
    targets.push({
      institutionId: group.institutionId,
      root: group.root,
      ...(group.batchDir === undefined ? {} : { batchDir: group.batchDir }),
      ...(group.anchorBlock === undefined ? {} : { fromBlock: group.anchorBlock }),
      url: group.statusList,
    });
  }
  for (const target of targets) {
    try {
      const [done] = await rebuildAndWrite(chain, [target], { folder, signer });
      if (done === undefined) continue;
      out.set(target.root, { url: done.list.url, files: done.files });
      print(`${paint("green", "✔")} Status list rebuilt (${describeList(done.list)}): ${done.list.url}`);
      for (const file of done.files) note(`  ${file}`);
    } catch (error) {
      // The revocation itself is on chain; the list can be rebuilt at any time.
      note(
        `  Status list of ${target.root} not rebuilt: ${error instanceof Error ? error.message : String(error)} (run \`acredita status-list\` once this is fixed)`,
      );
      process.exitCode = 1;
    }
  }
  return out;
}
