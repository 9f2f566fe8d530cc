/** Registrar commands about signing keys: add, remove, declare compromised, list. */
import { type Address, getAddress, isAddress } from "viem";
import { parseDateTime } from "../../core/dates.ts";
import { CliError } from "../lib/cli-error.ts";
import { confirmFinal } from "../lib/confirm.ts";
import { positiveInteger } from "../lib/network.ts";
import { print, table } from "../lib/output.ts";
import { openChain, read } from "../lib/registry.ts";
import { type CommandOptions, printJson, send } from "./common.ts";

function address(value: string): Address {
  if (!isAddress(value)) throw new CliError(`"${value}" is not an address (0x + 40 hex digits)`);
  return getAddress(value);
}

export async function add(institution: string, key: string, options: CommandOptions): Promise<void> {
  const institutionId = positiveInteger(institution, "the institution id");
  const signingKey = address(key);
  const chain = await openChain(options, { defaultAccount: 0 });
  await send(
    chain,
    "addSigningKey",
    [institutionId, signingKey],
    `adding ${signingKey} to institution ${institutionId}`,
  );
}

export async function remove(key: string, options: CommandOptions): Promise<void> {
  const signingKey = address(key);
  const chain = await openChain(options, { defaultAccount: 0 });
  await send(chain, "removeSigningKey", [signingKey], `removing the signing key ${signingKey}`);
}

function parseTime(value: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const time = parseDateTime(value);
  if (time === undefined) {
    throw new CliError(
      `--from must be an RFC 3339 date-time of a real day (2026-10-01T00:00:00Z) or Unix seconds, not "${value}"`,
    );
  }
  return Math.floor(time / 1000);
}

export async function compromise(key: string, options: CommandOptions): Promise<void> {
  const signingKey = address(key);
  const chain = await openChain(options, { defaultAccount: 0 });
  const from =
    typeof options.from === "string"
      ? parseTime(options.from)
      : Number((await chain.target.client.getBlock({ blockTag: "latest" })).timestamp);
  const record = await read(chain, "getSigningKey", [signingKey]);
  await confirmFinal(
    `declare the signing key ${signingKey} compromised from ${new Date(from * 1000).toISOString()}`,
    [
      `It is a key of institution ${record.institutionId}, on chain ${chain.target.chainId} (registry ${chain.registry}).`,
      "Every batch it anchored from that time on stops verifying, and it can never anchor again.",
    ],
    options,
  );
  await send(
    chain,
    "declareKeyCompromised",
    [signingKey, from],
    `declaring ${signingKey} compromised from ${new Date(from * 1000).toISOString()}`,
  );
}

export async function list(institution: string, options: CommandOptions): Promise<void> {
  const institutionId = positiveInteger(institution, "the institution id");
  const chain = await openChain(options, undefined);
  const keys = await read(chain, "getSigningKeys", [institutionId]);
  const records = await Promise.all(
    keys.map(async (k) => ({ address: k, ...(await read(chain, "getSigningKey", [k])) })),
  );
  const when = (t: number) => (t === 0 ? "-" : new Date(t * 1000).toISOString());
  if (options.json === true) {
    printJson(records);
    return;
  }
  print(`Institution ${institutionId}: ${records.length} signing key${records.length === 1 ? "" : "s"}`);
  if (records.length === 0) return;
  print(
    table([
      ["ADDRESS", "STATE", "ADDED", "REMOVED", "COMPROMISED FROM"],
      ...records.map((r) => [
        r.address,
        r.compromisedFrom !== 0 ? "compromised" : r.removedAt !== 0 ? "removed" : "active",
        when(r.addedAt),
        when(r.removedAt),
        when(r.compromisedFrom),
      ]),
    ]),
  );
}
