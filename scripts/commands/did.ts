/**
 * Issuer identity commands: `credential-key create` (a new encrypted Ed25519 credential key) and `did document`
 * (the did.json an institution publishes for its did:web, listing its credential keys).
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
import { readPassword } from "../lib/keys.ts";
import { paint, print, table } from "../lib/output.ts";
import { printJson, str } from "./common.ts";

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

/** `acredita did document --did did:web:… --key <file>… [--retire key-N…] --out did.json`. */
export function document(options: Options): void {
  const did = str(options.did);
  const out = str(options.out);
  if (did.startsWith("did:key:")) {
    throw new CliError("a did:key has no document to publish: it is derived from its key (see credential-key create)");
  }
  if (!did.startsWith("did:web:")) {
    throw new CliError(`--did must be a did:web (did:web:<domain>[:<path>…]), not "${did.slice(0, 120)}"`);
  }
  let url: string;
  try {
    url = parseDidWeb(did).documentUrl;
  } catch (error) {
    refusal(error, `--did ${did.slice(0, 120)} is not a valid did:web`);
  }
  const current = previousKeys(out, did);
  const files = list(options.key);
  if (files.length === 0 && current.length === 0) {
    throw new CliError("--key <file> is required: the credential key(s) the document lists");
  }
  const add = files.map((file) => readCredentialKeyPublic(file).publicKeyMultibase);
  let keys: DidWebKey[];
  try {
    keys = rotateDidWebKeys(current, { add, retire: list(options.retire) });
  } catch (error) {
    refusal(error, "cannot update the key list");
  }
  const built = buildDidWebDocument(did, keys);
  writeFileAtomically(out, `${JSON.stringify(built, null, 2)}\n`);
  if (options.json === true) {
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
