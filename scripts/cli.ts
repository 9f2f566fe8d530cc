/**
 * `acredita`: the issuer and registrar command line. Each command is parse → core → chain I/O → print; this
 * file only declares the commands (with an example each) and loads a command's module when it runs, so
 * `acredita --help` starts without loading Hardhat, viem, ethers or the core.
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError, Option } from "commander";

const ROOT = join(import.meta.dirname, "..");

/** Options of commands that talk to a chain. */
function chainOptions(command: Command, signer: boolean): Command {
  command
    .option("-n, --network <name>", "local (the chain of `npm start`) or a network of the Hardhat config", "local")
    .option("--rpc-url <url>", "use this RPC URL instead of the network's")
    .option("--registry <address>", "the registry (default: the one recorded for the network's chain)")
    .option(
      "--state-dir <dir>",
      "the state folder of `npm start` (local network)",
      process.env.ACREDITA_STATE_DIR ?? join(ROOT, ".acredita"),
    )
    .option("--config <file>", "the Hardhat config that defines networks and accounts")
    .option("--rpc-timeout <seconds>", "seconds to wait for each RPC answer", "30")
    .option("--rpc-retries <n>", "retries of a failed RPC request (exponential backoff)", "4");
  if (signer) {
    command
      .option("--account <n>", "which account signs: the network's n-th account (local chain: development account n)")
      .option(
        "--keystore <file>",
        "sign with an encrypted JSON keystore (password: --password-file, ACREDITA_KEYSTORE_PASSWORD or a prompt)",
      )
      .option("--password-file <file>", "file holding the keystore password")
      .addOption(
        new Option(
          "--private-key <hex>",
          "a raw private key (local chain only; ACREDITA_PRIVATE_KEY works too)",
        ).hideHelp(),
      )
      .option("--confirmations <n>", "blocks to wait for after inclusion (default: 1 on the local chain, 2 elsewhere)")
      .option("--tx-type <type>", "eip1559 or legacy (default: eip1559 when the chain has a base fee, else legacy)")
      .option(
        "--gas-price <gwei>",
        "pay this fixed gas price instead of the estimate, e.g. 0 on a network without gas fees (default: the network config's gasPrice)",
      );
  }
  return command;
}

/** The --yes of final actions. */
const YES_HELP = "confirm this final action without being asked (needed when not run in a terminal)";

type Options = Record<string, unknown>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers take positionals, then the options
type Handler = (...args: any[]) => Promise<void>;

/** Runs a command's handler, loaded on demand with its module. */
function lazy(load: () => Promise<Handler>) {
  return async (...args: unknown[]) => {
    const command = args.at(-1) as Command;
    const positionals = args.slice(0, -2);
    const handler = await load();
    await handler(...positionals, command.opts<Options>());
  };
}

function example(command: Command, text: string): Command {
  return command.addHelpText("after", `\nExample:\n  ${text}\n`);
}

export function buildProgram(): Command {
  const program = new Command("acredita")
    .description("Issue, anchor, share, verify and revoke Open Badges 3.0 microcredentials on an EVM chain.")
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    // A command's options follow it: `did`'s own --out is not `did document`'s.
    .enablePositionalOptions()
    .addHelpText(
      "after",
      `
Examples:
  npx acredita issue --template course.json --learners learners.csv --out out/cohort
  npx acredita verify out/cohort/credentials
  npx acredita revoke out/cohort/credentials/UNEJE-2026-0001.json --reason issued-in-error
  npx acredita institution admit --name "Universidad Nacional de Ejemplo" --issuer-id did:web:uneje.example --country MX --network sepolia

The local chain of \`npm start\` is the default network; add --network <name> for a network of hardhat.config.ts.`,
    );

  example(
    chainOptions(
      program.command("deploy").description("deploy a registry with the Ignition module (once per chain)"),
      false,
    )
      .option("--admin <address>", "default admin (default: the deploying account)")
      .option("--registrar <address>", "first registrar (default: the deploying account)")
      .option("--admin-delay <seconds>", "delay of a default-admin transfer", String(2 * 24 * 3600))
      .addOption(new Option("--deployment-id <id>", "Ignition deployment id (default chain-<chain id>)").hideHelp())
      .action(lazy(async () => (await import("./commands/deploy.ts")).run)),
    "npx acredita deploy --network sepolia",
  );

  const institution = program.command("institution").description("registrar: admit and govern institutions");
  example(
    chainOptions(institution.command("admit").description("admit an institution (prints its id)"), true)
      .requiredOption("--name <name>", "display name (1 to 96 bytes, Unicode NFC)")
      .option(
        "--issuer-id <id>",
        "required: what its credentials carry as issuer.id, a DID (did:web:uneje.example) or an https:// URL; never reused",
      )
      .requiredOption("--country <code>", "ISO 3166-1 alpha-2 country code, e.g. MX")
      .option("--website <url>", "its website")
      .option("--metadata-uri <uri>", "where more metadata lives")
      .option("--metadata-hash <hex>", "keccak-256 of that metadata")
      .action(lazy(async () => (await import("./commands/institution.ts")).admit)),
    'npx acredita institution admit --name "Universidad Nacional de Ejemplo" --issuer-id did:web:uneje.example --country MX --website https://uneje.example',
  );
  example(
    chainOptions(
      institution
        .command("update")
        .argument("<id>", "institution id")
        .description("change an institution's profile (unset fields keep their value)"),
      true,
    )
      .option("--name <name>")
      .option("--issuer-id <id>", "a new issuer id (records a new issuer identity version)")
      .option("--country <code>")
      .option("--website <url>")
      .option("--metadata-uri <uri>")
      .option("--metadata-hash <hex>")
      .action(lazy(async () => (await import("./commands/institution.ts")).update)),
    "npx acredita institution update 1 --website https://uneje.example/cursos",
  );
  for (const [verb, description] of [
    ["suspend", "suspend an institution: its keys stop anchoring until it is reinstated"],
    ["reinstate", "reinstate a suspended institution"],
    ["withdraw", "withdraw an institution for good (its credentials keep verifying, with a warning)"],
  ] as const) {
    const command = chainOptions(
      institution.command(verb).argument("<id>", "institution id").description(description),
      true,
    );
    if (verb === "withdraw") command.option("-y, --yes", YES_HELP);
    example(
      command.action(
        lazy(async () => {
          const module = await import("./commands/institution.ts");
          return (id: string, options: Options) => module.changeStatus(verb, id, options as never);
        }),
      ),
      `npx acredita institution ${verb} 2`,
    );
  }
  example(
    chainOptions(institution.command("list").description("list the institutions of the registry"), false)
      .option("--json", "print JSON")
      .action(lazy(async () => (await import("./commands/institution.ts")).list)),
    "npx acredita institution list",
  );
  example(
    chainOptions(
      institution
        .command("show")
        .argument("[id]", "institution id (default: the registry's only institution)")
        .description("an institution's dashboard: profile, DID document, keys, batches, revocations, status lists"),
      false,
    )
      .option("--did-document <file>", "the did.json it publishes (default on the local chain: the development key's)")
      .option("--batch <folders...>", "its batch folders, for the status list URLs their credentials carry")
      .option("--json", "print JSON")
      .action(lazy(async () => (await import("./commands/institution-show.ts")).show)),
    "npx acredita institution show 1 --batch out/negociacion",
  );

  const key = program.command("key").description("registrar: signing keys of institutions");
  example(
    chainOptions(
      key
        .command("add")
        .argument("<institution>", "institution id")
        .argument("<address>", "the key's address")
        .description("add a signing key to an institution"),
      true,
    ).action(lazy(async () => (await import("./commands/key.ts")).add)),
    "npx acredita key add 1 0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  );
  example(
    chainOptions(
      key
        .command("remove")
        .argument("<address>", "the key")
        .description("remove a signing key (its batches stay valid)"),
      true,
    ).action(lazy(async () => (await import("./commands/key.ts")).remove)),
    "npx acredita key remove 0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  );
  example(
    chainOptions(
      key
        .command("compromise")
        .argument("<address>", "the key")
        .description("declare a key compromised: its batches anchored from --from on stop verifying"),
      true,
    )
      .option("--from <time>", "ISO date-time or Unix seconds (default: now)")
      .option("-y, --yes", YES_HELP)
      .action(lazy(async () => (await import("./commands/key.ts")).compromise)),
    "npx acredita key compromise 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --from 2026-10-01T00:00:00Z",
  );
  example(
    chainOptions(
      key.command("list").argument("<institution>", "institution id").description("list an institution's signing keys"),
      false,
    )
      .option("--json", "print JSON")
      .action(lazy(async () => (await import("./commands/key.ts")).list)),
    "npx acredita key list 1",
  );

  const credentialKey = program
    .command("credential-key")
    .description("issuer: the Ed25519 keys that sign credentials (Data Integrity proofs, eddsa-rdfc-2022)");
  example(
    credentialKey
      .command("create")
      .description(
        "create a credential key in an encrypted key file; prints its public key and its did:key (the issuer id on the local chain)",
      )
      .requiredOption("-o, --out <file>", "the new key file (never overwritten)")
      .option(
        "--password-file <file>",
        "file holding the password (else ACREDITA_KEYSTORE_PASSWORD, else a prompt, asked twice)",
      )
      .option("--json", "print JSON")
      .action(lazy(async () => (await import("./commands/did.ts")).createKey)),
    "npx acredita credential-key create --out keys/uneje-credentials-1.json",
  );

  const did = example(
    chainOptions(
      program
        .command("did")
        .argument("[institution]", "institution id (default: the registry's only institution)")
        .description(
          "write or refresh the did.json of an institution's did:web issuer id (read from the registry); its keys keep their numbers",
        ),
      false,
    )
      .enablePositionalOptions()
      .option("--key <files...>", "credential key files to add (default on the local chain: the development key)")
      .option("--retire <keys...>", "keys to retire (key-N or their public key)")
      .option("-o, --out <file>", "the did.json to write or refresh", "did.json")
      .option("--json", "print JSON")
      .action(lazy(async () => (await import("./commands/did.ts")).refresh)),
    "npx acredita did 1 --key keys/uneje-credentials-1.json --out did.json",
  );
  example(
    did
      .command("document")
      .description(
        "write the did.json a did:web institution publishes, listing its credential keys as #key-1, #key-2…; if --out exists, it is the current document: its keys keep their numbers, new keys get the next ones",
      )
      .requiredOption(
        "--did <did>",
        "the institution's did:web, e.g. did:web:uneje.example or did:web:uneje.example:credenciales",
      )
      .option("--key <files...>", "credential key files to list (their public keys are read; no password needed)")
      .option(
        "--retire <keys...>",
        "keys to retire (key-N or their public key): credentials they signed stop verifying",
      )
      .requiredOption("-o, --out <file>", "the did.json to write (replaced atomically)")
      .option("--json", "print JSON")
      .action(
        lazy(async () => {
          const module = await import("./commands/did.ts");
          return (options: Options) => {
            module.document(options);
            return Promise.resolve();
          };
        }),
      ),
    "npx acredita did document --did did:web:uneje.example --key keys/uneje-credentials-1.json --out did.json",
  );

  example(
    chainOptions(
      program
        .command("issue")
        .description(
          "course template + learners CSV (or your own OB3 files) → anchored credentials, links, QR codes, manifest",
        ),
      true,
    )
      .option("--template <file>", "course template (JSON: an OB3 Achievement plus microcredential elements)")
      .option(
        "--learners <file>",
        "learners spreadsheet, CSV or .xlsx: learner_id,name,completed_on[,email,country,grade]",
      )
      .option(
        "--delimiter <delimiter>",
        "the CSV's field separator: comma, semicolon or tab (default: detected from the header row)",
      )
      .option("--credentials <folder>", "instead of a template and CSV: a folder of your own OB3 JSON credentials")
      .option(
        "--allow-incomplete",
        "with --credentials: issue files that lack microcredential elements as plain badges (each one's gaps are listed)",
      )
      .requiredOption(
        "-o, --out <folder>",
        "where the credentials, QR codes, links.csv and manifest go (also the journal)",
      )
      .option("--valid-from <date-time>", "issue date (RFC 3339; default: now)")
      .option("--valid-until <date-time>", "expiry (RFC 3339; default: none)")
      .option(
        "--link-base <url>",
        "the verifier web app's URL for links and QR codes (default on the local chain: the web app of the running `npm start`)",
      )
      .option(
        "--status-base <url>",
        "where the batch's status list (W3C Bitstring Status List) is published: <url><id>.json, recorded on chain (default: <link-base>status-lists/)",
      )
      .option("--status-lists <folder>", "also write the batch's status list into this folder (the one you publish)")
      .option(
        "--credential-key <file>",
        "the institution's encrypted credential key (acredita credential-key create), which signs each credential's Data Integrity proof (default on the local chain: the signing account's development credential key)",
      )
      .option(
        "--did-document <file>",
        "the did.json the institution publishes (acredita did document): names the credential key for a did:web issuer id",
      )
      .option("--dry-run", "check everything and show what would be anchored and its cost; send nothing, write nothing")
      .option("--bump-after <seconds>", "replace a transaction not mined after this long with higher fees")
      .option(
        "--max-fee <gwei>",
        "never pay more than this max fee per gas when bumping (default: 3× the first estimate)",
      )
      .option("--json", "print the summary as JSON")
      .action(lazy(async () => (await import("./commands/issue.ts")).run)),
    "npx acredita issue --template samples/negociacion-liderazgo.course.json --learners samples/negociacion-liderazgo.learners.csv --out out/negociacion",
  );

  example(
    chainOptions(
      program
        .command("revoke")
        .argument("[credentials...]", "credential files to revoke")
        .description("revoke credentials (by file or learner id) or a whole batch"),
      true,
    )
      .requiredOption(
        "--reason <reason>",
        "issued-in-error, superseded, misconduct, key-compromised, holder-request, institution-withdrawn, unspecified, or a code 0-255",
      )
      .option("--batch <folder>", "the issued batch's folder (or its manifest.json)")
      .option("--learner <id...>", "learner ids within --batch")
      .option("--all", "revoke the whole --batch")
      .option("-y, --yes", `${YES_HELP} (revoking a whole batch or more than one credential)`)
      .option(
        "--status-lists <folder>",
        "also write the rebuilt status lists into this folder (they always go to the batch folder when known)",
      )
      .option(
        "--credential-key <file>",
        "the institution's credential key, which signs the rebuilt status lists (default on the local chain: the anchoring account's development key)",
      )
      .option("--did-document <file>", "the institution's did.json (for a did:web issuer id)")
      .option("--json", "print JSON")
      .action(lazy(async () => (await import("./commands/revoke.ts")).run)),
    "npx acredita revoke --batch out/negociacion --learner UNEJE-2026-0003 --reason misconduct",
  );

  example(
    chainOptions(
      program
        .command("status")
        .argument("<target>", "a credential file, a batch folder or manifest.json, or a batch root")
        .description("what the chain says about a batch or a credential"),
      false,
    )
      .option("--institution <id>", "the institution, when <target> is a bare root")
      .option("--source <url...>", "for a credential: also read the registry through these RPC endpoints")
      .option("--quorum <n>", "for a credential: how many sources must answer, all agreeing")
      .option("--block <tag>", "for a credential: the block read (safe, finalized or latest)")
      .option("--json", "print JSON")
      .action(lazy(async () => (await import("./commands/status.ts")).run)),
    "npx acredita status out/negociacion",
  );

  example(
    chainOptions(
      program
        .command("status-list")
        .argument(
          "<batches...>",
          "batch folders (or their manifest.json), credential files, or batch roots (with --institution and --url)",
        )
        .description(
          "rebuild each batch's published status list (W3C Bitstring Status List) from the chain, signed with the institution's credential key",
        ),
      false,
    )
      .option("--institution <id>", "the institution of a bare root")
      .option("--url <url>", "the status list URL of a bare root (what its credentials name)")
      .option("-o, --out <folder>", "also write each list into this folder, under its URL's file name")
      .option(
        "--credential-key <file>",
        "the institution's credential key (default on the local chain: the anchoring account's development key)",
      )
      .option("--did-document <file>", "the institution's did.json (for a did:web issuer id)")
      .option("--password-file <file>", "file holding the credential key's password")
      .option("--json", "print JSON")
      .action(lazy(async () => (await import("./commands/status-list.ts")).run)),
    "npx acredita status-list out/negociacion out/analise --out public/status-lists",
  );

  example(
    chainOptions(
      program
        .command("verify")
        .argument("[inputs...]", "credential files, folders of them, or verification links")
        .description("verify credentials: the same checks and verdict as the web app"),
      false,
    )
      .option("--trust <chainId:address...>", "also trust these registries (the network's registry is always trusted)")
      .option(
        "--source <url...>",
        "also read the registry through these RPC endpoints of the same chain (independent ones); answers must agree",
      )
      .option("--quorum <n>", "how many sources must answer, all agreeing (default: 2 with two or more sources)")
      .option("--block <tag>", "the block read: safe, finalized or latest (default: safe; latest on the local chain)")
      .option("--lang <language>", "language of the explanations: en, es or pt-BR", "en")
      .option("--strict", "count 'valid with warnings' as a failure")
      .option(
        "--status-lists",
        "also fetch each credential's published status list and warn when it disagrees with the registry",
      )
      .option("--receipt <file>", "check a verification receipt again: does its verdict still hold, what changed")
      .option("--json", "print the results as JSON")
      .action(lazy(async () => (await import("./commands/verify.ts")).run)),
    "npx acredita verify out/negociacion/credentials",
  );

  return program;
}

/** Prints an error the way a person should see it, and sets the exit code. */
async function report(error: unknown): Promise<void> {
  const { findCliError } = await import("./lib/cli-error.ts");
  const { styleText } = await import("node:util");
  const red = (text: string) => styleText("red", text, { validateStream: true, stream: process.stderr });
  const known = findCliError(error);
  if (known !== undefined) {
    process.stderr.write(`${red("acredita:")} ${known.message}\n`);
    if (known.hint !== undefined) process.stderr.write(`${known.hint}\n`);
    process.exitCode = known.exitCode;
    return;
  }
  const { messageOf } = await import("./lib/cli-error.ts");
  process.stderr.write(`${red("acredita:")} unexpected error: ${messageOf(error)}\n`);
  if (process.env.ACREDITA_DEBUG === "1" && error instanceof Error) process.stderr.write(`${error.stack ?? ""}\n`);
  else process.stderr.write("Run again with ACREDITA_DEBUG=1 for details, and please report it.\n");
  process.exitCode = 70;
}

/** Runs the CLI with `argv` (without node and the script), then lets the process end. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv, { from: "user" });
  } catch (error) {
    await report(error);
  }
  // Connections kept alive by fetch must not hold the process open once the command is done.
  setTimeout(() => process.exit(), 50).unref();
}

/**
 * Runs the CLI with `argv` like {@link main}, but leaves the process running: the command's exit code is left in
 * `process.exitCode`, including where commander would end the process itself (help, version, a usage error, after
 * printing the same text). The CLI test helper runs most commands this way (test/helpers/cli-chain.ts).
 */
export async function runInThisProcess(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  const overrideExits = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(overrideExits);
  };
  overrideExits(program);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) process.exitCode = error.exitCode;
    else await report(error);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
