import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { encryptKeystoreJsonSync } from "ethers";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { parseStrict } from "../../../core/index.ts";
import {
  type CliRun,
  DEV_ADDRESSES,
  expectExit,
  ROOT,
  runCli,
  seedInstitutions,
  startTestChain,
  type TestChain,
  TEMPLATE,
} from "../../helpers/cli-chain.ts";

const HEADER = "learner_id,name,email,country,completed_on,grade";
const ROW = "L-1,Ana Lucía Martínez,ana@correo.example,EC,2026-06-13,89";
const TEST_CONFIG = join(ROOT, "test", "helpers", "hardhat.cli-test.config.ts");
/** Development account 0 (the local registrar): public knowledge, local chain only. */
const DEV_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/** A refusal: exit 1, one clear message on stderr, no stack trace. */
function refused(run: CliRun, message: RegExp): void {
  expectExit(run, 1);
  assert.match(run.stderr, message);
  assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+/, "no stack trace");
}

describe("acredita: bad inputs get a precise message, a non-zero exit and no output", { timeout: 900_000 }, () => {
  let chain: TestChain;
  let dir: string;

  before(async () => {
    chain = await startTestChain();
    await seedInstitutions(chain);
    dir = chain.tempDir("bad");
  });
  after(async () => {
    await chain.stop();
  });

  async function issueCsv(name: string, csv: string | Buffer, extra: string[] = []) {
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, csv);
    const out = join(dir, `${name}-out`);
    const run = await runCli(chain, [
      "issue",
      "--template",
      TEMPLATE,
      "--learners",
      file,
      "--out",
      out,
      "--account",
      "1",
      ...extra,
    ]);
    return { run, out };
  }

  describe("the learners CSV", () => {
    it("names the line of an unterminated quoted field", async () => {
      const { run, out } = await issueCsv(
        "quote",
        `${HEADER}\n${ROW}\nL-2,"Juan Pérez,juan@x.example,MX,2026-06-10,70\n`,
      );
      refused(run, /line 3: a quoted field is never closed/);
      assert.equal(existsSync(out), false);
    });

    it("rejects a file that is not UTF-8, with the byte offset", async () => {
      const latin1 = Buffer.from(`${HEADER}\nL-1,Jos\u00e9 P\u00e9rez,jose@x.example,MX,2026-06-10,70\n`, "latin1");
      const { run, out } = await issueCsv("latin1", latin1);
      refused(run, /is not UTF-8: byte offset 56 \(0xe9\) is not valid UTF-8/);
      assert.match(run.stderr, /CSV UTF-8/);
      assert.equal(existsSync(out), false);
    });

    it("lists missing and unknown columns", async () => {
      const { run } = await issueCsv("columns", "learner_id,nombre,email\nL-1,Ana,ana@x.example\n");
      refused(run, /line 1, column 2: unknown column "nombre"/);
      assert.match(run.stderr, /the required column name is missing/);
      assert.match(run.stderr, /the required column completed_on is missing/);
    });

    it("names the line and column of every bad value, all at once", async () => {
      const csv = `${HEADER}\n${ROW}\nL-2,,no-at-sign,Mexico,2026-02-30,70\nL-3,Luis,luis@x.example,MX,13/06/2026,80\n`;
      const { run } = await issueCsv("values", csv);
      refused(run, /has 5 problems; nothing was issued/);
      assert.match(run.stderr, /line 3, column name: empty/);
      assert.match(run.stderr, /line 3, column email: "no-at-sign" is not an e-mail address/);
      assert.match(run.stderr, /line 3, column country: "Mexico" is not a two-letter country code/);
      assert.match(run.stderr, /line 3, column completed_on: "2026-02-30" is not a date/);
      assert.match(run.stderr, /line 4, column completed_on: "13\/06\/2026" is not a date/);
    });

    it("refuses duplicate learners, naming both lines", async () => {
      const { run } = await issueCsv(
        "duplicates",
        `${HEADER}\n${ROW}\nL-2,Otro,o@x.example,MX,2026-06-10,70\n${ROW}\n`,
      );
      refused(run, /line 4, column learner_id: learner L-1 already appears on line 2/);
    });

    it("normalizes names that are not NFC, and says which", async () => {
      const decomposed = "Ana Luci\u0301a Marti\u0301nez";
      const { run, out } = await issueCsv("nfd", `${HEADER}\nL-1,${decomposed},ana@x.example,EC,2026-06-13,89\n`);
      expectExit(run, 0);
      assert.match(run.stderr, /Normalized 1 value to Unicode NFC \(line 2 name\)/);
      assert.match(run.stdout, /Issued 1 credential for /);
      const credential = readFileSync(join(out, "credentials", "L-1.json"), "utf8");
      assert.ok(credential.includes("Ana Lucía Martínez"));
      assert.ok(!credential.includes(decomposed));
    });
  });

  describe("the course template", () => {
    it("lists every missing microcredential element", async () => {
      const template = JSON.parse(readFileSync(TEMPLATE, "utf8")) as Record<string, unknown>;
      delete template.learningOutcomes;
      template.microcredential = { assessment: "Examen" };
      const file = join(dir, "incomplete.course.json");
      writeFileSync(file, JSON.stringify(template));
      const learners = join(dir, "one.csv");
      writeFileSync(learners, `${HEADER}\n${ROW}\n`);
      const run = await runCli(chain, [
        "issue",
        "--template",
        file,
        "--learners",
        learners,
        "--out",
        join(dir, "t-out"),
        "--account",
        "1",
      ]);
      refused(run, /lacks required microcredential elements/);
      for (const element of [
        "learning outcomes",
        "workload",
        "level",
        "form of participation",
        "identity check",
        "quality assurance",
      ]) {
        assert.ok(run.stderr.includes(element), `names ${element}`);
      }
      assert.ok(!run.stderr.includes("assessment (microcredential.assessment)"), "does not list what is there");
    });

    it("refuses unknown keys with the closest known one and wrong types by JSON path, all at once", async () => {
      const template = JSON.parse(readFileSync(TEMPLATE, "utf8")) as Record<string, Record<string, unknown>>;
      const microcredential = template.microcredential ?? {};
      microcredential.stackable = microcredential.stackableInto;
      delete microcredential.stackableInto;
      microcredential.workloadHours = "360";
      (template as Record<string, unknown>).image = "logo.png";
      const file = join(dir, "typo.course.json");
      writeFileSync(file, JSON.stringify(template));
      const learners = join(dir, "one.csv");
      writeFileSync(learners, `${HEADER}\n${ROW}\n`);
      const out = join(dir, "typo-out");
      const run = await runCli(chain, [
        "issue",
        "--template",
        file,
        "--learners",
        learners,
        "--out",
        out,
        "--account",
        "1",
      ]);
      refused(run, /has 3 problems/);
      assert.match(run.stderr, /microcredential\.stackable: unknown key — did you mean "stackableInto"\?/);
      assert.match(run.stderr, /image: unknown key — the keys here are id, type,/);
      assert.match(run.stderr, /microcredential\.workloadHours: expected a number, got the text "360"/);
      assert.match(run.stderr, /nothing was anchored/);
      assert.equal(existsSync(out), false);
    });

    it("rejects a template with a duplicate key", async () => {
      const file = join(dir, "dup.course.json");
      writeFileSync(file, readFileSync(TEMPLATE, "utf8").replace('"name":', '"name": "x", "name":'));
      const learners = join(dir, "one.csv");
      const run = await runCli(chain, [
        "issue",
        "--template",
        file,
        "--learners",
        learners,
        "--out",
        join(dir, "d-out"),
        "--account",
        "1",
      ]);
      refused(run, /is not valid JSON: PARSE_DUPLICATE_KEY/);
    });
  });

  describe("networks and keys", () => {
    it("names the networks it knows when given an unknown one", async () => {
      const run = await runCli(chain, ["institution", "list", "--network", "nowhere"]);
      refused(run, /unknown network "nowhere"/);
      assert.match(run.stderr, /Networks you can use: local \(built in\), .*localhost/);
    });

    it("refuses a network simulated in memory", async () => {
      refused(await runCli(chain, ["institution", "list", "--network", "hardhatMainnet"]), /simulated in memory/);
    });

    it("refuses a raw private key off the local chain, and signs with a configured variable there", async () => {
      const env = { ACREDITA_TEST_RPC_URL: chain.rpcUrl, ACREDITA_TEST_KEY: DEV_KEY_0 };
      const base = [
        "--network",
        "testnet",
        "--config",
        TEST_CONFIG,
        "--registry",
        chain.registry,
        "--confirmations",
        "1",
      ];
      const raw = await runCli(
        chain,
        [
          "institution",
          "admit",
          "--name",
          "X",
          "--issuer-id",
          "did:web:x.example",
          "--country",
          "AR",
          ...base,
          "--private-key",
          DEV_KEY_0,
        ],
        env,
      );
      refused(raw, /a raw private key is accepted only on the local chain, not on network "testnet"/);
      assert.ok(!raw.stderr.includes(DEV_KEY_0.slice(2)), "the key is never printed");
      const fromEnv = await runCli(
        chain,
        ["institution", "admit", "--name", "X", "--issuer-id", "did:web:x.example", "--country", "AR", ...base],
        {
          ...env,
          ACREDITA_PRIVATE_KEY: DEV_KEY_0,
        },
      );
      refused(fromEnv, /a raw private key is accepted only on the local chain/);
      const configured = expectExit(
        await runCli(
          chain,
          [
            "institution",
            "admit",
            "--name",
            "Universidad de Prueba",
            "--issuer-id",
            "did:web:prueba.example",
            "--country",
            "AR",
            ...base,
          ],
          env,
        ),
        0,
      );
      assert.match(configured.stdout, /Institution id: 3/);
    });

    it("deploys through Ignition to a network of the Hardhat config, signing with its configured account", async () => {
      const deploymentId = `local-cli-test-${process.pid}`;
      try {
        const run = expectExit(
          await runCli(
            chain,
            [
              "deploy",
              "--network",
              "testnet",
              "--config",
              TEST_CONFIG,
              "--deployment-id",
              deploymentId,
              "--admin-delay",
              "60",
            ],
            { ACREDITA_TEST_RPC_URL: chain.rpcUrl, ACREDITA_TEST_KEY: DEV_KEY_0, ACREDITA_SKIP_BUILD: "1" },
          ),
          0,
        );
        const address = /Registry (0x[0-9a-fA-F]{40}) on chain 31337 \(network "testnet"\)/.exec(run.stdout)?.[1];
        assert.ok(address !== undefined, run.stdout);
        assert.notEqual(address.toLowerCase(), chain.registry.toLowerCase());
        const list = expectExit(await runCli(chain, ["institution", "list", "--registry", address]), 0);
        assert.match(list.stdout, /0 institutions/);
      } finally {
        rmSync(join(ROOT, "ignition", "deployments", deploymentId), { recursive: true, force: true });
      }
    });

    it("refuses a private key written in plain text in the Hardhat config", async () => {
      const run = await runCli(
        chain,
        [
          "institution",
          "admit",
          "--name",
          "X",
          "--issuer-id",
          "did:web:x.example",
          "--country",
          "AR",
          "--network",
          "plaintext",
          "--config",
          TEST_CONFIG,
          "--registry",
          chain.registry,
        ],
        { ACREDITA_TEST_RPC_URL: chain.rpcUrl },
      );
      refused(run, /has a private key written in plain text/);
      assert.match(run.stderr, /npx hardhat keystore set/);
    });

    it("says the keystore password is wrong, and uses the keystore with the right one", async () => {
      const key = generatePrivateKey();
      const address = privateKeyToAccount(key).address;
      const file = join(dir, "issuer.keystore.json");
      writeFileSync(
        file,
        encryptKeystoreJsonSync({ address, privateKey: key }, "correct horse", { scrypt: { N: 1024 } }),
      );
      const admit = [
        "institution",
        "admit",
        "--name",
        "X",
        "--issuer-id",
        "did:web:x.example",
        "--country",
        "AR",
        "--keystore",
        file,
      ];
      refused(
        await runCli(chain, admit, { ACREDITA_KEYSTORE_PASSWORD: "battery staple" }),
        /wrong password for the keystore/,
      );
      const right = await runCli(chain, admit, { ACREDITA_KEYSTORE_PASSWORD: "correct horse" });
      refused(right, new RegExp(`${address} does not hold the role this needs \\(only the registrar may do this\\)`));
    });

    it("explains insufficient funds before sending anything", async () => {
      const key = generatePrivateKey();
      const address = privateKeyToAccount(key).address;
      expectExit(await runCli(chain, ["key", "add", "1", address]), 0);
      const learners = join(dir, "one.csv");
      const out = join(dir, "poor-out");
      const run = await runCli(chain, [
        "issue",
        "--template",
        TEMPLATE,
        "--learners",
        learners,
        "--out",
        out,
        "--private-key",
        key,
      ]);
      refused(
        run,
        new RegExp(
          `insufficient funds for anchoring the batch: ${address} holds 0 ETH but anchoring the batch may cost up to [0-9.]+ ETH \\([0-9,]+ gas at [0-9.]+ gwei max fee\\)`,
        ),
      );
      assert.match(run.stderr, /Send funds to the signing key's address and run the same command again/);
      assert.equal(existsSync(join(out, "credentials")), false);
    });

    it("refuses a key that is not a signing key, before anything is written", async () => {
      const learners = join(dir, "one.csv");
      const out = join(dir, "nokey-out");
      const run = await runCli(chain, [
        "issue",
        "--template",
        TEMPLATE,
        "--learners",
        learners,
        "--out",
        out,
        "--account",
        "3",
      ]);
      refused(run, new RegExp(`${DEV_ADDRESSES[3]} is not a signing key of any institution`));
      assert.equal(existsSync(out), false);
    });
  });

  it("issues the learner records it was given, exactly", async () => {
    const { run, out } = await issueCsv("exact", `${HEADER}\n${ROW}\n`);
    expectExit(run, 0);
    const credential = parseStrict(readFileSync(join(out, "credentials", "L-1.json"), "utf8")) as {
      credentialSubject: { identifier: { identityHash: string }[] };
    };
    assert.deepEqual(
      credential.credentialSubject.identifier.map((i) => i.identityHash),
      ["Ana Lucía Martínez", "ana@correo.example", "L-1"],
    );
  });

  it("verify reads only regular files up to the web app's cap, and a credential saved with a BOM verifies", async () => {
    // The credential the previous test issued, saved again by an editor that adds a byte order mark.
    const issued = readFileSync(join(dir, "exact-out", "credentials", "L-1.json"));
    const files = join(dir, "verify-inputs");
    mkdirSync(files);
    writeFileSync(join(files, "a-bom.json"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), issued]));
    writeFileSync(join(files, "b-big.json"), "");
    truncateSync(join(files, "b-big.json"), 700 * 1024 * 1024); // sparse
    symlinkSync("/dev/zero", join(files, "c-zero.json"));
    assert.equal(spawnSync("mkfifo", [join(files, "d-fifo.json")]).status, 0);
    const run = expectExit(await runCli(chain, ["verify", files]), 1);
    const lines = run.stdout.trim().split("\n");
    assert.match(lines[0] ?? "", /^✔ Valid +\S*a-bom\.json$/);
    assert.match(
      lines[1] ?? "",
      /b-big\.json — the file \S+ is 700\.0 MiB; the limit is 1\.0 MiB, so it was not read$/,
    );
    assert.match(lines[2] ?? "", /c-zero\.json — the file \S+ is a device: only regular files are read$/);
    assert.match(lines[3] ?? "", /d-fifo\.json — the file \S+ is a named pipe \(FIFO\): only regular files are read$/);
    assert.match(lines[4] ?? "", /^4 credentials verified in [\d.]+ s: 1 valid, 3 invalid$/);
  });
});
