/**
 * A registry on Hardhat's in-process network for the core's verification tests: deployed through the Ignition
 * module as the very first transaction (so its address is the golden fixtures' registry), the two demo
 * institutions admitted as ids 1 and 2 with one signing key each, and a counting EIP-1193 transport to measure
 * JSON-RPC requests.
 */
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import {
  type Address,
  createPublicClient,
  custom,
  defineChain,
  type Hex,
  type PublicClient,
  toHex,
  zeroHash,
} from "viem";
import CredentialRegistryModule from "../../ignition/modules/CredentialRegistry.ts";
import { COHORTS } from "./golden.ts";

export const hardhatChain = defineChain({
  id: 31337,
  name: "Hardhat",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: ["http://127.0.0.1:8545"] } },
});

export type CoreChain = Awaited<ReturnType<typeof deployCoreChain>>;

/** Deploys the registry and admits the demo institutions (1: UNEJE, MX; 2: IFEX, BR). */
export async function deployCoreChain() {
  const connection: NetworkConnection = await network.create();
  const { viem, ignition } = connection;
  const [admin, registrar, unejeKey, ifexKey, thirdKey, ...others] = await viem.getWalletClients();
  if (
    admin === undefined ||
    registrar === undefined ||
    unejeKey === undefined ||
    ifexKey === undefined ||
    thirdKey === undefined
  ) {
    throw new Error("the network needs five funded accounts");
  }
  const publicClient = await viem.getPublicClient();
  const { registry: deployed } = await ignition.deploy(CredentialRegistryModule, {
    parameters: {
      CredentialRegistryModule: {
        admin: admin.account.address,
        registrar: registrar.account.address,
        adminTransferDelay: 86_400n,
      },
    },
  });
  const registry = await viem.getContractAt("CredentialRegistry", deployed.address);
  const wait = async (hash: Promise<Hex>): Promise<void> => {
    await publicClient.waitForTransactionReceipt({ hash: await hash });
  };
  const admit = async (name: string, country: string, website: string, key: Address): Promise<void> => {
    await wait(
      registry.write.admitInstitution(
        [{ name, country: toHex(country, { size: 2 }), website, metadataURI: "", metadataHash: zeroHash }],
        { account: registrar.account },
      ),
    );
    const id = await registry.read.institutionCount();
    await wait(registry.write.addSigningKey([id, key], { account: registrar.account }));
  };
  const [uneje, ifex] = COHORTS;
  await admit(uneje.issuer.name, uneje.issuer.country, uneje.issuer.website, unejeKey.account.address);
  await admit(ifex.issuer.name, ifex.issuer.country, ifex.issuer.website, ifexKey.account.address);
  // Institution 3: its on-chain name differs from the name its credentials carry (for the warning test).
  await admit("Universidad Tercera", "CL", "https://tercera.example", thirdKey.account.address);

  /** A public client whose every JSON-RPC request is counted by method. */
  const countingClient = (withChain = true): { client: PublicClient; calls: string[] } => {
    const calls: string[] = [];
    const transport = custom({
      request: async ({ method, params }: { method: string; params?: unknown }) => {
        calls.push(method);
        return (await connection.provider.request({ method, params: params as unknown[] })) as unknown;
      },
    });
    const client = (withChain
      ? createPublicClient({ chain: hardhatChain, transport })
      : createPublicClient({ transport })) as unknown as PublicClient;
    return { client, calls };
  };

  return {
    connection,
    publicClient,
    registry,
    wait,
    registrar,
    keys: { 1: unejeKey, 2: ifexKey, 3: thirdKey },
    others,
    countingClient,
    trusted: [{ chainId: 31337, address: deployed.address, name: "Red de Acreditación de Ejemplo" }],
  };
}
