/**
 * Which key signs. Keys never live in the repository or in plain files by default:
 * - on a Hardhat network, the network's `accounts` (normally `configVariable("…")` values kept in Hardhat's
 *   encrypted keystore: `npx hardhat keystore set ISSUER_KEY`), picked with --account <n>;
 * - anywhere, an encrypted JSON keystore file (Web3 Secret Storage, decrypted with ethers) with --keystore, its
 *   password from --password-file, ACREDITA_KEYSTORE_PASSWORD or a prompt;
 * - on the local chain only, the well-known development accounts (--account <n>) or a raw private key
 *   (--private-key / ACREDITA_PRIVATE_KEY). A raw key is refused anywhere else.
 * Key material is never printed, logged or put into an error message.
 */
import { readFileSync } from "node:fs";
import { type Hex, isHex } from "viem";
import { type LocalAccount, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { CliError } from "./cli-error.ts";
import type { ChainOptions, Target } from "./network.ts";
import { positiveInteger } from "./network.ts";
import { plural } from "./output.ts";

/** The development mnemonic every local EVM node funds (public knowledge; local chain only). */
const LOCAL_DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** The n-th development account of the local chain. */
export function devAccount(index: number): LocalAccount {
  return mnemonicToAccount(LOCAL_DEV_MNEMONIC, { addressIndex: index });
}

function asPrivateKey(value: string, source: string): Hex {
  const key = value.trim().startsWith("0x") ? value.trim() : `0x${value.trim()}`;
  if (!isHex(key) || key.length !== 66) throw new CliError(`${source} is not a 32-byte private key`);
  return key;
}

/**
 * The password of the keystore `file`: the content of --password-file (without its final newline), else ACREDITA_KEYSTORE_PASSWORD, else a
 * hidden prompt (a terminal only). With `confirm`, a prompted password is asked twice (for a new keystore).
 */
export async function readPassword(
  options: Pick<ChainOptions, "passwordFile">,
  file: string,
  confirm = false,
): Promise<string> {
  if (options.passwordFile !== undefined) {
    try {
      return readFileSync(options.passwordFile, "utf8").replace(/\r?\n$/, "");
    } catch {
      throw new CliError(`cannot read the password file ${options.passwordFile}`);
    }
  }
  const fromEnv = process.env.ACREDITA_KEYSTORE_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new CliError(`the keystore ${file} needs a password`, {
      hint: "Pass --password-file <file> or set ACREDITA_KEYSTORE_PASSWORD, or run the command in a terminal.",
    });
  }
  const password = await promptHidden(`Password for ${file}: `);
  if (confirm && (await promptHidden(`Repeat the password for ${file}: `)) !== password) {
    throw new CliError("the two passwords differ");
  }
  return password;
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let value = "";
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString("utf8")) {
        if (char === "\r" || char === "\n") {
          finish();
          resolve(value);
          return;
        }
        if (char === "\u0003") {
          finish();
          reject(new CliError("cancelled", { exitCode: 130 }));
          return;
        }
        value = char === "\u007f" ? value.slice(0, -1) : value + char;
      }
    };
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    stdin.on("data", onData);
  });
}

async function fromKeystore(options: ChainOptions, file: string): Promise<LocalAccount> {
  let json: string;
  try {
    json = readFileSync(file, "utf8");
  } catch {
    throw new CliError(`cannot read the keystore file ${file}`);
  }
  const password = await readPassword(options, file);
  const { decryptKeystoreJson, isKeystoreJson } = await import("ethers");
  if (!isKeystoreJson(json)) throw new CliError(`${file} is not an encrypted JSON keystore`);
  try {
    const account = await decryptKeystoreJson(json, password);
    return privateKeyToAccount(asPrivateKey(account.privateKey, file));
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (/incorrect password/i.test(String(error))) throw new CliError(`wrong password for the keystore ${file}`);
    throw new CliError(`cannot decrypt the keystore ${file}: it is damaged or in an unknown format`);
  }
}

async function fromHardhatNetwork(target: Target, index: number): Promise<LocalAccount> {
  const hardhat = target.hardhat;
  if (hardhat === undefined) throw new CliError("no Hardhat network is loaded");
  const network = hardhat.hre.config.networks[target.name];
  if (network === undefined || network.type !== "http") throw new CliError(`network "${target.name}" has no accounts`);
  const accounts = network.accounts;
  const setup = `Keep the key in Hardhat's keystore: \`npx hardhat keystore set ISSUER_KEY\`, then in ${hardhat.configPath}: networks.${target.name}.accounts = [configVariable("ISSUER_KEY")]. Or use --keystore <encrypted JSON file>.`;
  if (accounts === "remote") {
    throw new CliError(
      `network "${target.name}" has no local accounts (accounts: "remote"), and this tool signs itself to journal each transaction`,
      { hint: setup },
    );
  }
  if (Array.isArray(accounts)) {
    // A literal key in the config file is a plain-text secret: refused, except on the local chain.
    const userAccounts = (hardhat.userConfig.networks?.[target.name] as { accounts?: unknown } | undefined)?.accounts;
    const literal = Array.isArray(userAccounts) && typeof userAccounts[index] === "string";
    if (literal && !target.isLocal) {
      throw new CliError(
        `network "${target.name}" has a private key written in plain text in ${hardhat.configPath}: refused`,
        { hint: setup },
      );
    }
    const variable = accounts[index];
    if (variable === undefined) {
      throw new CliError(
        `network "${target.name}" has ${plural(accounts.length, "account")}; --account ${index} does not exist`,
        { hint: accounts.length === 0 ? setup : undefined },
      );
    }
    let value: string;
    try {
      value = await variable.get();
    } catch {
      throw new CliError(
        `cannot read account ${index} of network "${target.name}" (a configuration variable is not set, or the keystore password is wrong)`,
        { hint: setup },
      );
    }
    return privateKeyToAccount(asPrivateKey(value, `account ${index} of network "${target.name}"`));
  }
  const mnemonic = await accounts.mnemonic.get();
  return mnemonicToAccount(mnemonic, {
    addressIndex: accounts.initialIndex + index,
    passphrase: await accounts.passphrase.get(),
  });
}

/** The signing account for a command on `target`. */
export async function resolveSigner(target: Target, options: ChainOptions, defaultIndex = 0): Promise<LocalAccount> {
  const raw = options.privateKey ?? process.env.ACREDITA_PRIVATE_KEY;
  if (raw !== undefined && raw !== "") {
    if (!target.isLocal) {
      throw new CliError(`a raw private key is accepted only on the local chain, not on network "${target.name}"`, {
        hint: "Use Hardhat's keystore (npx hardhat keystore set …) or an encrypted JSON keystore (--keystore <file>).",
      });
    }
    return privateKeyToAccount(
      asPrivateKey(raw, options.privateKey !== undefined ? "--private-key" : "ACREDITA_PRIVATE_KEY"),
    );
  }
  if (options.keystore !== undefined) return fromKeystore(options, options.keystore);
  const index = options.account === undefined ? defaultIndex : positiveInteger(options.account, "--account");
  if (target.hardhat !== undefined) return fromHardhatNetwork(target, index);
  return devAccount(index);
}
