import { describe, expect, it } from "vitest";
import type { TrustedRegistry } from "../../config/env.ts";
import { statusListOptions } from "./verify-request.ts";

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
