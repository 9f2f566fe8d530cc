/**
 * `acredita institution show [id]`: the institution's dashboard. Its profile and issuer id, the DID document it
 * publishes (for a did:web), its signing keys with their windows, its batches with their counts and revocations,
 * and where their status lists live.
 */
import { existsSync, readFileSync } from "node:fs";
import { buildDidWebDocument, type DidDocument, didWebKeysOf, parseDidWeb, parseStrict } from "../../core/index.ts";
import { readBatchFolder } from "../lib/batch-folder.ts";
import { CliError } from "../lib/cli-error.ts";
import { type InstitutionRecord, readInstitutionRecord } from "../lib/institution-record.ts";
import { print, table } from "../lib/output.ts";
import { openChain } from "../lib/registry.ts";
import { statusListUrlInFolder } from "../lib/status-lists.ts";
import { type CommandOptions, printJson, str } from "./common.ts";
import { institutionIdOf, localDidKeys } from "./did.ts";
import { reasonName } from "../../core/registry.ts";

/** What the institution publishes for its issuer id. */
interface DidView {
  method: "web" | "key" | "url";
  /** Where the did.json goes (did:web only). */
  documentUrl?: string;
  /** The document to publish: --did-document's, or on the local chain the development key's. */
  document?: DidDocument;
  source?: string;
  note: string;
}

async function didView(
  chain: Awaited<ReturnType<typeof openChain>>,
  record: InstitutionRecord,
  file: string,
): Promise<DidView> {
  const did = record.issuerId;
  if (did.startsWith("did:key:")) {
    return { method: "key", note: "a did:key is its own key: there is no document to publish" };
  }
  if (!did.startsWith("did:web:")) {
    return { method: "url", note: "an https issuer id has no DID document; credentials name their key in the anchor" };
  }
  const documentUrl = parseDidWeb(did).documentUrl;
  if (file !== "") {
    if (!existsSync(file)) throw new CliError(`--did-document ${file} does not exist`);
    try {
      const keys = didWebKeysOf(parseStrict(readFileSync(file, "utf8")), did);
      return { method: "web", documentUrl, document: buildDidWebDocument(did, keys), source: file, note: "" };
    } catch (error) {
      throw new CliError(
        `--did-document ${file} is not a DID document of ${did}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const local = await localDidKeys(chain, record.id);
  if (local.length > 0) {
    const document = buildDidWebDocument(did, [{ number: 1, publicKeyMultibase: local[0] ?? "", retired: false }]);
    return { method: "web", documentUrl, document, source: "the development credential key", note: "" };
  }
  return {
    method: "web",
    documentUrl,
    note: `write it with: npx acredita did ${record.id} --key <credential key file> --out did.json (or give --did-document)`,
  };
}

/** root (lower case) → the status list URL its credentials carry, from the batch folders given. */
function statusListsOf(folders: readonly string[]): Map<string, string> {
  const urls = new Map<string, string>();
  for (const folder of folders) {
    const batch = readBatchFolder(folder);
    const url = batch.dir === undefined ? undefined : statusListUrlInFolder(batch.dir);
    if (url !== undefined) urls.set(batch.manifest.batchRoot.toLowerCase(), url);
  }
  return urls;
}

const when = (seconds: number) =>
  seconds === 0 || !Number.isFinite(seconds) ? undefined : new Date(seconds * 1000).toISOString();

export async function show(id: string | undefined, options: CommandOptions): Promise<void> {
  const chain = await openChain(options, undefined);
  const institutionId = await institutionIdOf(chain, id);
  const folders = options.batch === undefined ? [] : (options.batch as string[]);
  const statusLists = statusListsOf(folders);
  const record = await readInstitutionRecord(chain, institutionId);
  const did = await didView(chain, record, str(options.didDocument));
  const batches = record.batches.map((b) => ({
    root: b.root,
    anchoredAt: when(b.anchoredAt),
    block: b.block,
    transaction: b.transaction,
    signingKey: b.signingKey,
    count: b.count,
    identityVersion: b.identityVersion,
    revoked: b.revokedAt === 0 ? null : { at: when(b.revokedAt), reason: reasonName(b.revocationReason) },
    revokedCredentials: b.revokedCredentials,
    statusList: statusLists.get(b.root.toLowerCase()) ?? b.metadataURI ?? null,
  }));
  const view = {
    chainId: chain.target.chainId,
    registry: chain.registry,
    block: record.block,
    institution: {
      id: record.id,
      name: record.name,
      issuerId: record.issuerId,
      identityVersion: record.identityVersion,
      country: record.country,
      website: record.website,
      metadataURI: record.metadataURI,
      status: record.status,
      admittedAt: when(record.admittedAt),
      updatedAt: when(record.updatedAt),
      statusChangedAt: when(record.statusChangedAt),
    },
    did,
    keys: record.keys.map((k) => ({
      address: k.address,
      keyId: k.keyId,
      state: k.state,
      // Batches the key anchors from validFrom until validUntil (its removal or the start of its compromise,
      // whichever comes first) verify; none after.
      validFrom: when(k.addedAt),
      validUntil: when(Math.min(...[k.compromisedFrom, k.removedAt].filter((t) => t !== 0))) ?? null,
    })),
    batches,
    statusLists: [...new Set(batches.flatMap((b) => (b.statusList === null ? [] : [b.statusList])))],
  };
  if (options.json === true) {
    printJson(view);
    return;
  }
  const i = view.institution;
  print(`Institution ${i.id}: ${i.name} (${i.country}), ${i.status}`);
  print(
    table([
      ["issuer id", `${i.issuerId} (identity version ${i.identityVersion})`],
      ["website", i.website === "" ? "-" : i.website],
      ["admitted", i.admittedAt ?? "-"],
      ["registry", `${view.registry} on chain ${view.chainId}, read at block ${view.block}`],
    ]),
  );
  print("");
  if (did.documentUrl !== undefined) {
    print(`DID document: publish at ${did.documentUrl}`);
    if (did.document === undefined) print(`  ${did.note}`);
    else {
      print(`  from ${did.source ?? ""}:`);
      print(JSON.stringify(did.document, null, 2).replace(/^/gm, "  "));
    }
  } else print(`DID document: none (${did.note})`);
  print("");
  print(`Signing keys: ${view.keys.length}`);
  if (view.keys.length > 0) {
    print(
      table([
        ["ADDRESS", "STATE", "VALID FROM", "VALID UNTIL"],
        ...view.keys.map((k) => [k.address, k.state, k.validFrom ?? "-", k.validUntil ?? "-"]),
      ]),
    );
  }
  print("");
  print(`Batches: ${batches.length}`);
  if (batches.length > 0) {
    print(
      table([
        ["ROOT", "ANCHORED", "CREDENTIALS", "REVOKED", "STATUS LIST"],
        ...batches.map((b) => [
          `${b.root.slice(0, 10)}…`,
          b.anchoredAt ?? "-",
          String(b.count),
          b.revoked === null ? String(b.revokedCredentials) : `all (${b.revoked.reason})`,
          b.statusList ?? "unknown (give its folder with --batch)",
        ]),
      ]),
    );
  }
}
