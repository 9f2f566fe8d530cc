/**
 * Credential keys: the Ed25519 keys (Multikeys) an institution signs its credentials' Data Integrity proofs with
 * (`eddsa-rdfc-2022`). Each lives in its own encrypted keystore file; nothing here prints, logs or puts key material
 * in an error, and a loaded key shows only its public half (`toJSON`, `util.inspect`).
 *
 * The file (`format: "acredita-credential-key/1"`):
 *   { format, type: "Multikey", publicKeyMultibase: "z6Mk…",
 *     crypto: { kdf: "scrypt", kdfparams: { n, r, p, salt }, cipher: "aes-256-gcm", iv, ciphertext, tag, check } }
 *   dk         = scrypt(password, salt, 64 bytes; n = 2^17, r = 8, p = 1 — the cost ethers uses for the signing keys'
 *                Web3 Secret Storage files)
 *   ciphertext = AES-256-GCM(key = dk[0..32], iv, plaintext = the 32-byte Ed25519 seed,
 *                additional data = UTF-8 of `${format}\n${publicKeyMultibase}`), with its 16-byte `tag`
 *   check      = SHA-256(dk[32..64]): tells a wrong password from a damaged file (it costs an attacker as much scrypt
 *                as the tag does, so it makes guessing no cheaper)
 *   All byte strings are lowercase hex.
 *
 * Why not the signing keys' Web3 Secret Storage format (ethers)? That format is defined for secp256k1 Ethereum
 * accounts: ethers derives an Ethereum address from the stored secret and checks it against the file's `address`,
 * so an Ed25519 seed stored there would make a file that looks like, and loads as, an Ethereum account (one secret on
 * two curves, and `--keystore` would happily sign transactions with it). Our own format keeps the public key
 * readable without the password, so `did document` lists keys without unlocking any, binds that public key to the
 * ciphertext (AEAD additional data), and after decryption the seed must reproduce it. The password sources are the
 * signing keys' (`--password-file`, ACREDITA_KEYSTORE_PASSWORD or a prompt: see keys.ts).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { inspect } from "node:util";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { z } from "zod";
import { ed25519PublicKeyFromMultibase } from "../../core/index.ts";
import { CliError } from "./cli-error.ts";
import { readPassword } from "./keys.ts";

/** The format tag of a credential key file. */
export const CREDENTIAL_KEY_FORMAT = "acredita-credential-key/1";

/** scrypt cost of new files (2^17, as ethers' Web3 Secret Storage); files with 2^14…2^20 are read. */
const SCRYPT_N = 2 ** 17;
const SCRYPT_R = 8;
const SCRYPT_P = 1;

/** What `@digitalbazaar/data-integrity`'s `DataIntegrityProof` takes as `signer`. */
export interface DataIntegritySigner {
  /** The verification method id the proof names (`did:key:z6Mk…#z6Mk…`, `did:web:…#key-N`). */
  id: string;
  algorithm: "Ed25519";
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
}

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length * 2}}$`));

const fileSchema = z.strictObject({
  format: z.literal(CREDENTIAL_KEY_FORMAT),
  type: z.literal("Multikey"),
  publicKeyMultibase: z.string().max(100),
  crypto: z.strictObject({
    kdf: z.literal("scrypt"),
    kdfparams: z.strictObject({
      n: z.number().refine((n) => [14, 15, 16, 17, 18, 19, 20].some((e) => 2 ** e === n)),
      r: z.literal(SCRYPT_R),
      p: z.literal(SCRYPT_P),
      salt: hex(32),
    }),
    cipher: z.literal("aes-256-gcm"),
    iv: hex(12),
    ciphertext: hex(32),
    tag: hex(16),
    check: hex(32),
  }),
});

type CredentialKeyFile = z.infer<typeof fileSchema>;

function deriveKey(password: string, salt: Buffer, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem: scrypt needs 128·n·r bytes (128 MiB at n = 2^17); Node's default cap is 32 MiB.
    scrypt(
      password.normalize("NFKC"),
      salt,
      64,
      { N: n, r: SCRYPT_R, p: SCRYPT_P, maxmem: 256 * 2 ** 20 + 1 },
      (error, dk) => {
        if (error === null) resolve(dk);
        else reject(error);
      },
    );
  });
}

const additionalData = (publicKeyMultibase: string) =>
  Buffer.from(`${CREDENTIAL_KEY_FORMAT}\n${publicKeyMultibase}`, "utf8");
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest();

/** An unlocked credential key: signs, and shows nothing but its public key. */
export class CredentialKey {
  /** "z6Mk…": the Ed25519 public key, Multikey multibase. */
  readonly publicKeyMultibase: string;
  readonly #keyPair: Ed25519Multikey.Ed25519KeyPair;

  private constructor(keyPair: Ed25519Multikey.Ed25519KeyPair) {
    this.publicKeyMultibase = keyPair.publicKeyMultibase;
    this.#keyPair = keyPair;
  }

  /** @internal: the key of a 32-byte seed. */
  static async fromSeed(seed: Uint8Array): Promise<CredentialKey> {
    return new CredentialKey(await Ed25519Multikey.generate({ seed }));
  }

  /**
   * A signer for `new DataIntegrityProof({ signer, cryptosuite })` naming `verificationMethodId` (see core's
   * `verificationMethodIdFor`: `did:key:z6Mk…#z6Mk…` on the local chain, `did:web:…#key-N` from the DID document).
   */
  signer(verificationMethodId: string): DataIntegritySigner {
    if (!/^did:[a-z0-9]+:[^#]+#[^#]+$/.test(verificationMethodId)) {
      throw new CliError(`"${verificationMethodId}" is not a verification method id (did:…#…)`);
    }
    const signer = this.#keyPair.signer();
    return { id: verificationMethodId, algorithm: "Ed25519", sign: ({ data }) => signer.sign({ data }) };
  }

  /**
   * The 32-byte Ed25519 seed, for this process's signing worker threads (core/node/parallel-issue.ts) only: never
   * printed, written or sent anywhere else.
   */
  async seed(): Promise<Uint8Array> {
    const { secretKey } = await this.#keyPair.export({ secretKey: true, raw: true });
    if (secretKey === undefined) throw new CliError("the credential key has no secret key");
    return secretKey.slice(0, 32);
  }

  toJSON(): { type: "Multikey"; publicKeyMultibase: string } {
    return { type: "Multikey", publicKeyMultibase: this.publicKeyMultibase };
  }

  [inspect.custom](): string {
    return `CredentialKey { publicKeyMultibase: '${this.publicKeyMultibase}' }`;
  }
}

/** A new random credential key, encrypted with `password`: the key file's JSON text and its public key. */
export async function createCredentialKey(password: string): Promise<{ json: string; publicKeyMultibase: string }> {
  if (password === "") throw new CliError("a credential key needs a password: an empty one protects nothing");
  const seed = randomBytes(32);
  const salt = randomBytes(32);
  const iv = randomBytes(12);
  try {
    const { publicKeyMultibase } = await CredentialKey.fromSeed(seed);
    const dk = await deriveKey(password, salt, SCRYPT_N);
    const cipher = createCipheriv("aes-256-gcm", dk.subarray(0, 32), iv);
    cipher.setAAD(additionalData(publicKeyMultibase));
    const ciphertext = Buffer.concat([cipher.update(seed), cipher.final()]);
    const file: CredentialKeyFile = {
      format: CREDENTIAL_KEY_FORMAT,
      type: "Multikey",
      publicKeyMultibase,
      crypto: {
        kdf: "scrypt",
        kdfparams: { n: SCRYPT_N, r: SCRYPT_R, p: SCRYPT_P, salt: salt.toString("hex") },
        cipher: "aes-256-gcm",
        iv: iv.toString("hex"),
        ciphertext: ciphertext.toString("hex"),
        tag: cipher.getAuthTag().toString("hex"),
        check: sha256(dk.subarray(32)).toString("hex"),
      },
    };
    dk.fill(0);
    return { json: `${JSON.stringify(file, null, 2)}\n`, publicKeyMultibase };
  } finally {
    seed.fill(0);
  }
}

/** Reads a credential key file's public part (no password needed); `file` names it in errors. */
export function parseCredentialKeyFile(json: string, file: string): CredentialKeyFile {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new CliError(`${file} is not a credential key file: it is not JSON`);
  }
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) {
    const looksLikeOurs = typeof value === "object" && value !== null && "format" in value;
    const format = looksLikeOurs ? (value as { format: unknown }).format : undefined;
    if (format !== CREDENTIAL_KEY_FORMAT) {
      throw new CliError(`${file} is not a credential key file (${CREDENTIAL_KEY_FORMAT})`, {
        hint:
          typeof value === "object" && value !== null && "crypto" in value && "address" in value
            ? "It looks like a signing key's JSON keystore: credential keys are made with `acredita credential-key create`."
            : undefined,
      });
    }
    const path = parsed.error.issues[0]?.path.map(String).join(".") ?? "";
    throw new CliError(`the credential key file ${file} is damaged (at ${path === "" ? "its root" : path})`);
  }
  try {
    ed25519PublicKeyFromMultibase(parsed.data.publicKeyMultibase);
  } catch {
    throw new CliError(`the credential key file ${file} is damaged (publicKeyMultibase)`);
  }
  return parsed.data;
}

/** The public key of the credential key file `file`, read without its password. */
export function readCredentialKeyPublic(file: string): { publicKeyMultibase: string } {
  const { publicKeyMultibase } = parseCredentialKeyFile(readKeyFile(file), file);
  return { publicKeyMultibase };
}

/** Decrypts a credential key file's JSON text with `password`; `file` names it in errors. */
export async function unlockCredentialKey(json: string, password: string, file: string): Promise<CredentialKey> {
  const data = parseCredentialKeyFile(json, file);
  const { kdfparams, iv, ciphertext, tag, check } = data.crypto;
  const dk = await deriveKey(password, Buffer.from(kdfparams.salt, "hex"), kdfparams.n);
  let seed: Buffer | undefined;
  try {
    if (!timingSafeEqual(sha256(dk.subarray(32)), Buffer.from(check, "hex"))) {
      throw new CliError(`wrong password for the credential key ${file}`);
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", dk.subarray(0, 32), Buffer.from(iv, "hex"));
      decipher.setAAD(additionalData(data.publicKeyMultibase));
      decipher.setAuthTag(Buffer.from(tag, "hex"));
      seed = Buffer.concat([decipher.update(Buffer.from(ciphertext, "hex")), decipher.final()]);
    } catch {
      throw new CliError(`the credential key file ${file} is damaged: its encrypted key fails its integrity check`);
    }
    const key = await CredentialKey.fromSeed(seed);
    if (key.publicKeyMultibase !== data.publicKeyMultibase) {
      throw new CliError(`the credential key file ${file} is damaged: its key does not match its public key`);
    }
    return key;
  } finally {
    dk.fill(0);
    seed?.fill(0);
  }
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new CliError(`cannot read the credential key file ${file}`);
  }
}

/**
 * Loads and decrypts the credential key file `file`, its password from `options.passwordFile`,
 * ACREDITA_KEYSTORE_PASSWORD or a prompt.
 */
export async function loadCredentialKey(file: string, options: { passwordFile?: string }): Promise<CredentialKey> {
  const json = readKeyFile(file);
  parseCredentialKeyFile(json, file);
  return unlockCredentialKey(json, await readPassword(options, file), file);
}

/**
 * Writes a new key file: readable by its owner only, never over an existing file, never half-written (a private
 * temporary file, then a hard link that fails if `file` exists).
 */
export function writeNewKeyFile(file: string, json: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, json, { mode: 0o600, flag: "wx" });
  } catch {
    throw new CliError(`cannot write ${temporary}`);
  }
  try {
    linkSync(temporary, file);
  } catch (error) {
    const exists = (error as { code?: unknown }).code === "EEXIST";
    throw new CliError(exists ? `${file} already exists: a key file is never overwritten` : `cannot write ${file}`);
  } finally {
    unlinkSync(temporary);
  }
}
