/** Registrar commands about institutions: admit, update, suspend, reinstate, withdraw, list. */
import { type Hex, isHex, stringToHex, zeroHash } from "viem";
import { CliError } from "../lib/cli-error.ts";
import { positiveInteger } from "../lib/network.ts";
import { print, table } from "../lib/output.ts";
import { countryOf, INSTITUTION_STATUS, openChain, read, registryEvents } from "../lib/registry.ts";
import { type CommandOptions, printJson, send, str } from "./common.ts";

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value.normalize("NFC") : undefined;
}

function country(value: string): Hex {
  if (!/^[A-Z]{2}$/.test(value))
    throw new CliError(`--country must be an ISO 3166-1 alpha-2 code in capitals (e.g. MX), not "${value}"`);
  return stringToHex(value, { size: 2 });
}

function hash(value: string | undefined): Hex {
  if (value === undefined) return zeroHash;
  if (!isHex(value) || value.length !== 66)
    throw new CliError("--metadata-hash must be 32 bytes of hex (0x + 64 digits)");
  return value;
}

export async function admit(options: CommandOptions): Promise<void> {
  const profile = {
    name: text(options.name) ?? "",
    country: country(str(options.country)),
    website: text(options.website) ?? "",
    metadataURI: text(options.metadataUri) ?? "",
    metadataHash: hash(text(options.metadataHash)),
  };
  const chain = await openChain(options, { defaultAccount: 0 });
  const receipt = await send(chain, "admitInstitution", [profile], `admitting ${profile.name}`);
  const admitted = (await registryEvents(chain, receipt)).find((e) => e.eventName === "InstitutionAdmitted");
  if (admitted !== undefined && "institutionId" in admitted.args)
    print(`Institution id: ${admitted.args.institutionId}`);
}

export async function update(id: string, options: CommandOptions): Promise<void> {
  const institutionId = positiveInteger(id, "the institution id");
  const chain = await openChain(options, { defaultAccount: 0 });
  const current = await read(chain, "getInstitution", [institutionId]);
  if (current.status === 0) throw new CliError(`there is no institution ${institutionId} in this registry`);
  const profile = {
    name: text(options.name) ?? current.profile.name,
    country: options.country === undefined ? current.profile.country : country(str(options.country)),
    website: text(options.website) ?? current.profile.website,
    metadataURI: text(options.metadataUri) ?? current.profile.metadataURI,
    metadataHash: options.metadataHash === undefined ? current.profile.metadataHash : hash(text(options.metadataHash)),
  };
  await send(chain, "updateInstitution", [institutionId, profile], `updating institution ${institutionId}`);
}

const VERBS = {
  suspend: "suspendInstitution",
  reinstate: "reinstateInstitution",
  withdraw: "withdrawInstitution",
} as const;

export async function changeStatus(verb: keyof typeof VERBS, id: string, options: CommandOptions): Promise<void> {
  const institutionId = positiveInteger(id, "the institution id");
  const chain = await openChain(options, { defaultAccount: 0 });
  await send(
    chain,
    VERBS[verb],
    [institutionId],
    `${verb === "withdraw" ? "withdrawing" : verb === "suspend" ? "suspending" : "reinstating"} institution ${institutionId}`,
  );
}

export async function list(options: CommandOptions): Promise<void> {
  const chain = await openChain(options, undefined);
  const count = await read(chain, "institutionCount", []);
  const institutions = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const record = await read(chain, "getInstitution", [i + 1]);
      return {
        id: i + 1,
        name: record.profile.name,
        country: countryOf(record.profile.country),
        website: record.profile.website,
        status: INSTITUTION_STATUS[record.status] ?? "unknown",
        admittedAt: new Date(record.admittedAt * 1000).toISOString(),
        signingKeys: record.signingKeyCount,
      };
    }),
  );
  if (options.json === true) {
    printJson({ chainId: chain.target.chainId, registry: chain.registry, institutions });
    return;
  }
  print(`Registry ${chain.registry} on chain ${chain.target.chainId}: ${count} institution${count === 1 ? "" : "s"}`);
  if (count === 0) return;
  print(
    table([
      ["ID", "NAME", "COUNTRY", "STATUS", "KEYS", "ADMITTED"],
      ...institutions.map((i) => [
        String(i.id),
        i.name,
        i.country,
        i.status,
        String(i.signingKeys),
        i.admittedAt.slice(0, 10),
      ]),
    ]),
  );
}
