/** `acredita status`: what the chain says about a batch (folder, manifest or root) or one credential file. */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Hex, isHex, keccak256, stringToBytes, zeroHash } from "viem";
import { credentialRegistryAbi } from "../../core/generated/abi.ts";
import {
  type ChainStatus,
  getContractEventsPaged,
  readBatchStanding,
  reasonMessage,
  type RegistryRead,
  type SourceReport,
  verifyCredentials,
} from "../../core/index.ts";
import { CliError } from "../lib/cli-error.ts";
import { readBatchFolder, readCredentialProof } from "../lib/batch-folder.ts";
import { positiveInteger } from "../lib/network.ts";
import { print } from "../lib/output.ts";
import { countryOf, institutionStatusWord, reasonName } from "../../core/registry.ts";
import { type Chain, openChain, read } from "../lib/registry.ts";
import { type SourceOptions, sourceAccess, trustedOn } from "../lib/sources.ts";
import { type CommandOptions, printJson, str } from "./common.ts";

const when = (t: number) => (t === 0 ? "never" : new Date(t * 1000).toISOString());

async function revokedPositions(chain: Chain, institutionId: number, root: Hex, fromBlock: bigint) {
  const client = chain.target.client;
  const filter = { address: chain.registry, abi: credentialRegistryAbi, args: { institutionId, root }, fromBlock };
  const toBlock = await client.getBlockNumber({ cacheTime: 0 });
  const [one, list, range] = await Promise.all([
    getContractEventsPaged(client, { ...filter, toBlock, eventName: "CredentialRevoked" }),
    getContractEventsPaged(client, { ...filter, toBlock, eventName: "CredentialsRevoked" }),
    getContractEventsPaged(client, { ...filter, toBlock, eventName: "CredentialRangeRevoked" }),
  ]);
  const revoked: { index: number; reason: number }[] = [];
  for (const log of one) revoked.push({ index: log.args.index, reason: log.args.reason });
  for (const log of list) for (const index of log.args.indexes) revoked.push({ index, reason: log.args.reason });
  for (const log of range) {
    for (let i = 0; i < log.args.count; i++) revoked.push({ index: log.args.fromIndex + i, reason: log.args.reason });
  }
  return revoked.sort((a, b) => a.index - b.index);
}

/**
 * The institution's issuer identity for a batch anchored under identity `version`: the current issuer id, and
 * whether the issuer id recorded for that version is the same one (the registry keeps every version's hashes).
 */
async function issuerAtAnchoring(chain: Chain, institutionId: number, version: number, currentIssuerId: string) {
  if (version === 0) return { sameIssuerId: null };
  const recorded = await read(chain, "getIssuerIdentity", [institutionId, version]);
  return { sameIssuerId: recorded.issuerIdHash === keccak256(stringToBytes(currentIssuerId)) };
}

async function batchStatus(
  chain: Chain,
  institutionId: number,
  root: Hex,
  fromBlock: bigint,
  json: boolean,
): Promise<void> {
  const [batch, institution] = await Promise.all([
    readBatchStanding(chain.target.client, chain.registry, institutionId, root),
    read(chain, "getInstitution", [institutionId]),
  ]);
  const revoked = batch.anchoredAt === 0 ? [] : await revokedPositions(chain, institutionId, root, fromBlock);
  const { sameIssuerId } = await issuerAtAnchoring(
    chain,
    institutionId,
    batch.identityVersion,
    institution.profile.issuerId,
  );
  const facts = {
    batchRoot: root,
    institutionId,
    institution: institution.profile.name,
    issuerId: institution.profile.issuerId,
    identityVersion: institution.identityVersion,
    batchIdentityVersion: batch.anchoredAt === 0 ? null : batch.identityVersion,
    issuerIdChangedSinceAnchoring: sameIssuerId === null ? null : !sameIssuerId,
    country: countryOf(institution.profile.country),
    institutionStatus: institutionStatusWord(institution.status) ?? "unknown",
    anchored: batch.anchoredAt !== 0,
    anchoredAt: batch.anchoredAt === 0 ? null : when(batch.anchoredAt),
    signingKey: batch.signingKey,
    keyCompromisedFrom: batch.keyCompromisedFrom === 0 ? null : when(batch.keyCompromisedFrom),
    keyValidAtAnchoring: batch.anchored ? batch.keyValidAtAnchoring : null,
    count: batch.count,
    batchRevokedAt: batch.revokedAt === 0 ? null : when(batch.revokedAt),
    batchRevocationReason: batch.revokedAt === 0 ? null : reasonName(batch.revocationReason),
    revokedCredentials: revoked.map((r) => ({ index: r.index, reason: reasonName(r.reason) })),
  };
  // A batch anchored by a key compromised by then does not verify, whatever else is true of it.
  const voided = batch.anchored && !batch.keyValidAtAnchoring;
  if (json) {
    printJson(facts);
    if (!facts.anchored || voided) process.exitCode = 1;
    return;
  }
  print(
    `Batch ${root} of ${facts.institution} (institution ${institutionId}, ${facts.country}, ${facts.institutionStatus} now)`,
  );
  print(`  Issuer id      ${facts.issuerId} (identity version ${facts.identityVersion} now)`);
  if (!facts.anchored) {
    print("  Not anchored in this registry.");
    process.exitCode = 1;
    return;
  }
  print(`  Anchored       ${facts.anchoredAt ?? ""} by ${batch.signingKey}`);
  if (voided) {
    print(
      `  Signing key    COMPROMISED from ${facts.keyCompromisedFrom ?? ""}, before it anchored this batch: its credentials are not valid`,
    );
    process.exitCode = 1;
  } else if (batch.keyCompromisedFrom !== 0) {
    print(`  Signing key    compromised from ${facts.keyCompromisedFrom ?? ""}, after it anchored this batch`);
  }
  print(
    `  Identity       version ${batch.identityVersion} at anchoring${
      batch.identityVersion === institution.identityVersion
        ? " (the current one)"
        : sameIssuerId === true
          ? " (same issuer id as now; the name has changed since)"
          : " (another issuer id than now: its credentials carry the one of that version)"
    }`,
  );
  print(`  Credentials    ${batch.count}`);
  print(
    `  Batch revoked  ${facts.batchRevokedAt === null ? "no" : `${facts.batchRevokedAt} (${facts.batchRevocationReason ?? ""})`}`,
  );
  print(
    `  Revoked        ${
      revoked.length === 0
        ? "none"
        : `${revoked.length}: ${revoked
            .slice(0, 20)
            .map((r) => `#${r.index} (${reasonName(r.reason)})`)
            .join(", ")}${revoked.length > 20 ? ", …" : ""}`
    }`,
  );
}

function printCredential(
  file: string,
  issuerId: string | undefined,
  chainStatus: ChainStatus | undefined,
  reasons: string[],
  json: boolean,
  read: RegistryRead | undefined,
): void {
  const issuerIdRecorded =
    chainStatus === undefined || !chainStatus.anchored || chainStatus.issuerIdHash === zeroHash
      ? null
      : issuerId !== undefined && keccak256(stringToBytes(issuerId)) === chainStatus.issuerIdHash;
  if (json) {
    printJson({
      file,
      issuerId: issuerId ?? null,
      issuerIdRecorded,
      chain: chainStatus ?? null,
      problems: reasons,
      read: read ?? null,
    });
    return;
  }
  print(`Credential ${file}`);
  const readLine =
    read === undefined
      ? undefined
      : `  Read at        block ${String(read.block.number)} (${when(read.block.time)}), ${String(read.sources.filter((s) => s.answered).length)} of ${String(read.sources.length)} sources answering alike (quorum ${String(read.quorum)})`;
  if (chainStatus === undefined) {
    for (const reason of reasons) print(`  ${reason}`);
    if (readLine !== undefined) print(readLine);
    process.exitCode = 1;
    return;
  }
  if (readLine !== undefined) print(readLine);
  print(
    `  Institution    ${chainStatus.institutionName} (${chainStatus.institutionCountry}, ${chainStatus.institutionStatus.toLowerCase()} now)`,
  );
  print(
    `  Issuer id      ${issuerId ?? "(none)"}${
      issuerIdRecorded === null
        ? ""
        : issuerIdRecorded
          ? " (the registry's for the institution at anchoring)"
          : " (NOT the issuer id the registry held for the institution at anchoring)"
    }`,
  );
  print(
    `  Anchored       ${chainStatus.anchored ? when(chainStatus.anchoredAt) : "no"}${chainStatus.proofValid ? "" : " (the proof does not match)"}`,
  );
  print(
    `  Revoked        ${chainStatus.credentialRevokedAt === 0 ? "no" : `${when(chainStatus.credentialRevokedAt)} (${reasonName(chainStatus.credentialRevocationReason)})`}`,
  );
  print(
    `  Batch revoked  ${chainStatus.batchRevokedAt === 0 ? "no" : `${when(chainStatus.batchRevokedAt)} (${reasonName(chainStatus.batchRevocationReason)})`}`,
  );
  print(
    `  Signing key    ${chainStatus.signingKey}${chainStatus.keyValidAtAnchoring ? "" : " (not valid when it anchored)"}`,
  );
}

export async function run(target: string, options: CommandOptions): Promise<void> {
  const json = options.json === true;
  if (isHex(target) && target.length === 66) {
    if (options.institution === undefined) throw new CliError("a bare root needs --institution <id>");
    const chain = await openChain(options, undefined);
    await batchStatus(chain, positiveInteger(str(options.institution), "--institution"), target, 0n, json);
    return;
  }
  if (!existsSync(target)) throw new CliError(`${target} does not exist`);
  const isBatch =
    statSync(target).isDirectory() || existsSync(join(target, "manifest.json")) || target.endsWith("manifest.json");
  if (isBatch) {
    const batch = readBatchFolder(target);
    const chain = await openChain(options, undefined);
    await batchStatus(chain, batch.manifest.institutionId, batch.manifest.batchRoot, batch.anchorBlock ?? 0n, json);
    return;
  }
  const { proof, issuerId } = readCredentialProof(target);
  const chain = await openChain(options, undefined);
  // Read as `acredita verify` reads: through every source, at one block.
  const sourceOptions = options as unknown as SourceOptions;
  const trusted = trustedOn(chain.target, sourceOptions, { address: chain.registry, name: chain.target.name });
  const [result] = await verifyCredentials(
    sourceAccess(chain.target, sourceOptions),
    [{ reference: { ...proof, path: proof.path } }],
    { trustedRegistries: [trusted] },
  );
  const failed = (result?.checks ?? []).filter((c) => c.status === "INVALID" || c.status === "ERROR");
  const sources = failed.flatMap((c) =>
    Array.isArray(c.details?.sources) ? (c.details.sources as SourceReport[]) : [],
  );
  const problems = [
    ...failed.map((c) => reasonMessage(c.reason)),
    ...sources.map((s) => `${s.name}: ${reasonMessage(s.reason)}`),
    ...(result?.notices ?? []).map((n) => reasonMessage(n)),
  ];
  printCredential(target, issuerId, result?.chain, problems, json, result?.read);
}
