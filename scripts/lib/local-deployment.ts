/**
 * Deploys the registry to the local chain once, through the project's Ignition module, and remembers where:
 * a later `npm start` on the same state directory reuses that deployment and everything anchored in it.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { createPublicClient, getAddress, http, isAddress, type Address } from "viem";
import { z } from "zod";
import { writeFileAtomically } from "./atomic-file.ts";

const ROOT = resolve(import.meta.dirname, "..", "..");

const localDeploymentSchema = z.object({
  chainId: z.number().int(),
  registry: z
    .string()
    .refine(isAddress)
    .transform((a) => getAddress(a)),
  deployedAt: z.iso.datetime(),
});

export type LocalDeployment = z.infer<typeof localDeploymentSchema>;

export interface DeployOrReuseOptions {
  rpcUrl: string;
  chainId: number;
  stateDir: string;
}

export async function deployOrReuseRegistry(
  options: DeployOrReuseOptions,
): Promise<LocalDeployment & { reused: boolean }> {
  const file = join(options.stateDir, "deployment.json");
  const client = createPublicClient({ transport: http(options.rpcUrl) });
  if (existsSync(file)) {
    const saved = localDeploymentSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (saved.success && saved.data.chainId === options.chainId) {
      const code = await client.getCode({ address: saved.data.registry });
      if (code !== undefined && code !== "0x") return { ...saved.data, reused: true };
    }
    // The record points at nothing (the chain state was deleted): deploy afresh below.
  }
  const registry = await deployWithIgnition(options);
  const deployment: LocalDeployment = { chainId: options.chainId, registry, deployedAt: new Date().toISOString() };
  writeFileAtomically(file, JSON.stringify(deployment, null, 2) + "\n");
  return { ...deployment, reused: false };
}

async function deployWithIgnition({ rpcUrl, stateDir }: DeployOrReuseOptions): Promise<Address> {
  // One Ignition journal per state directory, so parallel local stacks (e.g. e2e tests) never share one.
  const deploymentId = `local-${createHash("sha256").update(resolve(stateDir)).digest("hex").slice(0, 12)}`;
  // A journal without a matching chain state is stale: Ignition would believe the contract exists.
  rmSync(join(ROOT, "ignition", "deployments", deploymentId), { recursive: true, force: true });
  const [{ network }, { default: CredentialRegistryModule }] = await Promise.all([
    import("hardhat"),
    import("../../ignition/modules/CredentialRegistry.ts"),
  ]);
  const connection = await network.create({ network: "localhost", override: { url: rpcUrl } });
  try {
    const { registry } = await connection.ignition.deploy(CredentialRegistryModule, {
      deploymentId,
      displayUi: false,
    });
    return getAddress(registry.address);
  } finally {
    await connection.close();
  }
}
