/**
 * The verification engine. `verifyCredential(access, input, options)` runs the ordered checks
 * FORMAT → INTEGRITY → SIGNATURE → REGISTRY → ANCHOR → ISSUER → STATUS → VALIDITY, each VALID / INVALID / ERROR /
 * SKIPPED with a reason code, and derives a verdict: the local checks (local-checks.ts, signature-check.ts), then,
 * for a registry this verifier trusts, the registry read through its sources (registry-read.ts) and what their
 * answers establish (source-agreement.ts, chain-status.ts), then the verdict (verdict.ts). The on-chain part is
 * exactly one `eth_call` per source to the registry's `verifyCredential` view once the chain id is known (one
 * `eth_chainId` per client, cached; the read block is reused for a second, see sources.ts).
 *
 * A registry is read through its sources (independent RPC endpoints), all at the same block; a verdict from the
 * chain needs `quorum` of them to answer and every answer to agree. Sources that disagree give ERROR
 * (SOURCES_DISAGREE, with what each said); a result resting on one source says so (notice SOURCE_SINGLE).
 *
 * It fails closed: a thrown error, an RPC failure, a wrong chain or an unreadable answer gives ERROR and the
 * verdict "could-not-check" — never "valid". Trust comes from `options.trustedRegistries`, never from the
 * credential: a registry not listed there makes the verdict "untrusted" and is not even asked.
 */
import { claimedIssuer } from "./claimed-issuer.ts";
import { checkLocally, failedLocally, type LocalCheck } from "./local-checks.ts";
import { ask, openRegistry, type Query } from "./registry-read.ts";
import { checkSignature } from "./signature-check.ts";
import { decide } from "./source-agreement.ts";
import { comparePublishedStatus, type StatusListCache } from "./status-list.ts";
import { verdictOf } from "./verdict.ts";
import {
  CHECKS,
  type CheckName,
  type CheckResult,
  checkResult,
  type CredentialReference,
  type RegistryAccess,
  type TrustedRegistry,
  type VerificationResult,
  type VerifyInput,
  type VerifyOptions,
} from "./verification.ts";

function assemble(local: LocalCheck, rest: CheckResult[], extra: Partial<VerificationResult>): VerificationResult {
  const all = new Map<CheckName, CheckResult>();
  for (const check of Object.values(local.checks)) all.set(check.check, check);
  for (const check of rest) all.set(check.check, check);
  const checks = CHECKS.map((name) => all.get(name) ?? checkResult(name, "SKIPPED", "SKIPPED_AFTER_FAILURE"));
  const warnings = [...local.warnings, ...(extra.warnings ?? [])];
  const out: VerificationResult = {
    verdict: verdictOf(checks, warnings),
    checks,
    warnings,
    hiddenCount: local.hiddenCount,
    redacted: local.redacted,
  };
  if (local.credential !== undefined) out.credential = local.credential;
  if (local.reference !== undefined) out.reference = local.reference;
  if (local.leaf !== undefined) out.leaf = local.leaf;
  if (extra.registry !== undefined) out.registry = extra.registry;
  if (extra.chain !== undefined) out.chain = extra.chain;
  if (extra.read !== undefined) out.read = extra.read;
  if (extra.notices !== undefined && extra.notices.length > 0) out.notices = extra.notices;
  return out;
}

/** REGISTRY check of a registry not in the trust list (nothing is asked of any source). */
function untrustedCheck(reference: CredentialReference): CheckResult {
  return checkResult("REGISTRY", "INVALID", "REGISTRY_UNTRUSTED", {
    chainId: reference.chainId,
    registry: reference.registry,
  });
}

function trustedFor(reference: CredentialReference, trusted: readonly TrustedRegistry[]): TrustedRegistry | undefined {
  const address = reference.registry.toLowerCase();
  return trusted.find((r) => r.chainId === reference.chainId && r.address.toLowerCase() === address);
}

/** What the chain part of a verification adds to the local checks: its checks and the record of the read. */
interface ChainPart {
  checks: CheckResult[];
  extra: Partial<VerificationResult>;
}

/**
 * The chain part of {@link verifyCredential} for `local` (checked locally; its signature need not be checked yet)
 * and its `reference`: REGISTRY_UNTRUSTED without asking anything, else the registry read through its sources
 * (one `eth_call` per source) and what their answers establish. Depends only on the reference and the credential,
 * neither of which the signature check changes. Never rejects.
 */
async function readChain(
  access: RegistryAccess,
  local: LocalCheck,
  reference: CredentialReference,
  options: VerifyOptions,
): Promise<ChainPart> {
  const trusted = trustedFor(reference, options.trustedRegistries);
  if (trusted === undefined) return { checks: [untrustedCheck(reference)], extra: {} };
  const open = await openRegistry(access, trusted, options);
  if (open.registry.status !== "VALID") return { checks: [open.registry], extra: {} };
  const query: Query = { reference, claimed: claimedIssuer(local.credential) };
  const answers = await Promise.all(
    open.states.map(async (state) =>
      state.failure === undefined ? (await ask(state, open, [query], false))[0] : undefined,
    ),
  );
  const decided = decide(open, answers, local.credential);
  return { checks: [open.registry, ...decided.checks], extra: decided.extra };
}

/**
 * Verifies one credential (text, parsed JSON, or a status-only reference) against the registries this verifier
 * trusts, through the registry's sources at one block: one `eth_call` per source. The registry read starts as
 * soon as the local checks pass and runs while the signature is checked (the two are independent); when the
 * signature fails, its answer is dropped and the verdict is the one without chain checks. Never throws: every
 * failure is a check result.
 */
export async function verifyCredential(
  access: RegistryAccess,
  input: VerifyInput,
  options: VerifyOptions,
): Promise<VerificationResult> {
  let local: LocalCheck;
  try {
    local = checkLocally(input, options);
  } catch (error) {
    return assemble(failedLocally(error), [], {});
  }
  const early = local.reference;
  const chain = local.sound && early !== undefined ? readChain(access, local, early, options) : undefined;
  // Handled now: a read that fails while the signature is being checked is not an unhandled rejection (it is
  // awaited below when the signature holds, and dropped when it does not).
  chain?.catch(() => undefined);
  local = await checkSignature(local);
  if (!local.sound || local.reference === undefined || chain === undefined) return assemble(local, [], {});
  const { checks, extra } = await chain;
  return withPublishedStatus(assemble(local, checks, extra), options);
}

/** Queries per `verifyCredentials` call (keeps each eth_call well under node gas caps). */
export const BATCH_QUERY_LIMIT = 256;

/**
 * Verifies many credentials: local checks for each, then, per trusted registry, its sources opened once (one read
 * block for the whole run) and one `verifyCredentials` eth_call per source per {@link BATCH_QUERY_LIMIT}
 * credentials. Results are in input order. Never throws.
 */
export async function verifyCredentials(
  access: RegistryAccess,
  inputs: readonly VerifyInput[],
  options: VerifyOptions,
): Promise<VerificationResult[]> {
  return finishVerification(access, await localChecks(inputs, options), options);
}

/**
 * The local part of {@link verifyCredentials} (no network): {@link checkLocally} and {@link checkSignature} of each
 * input, in input order. Never throws. Pure CPU: core/node/parallel-verify.ts runs it on worker threads.
 */
export async function localChecks(
  inputs: readonly VerifyInput[],
  options: Pick<VerifyOptions, "now" | "parse"> = {},
): Promise<LocalCheck[]> {
  const checked = inputs.map((input): LocalCheck => {
    try {
      return checkLocally(input, options);
    } catch (error) {
      return failedLocally(error);
    }
  });
  const locals: LocalCheck[] = [];
  for (const local of checked) locals.push(await checkSignature(local));
  return locals;
}

/**
 * The rest of {@link verifyCredentials} once the local checks are done ({@link localChecks}, here or on worker
 * threads): the chain reads, batched per trusted registry, and the results in input order. Never throws.
 */
export async function finishVerification(
  access: RegistryAccess,
  locals: readonly LocalCheck[],
  options: VerifyOptions,
): Promise<VerificationResult[]> {
  const results = new Array<VerificationResult | undefined>(locals.length);
  const groups = new Map<string, { trusted: TrustedRegistry; items: number[] }>();
  for (const [i, local] of locals.entries()) {
    const reference = local.reference;
    if (!local.sound || reference === undefined) {
      results[i] = assemble(local, [], {});
      continue;
    }
    const trusted = trustedFor(reference, options.trustedRegistries);
    if (trusted === undefined) {
      results[i] = assemble(local, [untrustedCheck(reference)], {});
      continue;
    }
    const key = `${trusted.chainId}:${trusted.address.toLowerCase()}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { trusted, items: [] };
      groups.set(key, group);
    }
    group.items.push(i);
  }
  for (const group of groups.values()) {
    const open = await openRegistry(access, group.trusted, options);
    if (open.registry.status !== "VALID") {
      for (const i of group.items) results[i] = assemble(locals[i] as LocalCheck, [open.registry], {});
      continue;
    }
    for (let start = 0; start < group.items.length; start += BATCH_QUERY_LIMIT) {
      const chunk = group.items.slice(start, start + BATCH_QUERY_LIMIT);
      const queries = chunk.map((i): Query => {
        const local = locals[i] as LocalCheck;
        return { reference: local.reference as CredentialReference, claimed: claimedIssuer(local.credential) };
      });
      const perSource = await Promise.all(
        open.states.map(async (state) => (state.failure === undefined ? ask(state, open, queries, true) : undefined)),
      );
      chunk.forEach((i, k) => {
        const local = locals[i] as LocalCheck;
        const decided = decide(
          open,
          perSource.map((answers) => answers?.[k]),
          local.credential,
        );
        results[i] = assemble(local, [open.registry, ...decided.checks], decided.extra);
      });
    }
  }
  const lists: StatusListCache = new Map();
  const out: VerificationResult[] = [];
  for (const [i, r] of results.entries()) {
    out.push(await withPublishedStatus(r ?? assemble(locals[i] as LocalCheck, [], {}), options, lists));
  }
  return out;
}

/**
 * With `options.statusLists`, the comparison of the published status list with the registry's answer, once the
 * anchor and the issuer checked out: a list that disagrees, is not the issuer's or cannot be read adds a warning
 * (the registry's verdict stands). No chain read.
 */
async function withPublishedStatus(
  verified: VerificationResult,
  options: VerifyOptions,
  cache?: StatusListCache,
): Promise<VerificationResult> {
  const byName = new Map(verified.checks.map((c) => [c.check, c.status]));
  const status = byName.get("STATUS");
  if (
    options.statusLists === undefined ||
    verified.credential === undefined ||
    byName.get("ANCHOR") !== "VALID" ||
    byName.get("ISSUER") !== "VALID" ||
    (status !== "VALID" && status !== "INVALID")
  ) {
    return verified;
  }
  const published = await comparePublishedStatus(verified.credential, status === "INVALID", options.statusLists, cache);
  if (published === undefined) return verified;
  const warnings = published.outcome === "agrees" ? verified.warnings : [...verified.warnings, published.reason];
  return { ...verified, statusList: published, warnings, verdict: verdictOf(verified.checks, warnings) };
}
