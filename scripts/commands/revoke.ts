/**
 * `acredita revoke`: credential files, learner ids of a batch, or a whole batch → revocation transactions
 * (simulated first, one per batch and per 1,000 credentials). Already revoked credentials are skipped, so
 * running the same command twice is harmless.
 */
import { CliError } from "../lib/cli-error.ts";
import { readBatchFolder, readCredentialProof } from "../lib/batch-folder.ts";
import { note, print } from "../lib/output.ts";
import { type Chain, openChain, read } from "../lib/registry.ts";
import { type CommandOptions, printJson, send, str } from "./common.ts";
import { parseReason, reasonName } from "./reasons.ts";

interface Group {
  chainId: number;
  registry: string;
  institutionId: number;
  root: `0x${string}`;
  indexes: Set<number>;
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
      const { proof } = readCredentialProof(file);
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
        groups.set(key, group);
      }
      group.indexes.add(proof.index);
    }
  }

  const chain = await openChain(options, { defaultAccount: 0 });
  const summary: { root: string; revoked: number[]; alreadyRevoked: number[]; wholeBatch?: boolean }[] = [];
  if (wholeBatch !== undefined) {
    checkSameChain(chain, wholeBatch);
    const record = await read(chain, "getBatch", [wholeBatch.institutionId, wholeBatch.root]);
    if (record.revokedAt !== 0) {
      print(
        `Batch ${wholeBatch.root} was already revoked (${reasonName(record.revocationReason)}, ${new Date(record.revokedAt * 1000).toISOString()}); nothing to do.`,
      );
    } else {
      await send(
        chain,
        "revokeBatch",
        [wholeBatch.institutionId, wholeBatch.root, reason],
        `revoking the whole batch ${wholeBatch.root} (${reasonName(reason)})`,
      );
    }
    summary.push({ root: wholeBatch.root, revoked: [], alreadyRevoked: [], wholeBatch: true });
  }
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
    for (let start = 0; start < pending.length; start += 1000) {
      const chunk = pending.slice(start, start + 1000);
      await send(
        chain,
        "revokeCredentials",
        [group.institutionId, group.root, chunk, reason],
        `revoking ${chunk.length} credential${chunk.length === 1 ? "" : "s"} of batch ${group.root.slice(0, 10)}… (${reasonName(reason)})`,
      );
    }
    summary.push({ root: group.root, revoked: pending, alreadyRevoked: already });
  }
  if (options.json === true) printJson(summary);
}
