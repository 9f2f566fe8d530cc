/**
 * Shared set-up for the registry's node tests, gas snapshot and benchmarks: a registry deployed through the
 * Ignition module, one admitted institution with one signing key, and OpenZeppelin standard Merkle trees built
 * with the leaf encoding the contract derives.
 */
import type { NetworkConnection } from "hardhat/types/network";
import type { ContractReturnType, PublicClient, WalletClient } from "@nomicfoundation/hardhat-viem/types";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type Address, type Hex, keccak256, toHex } from "viem";
import CredentialRegistryModule from "../../ignition/modules/CredentialRegistry.ts";

/** `keccak256("acredita/credential/v1")`, the version tag inside every leaf. */
export const FORMAT_TAG: Hex = keccak256(toHex("acredita/credential/v1"));

/** The leaf encoding, as `StandardMerkleTree` takes it: (tag, chain id, registry, institution, index, digest). */
export const LEAF_ENCODING = ["bytes32", "uint256", "address", "uint32", "uint32", "bytes32"] as const;

/** One leaf's values, in {@link LEAF_ENCODING} order. */
export type LeafValues = [Hex, bigint, Address, number, number, Hex];

/** The admin-transfer delay the fixture deploys with: one day. */
export const ADMIN_DELAY = 86_400n;

/** The institution the fixture admits as institution 1. */
export const INSTITUTION_PROFILE = {
  name: "Universidad Demo de Oaxaca",
  issuerId: "did:web:demo.example.edu.mx",
  country: "0x4d58" as Hex, // "MX"
  website: "https://demo.example.edu.mx",
  metadataURI: "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
  metadataHash: keccak256(toHex("institution metadata")),
};

export type Registry = ContractReturnType<"CredentialRegistry">;

export interface RegistryFixture {
  connection: NetworkConnection;
  publicClient: PublicClient;
  registry: Registry;
  /** The default admin (deployer account). */
  admin: WalletClient;
  /** Holds REGISTRAR_ROLE. */
  registrar: WalletClient;
  /** An active signing key of institution 1. */
  issuer: WalletClient;
  /** Accounts with no role, for adversarial tests. */
  others: WalletClient[];
  chainId: bigint;
  institutionId: number;
}

/** Converts a two-letter country code to the contract's `bytes2`. */
export function countryCode(code: string): Hex {
  return toHex(code, { size: 2 });
}

/**
 * Deploys the registry through the Ignition module on the given connection (admin = account 0, registrar =
 * account 1), admits {@link INSTITUTION_PROFILE} as institution 1 and adds account 2 as its signing key.
 */
export async function deployRegistryFixture(connection: NetworkConnection): Promise<RegistryFixture> {
  const { viem, ignition } = connection;
  const [admin, registrar, issuer, ...others] = await viem.getWalletClients();
  if (admin === undefined || registrar === undefined || issuer === undefined) {
    throw new Error("the network needs at least three funded accounts");
  }
  const publicClient = await viem.getPublicClient();
  const { registry } = await ignition.deploy(CredentialRegistryModule, {
    parameters: {
      CredentialRegistryModule: {
        admin: admin.account.address,
        registrar: registrar.account.address,
        adminTransferDelay: ADMIN_DELAY,
      },
    },
  });
  const typed = await viem.getContractAt("CredentialRegistry", registry.address);
  await waitFor(publicClient, typed.write.admitInstitution([INSTITUTION_PROFILE], { account: registrar.account }));
  await waitFor(publicClient, typed.write.addSigningKey([1, issuer.account.address], { account: registrar.account }));
  return {
    connection,
    publicClient,
    registry: typed,
    admin,
    registrar,
    issuer,
    others,
    chainId: BigInt(await publicClient.getChainId()),
    institutionId: 1,
  };
}

/** Waits for a transaction and returns its receipt; throws if it reverted. */
export async function waitFor(publicClient: PublicClient, hash: Promise<Hex> | Hex) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
  if (receipt.status !== "success") throw new Error(`transaction ${receipt.transactionHash} reverted`);
  return receipt;
}

/** A deterministic credential digest for tests: `keccak256("credential-<label>-<i>")`. */
export function digestFor(label: string, i: number): Hex {
  return keccak256(toHex(`credential-${label}-${i}`));
}

/** Builds a batch's standard Merkle tree: credential `i` of `digests` sits at position (index) `i`. */
export function buildBatchTree(
  chainId: bigint,
  registry: Address,
  institutionId: number,
  digests: readonly Hex[],
): StandardMerkleTree<LeafValues> {
  const values = digests.map((digest, index): LeafValues => [
    FORMAT_TAG,
    chainId,
    registry,
    institutionId,
    index,
    digest,
  ]);
  return StandardMerkleTree.of(values, [...LEAF_ENCODING]);
}

/** The Merkle proof of the credential at position `index` of a tree built by {@link buildBatchTree}. */
export function proofOf(tree: StandardMerkleTree<LeafValues>, index: number): Hex[] {
  for (const [treeIndex, value] of tree.entries()) {
    if (value[4] === index) return tree.getProof(treeIndex) as Hex[];
  }
  throw new Error(`no credential at position ${index}`);
}
