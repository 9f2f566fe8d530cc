/**
 * Anchors one batch root on the local chain with the first development account (walking skeleton; the
 * issuer CLI replaces it). Usage: node scripts/anchor-root.ts --rpc-url URL --registry ADDRESS ROOT [--count N]
 */
import { parseArgs } from "node:util";
import { createPublicClient, createWalletClient, http, isAddress, isHex } from "viem";
import { credentialRegistryAbi } from "../core/generated/abi.ts";
import { LOCAL_CHAIN_ID, localDevAccount } from "./lib/local-chain.ts";

function fail(message: string): never {
  console.error(`anchor-root: ${message}`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    "rpc-url": { type: "string", default: "http://127.0.0.1:8545" },
    registry: { type: "string" },
    count: { type: "string", default: "1" },
  },
});
const [root] = positionals;
const registry = values.registry;
const count = Number(values.count);
if (registry === undefined || !isAddress(registry))
  fail("--registry must be the registry's address (0x + 40 hex digits)");
if (root === undefined || !isHex(root) || root.length !== 66) fail("the root must be 0x followed by 64 hex digits");
if (!Number.isInteger(count) || count < 1 || count > 0xffffffff) fail("--count must be a positive whole number");

const transport = http(values["rpc-url"], { retryCount: 2 });
const publicClient = createPublicClient({ transport });
const chainId = await publicClient.getChainId().catch(() => fail(`no EVM node answers on ${values["rpc-url"]}`));
if (chainId !== LOCAL_CHAIN_ID)
  fail(`this script only uses development keys on the local chain (31337), not chain ${chainId}`);
const wallet = createWalletClient({ account: localDevAccount(), transport });
try {
  const { request } = await publicClient.simulateContract({
    account: wallet.account,
    address: registry,
    abi: credentialRegistryAbi,
    functionName: "anchorBatch",
    args: [root, count],
  });
  const hash = await wallet.writeContract({ ...request, chain: null });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  console.log(`Anchored ${root} in block ${receipt.blockNumber} (tx ${hash}, ${receipt.gasUsed} gas)`);
} catch (error) {
  fail(error instanceof Error ? (error.message.split("\n")[0] ?? "transaction failed") : String(error));
}
