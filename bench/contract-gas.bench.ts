/**
 * Gas of the registry's transactions and of its one-call verification view, measured on Hardhat's in-process
 * EDR network. The scenarios live in `test/helpers/gas-scenarios.ts`, shared with the gas snapshot test.
 */
import { network } from "hardhat";
import { measureTransactions, measureVerifyViewGas } from "../test/helpers/gas-scenarios.ts";
import type { Metrics } from "./metrics.ts";

export default async function contractGas(): Promise<Metrics> {
  const figures = {
    ...(await measureTransactions(await network.create())),
    ...(await measureVerifyViewGas(await network.create({ override: { hardfork: "cancun" } }), await network.create())),
  };
  return Object.fromEntries(Object.entries(figures).map(([name, value]) => [name, { value, unit: "gas" }]));
}
