/**
 * Anchors one batch root on the local chain from a script (tests and experiments; issuers use `acredita issue`,
 * which builds the batch and its root itself). Signs with development account --account (default 1); when that
 * account is not a signing key yet, the registrar (account 0) first admits a test institution and adds it (its
 * issuer id is the account's did:pkh, so each account's test institution has its own).
 *
 * Usage: node scripts/anchor-root.ts [--rpc-url URL] [--registry ADDRESS] [--account N] [--count N] ROOT
 */
import { parseArgs } from "node:util";
import { isHex, stringToHex, zeroHash } from "viem";
import { CliError, findCliError, messageOf } from "./lib/cli-error.ts";
import { devAccount } from "./lib/keys.ts";
import { positiveInteger } from "./lib/network.ts";
import { openChain, read, registryEvents, write } from "./lib/registry.ts";

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      "rpc-url": { type: "string" },
      registry: { type: "string" },
      "state-dir": { type: "string", default: process.env.ACREDITA_STATE_DIR ?? ".acredita" },
      account: { type: "string", default: "1" },
      count: { type: "string", default: "1" },
    },
  });
  const [root] = positionals;
  if (root === undefined || !isHex(root) || root.length !== 66)
    throw new CliError("the root must be 0x followed by 64 hex digits");
  const count = positiveInteger(values.count, "--count");
  const account = positiveInteger(values.account, "--account");
  const common = {
    network: "local",
    stateDir: values["state-dir"],
    rpcTimeout: "30",
    rpcRetries: "4",
    rpcUrl: values["rpc-url"],
    registry: values.registry,
  };
  const issuer = await openChain({ ...common, account: String(account) }, { defaultAccount: account });
  const key = await read(issuer, "getSigningKey", [devAccount(account).address]);
  let institutionId = key.institutionId;
  if (institutionId === 0) {
    const registrar = await openChain({ ...common, account: "0" }, { defaultAccount: 0 });
    const profile = {
      name: "Institución de prueba",
      issuerId: `did:pkh:eip155:${issuer.target.chainId}:${devAccount(account).address}`,
      country: stringToHex("UY", { size: 2 }),
      website: "",
      metadataURI: "",
      metadataHash: zeroHash,
    };
    const admitted = await write(registrar, "admitInstitution", [profile], "admitting a test institution");
    const event = (await registryEvents(registrar, admitted.receipt)).find(
      (e) => e.eventName === "InstitutionAdmitted",
    );
    institutionId = event !== undefined && "institutionId" in event.args ? event.args.institutionId : 0;
    await write(registrar, "addSigningKey", [institutionId, devAccount(account).address], "adding the signing key");
  }
  const sent = await write(issuer, "anchorBatch", [root, count], "anchoring the root");
  const receipt = sent.receipt;
  console.log(
    `Anchored ${root} for institution ${institutionId} in block ${receipt?.blockNumber ?? "?"} (tx ${receipt?.transactionHash ?? "?"}, ${receipt?.gasUsed ?? "?"} gas)`,
  );
}

try {
  await main();
} catch (error) {
  console.error(`anchor-root: ${findCliError(error)?.message ?? messageOf(error)}`);
  process.exitCode = 1;
}
setTimeout(() => process.exit(), 50).unref();
