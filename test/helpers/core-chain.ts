/**
 * A registry on Hardhat's in-process network for the core's verification tests: deployed through the Ignition
 * module as the very first transaction (so its address is the golden fixtures' registry), the two demo
 * institutions admitted as ids 1 and 2 under the issuer ids their golden credentials carry (the did:key of each
 * one's test credential key, so that their Data Integrity proofs pass SIGNATURE), a third one whose registered
 * name differs from the name its credentials show, one signing key each, and a counting EIP-1193 transport to
 * measure JSON-RPC requests.
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
import { COHORTS, TEST_KEYS, type TestCredentialKey } from "./golden.ts";

/** An institution the test registry admits, and the issuer profile its credentials are issued with. */
export interface TestInstitution {
  institutionId: 1 | 2 | 3;
  /** The profile the registrar admits it with (its name and issuer id become identity version 1). */
  registered: { name: string; issuerId: string; country: string; website: string };
  /** What its credentials carry as `issuer` (`issueBatch` makes `issuer.id` from `id`, else `website`). */
  issuer: { name: string; id: string; country: string; website: string };
  /** Its Ed25519 credential key: signs its credentials' Data Integrity proofs; its did:key is the issuer id. */
  credentialKey: TestCredentialKey;
}

const [UNEJE, IFEX] = COHORTS;

/**
 * The institutions, in admission order. The golden credentials carry the did:key of their institution's test
 * credential key as `issuer.id`, so 1 and 2 are admitted with exactly that issuer id. Institution 3's credentials
 * carry its issuer id but a name other than the registered one (for the name-mismatch warning).
 */
export const TEST_INSTITUTIONS: readonly [TestInstitution, TestInstitution, TestInstitution] = [
  {
    institutionId: 1,
    registered: { ...UNEJE.issuer, issuerId: UNEJE.issuer.id },
    issuer: { ...UNEJE.issuer },
    credentialKey: UNEJE.key,
  },
  {
    institutionId: 2,
    registered: { ...IFEX.issuer, issuerId: IFEX.issuer.id },
    issuer: { ...IFEX.issuer },
    credentialKey: IFEX.key,
  },
  {
    institutionId: 3,
    registered: {
      name: "Universidad Tercera",
      issuerId: TEST_KEYS.tercera.did,
      country: "CL",
      website: "https://tercera.example",
    },
    issuer: {
      name: "Universidad Tercera de Chile",
      id: TEST_KEYS.tercera.did,
      country: "CL",
      website: "https://tercera.example",
    },
    credentialKey: TEST_KEYS.tercera,
  },
];

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
  const admit = async ({ institutionId, registered }: TestInstitution, key: Address): Promise<void> => {
    const { name, issuerId, country, website } = registered;
    await wait(
      registry.write.admitInstitution(
        [{ name, issuerId, country: toHex(country, { size: 2 }), website, metadataURI: "", metadataHash: zeroHash }],
        { account: registrar.account },
      ),
    );
    const id = await registry.read.institutionCount();
    if (id !== institutionId) throw new Error(`expected institution ${String(institutionId)}, got ${String(id)}`);
    await wait(registry.write.addSigningKey([id, key], { account: registrar.account }));
  };
  const [uneje, ifex, third] = TEST_INSTITUTIONS;
  await admit(uneje, unejeKey.account.address);
  await admit(ifex, ifexKey.account.address);
  await admit(third, thirdKey.account.address);

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
