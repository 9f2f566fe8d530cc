import { CodedError } from "@acredita/core";
import type { Hex } from "viem";
import type { TrustedRegistry } from "../../config/env.ts";

/** Why the files the user picked cannot be used; InstitutionView has a sentence for each. */
export type PickedFilesProblem = "invalid" | "another-institution" | "several-batches" | "incomplete";

/** Thrown when picked credential or manifest files cannot be used; `code` says why, `details` which file. */
export class PickedFilesError extends CodedError<PickedFilesProblem> {
  constructor(code: PickedFilesProblem, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = "PickedFilesError";
  }
}

/** Where the console's writes go: a file is usable only when it names the same chain, registry and institution. */
export interface WriteScope {
  chainId: number;
  registry: string;
  institutionId: number;
}

/** The scope of the console's writes to `registry` as `institutionId`'s signing key. */
export function writeScope(registry: TrustedRegistry, institutionId: number): WriteScope {
  return { chainId: registry.chainId, registry: registry.address, institutionId };
}

/** Throws `another-institution` unless `found` (what file `file` names) is `expected`. */
export function requireScope(found: WriteScope, expected: WriteScope, file: number): void {
  if (
    found.chainId !== expected.chainId ||
    found.registry.toLowerCase() !== expected.registry.toLowerCase() ||
    found.institutionId !== expected.institutionId
  ) {
    throw new PickedFilesError(
      "another-institution",
      `file ${String(file)} names institution ${String(found.institutionId)} of registry ${found.registry} on chain ${String(found.chainId)}`,
      { file, found, expected },
    );
  }
}

/** The batch every file so far is of: `root` of file `file` when it is the first, else throws `several-batches`. */
export function sameBatch(batch: Hex | undefined, root: Hex, file: number): Hex {
  if (batch !== undefined && batch !== root) {
    throw new PickedFilesError("several-batches", `file ${String(file)} is of batch ${root}, not ${batch}`, {
      file,
      root,
    });
  }
  return root;
}
