/**
 * Demo data for `npm start`, on a fresh local chain only: the registrar (development account 0) admits the two
 * sample institutions (keys: development accounts 1 and 2; issuer ids: the `did:key` of each account's development
 * credential key, which their credentials carry as `issuer.id` and which signs their Data Integrity proofs — a
 * real deployment uses the did:web ids of samples/registry.demo.json), each issues its sample cohort, one credential is
 * revoked, one expired credential is issued, one credential has hidden fields and one is altered — so that a
 * newcomer sees every verdict in a minute. Seeded once per chain (recorded in <state>/demo/demo.json); a warm
 * start only rebuilds the links (the web app's port may have changed).
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Address } from "viem";
import { type JsonObject, parseStrict, redactCredential } from "../../core/index.ts";
import { devCredentialSigner } from "./credential-signer.ts";
import { credentialLink } from "./fast-link.ts";
import { writeAtomic } from "./files.ts";
import { issueToFolder } from "./issue-batch.ts";
import { devAccount } from "./keys.ts";
import { parseLearners } from "./learners-csv.ts";
import { ROOT } from "./network.ts";
import { type Chain, openChain, read, write } from "./registry.ts";
import { LOCAL_STATUS_LISTS, rebuildStatusList, statusListUrlInFolder, writeStatusList } from "./status-lists.ts";

export const DEMO_SAMPLES = resolve(ROOT, "samples");

export interface DemoCredential {
  label: string;
  file: string;
}

export interface DemoLink extends DemoCredential {
  link: string;
}

interface DemoRecord {
  format: "acredita/demo/v1";
  registry: string;
  credentials: DemoCredential[];
}

interface DemoSample {
  name: string;
  /** Its issuer id on a real network (`did:web:` of its website's host); the local demo uses a did:key. */
  issuerId: string;
  country: string;
  website: string;
}

function sample(file: string): string {
  return readFileSync(join(DEMO_SAMPLES, file), "utf8");
}

function linksOf(credentials: readonly DemoCredential[], linkBase: string, stateDir: string): DemoLink[] {
  return credentials.map((c) => {
    const credential = parseStrict(readFileSync(join(stateDir, c.file), "utf8")) as JsonObject;
    return { ...c, link: credentialLink(linkBase, credential) ?? "" };
  });
}

async function chainFor(rpcUrl: string, stateDir: string, registry: Address, account: number): Promise<Chain> {
  return openChain(
    { network: "local", rpcUrl, registry, stateDir, rpcTimeout: "30", rpcRetries: "4", account: String(account) },
    { defaultAccount: account },
  );
}

async function issueSample(
  chain: Chain,
  cohort: string,
  outDir: string,
  linkBase: string,
  dates: { validFrom?: string; validUntil?: string },
  only?: number,
) {
  const template = parseStrict(sample(`${cohort}.course.json`));
  const { learners } = parseLearners(sample(`${cohort}.learners.csv`), `${cohort}.learners.csv`);
  return issueToFolder({
    chain,
    source: { kind: "course", template, learners: only === undefined ? learners : learners.slice(0, only) },
    outDir,
    linkBase,
    statusBase: new URL(`${LOCAL_STATUS_LISTS}/`, linkBase).href,
    fingerprint: `demo:${cohort}:${only ?? "all"}`,
    dryRun: false,
    ...dates,
  });
}

/**
 * Seeds the demo once per chain and returns its credentials' links for `linkBase`; returns undefined when the
 * chain was already in use without a demo (nothing is seeded then).
 */
export async function seedDemo(options: {
  rpcUrl: string;
  stateDir: string;
  registry: Address;
  linkBase: string;
}): Promise<DemoLink[] | undefined> {
  const { rpcUrl, stateDir, registry, linkBase } = options;
  const demoDir = join(stateDir, "demo");
  const recordFile = join(demoDir, "demo.json");
  const registrar = await chainFor(rpcUrl, stateDir, registry, 0);
  const institutions = await read(registrar, "institutionCount", []);
  if (existsSync(recordFile)) {
    const record = JSON.parse(readFileSync(recordFile, "utf8")) as DemoRecord;
    if (record.registry.toLowerCase() === registry.toLowerCase() && institutions > 0)
      return linksOf(record.credentials, linkBase, stateDir);
  }
  if (institutions > 0) return undefined;

  mkdirSync(demoDir, { recursive: true });
  const { issuers } = JSON.parse(sample("registry.demo.json")) as { issuers: DemoSample[] };
  for (const [i, issuer] of issuers.slice(0, 2).entries()) {
    const credentialKey = await devCredentialSigner(devAccount(i + 1).address);
    const profile = {
      name: issuer.name,
      issuerId: credentialKey.controller,
      country: `0x${Buffer.from(issuer.country, "ascii").toString("hex")}` as const,
      website: issuer.website,
      metadataURI: "",
      metadataHash: `0x${"00".repeat(32)}` as const,
    };
    await write(registrar, "admitInstitution", [profile], `admitting ${issuer.name}`);
    await write(
      registrar,
      "addSigningKey",
      [i + 1, devAccount(i + 1).address],
      `adding a signing key to ${issuer.name}`,
    );
  }
  const uneje = await chainFor(rpcUrl, stateDir, registry, 1);
  const ifex = await chainFor(rpcUrl, stateDir, registry, 2);
  const spanish = join(demoDir, "negociacion-liderazgo");
  const brazilian = join(demoDir, "analise-de-dados");
  const expired = join(demoDir, "vencida");
  await issueSample(uneje, "negociacion-liderazgo", spanish, linkBase, {});
  await issueSample(ifex, "analise-de-dados", brazilian, linkBase, {});
  const day = 24 * 3600 * 1000;
  const iso = (t: number) => new Date(Math.floor(t / 1000) * 1000).toISOString().replace(".000Z", "Z");
  await issueSample(
    ifex,
    "analise-de-dados",
    expired,
    linkBase,
    { validFrom: iso(Date.now() - 400 * day), validUntil: iso(Date.now() - 30 * day) },
    1,
  );

  const spanishFiles = (n: number) => {
    const id = `UNEJE-2026-${String(n).padStart(4, "0")}`;
    return join("demo", "negociacion-liderazgo", "credentials", `${id}.json`);
  };
  // One revoked credential (position 1 of the Spanish cohort).
  const spanishManifest = JSON.parse(readFileSync(join(spanish, "manifest.json"), "utf8")) as {
    batchRoot: `0x${string}`;
    institutionId: number;
  };
  await write(
    uneje,
    "revokeCredentials",
    [spanishManifest.institutionId, spanishManifest.batchRoot, [1], 1],
    "revoking a demo credential",
  );
  const list = await rebuildStatusList(
    uneje,
    spanishManifest.institutionId,
    spanishManifest.batchRoot,
    statusListUrlInFolder(spanish) ?? "",
  );
  writeStatusList(uneje, list, { batchDir: spanish });
  // One credential with hidden fields (the learner hid the e-mail and the grade).
  const original = parseStrict(readFileSync(join(stateDir, spanishFiles(3)), "utf8")) as JsonObject;
  const hidden = redactCredential(original, ["/credentialSubject/identifier/1", "/credentialSubject/result"]);
  writeAtomic(join(demoDir, "campos-ocultos.json"), `${JSON.stringify(hidden, null, 2)}\n`);
  // One altered credential (the grade was changed after issuing).
  const altered = parseStrict(readFileSync(join(stateDir, spanishFiles(4)), "utf8")) as JsonObject & {
    credentialSubject: { result: { value: string }[] };
  };
  const result = altered.credentialSubject.result[0];
  if (result !== undefined) result.value = "100";
  writeAtomic(join(demoDir, "alterada.json"), `${JSON.stringify(altered, null, 2)}\n`);

  const credentials: DemoCredential[] = [
    { label: "Valid (Universidad Nacional de Ejemplo, es)", file: spanishFiles(1) },
    {
      label: "Valid (Instituto Federal de Exemplo, pt-BR)",
      file: join("demo", "analise-de-dados", "credentials", "IFEX-DS-0001.json"),
    },
    { label: "Revoked", file: spanishFiles(2) },
    { label: "Expired", file: join("demo", "vencida", "credentials", "IFEX-DS-0001.json") },
    { label: "Valid, with hidden fields (e-mail and grade)", file: join("demo", "campos-ocultos.json") },
    { label: "Invalid (the grade was altered)", file: join("demo", "alterada.json") },
  ];
  const record: DemoRecord = { format: "acredita/demo/v1", registry, credentials };
  writeAtomic(recordFile, `${JSON.stringify(record, null, 2)}\n`);
  return linksOf(credentials, linkBase, stateDir);
}
