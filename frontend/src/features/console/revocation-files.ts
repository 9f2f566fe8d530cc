import type { JsonObject } from "@acredita/core/canonical.ts";
import { splitAnchor } from "@acredita/core/proof.ts";
import type { Hex } from "viem";

export interface RevocationTarget {
  root: Hex;
  /** Positions in the batch, increasing, without repeats (what revokeCredentials expects). */
  indexes: number[];
}

/**
 * The credentials to revoke, from the files the user dropped: each file's anchor proof gives its batch root and
 * position. Refuses files of another institution or of more than one batch (one transaction revokes one batch's).
 */
export function revocationTarget(texts: readonly string[], institutionId: number): RevocationTarget {
  let root: Hex | undefined;
  const indexes = new Set<number>();
  for (const text of texts) {
    const json = JSON.parse(text) as JsonObject;
    const proof = splitAnchor(json).anchor;
    if (proof.institutionId !== institutionId) throw new Error("another-institution");
    if (root !== undefined && root !== proof.batchRoot) throw new Error("several-batches");
    root = proof.batchRoot;
    indexes.add(proof.index);
  }
  if (root === undefined) throw new Error("no-files");
  return { root, indexes: [...indexes].sort((a, b) => a - b) };
}
