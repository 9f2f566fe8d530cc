import { splitAnchor, type JsonObject } from "@acredita/core";
import type { Hex } from "viem";
import { PickedFilesError, sameBatch } from "./picked-files.ts";

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
  for (const [file, text] of texts.entries()) {
    const json = JSON.parse(text) as JsonObject;
    const proof = splitAnchor(json).anchor;
    if (proof.institutionId !== institutionId) {
      throw new PickedFilesError(
        "another-institution",
        `file ${String(file)} was issued by institution ${String(proof.institutionId)}`,
        { file, institutionId: proof.institutionId },
      );
    }
    root = sameBatch(root, proof.batchRoot, file);
    indexes.add(proof.index);
  }
  if (root === undefined) throw new PickedFilesError("invalid", "no credential file");
  return { root, indexes: [...indexes].sort((a, b) => a - b) };
}
