import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { TrustedRegistry } from "../../config/env.ts";
import { TransactionLink } from "./activity.tsx";

const HASH = "0x1111111111111111111111111111111111111111111111111111111111111111";
const REGISTRY: TrustedRegistry = {
  chainId: 11155111,
  address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  name: "Sepolia registry",
  rpcUrls: ["https://rpc.example.org"],
};

afterEach(cleanup);

describe("TransactionLink", () => {
  it("links to the configured explorer's transaction page, opening apart from the app", () => {
    render(<TransactionLink registry={{ ...REGISTRY, explorerUrl: "https://sepolia.etherscan.io/" }} hash={HASH} />);
    const link = screen.getByRole("link");
    expect(link.getAttribute("href")).toBe(`https://sepolia.etherscan.io/tx/${HASH}`);
    expect(link.getAttribute("rel")).toContain("noopener");
  });
  it("shows the bare hash when no explorer is configured", () => {
    render(<TransactionLink registry={REGISTRY} hash={HASH} />);
    expect(screen.queryByRole("link")).toBeNull();
    expect(screen.getByTestId("tx-hash").textContent).toBe(HASH);
  });
});
