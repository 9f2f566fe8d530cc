/**
 * The one learners CSV parser (scripts/lib/learners-csv.ts), in process: the sample cohorts as read, RFC 4180
 * quoting, and every problem of a file reported at once by line and column (the cases through the CLI are in
 * bad-inputs.test.ts and learners-formats.test.ts).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CliError } from "../../../scripts/lib/cli-error.ts";
import { parseLearners } from "../../../scripts/lib/learners-csv.ts";
import { SAMPLES } from "../../helpers/golden.ts";

function learnersOf(text: string) {
  return parseLearners(text, "learners.csv").learners;
}

describe("parseLearners", () => {
  it("reads both sample cohorts with their accents intact", () => {
    const es = learnersOf(readFileSync(join(SAMPLES, "negociacion-liderazgo.learners.csv"), "utf8"));
    const pt = learnersOf(readFileSync(join(SAMPLES, "analise-de-dados.learners.csv"), "utf8"));
    assert.equal(es.length, 25);
    assert.equal(pt.length, 12);
    assert.deepEqual(pt[0], {
      id: "IFEX-DS-0001",
      name: "João Ribeiro Pereira",
      email: "joao.pereira0@email.example",
      country: "BR",
      completedOn: "2026-09-02",
      grade: "10.0",
    });
  });

  it("handles quoted fields, doubled quotes and CRLF", () => {
    const rows = learnersOf('learner_id,name,completed_on\r\nA-1,"Pérez, ""Pepe"" Juan",2026-01-02\r\n');
    assert.deepEqual(rows, [{ id: "A-1", name: 'Pérez, "Pepe" Juan', completedOn: "2026-01-02" }]);
  });

  it("rejects a missing column, a ragged row and a bad e-mail address, naming each", () => {
    assert.throws(
      () => learnersOf("name,completed_on\nAna,2026-01-01\n"),
      (e: unknown) => e instanceof CliError && /line 1: the required column learner_id is missing/.test(e.message),
    );
    assert.throws(
      () => learnersOf("learner_id,name,email,completed_on\nA,Ana\nB,Bia,bia@,2026-01-01\n"),
      (e: unknown) =>
        e instanceof CliError &&
        /has 2 problems/.test(e.message) &&
        /line 2: 2 fields, but the header has 4/.test(e.message) &&
        /line 3, column email: "bia@" is not an e-mail address/.test(e.message),
    );
  });
});
