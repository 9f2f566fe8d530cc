import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { detectDelimiter, parseLearners } from "../../../scripts/lib/learners-csv.ts";
import {
  expectExit,
  ROOT,
  runCli,
  seedInstitutions,
  startTestChain,
  type TestChain,
  TEMPLATE,
} from "../../helpers/cli-chain.ts";

const FIXTURES = join(ROOT, "test", "fixtures", "learners");

describe("learners CSV delimiter", () => {
  it("is detected from the header: comma, semicolon or tab", () => {
    assert.equal(detectDelimiter("learner_id,name,completed_on\n"), ",");
    assert.equal(detectDelimiter("\uFEFFlearner_id;name;completed_on\r\nL-1;Ana, María;2026-01-01\r\n"), ";");
    assert.equal(detectDelimiter("learner_id\tname\tcompleted_on\n"), "\t");
    // No known column at all: the separator that appears most, so the reported columns are the ones meant.
    assert.equal(detectDelimiter("id;nombre;fecha\n"), ";");
  });

  it("named, is used as given, and a header split wrongly says which delimiter it holds", () => {
    assert.throws(
      () => parseLearners("learner_id;name;completed_on\nL-1;Ana;2026-01-01\n", "l.csv", ","),
      /unknown column "learner_id;name;completed_on".*contains semicolons: is it\? \(--delimiter semicolon\)/,
    );
  });
});

describe("acredita issue: learners as people have them (semicolon, tab, XLSX)", { timeout: 900_000 }, () => {
  let chain: TestChain;
  let dir: string;

  before(async () => {
    chain = await startTestChain();
    await seedInstitutions(chain);
    dir = chain.tempDir("formats");
  });
  after(async () => {
    await chain.stop();
  });

  const dryRun = (learners: string, extra: string[] = []) =>
    runCli(chain, [
      "issue",
      ...["--template", TEMPLATE, "--learners", join(FIXTURES, learners)],
      ...["--out", join(dir, learners), "--account", "1", "--dry-run", "--json"],
      ...extra,
    ]);

  it("reads a semicolon CSV (Excel's default in Spanish and Portuguese) without being told", async () => {
    const run = expectExit(await dryRun("semicolon.csv"), 0);
    assert.equal((JSON.parse(run.stdout) as { count: number }).count, 3);
  });

  it("reads a tab-separated file, detected or named with --delimiter tab", async () => {
    for (const extra of [[], ["--delimiter", "tab"]]) {
      const run = expectExit(await dryRun("tab.csv", extra), 0);
      assert.equal((JSON.parse(run.stdout) as { count: number }).count, 2);
    }
  });

  it("refuses a delimiter that does not split the file, with the hint", async () => {
    const run = expectExit(await dryRun("semicolon.csv", ["--delimiter", "comma"]), 1);
    assert.match(run.stderr, /the header looks separated by semicolons, not commas \(--delimiter semicolon\)/);
  });

  it("reads an Excel workbook (.xlsx) directly, date cells as dates", async () => {
    const run = expectExit(await dryRun("learners.xlsx"), 0);
    assert.equal((JSON.parse(run.stdout) as { count: number }).count, 3);
  });

  it("lists every problem of a workbook at once, by row and column", async () => {
    const run = expectExit(await dryRun("learners-problems.xlsx"), 1);
    assert.match(run.stderr, /learners-problems\.xlsx has 5 problems; nothing was issued/);
    for (const problem of [
      /row 2, column name: empty/,
      /row 2, column email: "not-an-email" is not an e-mail address/,
      /row 3, column country: "ARG" is not a two-letter country code/,
      /row 3, column completed_on: "24\/06\/2026" is not a date/,
      /row 3, column learner_id: learner UNEJE-2026-0001 already appears on row 2/,
    ])
      assert.match(run.stderr, problem);
  });
});
