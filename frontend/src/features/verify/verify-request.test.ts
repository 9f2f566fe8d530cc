import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type JsonObject, encodeLinkFragment } from "@acredita/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TrustedRegistry } from "../../config/env.ts";
import {
  preloadForLink,
  requestFromLink,
  runVerification,
  startLinkVerification,
  statusListOptions,
  type VerifyRequest,
} from "./verify-request.ts";

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

describe("startLinkVerification: a link's verification starts with the page and the page's first run takes it", () => {
  const golden = JSON.parse(
    readFileSync(resolve(import.meta.dirname, "../../../../test/fixtures/golden/analise-de-dados.json"), "utf8"),
  ) as { credentials: JsonObject[] };
  const link = encodeLinkFragment({ kind: "credential", credential: golden.credentials[0] as JsonObject });
  // A node that refuses every request, counted: what each verification asks of the network.
  let requests = 0;
  const refusing = () => {
    requests += 1;
    return Promise.reject(new TypeError("connection refused"));
  };
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("runs one verification for the page's first run of the same link, a fresh one for the next", async () => {
    vi.stubGlobal("fetch", refusing);
    const registries = [{ ...registry, rpcUrls: ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"], quorum: 2 }];
    const request = requestFromLink(link, "link") as VerifyRequest;
    requests = 0;
    expect(startLinkVerification(link, registries)).toBe(true);
    const taken = await runVerification(request, registries);
    const early = requests;
    expect(early).toBeGreaterThan(0);
    expect(taken.verdict).toBe("could-not-check");
    const again = await runVerification(request, registries);
    expect(requests).toBe(2 * early);
    expect(again.verdict).toBe(taken.verdict);
  });

  it("is not taken by a run with other registries, and starts nothing for a fragment that is no link", async () => {
    vi.stubGlobal("fetch", refusing);
    const registries = [{ ...registry, rpcUrls: ["http://127.0.0.1:9/c"] }];
    const others = [{ ...registry, address: "0x0000000000000000000000000000000000000001" as const }];
    const request = requestFromLink(link, "link") as VerifyRequest;
    expect(startLinkVerification(link, registries)).toBe(true);
    // Verified afresh against the other registries (which do not trust the credential's), not the early answer.
    expect((await runVerification(request, others)).verdict).toBe("untrusted");
    const before = requests;
    expect((await runVerification(request, registries)).verdict).toBe("could-not-check");
    expect(requests, "the early verification was dropped: this run asked the network itself").toBeGreaterThan(before);
    expect(startLinkVerification("/console", registries)).toBe(false);
    expect(startLinkVerification(link, [])).toBe(false);
  });
});
