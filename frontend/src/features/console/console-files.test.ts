import { describe, expect, it } from "vitest";
import { encodeErrorResult, BaseError, UserRejectedRequestError, zeroAddress, type Hex } from "viem";
import { credentialRegistryAbi, ANCHOR_FORMAT, ANCHOR_PROOF_TYPE } from "@acredita/core";
import { consoleMessages } from "./console-messages.ts";
import { PickedFilesError } from "./picked-files.ts";
import { revocationTarget } from "./revocation-files.ts";
import { describeFailure } from "./write-flow.ts";

const ROOT: Hex = "0xabababababababababababababababababababababababababababababababab";

function credentialFile(institutionId: number, index: number, root: Hex = ROOT): string {
  return JSON.stringify({
    proof: [
      {
        type: ANCHOR_PROOF_TYPE,
        proofPurpose: "assertionMethod",
        format: ANCHOR_FORMAT,
        chainId: 31337,
        registry: zeroAddress,
        institutionId,
        batchRoot: root,
        index,
        credentialDigest: `0x${"cd".repeat(32)}`,
        path: [],
        fieldCount: 0,
        seed: `0x${"00".repeat(16)}`,
      },
    ],
  });
}

describe("revocationTarget", () => {
  it("gives the batch root and the positions, increasing and without repeats", () => {
    const files = [credentialFile(1, 4), credentialFile(1, 0), credentialFile(1, 4)];
    expect(revocationTarget(files, 1)).toEqual({ root: ROOT, indexes: [0, 4] });
  });
  it("refuses another institution's file, files of several batches, and a file without a proof block", () => {
    expect(() => revocationTarget([credentialFile(2, 0)], 1)).toThrow("another-institution");
    const other: Hex = "0xcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd";
    expect(() => revocationTarget([credentialFile(1, 0), credentialFile(1, 1, other)], 1)).toThrow("several-batches");
    expect(() => revocationTarget(["{}"], 1)).toThrow();
  });
  it("says why as a typed code, with the offending file as evidence", () => {
    const refusal = (texts: string[]) => {
      try {
        revocationTarget(texts, 1);
      } catch (error) {
        return error instanceof PickedFilesError ? { code: error.code, details: error.details } : error;
      }
      return undefined;
    };
    expect(refusal([credentialFile(1, 0), credentialFile(3, 1)])).toEqual({
      code: "another-institution",
      details: { file: 1, institutionId: 3 },
    });
    expect(refusal([])).toEqual({ code: "invalid", details: {} });
  });
});

describe("describeFailure", () => {
  it("decodes the registry's custom error with its evidence", () => {
    const data = encodeErrorResult({
      abi: credentialRegistryAbi,
      errorName: "CredentialRegistryUnknownInstitution",
      args: [7],
    });
    const error = new BaseError("execution reverted", { cause: Object.assign(new Error("revert"), { data }) });
    expect(describeFailure(error)).toEqual({
      kind: "contract",
      errorName: "CredentialRegistryUnknownInstitution",
      args: [7],
    });
  });
  it("tells a rejection in the wallet from other failures", () => {
    const error = new BaseError("failed", { cause: new UserRejectedRequestError(new Error("no")) });
    expect(describeFailure(error)).toEqual({ kind: "rejected" });
    expect(describeFailure(new Error("boom"))).toEqual({ kind: "other", message: "boom" });
  });
});

describe("console catalogs", () => {
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  it.each([
    ["es", consoleMessages.es],
    ["pt-BR", consoleMessages["pt-BR"]],
  ])("%s has every English key with the same placeholders", (_, catalog) => {
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(consoleMessages.en).sort());
    for (const [key, english] of Object.entries(consoleMessages.en)) {
      expect(placeholders(catalog[key as keyof typeof catalog]), key).toEqual(placeholders(english));
    }
  });
  it("has a sentence for every custom error the registry declares", () => {
    const errors = credentialRegistryAbi.filter((item) => item.type === "error").map((item) => item.name);
    const missing = errors.filter(
      (name) => name.startsWith("CredentialRegistry") && !Object.hasOwn(consoleMessages.en, `error.${name}`),
    );
    expect(missing).toEqual([]);
  });
});
