import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import {
  acceptOwnCredential,
  AcreditaError,
  type JsonObject,
  type MissingElement,
  reviewMicrocredential,
} from "../../../core/index.ts";
import { buildCredential } from "../../../core/credential.ts";
import { type MicrocredentialElement, missingMicrocredentialElements } from "../../../core/microcredential.ts";
import { parseLearners } from "../../../scripts/lib/learners-csv.ts";

const OB3 = new URL("../../fixtures/ob3/", import.meta.url).pathname;
const SAMPLES = new URL("../../../samples/", import.meta.url).pathname;
/** The awarding institution of the analise-de-dados sample cohort. */
const IFEX = { name: "Instituto Federal de Exemplo", country: "BR", website: "https://ifex.example" };
const EXAMPLES = join(OB3, "examples");

function example(name: string): JsonObject {
  return JSON.parse(readFileSync(join(EXAMPLES, name), "utf8")) as JsonObject;
}

/** The official VC 2.0-era OB 3.0 schema (proof, when present, is an array). */
function officialSchema() {
  const ajv = new Ajv2019.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(
    JSON.parse(readFileSync(join(OB3, "ob_v3p0_achievementcredential_schema.vc2.json"), "utf8")) as object,
  );
}

/** The error `check` throws (fails when it throws nothing or something else). */
function refusal(check: () => unknown): AcreditaError {
  try {
    check();
  } catch (error) {
    assert.ok(error instanceof AcreditaError, String(error));
    return error;
  }
  assert.fail("accepted");
}

const BADGE_ONLY: MicrocredentialElement[] = [
  "country",
  "learningOutcomes",
  "workload",
  "level",
  "assessment",
  "participation",
  "identityCheck",
  "qualityAssurance",
];
const WITH_COMPETENCY = BADGE_ONLY.filter((e) => e !== "learningOutcomes");

/**
 * The expected outcome of every example of the OB 3.0 specification (test/fixtures/ob3/examples/, verbatim
 * copies of ../shared/ob3/examples/): the elements it lacks, or why it is refused.
 */
const OUTCOMES: Record<string, { lacks: MicrocredentialElement[]; achievementType?: string } | { refused: RegExp }> = {
  // Teamwork badges: learner (credentialSubject.id), title, institution, date; nothing else.
  "docformat__Sample-OpenBadgeCredential-file-contents.json": { lacks: BADGE_ONLY },
  "equality-and-comparison__Sample-credential-A.json": { lacks: BADGE_ONLY },
  "equality-and-comparison__Sample-credential-C.json": { lacks: BADGE_ONLY },
  "examples_basicOpenBadgeCredential__Sample-OpenBadgeCredential.json": { lacks: BADGE_ONLY },
  // A CASE item (CFItem) is a competency: learning outcomes are stated.
  "examples_achievementAlignmentCase__Achievement-alignment-CASE.json": { lacks: WITH_COMPETENCY },
  "examples_skillAssertionCase__Skill-Assertion-CASE.json": { lacks: WITH_COMPETENCY, achievementType: "Competency" },
  // A Credential Engine competency (ceasn:Competency) is a learning outcome…
  "examples_skillAssertionCtdl__Skill-Assertion-Credential-Registry.json": {
    lacks: WITH_COMPETENCY,
    achievementType: "Competency",
  },
  // …a Credential Engine credential (ceterms:Credential) is not.
  "examples_achievementAlignmentCe__Achievement-alignment-Credential-Engine.json": { lacks: BADGE_ONLY },
  // The complete example: creditsAvailable, result descriptions, country code, an accrediting agency's endorsement.
  "examples_fullOpenBadge__Complete-OpenBadgeCredential.json": {
    lacks: ["level", "participation", "identityCheck"],
    achievementType: "Degree",
  },
  // The implementation guide's copies write each `type` as a lone string, which the official schema refuses.
  "impl_recommended-practices__Achievement-alignment-CASE.json": {
    refused: /credentialSubject\.achievement\.alignment\[0\]\.type must be an array holding "Alignment"/,
  },
  "impl_recommended-practices__Skill-Assertion-Credential-Registry.json": {
    refused:
      /issuer\.type must be an array holding "Profile".*credentialSubject\.type must be an array holding "AchievementSubject".*credentialSubject\.achievement\.type must be an array holding "Achievement"/,
  },
  // Schema-demo fragments: their subject is awarded no achievement.
  "examples__untitled.json": { refused: /credentialSubject\.achievement is missing.*not a whole OpenBadgeCredential/ },
  "readme__Sample-assertion-credential.json": {
    refused: /credentialSubject\.achievement is missing.*not a whole OpenBadgeCredential/,
  },
};

/** A microcredential that states every element in standard OB 3.0 fields, plus the two without one. */
function standardMicrocredential(): JsonObject {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: "urn:uuid:6f1c2b6e-7a0f-4c44-9a57-1d2f3e4a5b6c",
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: {
      id: "did:web:uneje.example",
      type: ["Profile"],
      name: "Universidad Nacional de Ejemplo",
      address: { type: ["Address"], addressCountryCode: "MX" },
    },
    validFrom: "2026-07-01T00:00:00Z",
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [{ type: "IdentityObject", identityType: "name", hashed: false, identityHash: "Ana Pérez" }],
      achievement: {
        id: "urn:example:achievement:negotiation",
        type: ["Achievement"],
        achievementType: "MicroCredential",
        name: "Negociación y liderazgo",
        description: "Curso de extensión.",
        criteria: { narrative: "Aprobar el proyecto final." },
        creditsAvailable: 4,
        alignment: [
          {
            type: ["Alignment"],
            targetName: "EQF level 5",
            targetCode: "5",
            targetFramework: "European Qualifications Framework",
            targetUrl: "https://europass.europa.eu/en/description-eight-eqf-levels",
          },
          {
            type: ["Alignment"],
            targetName: "negotiate compromises",
            targetUrl: "http://data.europa.eu/esco/skill/7e3c1e5e-3a0e-4d6e-8f40-3e7b3c5b5a11",
          },
          {
            type: ["Alignment"],
            targetName: "Programa acreditado",
            targetFramework: "Consejo para la Acreditación de la Educación Superior (quality assurance)",
            targetUrl: "https://copaes.example/programas/123",
          },
        ],
        resultDescription: [
          { id: "urn:example:grade", type: ["ResultDescription"], name: "Nota", resultType: "RawScore" },
        ],
        microcredential: { type: "MicroCredentialProfile", participation: "En línea", identityChecked: true },
      },
    },
  };
}

function ownBuilt(): JsonObject {
  const template = JSON.parse(readFileSync(join(SAMPLES, "analise-de-dados.course.json"), "utf8")) as JsonObject;
  const [learner] = parseLearners(
    readFileSync(join(SAMPLES, "analise-de-dados.learners.csv"), "utf8"),
    "learners.csv",
  ).learners;
  assert.ok(learner);
  return JSON.parse(
    JSON.stringify(
      buildCredential({ template, issuer: IFEX, learner, options: { validFrom: "2026-07-01T00:00:00Z" } }),
    ),
  ) as JsonObject;
}

const dataIntegrityProof: JsonObject = {
  type: "DataIntegrityProof",
  cryptosuite: "eddsa-rdfc-2022",
  created: "2026-06-30T12:00:00Z",
  verificationMethod: "did:web:uneje.example#key-1",
  proofPurpose: "assertionMethod",
  proofValue: "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKods5D2UAUL5n2Brbx",
};

describe("issuers' own OB 3.0 files", () => {
  describe("the 13 examples of the OB 3.0 specification", () => {
    it("covers every example file", () => {
      assert.deepEqual(readdirSync(EXAMPLES).sort(), Object.keys(OUTCOMES).sort());
    });

    for (const [name, outcome] of Object.entries(OUTCOMES)) {
      if ("lacks" in outcome) {
        it(`${name}: refused without --allow-incomplete, listing exactly what it lacks with paths; accepted as a plain badge with it`, () => {
          const doc = example(name);
          const error = refusal(() => acceptOwnCredential(doc));
          assert.equal(error.code, "CREDENTIAL_MICROCREDENTIAL_INCOMPLETE");
          assert.deepEqual(error.details.missing, outcome.lacks);
          const gaps = error.details.gaps as MissingElement[];
          assert.deepEqual(
            gaps.map((g) => g.element),
            outcome.lacks,
          );
          for (const gap of gaps) assert.ok(gap.path.length > 0 && gap.explanation.length > 0, gap.element);

          const accepted = acceptOwnCredential(doc, { allowIncomplete: true });
          assert.equal(accepted.credential, doc);
          assert.equal(accepted.achievementType, outcome.achievementType);
          assert.deepEqual(accepted.credential, example(name), "the file is kept as it is");
          assert.equal(accepted.complete, false);
          assert.deepEqual(
            accepted.missing.map((m) => m.element),
            outcome.lacks,
          );
          // Whatever it does not lack, it states somewhere.
          const stated = new Set(accepted.found.map((f) => f.element));
          for (const element of ["learner", "title", "awardingInstitution", "issueDate"] as const) {
            assert.ok(stated.has(element), element);
          }
        });
      } else {
        it(`${name}: refused as not an OB 3.0 credential the official schema accepts, even with --allow-incomplete`, () => {
          for (const options of [{}, { allowIncomplete: true }]) {
            const error = refusal(() => acceptOwnCredential(example(name), options));
            assert.equal(error.code, "CREDENTIAL_NOT_OB3");
            assert.match(error.message, outcome.refused);
          }
        });
      }
    }

    it("what it accepts passes the official VC 2.0-era OB 3.0 schema, and what it refuses as not OB 3.0 fails it", () => {
      const validate = officialSchema();
      for (const [name, outcome] of Object.entries(OUTCOMES)) {
        assert.equal(validate(example(name)), "lacks" in outcome, `${name}: ${JSON.stringify(validate.errors)}`);
      }
    });

    it("finds the complete example's elements where it states them", () => {
      const { found } = reviewMicrocredential(example("examples_fullOpenBadge__Complete-OpenBadgeCredential.json"));
      const at = (element: MicrocredentialElement) => found.filter((f) => f.element === element).map((f) => f.path);
      assert.ok(at("workload").includes("credentialSubject.achievement.creditsAvailable"));
      assert.ok(at("country").includes("issuer.address.addressCountryCode"));
      assert.ok(at("assessment").includes("credentialSubject.achievement.resultDescription[0]"));
      // The issuer's own endorsement list holds an accrediting agency's endorsement: quality assurance.
      assert.ok(at("qualityAssurance").includes("issuer.endorsement[0]"));
      assert.deepEqual(at("level"), []);
    });
  });

  describe("microcredential elements in standard OB 3.0 fields", () => {
    it("lists nothing missing for creditsAvailable + an EQF alignment + an ESCO skill + a QA alignment + resultDescription", () => {
      const doc = standardMicrocredential();
      assert.deepEqual(missingMicrocredentialElements(doc), []);
      const accepted = acceptOwnCredential(doc);
      assert.equal(accepted.complete, true);
      const paths = new Map(accepted.found.map((f) => [`${f.element}:${f.path}`, f.source]));
      assert.equal(paths.get("workload:credentialSubject.achievement.creditsAvailable"), "ob3");
      assert.equal(paths.get("level:credentialSubject.achievement.alignment[0]"), "ob3");
      assert.equal(paths.get("learningOutcomes:credentialSubject.achievement.alignment[1]"), "ob3");
      assert.equal(paths.get("qualityAssurance:credentialSubject.achievement.alignment[2]"), "ob3");
      assert.equal(paths.get("assessment:credentialSubject.achievement.resultDescription[0]"), "ob3");
    });

    it("names each missing element with the JSON path where it would go", () => {
      const doc = standardMicrocredential();
      const achievement = (doc.credentialSubject as JsonObject).achievement as JsonObject;
      delete achievement.creditsAvailable;
      achievement.alignment = [];
      delete (doc.issuer as JsonObject).address;
      const { missing } = reviewMicrocredential(doc);
      assert.deepEqual(
        missing.map((m) => [m.element, m.path]),
        [
          ["country", "issuer.address.addressCountryCode"],
          [
            "learningOutcomes",
            'credentialSubject.achievement.alignment[] (targetType "ceasn:Competency" or "CFItem", or an ESCO skill targetUrl)',
          ],
          ["workload", "credentialSubject.achievement.creditsAvailable"],
          ["level", 'credentialSubject.achievement.alignment[] (targetFramework "European Qualifications Framework")'],
          ["qualityAssurance", "credentialSubject.achievement.alignment[] (a quality-assurance framework)"],
        ],
      );
    });

    it("recognises a credential Acredita built from a template without its extension: the standard fields suffice for workload, level and assessment", () => {
      const doc = ownBuilt();
      delete ((doc.credentialSubject as JsonObject).achievement as JsonObject).microcredential;
      assert.deepEqual(missingMicrocredentialElements(doc), [
        "learningOutcomes",
        "participation",
        "identityCheck",
        "qualityAssurance",
      ]);
    });

    it("keeps recognising Acredita's own microcredential extension", () => {
      const doc = ownBuilt();
      assert.deepEqual(missingMicrocredentialElements(doc), []);
      const sources = reviewMicrocredential(doc).found.filter((f) => f.source === "acredita");
      assert.deepEqual(
        [...new Set(sources.map((f) => f.element))],
        ["learningOutcomes", "workload", "level", "assessment", "participation", "identityCheck", "qualityAssurance"],
      );
    });

    it("recognises the Educredentials / Edubadges profile (EducredentialAchievement, ext:EQF, ext:QualityAssurance)", () => {
      const doc = standardMicrocredential();
      const achievement = (doc.credentialSubject as JsonObject).achievement as JsonObject;
      delete achievement.creditsAvailable;
      delete achievement.resultDescription;
      delete achievement.microcredential;
      achievement.type = ["Achievement", "EducredentialAchievement"];
      achievement.alignment = [
        {
          type: ["Alignment"],
          targetType: "ext:QualityAssurance",
          targetName: "Toets nieuwe opleiding",
          targetUrl: "https://qa.example/1",
        },
        {
          type: ["Alignment"],
          targetType: "ext:EQF",
          targetName: "EQF level 4",
          targetCode: "4",
          targetUrl: "https://eqf.example/4",
        },
        {
          type: ["Alignment"],
          targetType: "ceasn:Competency",
          targetName: "Meditation",
          targetUrl: "https://c.example/m",
        },
      ];
      Object.assign(achievement, {
        ECTS: 3,
        participationType: "onsite or blended",
        assessmentType: "testing",
        identityChecked: true,
      });
      assert.deepEqual(missingMicrocredentialElements(doc), []);
      // Without the profile's type, its properties mean nothing in JSON-LD: they are not counted.
      achievement.type = ["Achievement"];
      assert.deepEqual(missingMicrocredentialElements(doc), [
        "workload",
        "assessment",
        "participation",
        "identityCheck",
      ]);
    });

    it("recognises the 1EdTech OB Assessment Extension (AssessmentResultDescription with an assessmentType)", () => {
      const doc = standardMicrocredential();
      const achievement = (doc.credentialSubject as JsonObject).achievement as JsonObject;
      achievement.resultDescription = [
        {
          id: "urn:example:exam",
          type: ["ResultDescription", "AssessmentResultDescription"],
          name: "Exam",
          resultType: "ScaledScore",
          assessmentType: "Exam",
        },
      ];
      const found = reviewMicrocredential(doc).found.filter((f) => f.element === "assessment");
      assert.deepEqual(found, [
        {
          element: "assessment",
          path: "credentialSubject.achievement.resultDescription[0].assessmentType",
          source: "ob-assessment",
        },
      ]);
    });

    it("counts only what the file states: a criteria narrative is no assessment, an e-mail identifier no identity check, a self-endorsement no quality assurance", () => {
      const doc = example("examples_basicOpenBadgeCredential__Sample-OpenBadgeCredential.json");
      const subject = doc.credentialSubject as JsonObject;
      subject.identifier = [
        { type: "IdentityObject", identityType: "emailAddress", hashed: false, identityHash: "a@b.example" },
      ];
      doc.endorsement = [
        {
          type: ["VerifiableCredential", "EndorsementCredential"],
          issuer: { id: (doc.issuer as JsonObject).id as string, type: ["Profile"] },
          credentialSubject: { id: "x", type: ["EndorsementSubject"] },
        },
      ];
      const missing = missingMicrocredentialElements(doc);
      for (const element of ["assessment", "identityCheck", "qualityAssurance"] as const) {
        assert.ok(missing.includes(element), element);
      }
    });
  });

  describe("acceptOwnCredential and proofs", () => {
    it("notes a file that calls itself a MicroCredential yet lacks elements, and a leftover issuanceDate", () => {
      const doc: JsonObject = { ...standardMicrocredential(), issuanceDate: "2026-07-01T00:00:00Z" };
      delete ((doc.credentialSubject as JsonObject).achievement as JsonObject).creditsAvailable;
      const accepted = acceptOwnCredential(doc, { allowIncomplete: true });
      assert.equal(accepted.achievementType, "MicroCredential");
      assert.deepEqual(accepted.notes, [
        "issuanceDate is a VC 1.1 term that VC 2.0 does not define; validFrom is the issue date",
        'achievementType is "MicroCredential", yet it lacks workload: it is issued as a plain badge',
      ]);
    });

    it("accepts a file that already carries a Data Integrity proof and keeps its proofs untouched", () => {
      for (const proof of [dataIntegrityProof, [dataIntegrityProof]]) {
        const doc = { ...standardMicrocredential(), proof };
        const accepted = acceptOwnCredential(doc);
        assert.equal(accepted.keptProofs, 1);
        assert.deepEqual(accepted.credential.proof, proof);
        assert.equal(accepted.credential, doc);
      }
    });

    it("refuses a file that already carries an Acredita anchor proof, saying so", () => {
      for (const type of ["AcreditaMerkleProof2026", "AcreditaMerkleProof"]) {
        const doc = {
          ...standardMicrocredential(),
          proof: [dataIntegrityProof, { type, proofPurpose: "assertionMethod" }],
        };
        const error = refusal(() => acceptOwnCredential(doc, { allowIncomplete: true }));
        assert.equal(error.code, "CREDENTIAL_ALREADY_ANCHORED");
        assert.match(error.message, new RegExp(`proof\\[1\\] is an Acredita anchor proof \\(${type}\\)`));
      }
    });

    it("refuses a VC 1.1-era file for that reason, not for missing fields", () => {
      const v1 = {
        ...standardMicrocredential(),
        "@context": ["https://www.w3.org/2018/credentials/v1", "https://purl.imsglobal.org/spec/ob/v3p0/context.json"],
        issuanceDate: "2026-07-01T00:00:00Z",
      };
      delete (v1 as JsonObject).validFrom;
      const error = refusal(() => acceptOwnCredential(v1, { allowIncomplete: true }));
      assert.equal(error.code, "CREDENTIAL_VC1_UNSUPPORTED");
      assert.match(error.message, /credentials\/v1, the VC Data Model 1\.1/);

      const onlyIssuanceDate: JsonObject = { ...standardMicrocredential(), issuanceDate: "2026-07-01T00:00:00Z" };
      delete onlyIssuanceDate.validFrom;
      const second = refusal(() => acceptOwnCredential(onlyIssuanceDate));
      assert.equal(second.code, "CREDENTIAL_VC1_UNSUPPORTED");
      assert.match(second.message, /issuanceDate, a VC Data Model 1\.1 term/);
    });

    it("refuses a document that is not an OB 3.0 credential, naming what is wrong", () => {
      const error = refusal(() => acceptOwnCredential({ "@context": ["x"], type: ["Foo"] }));
      assert.equal(error.code, "CREDENTIAL_NOT_OB3");
      assert.ok((error.details.problems as string[]).includes("type lacks OpenBadgeCredential"));
      const missingName = standardMicrocredential();
      delete ((missingName.credentialSubject as JsonObject).achievement as JsonObject).description;
      assert.match(
        refusal(() => acceptOwnCredential(missingName)).message,
        /credentialSubject\.achievement\.description is missing \(the OB 3\.0 schema requires it\)/,
      );
    });
  });
});
