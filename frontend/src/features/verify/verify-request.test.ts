import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type JsonObject, encodeLinkFragment } from "@acredita/core";
import { describe, expect, it } from "vitest";
import type { TrustedRegistry } from "../../config/env.ts";
import { preloadForLink, statusListOptions } from "./verify-request.ts";

const registry: TrustedRegistry = {
  chainId: 31337,
  address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  name: "local",
  rpcUrls: ["http://127.0.0.1:8545"],
};

describe("statusListOptions: which published status lists the page compares with the chain", () => {
  it("compares none unless the configuration names where lists live", () => {
    expect(statusListOptions([registry])).toBeUndefined();
  });

  it("allows only URLs under a configured prefix, as written (no path tricks, no other origin)", () => {
    const options = statusListOptions([{ ...registry, statusLists: ["http://127.0.0.1:5173/status-lists/"] }]);
    const allow = options?.allow ?? (() => true);
    expect(allow("http://127.0.0.1:5173/status-lists/0123.json")).toBe(true);
    expect(allow("http://127.0.0.1:5173/status-lists/../deployment.json")).toBe(false);
    expect(allow("http://127.0.0.1:5173/other/0123.json")).toBe(false);
    expect(allow("http://127.0.0.1:5174/status-lists/0123.json")).toBe(false);
    expect(allow("https://evil.example/status-lists/0123.json")).toBe(false);
    expect(allow("not a url")).toBe(false);
  });
});

describe("preloadForLink: the signature-checking code starts loading with the page only when a proof is coming", () => {
  const golden = JSON.parse(
    readFileSync(resolve(import.meta.dirname, "../../../../test/fixtures/golden/analise-de-dados.json"), "utf8"),
  ) as { credentials: JsonObject[] };
  const signed = golden.credentials[0] as JsonObject;
  const fragment = (credential: JsonObject) => encodeLinkFragment({ kind: "credential", credential });

  it("preloads for a credential's link whose credential carries a Data Integrity proof", () => {
    expect(JSON.stringify(signed.proof)).toContain("DataIntegrityProof");
    expect(preloadForLink(fragment(signed))).toBe(true);
  });

  it("does not for a credential without one, the console's address or a fragment that is no link", () => {
    const proofs = (signed.proof as JsonObject[]).filter((p) => p.type !== "DataIntegrityProof");
    expect(preloadForLink(fragment({ ...signed, proof: proofs }))).toBe(false);
    expect(preloadForLink("/console")).toBe(false);
    expect(preloadForLink("v1.c.not-base64!")).toBe(false);
    expect(preloadForLink("")).toBe(false);
  });
});
