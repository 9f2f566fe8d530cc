/**
 * Reading a trusted registry through its sources (independent RPC endpoints), all at the same block: each source's
 * chain id and block for the registry's tag (sources.ts), then one `verifyCredential` (or `verifyCredentials`)
 * `eth_call` per source, and the identity reads a mismatching issuer needs. What the answers establish together is
 * source-agreement.ts.
 */
import { type Address, getAddress, type PublicClient } from "viem";
import { fromHex, type Hex } from "./bytes.ts";
import { evaluateChainStatus } from "./chain-status.ts";
import type { JsonObject } from "./canonical.ts";
import type { ClaimedIssuer } from "./claimed-issuer.ts";
import { AcreditaError } from "./errors.ts";
import { credentialRegistryAbi } from "./generated/abi.ts";
import type { ReasonCode } from "./reasons.ts";
import { type ChainStatus, identityHashOf, nameMatches, normalizeChainStatus, type RawStatus } from "./registry.ts";
import {
  type BlockTag,
  chainIdOf,
  clientSource,
  confirmationsOf,
  type PinnedBlock,
  quorumOf,
  type RegistrySource,
  type SourceReport,
  tagBlockOf,
} from "./sources.ts";
import {
  type CheckResult,
  checkResult,
  type CredentialReference,
  detailsOf,
  type RegistryAccess,
  type TrustedRegistry,
  type VerifyOptions,
} from "./verification.ts";

function readOne(client: PublicClient, reference: CredentialReference, blockNumber: bigint) {
  return client.readContract({
    address: reference.registry,
    abi: credentialRegistryAbi,
    functionName: "verifyCredential",
    args: [reference.institutionId, reference.index, reference.credentialDigest, reference.path],
    blockNumber,
  });
}

/** A chain status waiting for {@link resolveIdentities}, with the issuer its credential claims. */
interface Unresolved {
  chain: ChainStatus;
  institutionId: number;
  claimed: ClaimedIssuer;
}

/**
 * Completes the statuses whose credential's issuer is not the identity recorded at anchoring (and status-only
 * ones): reads that identity version's name and issuer id hashes (`getIssuerIdentity`, checked against the
 * view's identity hash), then the registry's current name where the claimed name is not the recorded one
 * (`getInstitution`, once per institution), so a mismatch can be shown with the registered name. A credential
 * whose issuer matches needs none of these calls. Every call reads the same block as the view.
 */
async function resolveIdentities(
  client: PublicClient,
  registry: Address,
  items: readonly Unresolved[],
  blockNumber: bigint,
): Promise<void> {
  const read = <T>(functionName: "getIssuerIdentity" | "getInstitution", args: readonly number[]) =>
    client.readContract({
      address: registry,
      abi: credentialRegistryAbi,
      functionName,
      args: args as never,
      blockNumber,
    }) as Promise<T>;
  const names = new Map<number, Promise<string>>();
  const identities = new Map<string, Promise<{ identityHash: Hex; nameHash: Hex; issuerIdHash: Hex }>>();
  for (const { chain, institutionId, claimed } of items) {
    if (chain.institutionName !== "" || !chain.anchored || !chain.proofValid) continue;
    const version = `${institutionId}/${chain.identityVersion}`;
    let pending = identities.get(version);
    if (pending === undefined) {
      pending = read("getIssuerIdentity", [institutionId, chain.identityVersion]);
      identities.set(version, pending);
    }
    const identity = await pending;
    if (
      identity.identityHash.toLowerCase() !== chain.issuerIdentityHash.toLowerCase() ||
      identityHashOf(fromHex(identity.nameHash), fromHex(identity.issuerIdHash)) !==
        chain.issuerIdentityHash.toLowerCase()
    ) {
      throw new AcreditaError("ANCHOR_BAD_RESPONSE", "the issuer identity does not match the view's identity hash");
    }
    chain.issuerNameHash = identity.nameHash;
    chain.issuerIdHash = identity.issuerIdHash;
    if (claimed.name !== undefined && nameMatches(claimed.name, identity.nameHash)) {
      chain.institutionName = claimed.name;
      continue;
    }
    let name = names.get(institutionId);
    if (name === undefined) {
      name = read<{ profile: { name: string } }>("getInstitution", [institutionId]).then((i) => i.profile.name);
      names.set(institutionId, name);
    }
    chain.institutionName = await name;
  }
}

/** Errors meaning "the node answered, but not as a registry would" rather than "the node could not be reached". */
const BAD_ANSWER = new Set([
  "ContractFunctionZeroDataError",
  "ContractFunctionRevertedError",
  "AbiDecodingZeroDataError",
  "AbiDecodingDataSizeTooSmallError",
  "AbiDecodingOffsetOutOfBoundsError",
  "PositionOutOfBoundsError",
]);

function rpcReason(error: unknown): ReasonCode {
  if (error instanceof AcreditaError) return error.code;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (BAD_ANSWER.has(e.name)) return "ANCHOR_BAD_RESPONSE";
  }
  return "ANCHOR_RPC_FAILED";
}

/** Why a source gave no answer. */
export interface SourceFailure {
  reason: ReasonCode;
  details: Record<string, unknown>;
}

/** One source during a run of reads of one registry. */
export interface SourceState {
  source: RegistrySource;
  /** The block it gave for the registry's tag. */
  block?: PinnedBlock;
  /** Why it can answer nothing: its chain id (a REGISTRY failure) or its block (an ANCHOR failure). */
  failure?: SourceFailure & { check: "REGISTRY" | "ANCHOR" };
}

/** A registry's sources, opened for a run of reads: chain ids checked, the read block chosen. */
export interface OpenRegistry {
  trusted: TrustedRegistry;
  quorum: number;
  tag: BlockTag;
  states: SourceState[];
  /** VALID when at least `quorum` sources are on the registry's chain. */
  registry: CheckResult;
  /** The read block: the highest any source gave for the tag. */
  pin?: PinnedBlock;
  /** Sources gave the read block's number with different hashes: they are not on one chain. */
  forked: boolean;
}

/** One credential's question to the registry, with the issuer it claims. */
export interface Query {
  reference: CredentialReference;
  claimed: ClaimedIssuer;
}

/** A source's answer to one query: the normalized status, or why there is none. */
export type Answer = { status: ChainStatus } | { failure: SourceFailure };

function sourcesFor(access: RegistryAccess, registry: TrustedRegistry): readonly RegistrySource[] {
  if (typeof access === "function") return access(registry);
  if (Array.isArray(access)) return access as readonly RegistrySource[];
  return [clientSource(access as PublicClient)];
}

/**
 * Asks every source of `trusted` its chain id (cached) and its block for the registry's tag (reused for
 * `blockRefreshMs`), both at once, and chooses the read block: the highest one given.
 */
export async function openRegistry(
  access: RegistryAccess,
  trusted: TrustedRegistry,
  options: VerifyOptions,
): Promise<OpenRegistry> {
  let sources: readonly RegistrySource[];
  try {
    sources = sourcesFor(access, trusted);
  } catch (error) {
    const registry = checkResult("REGISTRY", "ERROR", "SOURCES_TOO_FEW", {
      quorum: 1,
      ...detailsOf(error),
      sources: [],
    });
    return { trusted, quorum: 1, tag: "safe", states: [], registry, forked: false };
  }
  const quorum = quorumOf(trusted, sources.length);
  const tag = trusted.blockTag ?? "safe";
  const confirmations = confirmationsOf(trusted);
  const states = await Promise.all(
    sources.map(async (source): Promise<SourceState> => {
      const [chainId, block] = await Promise.allSettled([
        chainIdOf(source.client),
        tagBlockOf(source.client, tag, confirmations, options.blockRefreshMs),
      ]);
      if (chainId.status === "rejected") {
        return {
          source,
          failure: { check: "REGISTRY", reason: "REGISTRY_CHAIN_UNKNOWN", details: detailsOf(chainId.reason) },
        };
      }
      if (chainId.value !== trusted.chainId) {
        const details = { expected: trusted.chainId, connected: chainId.value };
        return { source, failure: { check: "REGISTRY", reason: "REGISTRY_CHAIN_MISMATCH", details } };
      }
      if (block.status === "rejected") {
        return {
          source,
          failure: { check: "ANCHOR", reason: rpcReason(block.reason), details: detailsOf(block.reason) },
        };
      }
      return { source, block: block.value };
    }),
  );
  const onChain = states.filter((s) => s.failure?.check !== "REGISTRY").length;
  const [only] = states;
  let registry: CheckResult;
  if (onChain >= quorum) registry = checkResult("REGISTRY", "VALID", "REGISTRY_TRUSTED", { name: trusted.name });
  else if (states.length === 1 && only?.failure !== undefined) {
    registry = checkResult("REGISTRY", "ERROR", only.failure.reason, only.failure.details);
  } else {
    registry = checkResult("REGISTRY", "ERROR", "SOURCES_TOO_FEW", {
      quorum,
      sources: states.map((s) => report(s, undefined, undefined)),
    });
  }
  let pin: PinnedBlock | undefined;
  for (const { block } of states)
    if (block !== undefined && (pin === undefined || block.number > pin.number)) pin = block;
  const forked = states.some(
    (s) => s.block !== undefined && s.block.number === pin?.number && s.block.hash !== pin.hash,
  );
  return { trusted, quorum, tag, states, registry, ...(pin === undefined ? {} : { pin }), forked };
}

/**
 * One source's answers to `queries` at the read block: one `verifyCredential` call (one query, `batched` false)
 * or one `verifyCredentials` call, then the identity reads a mismatching issuer needs, at the same block. A source
 * that cannot read the block while it gave a lower one for the tag is behind the others (SOURCE_BLOCK_UNAVAILABLE).
 */
export async function ask(
  state: SourceState,
  open: OpenRegistry,
  queries: readonly Query[],
  batched: boolean,
): Promise<Answer[]> {
  const { client } = state.source;
  const pin = open.pin;
  if (pin === undefined || state.block === undefined) {
    return queries.map(() => ({ failure: { reason: "ANCHOR_RPC_FAILED", details: {} } }));
  }
  const blockNumber = BigInt(pin.number);
  const address = getAddress(open.trusted.address);
  const failed = (error: unknown): Answer => {
    const behind = (state.block?.number ?? 0) < pin.number && !(error instanceof AcreditaError);
    return {
      failure: {
        reason: behind ? "SOURCE_BLOCK_UNAVAILABLE" : rpcReason(error),
        details: { ...detailsOf(error), block: pin.number },
      },
    };
  };
  try {
    let raws: readonly RawStatus[];
    if (batched) {
      raws = await client.readContract({
        address,
        abi: credentialRegistryAbi,
        functionName: "verifyCredentials",
        args: [
          queries.map(({ reference }) => ({
            institutionId: reference.institutionId,
            index: reference.index,
            credentialDigest: reference.credentialDigest,
            proof: reference.path,
          })),
        ],
        blockNumber,
      });
    } else {
      const [query] = queries;
      raws = query === undefined ? [] : [await readOne(client, { ...query.reference, registry: address }, blockNumber)];
    }
    if (raws.length !== queries.length) throw new AcreditaError("ANCHOR_BAD_RESPONSE", "wrong number of statuses");
    const answers = queries.map((query, k): Answer => {
      try {
        return { status: normalizeChainStatus(raws[k] as RawStatus, query.reference, query.claimed) };
      } catch (error) {
        return failed(error);
      }
    });
    const unresolved: Unresolved[] = [];
    answers.forEach((answer, k) => {
      const query = queries[k] as Query;
      if ("status" in answer) {
        unresolved.push({ chain: answer.status, institutionId: query.reference.institutionId, claimed: query.claimed });
      }
    });
    await resolveIdentities(client, address, unresolved, blockNumber);
    return answers;
  } catch (error) {
    return queries.map(() => failed(error));
  }
}

/** What an answer says, in one reason: its first failed check's, else its first warning's, else STATUS_ACTIVE. */
function headline(status: ChainStatus, credential: JsonObject | undefined): ReasonCode {
  const evaluated = evaluateChainStatus(status, credential);
  return evaluated.checks.find((c) => c.status === "INVALID")?.reason ?? evaluated.warnings[0] ?? "STATUS_ACTIVE";
}

export function report(
  state: SourceState,
  answer: Answer | undefined,
  credential: JsonObject | undefined,
): SourceReport {
  const base = { name: state.source.name, ...(state.block === undefined ? {} : { block: state.block.number }) };
  const failure = state.failure ?? (answer !== undefined && "failure" in answer ? answer.failure : undefined);
  if (failure !== undefined) {
    const message = failure.details.message;
    return { ...base, answered: false, reason: failure.reason, ...(typeof message === "string" ? { message } : {}) };
  }
  if (answer === undefined || !("status" in answer)) return { ...base, answered: false, reason: "ANCHOR_RPC_FAILED" };
  return { ...base, answered: true, reason: headline(answer.status, credential) };
}
