import { describe, expect, it } from "vitest";
import { parseRegistries } from "./env.ts";

const BASE = { chainId: 31337, address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", name: "Local" };

describe("parseRegistries: a registry's RPC endpoints (its sources)", () => {
  it("takes several endpoints, a quorum and a block tag", () => {
    const [registry] = parseRegistries(
      JSON.stringify([
        { ...BASE, rpcUrls: ["http://127.0.0.1:8545", "http://127.0.0.1:8546"], quorum: 2, blockTag: "latest" },
      ]),
    );
    expect(registry?.rpcUrls).toEqual(["http://127.0.0.1:8545", "http://127.0.0.1:8546"]);
    expect(registry?.quorum).toBe(2);
    expect(registry?.blockTag).toBe("latest");
  });
  it("keeps the single-URL form working: rpcUrl is rpcUrls with one endpoint", () => {
    const [registry] = parseRegistries(JSON.stringify([{ ...BASE, rpcUrl: "https://rpc.example.org" }]));
    expect(registry?.rpcUrls).toEqual(["https://rpc.example.org"]);
    expect(registry).not.toHaveProperty("rpcUrl");
  });
  it("refuses a quorum above the number of endpoints, no endpoint at all, or both forms", () => {
    expect(() => parseRegistries(JSON.stringify([{ ...BASE, rpcUrls: ["http://127.0.0.1:8545"], quorum: 2 }]))).toThrow(
      /quorum \(2\) is more than the 1 RPC endpoint/,
    );
    expect(() => parseRegistries(JSON.stringify([BASE]))).toThrow(/RPC endpoints/);
    expect(() =>
      parseRegistries(
        JSON.stringify([{ ...BASE, rpcUrl: "http://127.0.0.1:8545", rpcUrls: ["http://127.0.0.1:8546"] }]),
      ),
    ).toThrow(/not both/);
    expect(() =>
      parseRegistries(JSON.stringify([{ ...BASE, rpcUrls: ["http://127.0.0.1:8545"], blockTag: "pending" }])),
    ).toThrow();
  });
});
