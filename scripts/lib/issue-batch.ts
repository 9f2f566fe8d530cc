/**
 * `issue`, the pipeline: validated inputs → the anchoring institution's issuer identity from the registry (its
 * issuer id becomes every credential's `issuer.id`; inputs that name another issuer are refused) → sealed batch
 * (deterministic from the journal's seed; built, signed and committed on worker threads for a large batch, to the
 * same bytes) → journal → one anchoring transaction (simulated, recorded, broadcast,
 * confirmed) → per-credential files, links and QR codes, links.csv, the manifest → journal complete. Rerunning
 * after a crash at any point resumes from the journal: the same root and issuer, at most one anchor, every output
 * written once.
 */
import { createCipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type Address, type Hex, keccak256, stringToBytes } from "viem";
import {
  AcreditaError,
  type CredentialDocument,
  enableFastHashing,
  issueBatch,
  type LearnerRecord,
  type RandomSource,
  type SealedBatch,
  type DidDocument,
  parseDidDocument,
  sealBatch,
  signWithDataIntegrity,
  verificationMethodIdFor,
  withStatusListEntry,
} from "../../core/index.ts";
import { createParallelIssuer, type ParallelIssuer } from "../../core/node/parallel-issue.ts";
import { CliError } from "./cli-error.ts";
import { loadCredentialKey } from "./credential-keys.ts";
import { type CredentialSigner, devCredentialSigner, signerFor } from "./credential-signer.ts";
import { crashPoint } from "./crash.ts";
import { writeOnce } from "./files.ts";
import { type OutputJob, renderAll } from "./issue-outputs.ts";
import { currentFees } from "./gas-price.ts";
import { JOURNAL_FORMAT, type Journal, readJournal, writeJournal } from "./journal.ts";
import { note, Progress } from "./output.ts";
import { countryOf } from "../../core/registry.ts";
import { type Chain, institutionOfKey, read, requireSigner, simulate, write } from "./registry.ts";
import { rebuildStatusList, statusListUrlFor, writeStatusList } from "./status-lists.ts";
import { workerThreads } from "./workers.ts";

/** The registry function batches are anchored with. */
const ANCHOR = "anchorBatch";

export type IssueSource =
  | { kind: "course"; template: unknown; learners: LearnerRecord[] }
  | { kind: "own"; documents: CredentialDocument[]; names: string[] };

export interface IssueRequest {
  chain: Chain;
  source: IssueSource;
  outDir: string;
  linkBase: string;
  /** Where the batch's status list is published: `<statusBase><id>.json` (see status-lists.ts). */
  statusBase: string;
  /** Also write the list into this folder (one the institution publishes at `statusBase`). */
  statusLists?: string;
  /** Hash of everything the user gave (files and options): a rerun must give the same. */
  fingerprint: string;
  validFrom?: string;
  validUntil?: string;
  dryRun: boolean;
  bumpAfterMs?: number;
  maxFeeCap?: bigint;
  /** The institution's credential key (required off the local chain); a did:web issuer also needs its did.json. */
  credentialKey?: { file: string; didDocument?: string; passwordFile?: string };
}

export interface IssueOutcome {
  batchRoot: Hex;
  count: number;
  institutionId: number;
  institutionName: string;
  /** The issuer id the credentials carry: the registry's for the institution when the batch was prepared. */
  issuerId: string;
  /** The institution's issuer identity version the batch was built with (and anchored under). */
  identityVersion: number;
  outDir: string;
  /** What happened in this run. */
  state: "dry-run" | "issued" | "resumed" | "already-complete";
  transactionHash?: Hex;
  blockNumber?: bigint;
  gasUsed?: bigint;
  effectiveGasPrice?: bigint;
  estimatedGas?: bigint;
  estimatedMaxFeePerGas?: bigint;
  anchoredAt?: number;
  /** The batch's status list: its URL, and the files it was written to (none on a dry run). */
  statusList: { url: string; files: string[] };
  seconds: { seal: number; anchor: number; outputs: number };
  /** Worker threads the batch was built, signed and sealed on (0: the main thread). */
  workers: number;
}

/** A keyed stream of pseudo-random bytes (AES-256-CTR of zeros): the salts of a batch, reproducible from its seed. */
export function seededRandom(seed: Buffer): RandomSource {
  const cipher = createCipheriv(
    "aes-256-ctr",
    createHash("sha256").update("acredita/salts").update(seed).digest(),
    Buffer.alloc(16),
  );
  return (target) => {
    target.set(cipher.update(Buffer.alloc(target.length)));
  };
}

/** The credential id of position `index`: a version-4-shaped UUID derived from the seed. */
export function seededCredentialId(seed: Buffer, index: number): string {
  const b = createHmac("sha256", seed).update(`acredita/credential-id/${index}`).digest();
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.subarray(0, 16).toString("hex");
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** File names for the credentials: the learner id (or source file name) made safe, unique within the batch. */
export function fileStems(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name, index) => {
    let stem =
      name
        .normalize("NFC")
        .replace(/[^\p{L}\p{N}._-]/gu, "_")
        .replace(/^\.+/, "_")
        .slice(0, 100) || `credential-${index}`;
    if (used.has(stem.toLowerCase())) stem = `${stem}-${index}`;
    used.add(stem.toLowerCase());
    return stem;
  });
}

function nowSeconds(): string {
  return new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The worker threads `issue` builds, signs and commits a batch of `count` credentials on (see lib/workers.ts).
 * Either way the batch is the same, byte for byte.
 */
export const issuingWorkers = workerThreads;

async function seal(
  request: IssueRequest,
  pool: ParallelIssuer | undefined,
  seed: Buffer,
  anchor: { chainId: number; registry: Hex; institutionId: number },
  issuer: unknown,
  dates: { validFrom: string; validUntil?: string },
  credentialKey: CredentialSigner,
  signedAt: string,
  statusList: string,
): Promise<SealedBatch> {
  const random = seededRandom(seed);
  const { signer, verificationKeys } = credentialKey;
  try {
    if (request.source.kind === "course") {
      const parameters = {
        signedAt,
        verificationKeys,
        template: request.source.template,
        issuer,
        learners: request.source.learners,
        issuance:
          dates.validUntil === undefined
            ? { validFrom: dates.validFrom }
            : { validFrom: dates.validFrom, validUntil: dates.validUntil },
        anchor,
        random,
        credentialId: (index: number) => seededCredentialId(seed, index),
        statusList,
      };
      if (pool === undefined) return await issueBatch({ ...parameters, signer });
      // The same batch, built, signed and committed on worker threads (core/node/parallel-issue.ts).
      const { verificationMethod } = credentialKey;
      const progress = new Progress("Signing credentials", parameters.learners.length, "credentials");
      const sealed = await pool.issueBatch({
        ...parameters,
        credentialKey: { seed: credentialKey.seed, verificationMethod },
        onProgress: (count) => {
          progress.tick(count);
        },
      });
      progress.finish();
      return sealed;
    }
    await enableFastHashing();
    // An issuer's own file gains a status entry only when that changes nothing it carries: it has no proofs
    // (which the entry would invalidate) and no status of its own.
    const signed = await Promise.all(
      request.source.documents.map((doc, index) =>
        signWithDataIntegrity(
          doc.proof === undefined && doc.credentialStatus === undefined
            ? withStatusListEntry(doc, statusList, index)
            : doc,
          signer,
          { created: signedAt, keys: verificationKeys },
        ),
      ),
    );
    return sealBatch(signed, anchor, { random, verificationKeys });
  } catch (error) {
    if (error instanceof AcreditaError) throw new CliError(`cannot build the batch: ${error.message}`);
    throw error;
  }
}

/** The awarding institution as its credentials show it: the registry's profile (issuer.id is its issuer id). */
export interface BatchIssuer {
  id: string;
  name: string;
  country: string;
  website?: string;
}

/** What the inputs themselves say the issuer is: the template's `issuer` (or `issuerId`), each own file's issuer. */
function namedIssuerIds(source: IssueSource): { where: string; id: string }[] {
  const idOf = (value: unknown): string | undefined => {
    if (typeof value === "string") return value;
    if (typeof value === "object" && value !== null && "id" in value && typeof value.id === "string") return value.id;
    return undefined;
  };
  if (source.kind === "own") {
    return source.documents.flatMap((doc, index) => {
      const id = idOf(doc.issuer);
      return id === undefined ? [] : [{ where: `${source.names[index] ?? index}.json`, id }];
    });
  }
  const template = typeof source.template === "object" && source.template !== null ? source.template : {};
  const named: { where: string; id: string }[] = [];
  for (const key of ["issuer", "issuerId"]) {
    const id = idOf((template as Record<string, unknown>)[key]);
    if (id !== undefined) named.push({ where: `the course template's ${key}`, id });
  }
  return named;
}

/**
 * Refuses inputs that name another issuer than the anchoring institution's registered issuer id: their
 * credentials would carry an issuer.id the registry does not hold for the institution (a verifier rejects them),
 * and a file whose issuer is another organisation must never be anchored under this one.
 */
function assertSameIssuer(source: IssueSource, issuer: BatchIssuer, institutionId: number): void {
  const others = namedIssuerIds(source).filter((named) => named.id !== issuer.id);
  if (others.length === 0) return;
  const who = `institution ${institutionId} (${issuer.name})`;
  if (source.kind === "course") {
    const first = others[0] as { where: string; id: string };
    throw new CliError(
      `${first.where} names the issuer ${first.id}, but ${who} is registered with the issuer id ${issuer.id}; nothing was issued`,
      {
        hint: "Acredita fills the issuer in from the registry: remove it from the template, or sign with a key of the institution the template names.",
      },
    );
  }
  throw new CliError(
    `${others.length} of ${source.documents.length} credentials name another issuer than ${who}, whose registered issuer id is ${issuer.id}; nothing was issued:\n${others
      .map((o) => `  ${o.where}: issuer.id is ${o.id}`)
      .join("\n")}`,
    { hint: "A credential must carry its anchoring institution's issuer id as issuer.id." },
  );
}

/**
 * The credential key that signs the batch: the one given with --credential-key (its verification method from the
 * issuer id: a did:key is the key itself, a did:web names it in the did.json given with --did-document), else, on
 * the local chain only, the signing account's development credential key.
 */
export async function credentialSignerOf(
  given: IssueRequest["credentialKey"],
  isLocal: boolean,
  account: Address,
  issuerId: string,
): Promise<CredentialSigner> {
  if (given === undefined) {
    if (!isLocal) {
      throw new CliError("issuing on this network needs the institution's credential key", {
        hint: "Pass --credential-key <file> (made with `acredita credential-key create`), and --did-document <did.json> for a did:web issuer id.",
      });
    }
    return devCredentialSigner(account, issuerId);
  }
  let document: DidDocument | undefined;
  if (given.didDocument !== undefined) {
    let text: string;
    try {
      text = readFileSync(given.didDocument, "utf8");
    } catch {
      throw new CliError(`cannot read the DID document ${given.didDocument}`);
    }
    try {
      document = parseDidDocument(JSON.parse(text), issuerId);
    } catch (error) {
      throw new CliError(
        `${given.didDocument} is not the DID document of ${issuerId}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const key = await loadCredentialKey(
    given.file,
    given.passwordFile === undefined ? {} : { passwordFile: given.passwordFile },
  );
  let verificationMethod: string;
  try {
    verificationMethod = verificationMethodIdFor({
      issuerId,
      publicKeyMultibase: key.publicKeyMultibase,
      ...(document === undefined ? {} : { document }),
    });
  } catch (error) {
    throw new CliError(
      `the credential key ${key.publicKeyMultibase} cannot sign for ${issuerId}: ${error instanceof Error ? error.message : String(error)}`,
      { hint: "A did:key issuer id must be this key's did:key; a did:web one needs --did-document listing this key." },
    );
  }
  return signerFor(
    key.signer(verificationMethod),
    verificationMethod,
    issuerId,
    key.publicKeyMultibase,
    await key.seed(),
  );
}

/** Runs (or resumes) the issue pipeline; see the module comment. */
export async function issueToFolder(request: IssueRequest): Promise<IssueOutcome> {
  // A large batch's worker threads start first: they load the core and the signer while the registry is read.
  const workers = request.source.kind === "course" ? issuingWorkers(request.source.learners.length) : 0;
  const pool = workers > 0 ? createParallelIssuer({ workers }) : undefined;
  try {
    return await issueWith(request, pool);
  } finally {
    await pool?.close();
  }
}

async function issueWith(request: IssueRequest, pool: ParallelIssuer | undefined): Promise<IssueOutcome> {
  const { chain, outDir } = request;
  const account = requireSigner(chain);
  const { institutionId, institution } = await institutionOfKey(chain, account.address);
  if (institution.status !== 1) {
    throw new CliError(
      `institution ${institutionId} (${institution.profile.name}) is not active, so its keys cannot anchor`,
    );
  }
  const anchor = { chainId: chain.target.chainId, registry: chain.registry, institutionId };

  let journal = request.dryRun ? undefined : readJournal(outDir);
  if (journal !== undefined) {
    const same =
      journal.fingerprint === request.fingerprint &&
      journal.chainId === anchor.chainId &&
      journal.registry.toLowerCase() === anchor.registry.toLowerCase() &&
      journal.signer.toLowerCase() === account.address.toLowerCase();
    if (!same) {
      throw new CliError(`${outDir} already holds a batch issued from other inputs, network or key`, {
        hint: "Rerun with exactly the same inputs to finish that batch, or choose another --out for a new one.",
      });
    }
  } else if (
    !request.dryRun &&
    existsSync(join(outDir, "credentials")) &&
    readdirSync(join(outDir, "credentials")).length > 0
  ) {
    throw new CliError(`${outDir} already holds credentials but no journal`, { hint: "Choose an empty --out folder." });
  }
  // The issuer: the registry's profile of the institution now, or (resuming) the one the batch was built with.
  const issuer: BatchIssuer =
    journal?.issuer ??
    ({
      id: institution.profile.issuerId,
      name: institution.profile.name,
      country: countryOf(institution.profile.country),
      ...(institution.profile.website === "" ? {} : { website: institution.profile.website }),
    } satisfies BatchIssuer);
  const identityVersion = journal?.identityVersion ?? institution.identityVersion;
  assertSameIssuer(request.source, issuer, institutionId);
  if (
    journal?.stage === "prepared" &&
    journal.tx.attempts.length === 0 &&
    identityVersion !== institution.identityVersion
  ) {
    throw new CliError(
      `the issuer identity of institution ${institutionId} changed (version ${identityVersion} → ${institution.identityVersion}) since the batch in ${outDir} was prepared; nothing was anchored`,
      { hint: "Issue into a new --out folder: its credentials will carry the institution's current issuer identity." },
    );
  }
  const seed = journal === undefined ? randomBytes(32) : Buffer.from(journal.seed.slice(2), "hex");
  const dates =
    journal === undefined
      ? {
          validFrom: request.validFrom ?? nowSeconds(),
          ...(request.validUntil === undefined ? {} : { validUntil: request.validUntil }),
        }
      : {
          validFrom: journal.validFrom,
          ...(journal.validUntil === undefined ? {} : { validUntil: journal.validUntil }),
        };

  const credentialKey = await credentialSignerOf(
    request.credentialKey,
    chain.target.isLocal,
    account.address,
    issuer.id,
  );
  const signedAt = journal?.signedAt ?? nowSeconds();
  const sealStart = performance.now();
  const statusList = statusListUrlFor(request.statusBase, seed);
  const batch = await seal(request, pool, seed, anchor, issuer, dates, credentialKey, signedAt, statusList);
  const sealSeconds = (performance.now() - sealStart) / 1000;
  const count = batch.credentials.length;
  if (journal !== undefined && journal.batchRoot !== batch.batchRoot) {
    throw new CliError(`rebuilding the batch in ${outDir} gave another root than the journal's`, {
      hint: "The inputs changed since the first run. Restore them, or issue into another --out.",
    });
  }

  // What every outcome of this run names: the batch, its institution and issuer identity, and its folder.
  const batchFacts = {
    batchRoot: batch.batchRoot,
    count,
    institutionId,
    institutionName: issuer.name,
    issuerId: issuer.id,
    identityVersion,
    outDir,
  };

  if (request.dryRun) {
    const data = await simulate(chain, ANCHOR, [batch.batchRoot, count], "anchoring the batch");
    const [gas, fees] = await Promise.all([
      chain.target.client.estimateGas({ account: account.address, to: chain.registry, data }),
      currentFees(chain.target.client, chain.fees),
    ]);
    return {
      ...batchFacts,
      state: "dry-run",
      estimatedGas: gas,
      estimatedMaxFeePerGas: fees.maxFeePerGas,
      statusList: { url: statusList, files: [] },
      seconds: { seal: sealSeconds, anchor: 0, outputs: 0 },
      workers: pool?.workers ?? 0,
    };
  }

  const resumed = journal !== undefined;
  if (journal === undefined) {
    journal = {
      format: JOURNAL_FORMAT,
      fingerprint: request.fingerprint,
      seed: `0x${seed.toString("hex")}`,
      ...dates,
      signedAt,
      chainId: anchor.chainId,
      registry: anchor.registry,
      institutionId,
      issuer,
      identityVersion,
      signer: account.address,
      batchRoot: batch.batchRoot,
      count,
      stage: "prepared",
      tx: { attempts: [] },
    };
    writeJournal(outDir, journal);
    crashPoint("journal-prepared");
  }
  const current: Journal = journal;
  const persist = () => {
    writeJournal(outDir, current);
  };
  const alreadyComplete = current.stage === "complete";

  // Anchor (or find the anchor of an earlier run).
  const anchorStart = performance.now();
  if (current.stage === "prepared") {
    const sent = await write(chain, ANCHOR, [batch.batchRoot, count], "anchoring the batch", {
      record: current.tx,
      persist,
      isDone: async () => (await read(chain, "getBatch", [institutionId, batch.batchRoot])).anchoredAt !== 0,
      bumpAfterMs: request.bumpAfterMs,
      maxFeeCap: request.maxFeeCap,
    });
    crashPoint("anchor-confirmed");
    const record = await read(chain, "getBatch", [institutionId, batch.batchRoot]);
    if (record.anchoredAt === 0)
      throw new CliError("the anchoring transaction was mined, but the registry has no record of the batch");
    if (record.signingKey.toLowerCase() !== account.address.toLowerCase() || record.count !== count) {
      throw new CliError(`the root ${batch.batchRoot} was anchored by another key or with another count`);
    }
    await assertAnchoredIdentity(chain, institutionId, record.identityVersion, issuer, batch.batchRoot);
    current.anchor = {
      anchoredAt: record.anchoredAt,
      ...(sent.receipt === undefined
        ? {}
        : {
            transactionHash: sent.receipt.transactionHash,
            blockNumber: sent.receipt.blockNumber.toString(),
            gasUsed: sent.receipt.gasUsed.toString(),
            effectiveGasPrice: sent.receipt.effectiveGasPrice.toString(),
          }),
    };
    current.stage = "anchored";
    persist();
    crashPoint("journal-anchored");
  }
  const anchorSeconds = (performance.now() - anchorStart) / 1000;

  // Outputs: every file once, atomically.
  const outputsStart = performance.now();
  mkdirSync(join(outDir, "credentials"), { recursive: true });
  mkdirSync(join(outDir, "qr"), { recursive: true });
  removeLeftovers(outDir);
  const names = request.source.kind === "course" ? request.source.learners.map((l) => l.id) : request.source.names;
  const stems = fileStems(names);
  const jobs: OutputJob[] = batch.credentials.map((credential, index) => ({
    index,
    stem: stems[index] ?? String(index),
    credential,
  }));
  const progress = new Progress("Writing credentials", count, "credentials");
  const results = await renderAll(jobs, { outDir, linkBase: request.linkBase }, (n) => {
    progress.tick(n);
  });
  progress.finish();
  const header = "learner_id,name,email,index,credential_file,qr_file,link,status_link,paper_link\n";
  writeOnce(join(outDir, "links.csv"), () => {
    const lines = results.map((r, index) => {
      const learner = request.source.kind === "course" ? request.source.learners[index] : undefined;
      return [
        learner?.id ?? names[index] ?? "",
        learner?.name ?? "",
        learner?.email ?? "",
        String(index),
        `credentials/${stems[index] ?? ""}.json`,
        `qr/${stems[index] ?? ""}.png`,
        r.link,
        r.statusLink,
        r.paperLink,
      ]
        .map(csvCell)
        .join(",");
    });
    return header + lines.join("\n") + "\n";
  });
  crashPoint("links-written");
  writeOnce(join(outDir, "manifest.json"), () => `${JSON.stringify(batch.manifest, null, 2)}\n`);
  crashPoint("manifest-written");
  writeOnce(
    join(outDir, "anchor.json"),
    () =>
      `${JSON.stringify(
        {
          format: "acredita/anchor-receipt/v2",
          chainId: anchor.chainId,
          registry: anchor.registry,
          institutionId,
          institutionName: issuer.name,
          issuerId: issuer.id,
          identityVersion,
          batchRoot: batch.batchRoot,
          count,
          signingKey: account.address,
          ...current.anchor,
        },
        null,
        2,
      )}\n`,
  );
  // The batch's status list, from the chain (all clear unless something was revoked since anchoring).
  const list = await rebuildStatusList(chain, institutionId, batch.batchRoot, statusList, {
    signer: credentialKey,
    ...(current.anchor?.blockNumber === undefined ? {} : { fromBlock: BigInt(current.anchor.blockNumber) }),
  });
  const statusListFiles = writeStatusList(chain, list, { batchDir: outDir, folder: request.statusLists, once: true });
  crashPoint("outputs-written");
  if (current.stage !== "complete") {
    current.stage = "complete";
    current.completedAt = new Date().toISOString();
    persist();
  }
  const outcome: IssueOutcome = {
    ...batchFacts,
    state: alreadyComplete ? "already-complete" : resumed ? "resumed" : "issued",
    statusList: { url: statusList, files: statusListFiles },
    seconds: { seal: sealSeconds, anchor: anchorSeconds, outputs: (performance.now() - outputsStart) / 1000 },
    workers: pool?.workers ?? 0,
  };
  if (current.anchor !== undefined) {
    outcome.anchoredAt = current.anchor.anchoredAt;
    if (current.anchor.transactionHash !== undefined) outcome.transactionHash = current.anchor.transactionHash as Hex;
    if (current.anchor.blockNumber !== undefined) outcome.blockNumber = BigInt(current.anchor.blockNumber);
    if (current.anchor.gasUsed !== undefined) outcome.gasUsed = BigInt(current.anchor.gasUsed);
    if (current.anchor.effectiveGasPrice !== undefined)
      outcome.effectiveGasPrice = BigInt(current.anchor.effectiveGasPrice);
  }
  if (resumed && !alreadyComplete) note("  Resumed from the journal: nothing was anchored twice.");
  return outcome;
}

/**
 * The anchored batch recorded identity `version`: its issuer id must be the one the credentials carry, or a verifier
 * rejects every one of them (they differ only when the registrar changed the issuer id while the anchoring
 * transaction was pending). A changed name only makes verifiers warn, so it is reported and the batch completed.
 */
async function assertAnchoredIdentity(
  chain: Chain,
  institutionId: number,
  version: number,
  issuer: BatchIssuer,
  root: Hex,
): Promise<void> {
  const recorded = await read(chain, "getIssuerIdentity", [institutionId, version]);
  const hash = (text: string) => keccak256(stringToBytes(text));
  if (recorded.issuerIdHash !== hash(issuer.id)) {
    throw new CliError(
      `the batch ${root} was anchored under issuer identity version ${version} of institution ${institutionId}, whose issuer id is not ${issuer.id}, the one its credentials carry; no credential was written`,
      {
        hint: "The institution's issuer id changed while the batch was being anchored. Issue the credentials again into a new --out folder.",
      },
    );
  }
  if (recorded.nameHash !== hash(issuer.name)) {
    note(
      `  The institution's name changed while the batch was being anchored: verifiers will warn that "${issuer.name}" is not its registered name.`,
    );
  }
}

/** Temporary files a crash may have left behind (a file is complete only once renamed). */
function removeLeftovers(outDir: string): void {
  for (const dir of [outDir, join(outDir, ".acredita"), join(outDir, "credentials"), join(outDir, "qr")]) {
    for (const name of readdirSync(dir)) if (name.endsWith(".tmp")) rmSync(join(dir, name), { force: true });
  }
}

export type { Address };
