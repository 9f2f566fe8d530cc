/**
 * The registry's gas scenarios, shared by `bench/contract-gas.bench.ts` (which reports them) and the gas
 * snapshot test (which fails when they drift from `test/contracts/gas-snapshot.json`).
 *
 * Every figure is the `gasUsed` of one transaction on Hardhat's in-process EDR network, except
 * `contract.verifyView.gas*`, which are `eth_estimateGas` of the one-call view as an `eth_call` (21,000
 * intrinsic and the calldata of a 14-node proof included).
 */
import type { NetworkConnection } from "hardhat/types/network";
import { type Account, encodeFunctionData, type Hex, keccak256, toHex } from "viem";
import { INSTITUTION_PROFILE, type Registry, buildBatchTree, digestFor, proofOf, waitFor } from "./registry-fixture.ts";

/** Gas figures keyed by their metric name in `bench/results.json`. */
export type GasFigures = Record<string, number>;

/** How many credentials the measured batches hold. */
export const BENCH_BATCH_SIZE = 10_000;

/** 100 strictly increasing positions spread over a {@link BENCH_BATCH_SIZE} batch (one per hundred). */
export function scatteredIndexes(): number[] {
  return Array.from({ length: 100 }, (_, i) => i * 100 + ((i * 37) % 100));
}

/** Anchors a {@link BENCH_BATCH_SIZE}-credential batch. */
function anchor(registry: Registry, root: Hex, account: Account) {
  return registry.write.anchorBatch([root, BENCH_BATCH_SIZE], { account });
}

interface Deployed {
  registry: Registry;
  deployGas: bigint;
}

async function deploy(connection: NetworkConnection): Promise<Deployed> {
  const { viem } = connection;
  const [admin] = await viem.getWalletClients();
  if (admin === undefined) throw new Error("no funded account");
  const publicClient = await viem.getPublicClient();
  const { contract, deploymentTransaction } = await viem.sendDeploymentTransaction("CredentialRegistry", [
    86_400,
    admin.account.address,
    admin.account.address,
  ]);
  const receipt = await publicClient.waitForTransactionReceipt({ hash: deploymentTransaction.hash });
  return { registry: contract, deployGas: receipt.gasUsed };
}

/**
 * Measures the view for a 14-level path: anchors a {@link BENCH_BATCH_SIZE}-credential batch and estimates
 * `verifyCredential` for a credential whose proof has 14 nodes.
 */
async function measureVerifyView(connection: NetworkConnection, registry: Registry): Promise<number> {
  const { viem } = connection;
  const publicClient = await viem.getPublicClient();
  const [, , issuer] = await viem.getWalletClients();
  if (issuer === undefined) throw new Error("no issuer account");
  const chainId = BigInt(await publicClient.getChainId());
  const digests = Array.from({ length: BENCH_BATCH_SIZE }, (_, i) => digestFor("bench", i));
  const tree = buildBatchTree(chainId, registry.address, 1, digests);
  const root = tree.root as `0x${string}`;
  await waitFor(publicClient, anchor(registry, root, issuer.account));
  let index = 7;
  let proof = proofOf(tree, index);
  while (proof.length !== 14) proof = proofOf(tree, ++index);
  const digest = digests[index];
  if (digest === undefined) throw new Error("unreachable");
  const status = await registry.read.verifyCredential([1, index, digest, proof]);
  if (status.root !== root || !status.anchored) throw new Error("the benchmark credential does not verify");
  const data = encodeFunctionData({
    abi: registry.abi,
    functionName: "verifyCredential",
    args: [1, index, digest, proof],
  });
  return Number(await publicClient.estimateGas({ to: registry.address, data, account: issuer.account }));
}

/** Deploys a registry with account 0 as admin and registrar, admits an institution, adds account 2 as key. */
async function setUp(connection: NetworkConnection) {
  const { viem } = connection;
  const publicClient = await viem.getPublicClient();
  const [admin, , issuer] = await viem.getWalletClients();
  if (admin === undefined || issuer === undefined) throw new Error("no funded accounts");
  const { registry, deployGas } = await deploy(connection);
  const admitted = await waitFor(publicClient, registry.write.admitInstitution([INSTITUTION_PROFILE]));
  const keyAdded = await waitFor(publicClient, registry.write.addSigningKey([1, issuer.account.address]));
  return { publicClient, registry, issuer, deployGas, admitGas: admitted.gasUsed, addKeyGas: keyAdded.gasUsed };
}

/**
 * Runs every transaction scenario on `connection` (a fresh Prague-rules EDR network) and returns its gas.
 * Each revocation scenario uses its own freshly anchored batch, so no scenario warms another's storage.
 */
export async function measureTransactions(connection: NetworkConnection): Promise<GasFigures> {
  const { publicClient, registry, issuer, deployGas, admitGas, addKeyGas } = await setUp(connection);
  const asIssuer = { account: issuer.account };
  const anchorNew = async (label: string) => {
    const root = keccak256(toHex(`bench-batch-${label}`));
    const receipt = await waitFor(publicClient, anchor(registry, root, asIssuer.account));
    return { root, gas: receipt.gasUsed };
  };
  const anchored = await anchorNew("anchor");
  const one = await anchorNew("revoke-one");
  const cohort = await anchorNew("revoke-cohort");
  const scattered = await anchorNew("revoke-scattered");
  const whole = await anchorNew("revoke-batch");
  const gasOf = async (hash: Promise<`0x${string}`>) => Number((await waitFor(publicClient, hash)).gasUsed);
  return {
    "contract.deploy.gas": Number(deployGas),
    "contract.registerInstitution.gas": Number(admitGas),
    "contract.addKey.gas": Number(addKeyGas),
    "contract.anchorBatch.gas": Number(anchored.gas),
    "contract.revokeOne.gas": await gasOf(registry.write.revokeCredential([1, one.root, 4_242, 1], asIssuer)),
    "contract.revokeCohort100.gas": await gasOf(
      registry.write.revokeCredentialRange([1, cohort.root, 0, 100, 1], asIssuer),
    ),
    "contract.revokeScattered100.gas": await gasOf(
      registry.write.revokeCredentials([1, scattered.root, scatteredIndexes(), 1], asIssuer),
    ),
    "contract.revokeBatch.gas": await gasOf(registry.write.revokeBatch([1, whole.root, 1], asIssuer)),
  };
}

/**
 * The one-call view for a 14-level path, as `eth_estimateGas`:
 * - `contract.verifyView.gas` on a network with Cancun rules, i.e. 21,000 + calldata at 4/16 gas per byte +
 *   execution: what the view itself costs;
 * - `contract.verifyView.estimatePrague.gas` on a Prague network, where EIP-7623's calldata floor
 *   (21,000 + 10 gas per calldata token) dominates any call carrying a 14-node proof.
 */
export async function measureVerifyViewGas(cancun: NetworkConnection, prague: NetworkConnection): Promise<GasFigures> {
  const results: GasFigures = {};
  for (const [name, connection] of [
    ["contract.verifyView.gas", cancun],
    ["contract.verifyView.estimatePrague.gas", prague],
  ] as const) {
    const { registry } = await setUp(connection);
    results[name] = await measureVerifyView(connection, registry);
  }
  return results;
}
