import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BaseError, encodeErrorResult, type Hex, RpcRequestError } from "viem";
import { credentialRegistryAbi } from "../../../core/generated/abi.ts";
import { registryErrorClause, registryErrorOf } from "../../../core/registry-errors.ts";
import {
  countryBytes,
  countryOf,
  INSTITUTION_STATUS,
  INSTITUTION_STATUS_LABELS,
  institutionStatusWord,
  reasonCode,
  reasonLabel,
  reasonName,
} from "../../../core/registry.ts";

/** A revert as a JSON-RPC node reports it: the data deep in viem's error chain, not yet decoded. */
function reverted(data: Hex): BaseError {
  const rpc = new RpcRequestError({ body: {}, url: "http://node", error: { code: 3, message: "reverted", data } });
  return new BaseError("the call failed", { cause: rpc });
}

describe("the registry's vocabulary", () => {
  it("reads statuses, countries and reasons as the registry stores them", () => {
    assert.equal(institutionStatusWord(2), "suspended");
    assert.equal(institutionStatusWord(9), undefined);
    assert.equal(countryOf("0x4d58"), "MX");
    assert.equal(reasonCode("misconduct"), 3);
    assert.equal(reasonCode("200"), 200);
    assert.equal(reasonCode("256"), undefined);
    assert.equal(reasonCode("toString"), undefined);
    assert.equal(reasonName(200), "code 200");
    assert.equal(reasonLabel(3, "pt-BR"), "má conduta ou fraude");
    assert.equal(reasonLabel(9, "es"), "código 9");
  });

  it("names every institution status, in each of the app's languages, each one differently", () => {
    for (const [language, labels] of Object.entries(INSTITUTION_STATUS_LABELS)) {
      const names = INSTITUTION_STATUS.map((status) => labels[status]);
      assert.ok(
        names.every((name) => name.trim() !== ""),
        language,
      );
      assert.equal(new Set(names).size, INSTITUTION_STATUS.length, language);
    }
    assert.equal(INSTITUTION_STATUS_LABELS.es.Suspended, "suspendida");
  });

  it("writes a country as the registry's bytes2 and refuses what the registry would refuse", () => {
    assert.equal(countryBytes("MX"), "0x4d58");
    assert.equal(countryOf(countryBytes("BR") ?? "0x"), "BR");
    for (const bad of ["mx", "MEX", "M", "", "M1", "ÑA"]) assert.equal(countryBytes(bad), undefined, bad);
  });
});

describe("the registry's errors", () => {
  it("decodes revert data with the generated ABI and words it with its evidence", () => {
    const data = encodeErrorResult({
      abi: credentialRegistryAbi,
      errorName: "CredentialRegistryInstitutionNotActive",
      args: [4, 3],
    });
    const error = registryErrorOf(reverted(data));
    assert.deepEqual(error, { name: "CredentialRegistryInstitutionNotActive", args: [4, 3] });
    assert.equal(registryErrorClause(error), "institution 4 is withdrawn: its keys cannot anchor");
  });

  it("gives an error without inputs no arguments, and leaves data that is not the registry's undecoded", () => {
    const data = encodeErrorResult({ abi: credentialRegistryAbi, errorName: "CredentialRegistryNoIndexes" });
    assert.deepEqual(registryErrorOf(reverted(data)), { name: "CredentialRegistryNoIndexes", args: [] });
    assert.equal(registryErrorOf(reverted("0xdeadbeef")), undefined);
    assert.equal(registryErrorOf(new Error("0x")), undefined);
    assert.equal(
      registryErrorClause({ name: "AccessControlInvalidDefaultAdmin", args: [] }),
      "AccessControlInvalidDefaultAdmin",
    );
  });
});
