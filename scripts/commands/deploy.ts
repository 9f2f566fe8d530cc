/** `acredita deploy`: the registry, deployed through the project's one Ignition module, recorded per chain id. */
import { spawnSync } from "node:child_process";
import { getAddress, isAddress } from "viem";
import { CliError, messageOf } from "../lib/cli-error.ts";
import { ignitionAddressesFile, positiveInteger, resolveTarget, ROOT } from "../lib/network.ts";
import { note, print } from "../lib/output.ts";
import { type CommandOptions, str } from "./common.ts";

function address(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !isAddress(value))
    throw new CliError(`${name} must be an address (0x + 40 hex digits)`);
  return getAddress(value);
}

export async function run(options: CommandOptions): Promise<void> {
  const admin = address(options.admin, "--admin");
  const registrar = address(options.registrar, "--registrar");
  const delay = positiveInteger(str(options.adminDelay), "--admin-delay");
  const target = await resolveTarget(options);
  if (target.isLocal) {
    if (admin !== undefined || registrar !== undefined)
      note("  On the local chain the first development account is admin and registrar.");
    const { deployOrReuseRegistry } = await import("../lib/local-deployment.ts");
    const deployment = await deployOrReuseRegistry({
      rpcUrl: target.rpcUrl,
      chainId: target.chainId,
      stateDir: target.stateDir,
    });
    print(
      `Registry ${deployment.registry} on the local chain (${deployment.reused ? "already deployed" : "deployed"}; recorded in ${target.stateDir}/deployment.json)`,
    );
    return;
  }
  const hardhat = target.hardhat;
  if (hardhat === undefined) throw new CliError("no Hardhat network loaded");
  const { buildContracts } = await import("../lib/contracts-build.ts");
  // Tests set ACREDITA_SKIP_BUILD=1: under `hardhat test --coverage` the artifacts are instrumented and must stay so.
  if (process.env.ACREDITA_SKIP_BUILD !== "1") buildContracts();
  const { default: CredentialRegistryModule } = await import("../../ignition/modules/CredentialRegistry.ts");
  const connection = await hardhat.hre.network.create({
    network: target.name,
    ...(options.rpcUrl === undefined ? {} : { override: { url: options.rpcUrl } }),
  });
  try {
    const parameters: Record<string, string | bigint> = { adminTransferDelay: BigInt(delay) };
    if (admin !== undefined) parameters.admin = admin;
    if (registrar !== undefined) parameters.registrar = registrar;
    const deploymentId = typeof options.deploymentId === "string" ? options.deploymentId : `chain-${target.chainId}`;
    const { registry } = await connection.ignition.deploy(CredentialRegistryModule, {
      parameters: { CredentialRegistryModule: parameters },
      deploymentId,
      displayUi: false,
    });
    print(`Registry ${getAddress(registry.address)} on chain ${target.chainId} (network "${target.name}")`);
    if (deploymentId === `chain-${target.chainId}`) {
      const generated = spawnSync(process.execPath, ["tools/generate-core.ts"], { cwd: ROOT, encoding: "utf8" });
      if (generated.status !== 0) {
        note("  Could not regenerate core/generated/deployments.ts; run `node tools/generate-core.ts`.");
      }
      print(`Recorded by Ignition in ${ignitionAddressesFile(target.chainId)} and in core/generated/deployments.ts.`);
    } else {
      print(`Recorded by Ignition in ignition/deployments/${deploymentId}/ (pass --registry to other commands).`);
    }
  } catch (error) {
    throw new CliError(`deploying to "${target.name}" failed: ${messageOf(error)}`);
  } finally {
    await connection.close();
  }
}
