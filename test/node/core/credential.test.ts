import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { buildCredential } from "../../../core/credential.ts";
import { isAcreditaError, type JsonObject, prepareCourse } from "../../../core/index.ts";
import { missingMicrocredentialElements } from "../../../core/microcredential.ts";
import { COHORTS, SAMPLES } from "../../helpers/golden.ts";
import { parseLearners } from "../../../scripts/lib/learners-csv.ts";

const SCHEMA = new URL("../../fixtures/ob3/ob_v3p0_achievementcredential_schema.vc2.json", import.meta.url).pathname;

function sample(name: string): { template: JsonObject; learnersCsv: string } {
  return {
    template: JSON.parse(readFileSync(join(SAMPLES, `${name}.course.json`), "utf8")) as JsonObject,
    learnersCsv: readFileSync(join(SAMPLES, `${name}.learners.csv`), "utf8"),
  };
}

function validator() {
  const ajv = new Ajv2019.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA, "utf8")) as object);
}

const issuance = { validFrom: "2026-07-01T00:00:00Z" };
const issuer = COHORTS[0].issuer;

describe("credential", () => {
  describe("buildCredential", () => {
    it("builds credentials that validate against the official VC 2.0-era 1EdTech OB3 AchievementCredential schema, for every learner of both cohorts", () => {
      const validate = validator();
      let checked = 0;
      for (const cohort of COHORTS) {
        const { template, learnersCsv } = sample(cohort.name);
        for (const learner of parseLearners(learnersCsv, "learners.csv").learners) {
          const credential = buildCredential({
            template,
            issuer: cohort.issuer,
            learner,
            options: { validFrom: cohort.validFrom },
          });
          const ok = validate(credential);
          assert.ok(ok, JSON.stringify(validate.errors, null, 2));
          assert.deepEqual(missingMicrocredentialElements(credential), []);
          checked++;
        }
      }
      assert.equal(checked, 37);
    });

    it("the official schema rejects a credential without an issuer (the validator is really checking)", () => {
      const validate = validator();
      const { template, learnersCsv } = sample("analise-de-dados");
      const [learner] = parseLearners(learnersCsv, "learners.csv").learners;
      assert.ok(learner);
      const credential: JsonObject = { ...buildCredential({ template, issuer, learner, options: issuance }) };
      delete credential.issuer;
      assert.equal(validate(credential), false);
    });

    it("maps the microcredential elements onto OB3 fields and the extension", () => {
      const { template, learnersCsv } = sample("negociacion-liderazgo");
      const [learner] = parseLearners(learnersCsv, "learners.csv").learners;
      assert.ok(learner);
      const c = buildCredential({
        template,
        issuer,
        learner,
        options: issuance,
        id: "urn:uuid:00000000-0000-4000-8000-000000000000",
      });
      const subject = c.credentialSubject as JsonObject;
      const achievement = subject.achievement as JsonObject;
      const ext = achievement.microcredential as JsonObject;
      assert.equal(achievement.achievementType, "MicroCredential");
      assert.equal(achievement.creditsAvailable, 12);
      assert.equal(subject.creditsEarned, 12);
      assert.deepEqual((achievement.alignment as JsonObject[])[0]?.targetCode, "7");
      assert.equal(ext.workloadHours, 360);
      assert.equal(ext.identityChecked, true);
      assert.equal((ext.learningOutcomes as string[]).length, 3);
      assert.equal(subject.activityEndDate, "2026-06-24T00:00:00Z");
      assert.deepEqual(
        (subject.identifier as JsonObject[]).map((i) => [i.identityType, i.identityHash]),
        [
          ["name", "María José García Flores"],
          ["emailAddress", "maria.garcia0@correo.example"],
          ["sisSourcedId", "UNEJE-2026-0001"],
        ],
      );
      assert.equal((subject.result as JsonObject[])[0]?.value, "74");
      assert.equal(c.validFrom, "2026-07-01T00:00:00Z");
      // VC 2.0: validFrom only (no issuanceDate), and the four bundled contexts, Acredita's last.
      assert.equal(Object.hasOwn(c, "issuanceDate"), false);
      assert.deepEqual(c["@context"], [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
        "https://w3id.org/acredita/v2",
      ]);
      assert.equal(c.proof, undefined, "buildCredential neither signs nor anchors");
      assert.equal(((c.issuer as JsonObject).address as JsonObject).addressCountryCode, "MX");
    });

    it("rejects a template that lacks required elements, listing every missing one", () => {
      const { template } = sample("analise-de-dados");
      const mc = { ...(template.microcredential as JsonObject) };
      delete mc.assessment;
      delete mc.qualityAssurance;
      delete mc.eqfLevel;
      const broken = { ...template, microcredential: mc, learningOutcomes: [] };
      try {
        prepareCourse(broken, issuer, issuance);
        assert.fail("accepted an incomplete template");
      } catch (error) {
        assert.ok(isAcreditaError(error, "CREDENTIAL_MICROCREDENTIAL_INCOMPLETE"));
        assert.deepEqual(error.details.missing, ["learningOutcomes", "level", "assessment", "qualityAssurance"]);
      }
    });

    it("rejects a learner record without a name or with a bad completion date", () => {
      const { template } = sample("analise-de-dados");
      const bad = [
        { id: "X-1", name: " ", completedOn: "2026-01-01" },
        { id: "X-2", name: "Ana", completedOn: "01/02/2026" },
        { id: "", name: "Ana", completedOn: "2026-01-01" },
        { id: "X-3", name: "Ana", completedOn: "2026-01-01", email: "not an email" },
        { id: "X-4", name: "Ana", completedOn: "2026-01-01", email: "ana@localhost" },
      ];
      for (const learner of bad) {
        assert.throws(
          () => buildCredential({ template, issuer, learner, options: issuance }),
          (e: unknown) => isAcreditaError(e, "CREDENTIAL_INVALID_LEARNER"),
        );
      }
    });

    it("rejects an issuer without a valid country and dates that are not RFC 3339", () => {
      const { template } = sample("analise-de-dados");
      assert.throws(
        () => prepareCourse(template, { name: "X", country: "Brazil" }, issuance),
        (e: unknown) => isAcreditaError(e, "CREDENTIAL_INVALID_ISSUER"),
      );
      assert.throws(
        () => prepareCourse(template, issuer, { validFrom: "2026-07-01" }),
        (e: unknown) => isAcreditaError(e, "CREDENTIAL_INVALID_TEMPLATE"),
      );
    });

    it("shares (and freezes) the course parts between learners of one batch", () => {
      const { template, learnersCsv } = sample("negociacion-liderazgo");
      const course = prepareCourse(template, issuer, issuance);
      const [a, b] = parseLearners(learnersCsv, "learners.csv").learners;
      assert.ok(a && b);
      const ca = buildCredential({ template, issuer, learner: a, options: issuance });
      assert.ok(Object.isFrozen(course.achievement));
      assert.notEqual((ca.credentialSubject as JsonObject).identifier, undefined);
    });
  });
});
