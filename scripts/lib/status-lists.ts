/**
 * A batch's published status list (W3C Bitstring Status List), rebuilt from the chain: the registry's record of
 * the batch and its events, read at one block, are all it is made of (core/status-list.ts), and Ed25519 signatures
 * are deterministic, so the same chain state gives the same bytes wherever it is rebuilt.
 *
 * - URL: the one its credentials carry (`statusListCredential`), the list's `id`. It is not recorded on chain: the
 *   registry's `anchorBatchWithMetadata` would record it, for about 94,000 more gas per batch (1,270 per byte of
 *   a 72-byte URL); whoever rebuilds a list holds a credential of the batch, or its folder, which names it.
 * - Bits: positions revoked by `CredentialRevoked`, `CredentialsRevoked` and `CredentialRangeRevoked`; all of the
 *   batch's positions once the batch is revoked.
 * - `validFrom` (and the proof's `created`): the latest of the anchoring, the batch's revocation and the last
 *   credential revocation, as the registry recorded them.
 * - Issuer: the issuer id of the identity version the batch was anchored under.
 * - Signature: the institution's credential key (on the local chain, by default, the development credential key
 *   of the account that anchored the batch).
 */
import { createHmac } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type Address, type Hex, keccak256, stringToBytes } from "viem";
import {
  type BatchRevocations,
  getContractEventsPaged,
  type JsonObject,
  offlineDocumentLoader,
  parseStrict,
  revocationEntryOf,
  statusListCredential,
  statusListFileName,
} from "../../core/index.ts";
import { createEddsaRdfc2022Signer } from "../../core/data-integrity-sign.ts";
import { CliError } from "./cli-error.ts";
import { type CredentialSigner, devCredentialSigner } from "./credential-signer.ts";
import { writeAtomic } from "./files.ts";
import { type Chain, credentialRegistryAbi } from "./registry.ts";

/** Where `npm start` serves the local chain's lists from (under its state folder), and at which URL path. */
export const LOCAL_STATUS_LISTS = "status-lists";

/** The file a batch folder keeps its list in (published at the URL its credentials carry). */
export const BATCH_STATUS_LIST_FILE = "status-list.json";

/** The status list URL of a batch: `<base><id>.json`, the id derived from the batch's seed (stable across reruns). */
export function statusListUrlFor(base: string, seed: Buffer): string {
  const id = createHmac("sha256", seed).update("acredita/status-list-id").digest("hex").slice(0, 32);
  return `${base}${id}.json`;
}

/** Checks a `--status-base`: an http(s) URL ending in "/", printable ASCII, at most 200 characters. */
export function checkStatusBase(base: string): string {
  if (!/^https?:\/\/[!-~]+\/$/.test(base) || base.length > 200) {
    throw new CliError(
      `--status-base must be an http(s) URL of printable ASCII ending in "/", at most 200 characters, not "${base}"`,
      { hint: "e.g. --status-base https://uneje.example/status-lists/ (each batch's list is published there)" },
    );
  }
  try {
    new URL(base);
  } catch {
    throw new CliError(`--status-base is not a URL: "${base}"`);
  }
  return base;
}

/** A rebuilt, signed list, with what it says. */
export interface RebuiltStatusList {
  institutionId: number;
  root: Hex;
  url: string;
  /** The file name it is published under (the URL's last segment). */
  name: string;
  /** The signed list credential as published: JSON, two-space indented, one final newline. */
  text: string;
  validFrom: string;
  count: number;
  /** Revoked positions (every one when the batch is revoked). */
  revoked: number;
  batchRevoked: boolean;
  /** The block the chain was read at. */
  block: bigint;
}

/** The first block whose timestamp is `time` or later (block times never decrease): where a batch's events start. */
async function firstBlockAt(chain: Chain, time: number, last: bigint): Promise<bigint> {
  const client = chain.target.client;
  let low = 0n;
  let high = last;
  while (low < high) {
    const middle = (low + high) / 2n;
    const block = await client.getBlock({ blockNumber: middle });
    if (Number(block.timestamp) < time) low = middle + 1n;
    else high = middle;
  }
  return low;
}

/** The issuer id of identity `version` of an institution: the current one, a candidate, or from the events. */
async function issuerIdOfVersion(
  chain: Chain,
  institutionId: number,
  version: number,
  candidates: readonly string[],
  block: bigint,
): Promise<string> {
  const client = chain.target.client;
  const base = { address: chain.registry, abi: credentialRegistryAbi, blockNumber: block } as const;
  const [identity, institution] = await Promise.all([
    client.readContract({ ...base, functionName: "getIssuerIdentity", args: [institutionId, version] }),
    client.readContract({ ...base, functionName: "getInstitution", args: [institutionId] }),
  ]);
  const matches = (id: string) => keccak256(stringToBytes(id)) === identity.issuerIdHash;
  for (const id of [...candidates, institution.profile.issuerId]) if (matches(id)) return id;
  const filter = { address: chain.registry, abi: credentialRegistryAbi, args: { institutionId }, fromBlock: 0n };
  const [admitted, updated] = await Promise.all([
    getContractEventsPaged(client, { ...filter, toBlock: block, eventName: "InstitutionAdmitted" }),
    getContractEventsPaged(client, { ...filter, toBlock: block, eventName: "InstitutionUpdated" }),
  ]);
  for (const log of [...admitted, ...updated]) {
    if (log.args.identityVersion === version && matches(log.args.issuerId)) return log.args.issuerId;
  }
  throw new CliError(`cannot find the issuer id of identity version ${version} of institution ${institutionId}`);
}

export interface RebuildOptions {
  /** A block at or before the anchoring (from anchor.json): saves searching for it. */
  fromBlock?: bigint;
  /**
   * The institution's credential key, or how to get it for the batch's issuer id and anchoring account (default,
   * on the local chain only: that account's development credential key).
   */
  signer?: CredentialSigner | ((issuerId: string, signingKey: Address) => Promise<CredentialSigner>);
}

/** Everything the chain says about the revocations of a batch whose list is at `url`, read at one block. */
export async function readBatchRevocations(
  chain: Chain,
  institutionId: number,
  root: Hex,
  url: string,
  options: Pick<RebuildOptions, "fromBlock"> & { issuerCandidates?: readonly string[] } = {},
): Promise<BatchRevocations & { block: bigint; signingKey: Address }> {
  const client = chain.target.client;
  const block = await client.getBlockNumber({ cacheTime: 0 });
  const base = { address: chain.registry, abi: credentialRegistryAbi, blockNumber: block } as const;
  const batch = await client.readContract({ ...base, functionName: "getBatch", args: [institutionId, root] });
  if (batch.anchoredAt === 0) {
    throw new CliError(`batch ${root} of institution ${institutionId} is not anchored in ${chain.registry}`);
  }
  const fromBlock = options.fromBlock ?? (await firstBlockAt(chain, batch.anchoredAt, block));
  const filter = { address: chain.registry, abi: credentialRegistryAbi, args: { institutionId, root }, fromBlock };
  const [one, list, range, issuer] = await Promise.all([
    getContractEventsPaged(client, { ...filter, toBlock: block, eventName: "CredentialRevoked" }),
    getContractEventsPaged(client, { ...filter, toBlock: block, eventName: "CredentialsRevoked" }),
    getContractEventsPaged(client, { ...filter, toBlock: block, eventName: "CredentialRangeRevoked" }),
    issuerIdOfVersion(chain, institutionId, batch.identityVersion, options.issuerCandidates ?? [], block),
  ]);
  const revoked: number[] = [];
  let last: { block: bigint; logIndex: number; index: number } | undefined;
  const later = (b: bigint, logIndex: number) =>
    last === undefined || b > last.block || (b === last.block && logIndex > last.logIndex);
  for (const log of one) {
    revoked.push(log.args.index);
    if (later(log.blockNumber, log.logIndex))
      last = { block: log.blockNumber, logIndex: log.logIndex, index: log.args.index };
  }
  for (const log of list) {
    for (const index of log.args.indexes) revoked.push(index);
    const first = log.args.indexes[0];
    if (first !== undefined && later(log.blockNumber, log.logIndex)) {
      last = { block: log.blockNumber, logIndex: log.logIndex, index: first };
    }
  }
  for (const log of range) {
    for (let i = 0; i < log.args.count; i++) revoked.push(log.args.fromIndex + i);
    if (log.args.count > 0 && later(log.blockNumber, log.logIndex)) {
      last = { block: log.blockNumber, logIndex: log.logIndex, index: log.args.fromIndex };
    }
  }
  const lastRevokedAt =
    last === undefined
      ? 0
      : (
          await client.readContract({
            ...base,
            functionName: "getCredentialRevocation",
            args: [institutionId, root, last.index],
          })
        )[0];
  return {
    url,
    issuer,
    count: batch.count,
    anchoredAt: batch.anchoredAt,
    batchRevokedAt: batch.revokedAt,
    revoked,
    lastRevokedAt,
    block,
    signingKey: batch.signingKey,
  };
}

/** The status list at `url` of a batch, rebuilt from the chain and signed (see the module comment). */
export async function rebuildStatusList(
  chain: Chain,
  institutionId: number,
  root: Hex,
  url: string,
  options: RebuildOptions = {},
): Promise<RebuiltStatusList> {
  if (!/^https?:\/\//.test(url)) throw new CliError(`the status list URL must be http(s), not "${url}"`);
  const facts = await readBatchRevocations(chain, institutionId, root, url, {
    ...options,
    issuerCandidates: typeof options.signer === "object" ? [options.signer.controller] : [],
  });
  let signer =
    typeof options.signer === "function" ? await options.signer(facts.issuer, facts.signingKey) : options.signer;
  if (signer === undefined) {
    if (!chain.target.isLocal) {
      throw new CliError("signing a status list on this network needs the institution's credential key", {
        hint: "Pass --credential-key <file> (and --did-document <did.json> for a did:web issuer id).",
      });
    }
    signer = await devCredentialSigner(facts.signingKey, facts.issuer);
  }
  if (signer.controller !== facts.issuer) {
    throw new CliError(
      `the credential key is ${signer.controller}'s, but batch ${root} was anchored under the issuer id ${facts.issuer}`,
      { hint: "Use the credential key of the issuer id the batch's credentials carry." },
    );
  }
  const unsigned = statusListCredential(facts);
  const validFrom = unsigned.validFrom as string;
  const fast = createEddsaRdfc2022Signer({
    signer: signer.signer,
    documentLoader: offlineDocumentLoader(signer.verificationKeys),
  });
  const proof = await fast.sign(unsigned, { created: validFrom });
  const signed: JsonObject = { ...unsigned, proof };
  const batchRevoked = facts.batchRevokedAt !== 0;
  return {
    institutionId,
    root,
    url: facts.url,
    name: statusListFileName(facts.url),
    text: `${JSON.stringify(signed, null, 2)}\n`,
    validFrom,
    count: facts.count,
    revoked: batchRevoked ? facts.count : new Set(facts.revoked).size,
    batchRevoked,
    block: facts.block,
  };
}

/** The folder `npm start` serves the local chain's lists from. */
export function localStatusListDir(chain: Chain): string | undefined {
  return chain.target.isLocal ? join(chain.target.stateDir, LOCAL_STATUS_LISTS) : undefined;
}

/**
 * Writes a list: as `status-list.json` in its batch folder, as `<name>` in `folder` (a folder the institution
 * publishes), and, on the local chain, where `npm start` serves it. Returns the files. With `once`, an existing
 * file is left as it is (`issue` rerun after an interruption: a later `revoke` may have rewritten it).
 */
export function writeStatusList(
  chain: Chain,
  list: RebuiltStatusList,
  places: { batchDir?: string | undefined; folder?: string | undefined; once?: boolean },
): string[] {
  const files: string[] = [];
  if (places.batchDir !== undefined) files.push(join(places.batchDir, BATCH_STATUS_LIST_FILE));
  for (const dir of [places.folder, localStatusListDir(chain)]) {
    if (dir !== undefined) files.push(join(dir, list.name));
  }
  const unique = [...new Set(files)];
  for (const file of unique) {
    if (places.once === true && existsSync(file)) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeAtomic(file, list.text);
  }
  return unique;
}

/**
 * The status list URL the credentials of a batch folder carry (read from the first credential file that names one:
 * an issuer's own file that came with proofs of its own got no entry).
 */
export function statusListUrlInFolder(batchDir: string): string | undefined {
  const dir = join(batchDir, "credentials");
  if (!existsSync(dir)) return undefined;
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".json")) continue;
    try {
      const value = parseStrict(readFileSync(join(dir, file), "utf8"), { maxLength: 8 * 1024 * 1024 });
      const url =
        typeof value === "object" && value !== null && !Array.isArray(value)
          ? revocationEntryOf(value)?.url
          : undefined;
      if (url !== undefined) return url;
    } catch {
      // not a credential this CLI wrote: look further
    }
  }
  return undefined;
}
