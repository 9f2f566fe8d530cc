/**
 * The console's writes are typed from the generated ABI: the `@ts-expect-error` lines below are the assertions of
 * the compile-time half (`tsc -p frontend/tsconfig.json` fails if any of them compiles, i.e. if a directive goes
 * unused); the run-time half checks what the typed write encodes.
 */
import { credentialRegistryAbi } from "@acredita/core";
import { AbiFunctionNotFoundError, decodeFunctionData, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import type { TrustedRegistry } from "../../config/env.ts";
import { WriteAction } from "./WriteAction.tsx";
import { encodeWrite, type RegistryWrite } from "./write-flow.ts";

const ROOT = `0x${"ab".repeat(32)}` as const;
const REGISTRY: TrustedRegistry = {
  chainId: 31337,
  address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  name: "Local registry",
  rpcUrls: ["http://127.0.0.1:8545"],
};
const button = { registry: REGISTRY, label: "Go", summary: "Does it" };

describe("encodeWrite", () => {
  it("encodes the registry function and arguments it is given", () => {
    const writes: RegistryWrite[] = [
      { functionName: "revokeBatch", args: [3, ROOT, 2] },
      { functionName: "revokeCredentials", args: [3, ROOT, [0, 4], 5] },
      { functionName: "addSigningKey", args: [3, zeroAddress] },
    ];
    for (const write of writes) {
      expect(decodeFunctionData({ abi: credentialRegistryAbi, data: encodeWrite(write) })).toEqual(write);
    }
  });

  it("does not compile a write, or a write button, naming a function the registry lacks or a view, or arguments of other types", () => {
    const refused: RegistryWrite[] = [
      // @ts-expect-error the registry has no such function
      { functionName: "revokeEverything", args: [] },
      // @ts-expect-error institutionCount is a view function, not a write
      { functionName: "institutionCount", args: [] },
      // @ts-expect-error a batch root is 32 bytes of hex, not any string
      { functionName: "revokeBatch", args: [3, "root", 2] },
      // @ts-expect-error addSigningKey takes the institution first, then the key
      { functionName: "addSigningKey", args: [zeroAddress, 3] },
      // @ts-expect-error anchorBatch takes the root and the count
      { functionName: "anchorBatch", args: [ROOT] },
    ];
    const buttons = [
      <WriteAction key="ok" {...button} functionName="suspendInstitution" args={[3]} />,
      // @ts-expect-error the registry has no such function
      <WriteAction key="name" {...button} functionName="suspendEverything" args={[3]} />,
      // @ts-expect-error suspendInstitution takes an institution id (a number), not a string
      <WriteAction key="type" {...button} functionName="suspendInstitution" args={["3"]} />,
      // @ts-expect-error a button needs the function's arguments
      <WriteAction key="args" {...button} functionName="revokeBatch" />,
    ];
    // Had the types allowed it, the name the registry lacks would have failed only when a user pressed the button.
    expect(() => encodeWrite(refused[0] as RegistryWrite)).toThrow(AbiFunctionNotFoundError);
    expect(buttons).toHaveLength(4); // compiled, never rendered
  });
});
