/**
 * The on-chain world the web e2e tests and benchmarks verify against: on a running local stack, the registrar
 * (dev account 0, who deployed the registry) admits institutions and signing keys, credentials are built and
 * sealed with core, batches are anchored and some are revoked — all with viem and the generated ABI, as a real
 * issuer would. Local development accounts only.
 */
import {
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  type Hex,
  http,
  type PublicClient,
  toHex,
} from "viem";
import { buildCredential, type LearnerRecord } from "../../core/credential.ts";
import { sealBatch } from "../../core/batch.ts";
import { signWithDataIntegrity } from "../../core/data-integrity.ts";
import type { JsonObject } from "../../core/canonical.ts";
import { credentialRegistryAbi } from "../../core/generated/abi.ts";
import { encodeVerificationLink } from "../../core/link.ts";
import { splitAnchor, type VerificationKey } from "../../core/proof.ts";
import { type CredentialReference, referenceOf } from "../../core/verification.ts";
import { devCredentialSigner } from "../../scripts/lib/credential-signer.ts";
import { localDevAccount } from "../../scripts/lib/local-chain.ts";

export const LOCAL_CHAIN = defineChain({
  id: 31337,
  name: "Acredita local",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: ["http://127.0.0.1:8545"] } },
});

/**
 * A compact course template with every microcredential element (shorter than the samples, so that a whole
 * credential's verification link still fits in one QR code).
 */
export const COURSE_TEMPLATE = {
  id: "urn:acredita:achievement:uneje:negociacion-2026",
  name: "Negociación y Liderazgo",
  description: "Microcredencial de posgrado en línea.",
  criteria: { narrative: "Aprobar tres cursos con 70/100." },
  inLanguage: "es",
  creditsAvailable: 12,
  learningOutcomes: ["Conduce negociaciones.", "Dirige equipos."],
  microcredential: {
    workloadHours: 360,
    ects: 12,
    eqfLevel: 7,
    assessment: "Proyecto final",
    participation: "En línea",
    identityChecked: true,
    qualityAssurance: "ANAE-2025-114",
    stackableInto: "MBA",
  },
};

export const LEARNERS: LearnerRecord[] = [
  { id: "UNEJE-2026-0001", name: "María José García Flores", completedOn: "2026-06-24", grade: "74" },
  { id: "UNEJE-2026-0002", name: "Juan Pablo Vargas Morales", completedOn: "2026-06-10", grade: "99" },
  { id: "UNEJE-2026-0003", name: "Ana Lucía Torres", completedOn: "2026-06-12", grade: "88" },
];

const ZERO_HASH: Hex = `0x${"00".repeat(32)}`;

export interface Institution {
  id: number;
  name: string;
  /** The issuer id the registry holds for it, which its credentials carry as `issuer.id`. */
  issuerId: string;
  country: string;
  key: ReturnType<typeof localDevAccount>;
}

/** The issuer id a test institution gets unless told otherwise: a `did:web` made from its name. */
export function issuerIdFor(name: string): string {
  const slug = name
    .normalize("NFD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `did:web:${slug}.example`;
}

export interface IssuedBatch {
  root: Hex;
  credentials: JsonObject[];
}

export class LocalWorld {
  readonly rpcUrl: string;
  readonly registry: Address;
  readonly client: PublicClient;

  constructor(rpcUrl: string, registry: Address) {
    this.rpcUrl = rpcUrl;
    this.registry = getAddress(registry);
    this.client = createPublicClient({ chain: LOCAL_CHAIN, transport: http(rpcUrl) });
  }

  private wallet(account: ReturnType<typeof localDevAccount>) {
    return createWalletClient({ account, chain: LOCAL_CHAIN, transport: http(this.rpcUrl) });
  }

  private async confirm(hash: Hex): Promise<void> {
    const receipt = await this.client.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  }

  /**
   * Admits an institution (as the registrar, dev account 0) and gives it dev account `keyIndex` as signing key; its
   * issuer id is `issuerId`, by default {@link issuerIdFor} its name.
   */
  async admit(name: string, country: string, keyIndex: number, issuerId = issuerIdFor(name)): Promise<Institution> {
    const registrar = localDevAccount(0);
    const key = localDevAccount(keyIndex);
    const profile = {
      name,
      issuerId,
      country: toHex(country, { size: 2 }),
      website: "https://uneje.example",
      metadataURI: "",
      metadataHash: ZERO_HASH,
    };
    await this.confirm(
      await this.wallet(registrar).writeContract({
        address: this.registry,
        abi: credentialRegistryAbi,
        functionName: "admitInstitution",
        args: [profile],
      }),
    );
    const id = await this.client.readContract({
      address: this.registry,
      abi: credentialRegistryAbi,
      functionName: "institutionCount",
    });
    await this.confirm(
      await this.wallet(registrar).writeContract({
        address: this.registry,
        abi: credentialRegistryAbi,
        functionName: "addSigningKey",
        args: [id, key.address],
      }),
    );
    return { id, name, issuerId, country, key };
  }

  /**
   * Changes an institution's name and/or issuer id (as the registrar): the registry records the next identity
   * version. Returns the institution as it now is; credentials issued for the returned value carry the new identity.
   */
  async rename(institution: Institution, change: { name?: string; issuerId?: string }): Promise<Institution> {
    const next = { ...institution, ...change };
    await this.confirm(
      await this.wallet(localDevAccount(0)).writeContract({
        address: this.registry,
        abi: credentialRegistryAbi,
        functionName: "updateInstitution",
        args: [
          institution.id,
          {
            name: next.name,
            issuerId: next.issuerId,
            country: toHex(next.country, { size: 2 }),
            website: "https://uneje.example",
            metadataURI: "",
            metadataHash: ZERO_HASH,
          },
        ],
      }),
    );
    return next;
  }

  /** Builds credentials with core for `learners`, seals them for `institution` and (unless told not to) anchors. */
  async issue(
    institution: Institution,
    options: {
      issuerName?: string;
      validFrom?: string;
      validUntil?: string;
      learners?: LearnerRecord[];
      registry?: Address;
      anchor?: boolean;
      edit?: (credential: JsonObject, index: number) => void;
    } = {},
  ): Promise<IssuedBatch> {
    const learners = options.learners ?? LEARNERS;
    const documents = learners.map((learner) => {
      const credential = buildCredential({
        template: COURSE_TEMPLATE,
        issuer: {
          id: institution.issuerId,
          name: options.issuerName ?? institution.name,
          country: institution.country,
          website: "https://uneje.example",
        },
        learner,
        options: {
          validFrom: options.validFrom ?? "2026-01-01T00:00:00Z",
          ...(options.validUntil === undefined ? {} : { validUntil: options.validUntil }),
        },
      });
      return structuredClone(credential);
    });
    documents.forEach((d, i) => options.edit?.(d, i));
    // Signed with the development credential key of the institution's account, for the issuer id each credential
    // names (normally the registered one): a credential claiming another issuer is then caught by the registry's
    // issuer check, not by its signature.
    const verificationKeys: VerificationKey[] = [];
    const signed: JsonObject[] = [];
    for (const d of documents) {
      const issuerId = (d.issuer as JsonObject).id as string;
      const credentialKey = await devCredentialSigner(institution.key.address, issuerId);
      for (const k of credentialKey.verificationKeys) {
        if (!verificationKeys.some((known) => known.id === k.id)) verificationKeys.push(k);
      }
      signed.push(await signWithDataIntegrity(d, credentialKey.signer, { keys: credentialKey.verificationKeys }));
    }
    const sealed = sealBatch(
      signed,
      { chainId: LOCAL_CHAIN.id, registry: options.registry ?? this.registry, institutionId: institution.id },
      { verificationKeys },
    );
    if (options.anchor !== false) {
      await this.confirm(
        await this.wallet(institution.key).writeContract({
          address: this.registry,
          abi: credentialRegistryAbi,
          functionName: "anchorBatch",
          args: [sealed.batchRoot, documents.length],
        }),
      );
    }
    return { root: sealed.batchRoot, credentials: sealed.credentials };
  }

  async revoke(institution: Institution, root: Hex, index: number, reason = 1): Promise<void> {
    await this.confirm(
      await this.wallet(institution.key).writeContract({
        address: this.registry,
        abi: credentialRegistryAbi,
        functionName: "revokeCredential",
        args: [institution.id, root, index, reason],
      }),
    );
  }

  async suspend(institution: Institution): Promise<void> {
    await this.confirm(
      await this.wallet(localDevAccount(0)).writeContract({
        address: this.registry,
        abi: credentialRegistryAbi,
        functionName: "suspendInstitution",
        args: [institution.id],
      }),
    );
  }
}

/** The status-only reference of a sealed credential (what a hash-only link carries). */
export function referenceOfCredential(credential: JsonObject): CredentialReference {
  return referenceOf(splitAnchor(credential).anchor);
}

export function credentialLink(base: string, credential: JsonObject): string {
  return encodeVerificationLink(base, { kind: "credential", credential });
}

export function referenceLink(base: string, credential: JsonObject): string {
  return encodeVerificationLink(base, { kind: "reference", reference: referenceOfCredential(credential) });
}
