/**
 * Lies an RPC endpoint can tell about the registry, as faults for `rpc-proxy.ts`: the node's real answer to the
 * registry's `verifyCredential(s)` view, rewritten (revocations erased, a compromised key made good, a batch that
 * was never anchored made anchored under a real institution's identity), and a false chain height.
 */
import { decodeFunctionData, decodeFunctionResult, encodeFunctionResult, type Hex, toHex } from "viem";
import { credentialRegistryAbi } from "../../core/generated/abi.ts";
import type { Fault } from "./rpc-proxy.ts";

/** The view's answer for one credential, as viem decodes it. */
export type ViewStatus = ReturnType<typeof decodeFunctionResult<typeof credentialRegistryAbi, "verifyCredential">>;

/** Rewrites the answers of the registry's `verifyCredential` and `verifyCredentials` calls with `lie`. */
export function registryLie(lie: (status: ViewStatus, institutionId: number) => ViewStatus): Fault {
  return {
    kind: "rewrite",
    method: "eth_call",
    rewrite(result, params) {
      const call = (params as [{ data?: Hex; input?: Hex }] | undefined)?.[0];
      const data = call?.data ?? call?.input;
      if (data === undefined || typeof result !== "string") return result;
      let decoded;
      try {
        decoded = decodeFunctionData({ abi: credentialRegistryAbi, data });
      } catch {
        return result;
      }
      if (decoded.functionName === "verifyCredential") {
        const status = decodeFunctionResult({
          abi: credentialRegistryAbi,
          functionName: "verifyCredential",
          data: result as Hex,
        });
        return encodeFunctionResult({
          abi: credentialRegistryAbi,
          functionName: "verifyCredential",
          result: lie(status, decoded.args[0]),
        });
      }
      if (decoded.functionName === "verifyCredentials") {
        const statuses = decodeFunctionResult({
          abi: credentialRegistryAbi,
          functionName: "verifyCredentials",
          data: result as Hex,
        });
        const queries = decoded.args[0];
        return encodeFunctionResult({
          abi: credentialRegistryAbi,
          functionName: "verifyCredentials",
          result: statuses.map((s, k) => lie(s, queries[k]?.institutionId ?? 0)),
        });
      }
      return result;
    },
  };
}

/**
 * The lie that makes every credential pass: not revoked, key good, anchored. A batch that was never anchored is
 * given the anchoring facts of `genuine[institutionId]` (a real batch of that institution: its identity, key and
 * time), so a re-sealed forgery under that institution reads as its own.
 */
export function everythingPasses(genuine: Readonly<Record<number, ViewStatus>>) {
  return (status: ViewStatus, institutionId: number): ViewStatus => {
    const real = genuine[institutionId];
    const anchoring =
      status.anchored || real === undefined
        ? {}
        : {
            anchored: true,
            indexInRange: true,
            anchoredAt: real.anchoredAt,
            count: 2 ** 20,
            signingKey: real.signingKey,
            identityVersion: real.identityVersion,
            issuerIdentityHash: real.issuerIdentityHash,
            institutionStatus: real.institutionStatus,
            institutionCountry: real.institutionCountry,
          };
    return {
      ...status,
      ...anchoring,
      keyValidAtAnchoring: true,
      keyCompromisedFrom: 0,
      credentialRevokedAt: 0,
      credentialRevocationReason: 0,
      batchRevokedAt: 0,
      batchRevocationReason: 0,
    };
  };
}

/** A false chain height: the node's blocks (for any tag) reported `by` blocks higher or lower than they are. */
export function heightLie(by: number): Fault {
  return {
    kind: "rewrite",
    method: "eth_getBlockByNumber",
    rewrite(result) {
      if (typeof result !== "object" || result === null) return result;
      const block = result as { number: Hex };
      return { ...block, number: toHex(Math.max(0, Number(BigInt(block.number)) + by)) };
    },
  };
}

/** Another fork: the node's blocks reported with a different hash. */
export function forkLie(): Fault {
  return {
    kind: "rewrite",
    method: "eth_getBlockByNumber",
    rewrite(result) {
      if (typeof result !== "object" || result === null) return result;
      return { ...result, hash: `0x${"ab".repeat(32)}` };
    },
  };
}
