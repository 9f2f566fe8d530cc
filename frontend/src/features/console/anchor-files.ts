import type { JsonObject } from "@acredita/core/canonical.ts";
import { splitAnchor } from "@acredita/core/proof.ts";
import { checkLocally } from "@acredita/core/verify.ts";
import type { Hex } from "viem";

export interface AnchorTarget {
  root: Hex;
  count: number;
}

export type AnchorFilesProblem = "invalid" | "another-institution" | "several-batches" | "incomplete";

export class AnchorFilesError extends Error {
  readonly problem: AnchorFilesProblem;
  constructor(problem: AnchorFilesProblem) {
    super(problem);
    this.problem = problem;
  }
}

/**
 * The batch to anchor, from every credential file of a batch the CLI prepared (sealed, not yet anchored): each
 * file must pass core's local checks (its digest and Merkle path fold up to the batch root), name this chain,
 * registry and institution and the same root, and together the files must hold positions 0 … n-1 exactly once,
 * so the anchored count is the batch's true size.
 */
export function anchorTarget(
  texts: readonly string[],
  expected: { chainId: number; registry: string; institutionId: number },
): AnchorTarget {
  let root: Hex | undefined;
  const indexes = new Set<number>();
  for (const text of texts) {
    // core parses the text strictly (duplicate keys, lone surrogates…) and folds the path up to the root.
    const local = checkLocally(text);
    const credential: JsonObject | undefined = local.credential;
    if (!local.sound || local.checks.INTEGRITY?.status !== "VALID" || credential === undefined) {
      throw new AnchorFilesError("invalid");
    }
    const proof = splitAnchor(credential).anchor;
    if (
      proof.chainId !== expected.chainId ||
      proof.registry.toLowerCase() !== expected.registry.toLowerCase() ||
      proof.institutionId !== expected.institutionId
    ) {
      throw new AnchorFilesError("another-institution");
    }
    if (root !== undefined && root !== proof.batchRoot) throw new AnchorFilesError("several-batches");
    root = proof.batchRoot;
    if (indexes.has(proof.index)) throw new AnchorFilesError("incomplete");
    indexes.add(proof.index);
  }
  if (root === undefined) throw new AnchorFilesError("invalid");
  const count = indexes.size;
  for (let i = 0; i < count; i++) if (!indexes.has(i)) throw new AnchorFilesError("incomplete");
  return { root, count };
}
