/**
 * Issuer identity commands: `credential-key create` (a new encrypted Ed25519 credential key), `did document`
 * (the did.json an institution publishes for its did:web, listing its credential keys) and `did` (the same for an
 * institution of the registry, its did:web read from the chain).
 */
import { existsSync, readFileSync } from "node:fs";
import {
  AcreditaError,
  buildDidWebDocument,
  didKeyFromMultibase,
  didWebKeysOf,
  type DidWebKey,
  isAcreditaError,
  parseDidKey,
  parseDidWeb,
  parseStrict,
  rotateDidWebKeys,
} from "../../core/index.ts";
import { writeFileAtomically } from "../lib/atomic-file.ts";
import { CliError } from "../lib/cli-error.ts";
import { createCredentialKey, readCredentialKeyPublic, writeNewKeyFile } from "../lib/credential-keys.ts";
import { devCredentialKey } from "../lib/credential-signer.ts";
import { readPassword } from "../lib/keys.ts";
import { positiveInteger } from "../lib/network.ts";
import { paint, print, table } from "../lib/output.ts";
import { type Chain, openChain, read } from "../lib/registry.ts";
import { type CommandOptions, printJson, str } from "./common.ts";

type Options = Record<string, unknown>;

/** A core refusal as one sentence about `what`. */
function refusal(error: unknown, what: string): never {
  if (isAcreditaError(error)) {
    const reason =
      typeof error.details.reason === "string" ? error.details.reason : error.message.replace(/^\w+: /, "");
    throw new CliError(`${what}: ${reason}`);
  }
  throw error;
}

function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(str);
}

/** `acredita credential-key create --out <file>`. */
export async function createKey(options: Options): Promise<void> {
  const out = str(options.out);
  if (out === "") throw new CliError("--out <file> is required: where the encrypted credential key goes");
  if (existsSync(out)) throw new CliError(`${out} already exists: a key file is never overwritten`);
  const passwordFile = options.passwordFile === undefined ? undefined : str(options.passwordFile);
  const password = await readPassword({ passwordFile }, out, true);
  const { json, publicKeyMultibase } = await createCredentialKey(password);
  writeNewKeyFile(out, json);
  const { did, verificationMethodId } = parseDidKey(didKeyFromMultibase(publicKeyMultibase));
  if (options.json === true) {
    printJson({ file: out, publicKeyMultibase, didKey: did, verificationMethod: verificationMethodId });
    return;
  }
  print(`${paint("green", "✔")} credential key written to ${out} (encrypted; keep the file and its password safe)`);
  print(
    table([
      ["public key", publicKeyMultibase],
      ["did:key", did],
      ["verification method", verificationMethodId],
    ]),
  );
  print(
    "On the local chain the institution's issuer id is that did:key. On a real network, list the key in its did:web document: acredita did document --did did:web:<domain> --key <file> --out did.json",
  );
}

/** The document already at `out`, when there is one: the currently published keys keep their numbers. */
function previousKeys(out: string, did: string): DidWebKey[] {
  if (!existsSync(out)) return [];
  let text: string;
  try {
    text = readFileSync(out, "utf8");
  } catch {
    throw new CliError(`cannot read ${out}`);
  }
  try {
    return didWebKeysOf(parseStrict(text), did);
  } catch (error) {
    if (error instanceof AcreditaError) {
      throw new CliError(
        `${out} exists and is not a DID document of ${did} that Acredita can update: ${error.message.replace(/^\w+: /, "")}`,
        {
          hint: "Its keys would be renumbered or lost. Give another --out, or move the file away if it is not needed.",
        },
      );
    }
    throw error;
  }
}

/** Checks that `did` is a did:web (what has a document to publish) and returns the URL it is published at. */
function didWebUrl(did: string, what: string): string {
  if (did.startsWith("did:key:")) {
    throw new CliError(
      `a did:key has no document to publish (${what} is ${did.slice(0, 120)}): it is derived from its key (see credential-key create)`,
    );
  }
  if (!did.startsWith("did:web:")) {
    throw new CliError(`${what} must be a did:web (did:web:<domain>[:<path>…]), not "${did.slice(0, 120)}"`);
  }
  try {
    return parseDidWeb(did).documentUrl;
  } catch (error) {
    refusal(error, `${what} ${did.slice(0, 120)} is not a valid did:web`);
  }
}

/**
 * Writes the did.json of `did` at `out`: the keys already there keep their numbers, `add` (public keys) get the
 * next ones, `retire` are retired. Prints what it wrote.
 */
function writeDocument(did: string, url: string, out: string, add: string[], retire: string[], json: boolean): void {
  const current = previousKeys(out, did);
  if (add.length === 0 && current.length === 0) {
    throw new CliError("--key <file> is required: the credential key(s) the document lists");
  }
  let keys: DidWebKey[];
  try {
    keys = rotateDidWebKeys(current, { add, retire });
  } catch (error) {
    refusal(error, "cannot update the key list");
  }
  const built = buildDidWebDocument(did, keys);
  writeFileAtomically(out, `${JSON.stringify(built, null, 2)}\n`);
  if (json) {
    printJson({ file: out, did, url, keys });
    return;
  }
  print(`${paint("green", "✔")} DID document of ${did} written to ${out}`);
  print(
    table([
      ["KEY", "STATE", "PUBLIC KEY"],
      ...keys
        .toSorted((a, b) => a.number - b.number)
        .map((k) => [
          `#key-${k.number}`,
          k.retired ? "retired" : current.some((c) => c.number === k.number) ? "listed" : "added",
          k.publicKeyMultibase,
        ]),
    ]),
  );
  print(`Publish it at ${url} (served over https, as application/did+json or application/json).`);
}

/** `acredita did document --did did:web:… --key <file>… [--retire key-N…] --out did.json`. */
export function document(options: Options): void {
  const did = str(options.did);
  const url = didWebUrl(did, "--did");
  const add = list(options.key).map((file) => readCredentialKeyPublic(file).publicKeyMultibase);
  writeDocument(did, url, str(options.out), add, list(options.retire), options.json === true);
}

/** The institution a command is about: `id`, or the registry's only institution. */
export async function institutionIdOf(chain: Chain, id: string | undefined): Promise<number> {
  if (id !== undefined) return positiveInteger(id, "the institution id");
  const count = await read(chain, "institutionCount", []);
  if (count === 1) return 1;
  throw new CliError(
    count === 0
      ? `the registry ${chain.registry} holds no institution yet`
      : `the registry holds ${count} institutions: name one by its id`,
    { hint: "See them with: npx acredita institution list" },
  );
}

/**
 * The public keys a local chain's did.json lists by default: the development credential key of the institution's
 * first active signing key, the one `issue` signs with as #key-1 there.
 */
export async function localDidKeys(chain: Chain, institutionId: number): Promise<string[]> {
  if (!chain.target.isLocal) return [];
  for (const address of await read(chain, "getSigningKeys", [institutionId])) {
    const key = await read(chain, "getSigningKey", [address]);
    if (key.removedAt === 0 && key.compromisedFrom === 0) return [(await devCredentialKey(address)).publicKeyMultibase];
  }
  return [];
}

/**
 * `acredita did [institution] [--key <file>…] [--retire key-N…] [--out did.json]`: writes or refreshes the did.json
 * of the institution's did:web issuer id, as the registry records it.
 */
export async function refresh(id: string | undefined, options: CommandOptions): Promise<void> {
  const chain = await openChain(options, undefined);
  const institutionId = await institutionIdOf(chain, id);
  const institution = await read(chain, "getInstitution", [institutionId]);
  if (institution.status === 0) throw new CliError(`there is no institution ${institutionId} in this registry`);
  const did = institution.profile.issuerId;
  const url = didWebUrl(did, `the issuer id of institution ${institutionId}`);
  const out = str(options.out) === "" ? "did.json" : str(options.out);
  const files = list(options.key);
  const add =
    files.length > 0 || existsSync(out)
      ? files.map((file) => readCredentialKeyPublic(file).publicKeyMultibase)
      : await localDidKeys(chain, institutionId);
  writeDocument(did, url, out, add, list(options.retire), options.json === true);
}
