import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CliError } from "../../../scripts/lib/cli-error.ts";
import { readOwnCredentials } from "../../../scripts/lib/own-credentials.ts";

const EXAMPLES = new URL("../../fixtures/ob3/examples/", import.meta.url).pathname;
const BASIC = "examples_basicOpenBadgeCredential__Sample-OpenBadgeCredential.json";
const root = mkdtempSync(join(tmpdir(), "acredita-own-"));
after(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A folder with `count` copies of the basic example (each with its own id) and the given extra files. */
function folder(name: string, count: number, extra: string[] = []): string {
  const dir = join(root, name);
  mkdirSync(dir);
  const basic = JSON.parse(readFileSync(join(EXAMPLES, BASIC), "utf8")) as Record<string, unknown>;
  for (let i = 0; i < count; i++) {
    writeFileSync(
      join(dir, `badge-${String(i).padStart(2, "0")}.json`),
      JSON.stringify({ ...basic, id: `urn:x:${i}` }),
    );
  }
  for (const file of extra) copyFileSync(join(EXAMPLES, file), join(dir, file));
  return dir;
}

function refusal(check: () => unknown): CliError {
  try {
    check();
  } catch (error) {
    assert.ok(error instanceof CliError, String(error));
    return error;
  }
  assert.fail("accepted");
}

describe("issue --credentials (reading own OB 3.0 files)", () => {
  it("lists every problem of a 37-file batch, each file with the JSON path of each missing element", () => {
    const dir = folder("many", 36, ["examples__untitled.json"]);
    const error = refusal(() => readOwnCredentials(dir));
    assert.match(error.message, /^37 of 37 credentials in .* cannot be anchored; nothing was issued:/);
    for (const file of readdirSync(dir)) assert.ok(error.message.includes(`  ${file} `), file);
    assert.equal(error.message.match(/lacks 8 microcredential elements:/g)?.length, 36);
    assert.equal(error.message.match(/- level → credentialSubject\.achievement\.alignment\[\]/g)?.length, 36);
    assert.match(error.message, /examples__untitled\.json is not a valid Open Badges 3\.0 credential/);
    assert.match(
      error.message,
      /Where each missing element goes:\n.*country: .* → issuer\.address\.addressCountryCode/,
    );
    assert.match(error.hint ?? "", /--allow-incomplete/);
  });

  it("with --allow-incomplete, issues badges lacking elements as plain badges and says what each lacks; fragments stay refused", () => {
    const dir = folder("allow", 3);
    const own = readOwnCredentials(dir, { allowIncomplete: true });
    assert.deepEqual(own.names, ["badge-00", "badge-01", "badge-02"]);
    assert.equal(own.incomplete.length, 3);
    assert.deepEqual(
      own.incomplete[0]?.missing.map((m) => m.element),
      [
        "country",
        "learningOutcomes",
        "workload",
        "level",
        "assessment",
        "participation",
        "identityCheck",
        "qualityAssurance",
      ],
    );
    copyFileSync(join(EXAMPLES, "readme__Sample-assertion-credential.json"), join(dir, "readme.json"));
    const error = refusal(() => readOwnCredentials(dir, { allowIncomplete: true }));
    assert.match(
      error.message,
      /^1 of 4 credentials .*\n {2}readme\.json is not a valid Open Badges 3\.0 credential: credentialSubject\.achievement is missing/,
    );
  });

  it("keeps the proofs a file carries, and refuses one carrying an Acredita anchor", () => {
    const dir = folder("proofs", 1);
    const file = join(dir, "badge-00.json");
    const doc = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    const proof = {
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-rdfc-2022",
      proofPurpose: "assertionMethod",
      proofValue: "z1",
    };
    writeFileSync(file, JSON.stringify({ ...doc, proof: [proof] }));
    const own = readOwnCredentials(dir, { allowIncomplete: true });
    assert.deepEqual(own.documents[0]?.proof, [proof]);
    assert.deepEqual(own.withProofs, [{ file: "badge-00.json", proofs: 1 }]);
    writeFileSync(file, JSON.stringify({ ...doc, proof: [proof, { type: "AcreditaMerkleProof2026" }] }));
    const error = refusal(() => readOwnCredentials(dir, { allowIncomplete: true }));
    assert.match(
      error.message,
      /badge-00\.json is anchored already: proof\[1\] is an Acredita anchor proof \(AcreditaMerkleProof2026\)/,
    );
  });
});
