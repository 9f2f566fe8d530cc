/** Gas of the registry's transactions, measured on Hardhat's in-process EDR network. */
import { network } from "hardhat";
import { keccak256, toHex } from "viem";
import type { Metrics } from "./metrics.ts";

export default async function contractGas(): Promise<Metrics> {
  const { viem } = await network.create();
  const publicClient = await viem.getPublicClient();
  const registry = await viem.deployContract("CredentialRegistry");
  const hash = await registry.write.anchorBatch([keccak256(toHex("bench-batch")), 10_000]);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  return { "contract.anchorBatch.gas": { value: Number(receipt.gasUsed), unit: "gas" } };
}
