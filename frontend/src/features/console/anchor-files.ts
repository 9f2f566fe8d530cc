import { checkLocally, splitAnchor, type JsonObject } from "@acredita/core";
import type { Hex } from "viem";
import { PickedFilesError, requireScope, sameBatch, type WriteScope } from "./picked-files.ts";

export interface AnchorTarget {
  root: Hex;
  count: number;
}

/**
 * The batch to anchor, from every credential file of a batch the CLI prepared (sealed, not yet anchored): each
 * file must pass core's local checks (its digest and Merkle path fold up to the batch root), name this chain,
 * registry and institution and the same root, and together the files must hold positions 0 … n-1 exactly once,
 * so the anchored count is the batch's true size.
 */
export function anchorTarget(texts: readonly string[], expected: WriteScope): AnchorTarget {
  let root: Hex | undefined;
  const indexes = new Set<number>();
  for (const [file, text] of texts.entries()) {
    // core parses the text strictly (duplicate keys, lone surrogates…) and folds the path up to the root.
    const local = checkLocally(text);
    const credential: JsonObject | undefined = local.credential;
    if (!local.sound || local.checks.INTEGRITY?.status !== "VALID" || credential === undefined) {
      throw new PickedFilesError("invalid", `file ${String(file)} fails the local checks`, { file });
    }
    const proof = splitAnchor(credential).anchor;
    requireScope(proof, expected, file);
    root = sameBatch(root, proof.batchRoot, file);
    if (indexes.has(proof.index)) {
      throw new PickedFilesError("incomplete", `position ${String(proof.index)} is repeated`, { index: proof.index });
    }
    indexes.add(proof.index);
  }
  if (root === undefined) throw new PickedFilesError("invalid", "no credential file");
  const count = indexes.size;
  for (let i = 0; i < count; i++) {
    if (!indexes.has(i)) throw new PickedFilesError("incomplete", `position ${String(i)} is missing`, { index: i });
  }
  return { root, count };
}
