/** Registrar commands about institutions: admit, update, suspend, reinstate, withdraw, list. */
import { CliError } from "../lib/cli-error.ts";
import { confirmFinal } from "../lib/confirm.ts";
import {
  checkIssuerId,
  checkName,
  checkUri,
  countryCode,
  type InstitutionProfile,
  ISSUER_ID_HELP,
  metadataHash,
} from "../lib/institution-profile.ts";
import { positiveInteger } from "../lib/network.ts";
import { note, print, table } from "../lib/output.ts";
import { countryOf, institutionStatusWord } from "../../core/registry.ts";
import { openChain, read, registryEvents } from "../lib/registry.ts";
import { type CommandOptions, printJson, send, str } from "./common.ts";

/** An option's text, when it was given. */
function given(value: unknown): string | undefined {
  return value === undefined ? undefined : str(value);
}

/** The profile of `institution admit`, checked before anything is sent. */
export function admitProfile(options: CommandOptions): InstitutionProfile {
  const issuerId = given(options.issuerId);
  if (issuerId === undefined) throw new CliError(`--issuer-id is required: it is ${ISSUER_ID_HELP}`);
  return {
    name: checkName(str(options.name)),
    issuerId: checkIssuerId(issuerId),
    country: countryCode(str(options.country)),
    website: checkUri("--website", given(options.website) ?? ""),
    metadataURI: checkUri("--metadata-uri", given(options.metadataUri) ?? ""),
    metadataHash: metadataHash(given(options.metadataHash)),
  };
}

/** The changes `institution update` asks for (only the options given), checked before anything is sent. */
export function profileChanges(options: CommandOptions): Partial<InstitutionProfile> {
  const changes: Partial<InstitutionProfile> = {};
  const name = given(options.name);
  if (name !== undefined) changes.name = checkName(name);
  const issuerId = given(options.issuerId);
  if (issuerId !== undefined) changes.issuerId = checkIssuerId(issuerId);
  const country = given(options.country);
  if (country !== undefined) changes.country = countryCode(country);
  const website = given(options.website);
  if (website !== undefined) changes.website = checkUri("--website", website);
  const metadataURI = given(options.metadataUri);
  if (metadataURI !== undefined) changes.metadataURI = checkUri("--metadata-uri", metadataURI);
  const hash = given(options.metadataHash);
  if (hash !== undefined) changes.metadataHash = metadataHash(hash);
  return changes;
}

export async function admit(options: CommandOptions): Promise<void> {
  const profile = admitProfile(options);
  const chain = await openChain(options, { defaultAccount: 0 });
  const receipt = await send(chain, "admitInstitution", [profile], `admitting ${profile.name}`);
  const admitted = (await registryEvents(chain, receipt)).find((e) => e.eventName === "InstitutionAdmitted");
  if (admitted !== undefined && "institutionId" in admitted.args && "identityVersion" in admitted.args) {
    print(`Institution id: ${admitted.args.institutionId}`);
    print(`Issuer id: ${admitted.args.issuerId} (identity version ${admitted.args.identityVersion})`);
  }
}

export async function update(id: string, options: CommandOptions): Promise<void> {
  const institutionId = positiveInteger(id, "the institution id");
  const changes = profileChanges(options);
  const chain = await openChain(options, { defaultAccount: 0 });
  const current = await read(chain, "getInstitution", [institutionId]);
  if (current.status === 0) throw new CliError(`there is no institution ${institutionId} in this registry`);
  const profile: InstitutionProfile = { ...current.profile, ...changes };
  const receipt = await send(
    chain,
    "updateInstitution",
    [institutionId, profile],
    `updating institution ${institutionId}`,
  );
  const updated = (await registryEvents(chain, receipt)).find((e) => e.eventName === "InstitutionUpdated");
  const version =
    updated !== undefined && "identityVersion" in updated.args ? updated.args.identityVersion : current.identityVersion;
  print(`Issuer id: ${profile.issuerId} (identity version ${version})`);
  if (version !== current.identityVersion) {
    note(
      `  The issuer identity changed (version ${current.identityVersion} → ${version}): credentials issued from now on carry it; batches anchored before keep verifying under the identity they were anchored with.`,
    );
  }
}

const VERBS = {
  suspend: "suspendInstitution",
  reinstate: "reinstateInstitution",
  withdraw: "withdrawInstitution",
} as const;

export async function changeStatus(verb: keyof typeof VERBS, id: string, options: CommandOptions): Promise<void> {
  const institutionId = positiveInteger(id, "the institution id");
  const chain = await openChain(options, { defaultAccount: 0 });
  if (verb === "withdraw") {
    const { profile, status } = await read(chain, "getInstitution", [institutionId]);
    if (status === 0) throw new CliError(`there is no institution ${institutionId} in this registry`);
    await confirmFinal(
      `withdraw institution ${institutionId} (${profile.name}) for good`,
      ["Its keys stop anchoring for ever; its credentials keep verifying, with a warning that it was withdrawn."],
      options,
    );
  }
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
        issuerId: record.profile.issuerId,
        identityVersion: record.identityVersion,
        country: countryOf(record.profile.country),
        website: record.profile.website,
        status: institutionStatusWord(record.status) ?? "unknown",
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
      ["ID", "NAME", "ISSUER ID", "VERSION", "COUNTRY", "STATUS", "KEYS", "ADMITTED"],
      ...institutions.map((i) => [
        String(i.id),
        i.name,
        i.issuerId,
        String(i.identityVersion),
        i.country,
        i.status,
        String(i.signingKeys),
        i.admittedAt.slice(0, 10),
      ]),
    ]),
  );
}
