import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./csp.ts";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe("contentSecurityPolicy", () => {
  const policy = directives(
    contentSecurityPolicy([
      { rpcUrls: ["http://127.0.0.1:8545", "https://rpc.example.org/v1/key?x=1"] },
      { rpcUrls: ["http://127.0.0.1:8545/"] },
    ]),
  );
  it("allows scripts only from the app itself: no inline script, no eval", () => {
    expect(policy.get("script-src")).toEqual(["'self'"]);
    expect(policy.get("default-src")).toEqual(["'none'"]);
  });
  it("lets the page talk only to the configured RPC endpoints (query strings dropped, duplicates merged)", () => {
    expect(policy.get("connect-src")).toEqual(["http://127.0.0.1:8545", "https://rpc.example.org/v1/key"]);
  });
  it("allows images from the app, data: and https only, and forbids plugins, frames, forms and <base>", () => {
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "https:"]);
    for (const name of ["object-src", "frame-src", "form-action", "base-uri"])
      expect(policy.get(name)).toEqual(["'none'"]);
  });
  it("also lets the page fetch the configured status list prefixes, and only under them", () => {
    const withLists = directives(
      contentSecurityPolicy([
        { rpcUrls: ["http://127.0.0.1:8545"], statusLists: ["http://127.0.0.1:5173/status-lists/"] },
      ]),
    );
    expect(withLists.get("connect-src")).toEqual(["http://127.0.0.1:5173/status-lists/", "http://127.0.0.1:8545"]);
  });
  it("refuses an RPC URL that is not http(s)", () => {
    expect(() => contentSecurityPolicy([{ rpcUrls: ["ws://127.0.0.1:8545"] }])).toThrow(/http/);
  });
});
