import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, it } from "node:test";
import { credentialView, type CredentialView } from "../../../core/index.ts";
import { VIEW_LIMITS } from "../../../core/display-values.ts";
import { humanize } from "../../../core/ob3-vocabulary.ts";

/** The OB 3.0 specification's own examples (third-party, read only), beside the repository. */
const EXAMPLES = resolve(import.meta.dirname, "..", "..", "fixtures", "ob3", "examples");
const example = (name: string): unknown => JSON.parse(readFileSync(resolve(EXAMPLES, name), "utf8"));
const FULL = "examples_fullOpenBadge__Complete-OpenBadgeCredential.json";

/** The complete example, its first result pointing at another result description. */
function withFirstResultDescription(id: string): unknown {
  const credential = example(FULL) as { credentialSubject: { result: { resultDescription: string }[] } };
  const [first] = credential.credentialSubject.result;
  if (first === undefined) throw new Error("the complete example has no result");
  first.resultDescription = id;
  return credential;
}

describe("credentialView", () => {
  describe("the specification's complete example", () => {
    const view = credentialView(example(FULL));

    it("reads the learner from credentialSubject.id and both e-mail identifiers", () => {
      assert.equal(view.learner.name, undefined);
      assert.equal(view.learner.id, "did:example:ebfeb1f712ebc6f1c276e12ec21");
      assert.deepEqual(view.learner.identifiers, [
        { type: { kind: "known", code: "emailAddress" }, value: "student@1edtech.edu", hashed: false },
        { type: { kind: "known", code: "emailAddress" }, value: "somebody@gmail.com", hashed: false },
      ]);
    });

    it("labels the achievement a Degree and reads its criteria, alignments and credits", () => {
      assert.deepEqual(view.achievement.type, { kind: "known", code: "Degree" });
      assert.equal(view.achievement.name, "1EdTech University Degree");
      assert.equal(view.achievement.criteria?.url, "https://1edtech.edu/achievements/degree");
      assert.match(view.achievement.criteria.narrative ?? "", /^# Degree Requirements/);
      assert.equal(view.achievement.alignments.length, 2);
      assert.deepEqual(view.achievement.alignments[1], {
        name: "1EdTech University Degree",
        framework: "1EdTech University Program and Course Catalog",
        code: "degree",
        description: "1EdTech University Degree programs.",
        targetType: "CTDL",
        url: "https://credentialengineregistry.org/resources/ce-98cb027b-95ef-4494-908d-6f7790ec6b6b",
      });
      assert.deepEqual(view.credits, { available: 36, earned: 42 });
      assert.deepEqual(view.achievement.tags, ["research", "computer science"]);
    });

    it("joins every result with its description, scale and rubric level", () => {
      assert.equal(view.results.length, 3);
      const [letter, level, status] = view.results;
      assert.equal(letter?.value, "A");
      assert.equal(letter.description?.name, "Final Project Grade");
      assert.deepEqual(letter.description.resultType, { kind: "known", code: "LetterGrade" });
      assert.deepEqual(letter.description.allowedValues, ["D", "C", "B", "A"]);
      assert.equal(letter.description.requiredValue, "C");
      assert.equal(letter.alignments[0]?.name, "Final Project");
      // The second result names the first description but reaches a level the second description defines.
      assert.equal(level?.achievedLevel?.name, "Mastery");
      assert.equal(level.achievedLevel.level, "Mastered");
      assert.deepEqual(status?.status, { kind: "known", code: "Completed" });
    });

    it("reads a rubric scale's levels and resolves its required level by id", () => {
      const credential = withFirstResultDescription("urn:uuid:a70ddc6a-4c4a-4bd8-8277-cb97c79f40c5");
      const rubric = credentialView(credential).results[0]?.description;
      assert.deepEqual(rubric?.resultType, { kind: "known", code: "RubricCriterionLevel" });
      assert.equal(rubric.requiredLevel, "Mastery");
      assert.deepEqual(
        rubric.levels.map((l) => [l.name, l.level, l.points]),
        [
          ["Mastery", "Mastered", "4"],
          ["Basic", "Basic", "4"],
        ],
      );
    });

    it("keeps a result whose description the achievement does not define, naming the missing id", () => {
      const credential = withFirstResultDescription("urn:uuid:nowhere");
      const [result] = credentialView(credential).results;
      assert.equal(result?.description, undefined);
      assert.equal(result?.unresolvedDescription, "urn:uuid:nowhere");
      assert.equal(result.value, "A");
    });

    it("reads the evidence, the endorsements of credential, achievement and issuer, and the status entry", () => {
      assert.deepEqual(
        view.evidence.map((e) => [e.name, e.url]),
        [
          ["Final Project Report", "https://1edtech.edu/credentials/3732/evidence/1"],
          ["Final Project Code", "https://github.com/somebody/project"],
        ],
      );
      assert.match(view.evidence[0]?.narrative ?? "", /^# Final Project Report/);
      assert.deepEqual(
        view.endorsements.map((e) => [e.about, e.endorser, e.comment]),
        [
          ["credential", "Example Accrediting Agency", "1EdTech University is in good standing"],
          ["achievement", "Example Accrediting Agency", "1EdTech University is in good standing"],
          ["issuer", "Example Accrediting Agency", "1EdTech University is in good standing"],
        ],
      );
      assert.deepEqual(view.credentialStatus, [
        { type: "1EdTechRevocationList", id: "https://1edtech.edu/credentials/3732/revocations" },
      ]);
    });

    it("offers the https badge image only as remote (to load on request), with its caption", () => {
      assert.deepEqual(view.image, {
        kind: "remote",
        url: "https://1edtech.edu/credentials/3732/image",
        host: "1edtech.edu",
        caption: "1EdTech University Degree for Example Student",
      });
    });

    it("reads the dates, the issuer and the subject's narrative, role and term", () => {
      assert.deepEqual(view.dates, {
        validFrom: "2010-01-01T00:00:00Z",
        validUntil: "2030-01-01T00:00:00Z",
        activityStartDate: "2010-01-01T00:00:00Z",
        activityEndDate: "2010-01-02T00:00:00Z",
      });
      assert.deepEqual(view.issuer, {
        id: "https://1edtech.edu/issuers/565049",
        name: "1EdTech University",
        url: "https://1edtech.edu/",
        countryCode: "US",
      });
      assert.deepEqual(view.subject, {
        narrative: "There is a final project report and source code evidence.",
        role: "Major Domo",
        term: "Fall",
        licenseNumber: "A-9320041",
      });
    });
  });

  it("reads every example of the specification without throwing, each with a learner", () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json"));
    assert.ok(files.length >= 13, `only ${files.length} examples`);
    for (const file of files) {
      const view = credentialView(example(file));
      assert.equal(view.learner.id, "did:example:ebfeb1f712ebc6f1c276e12ec21", file);
    }
    const skill = credentialView(example("examples_skillAssertionCase__Skill-Assertion-CASE.json"));
    assert.deepEqual(skill.achievement.type, { kind: "known", code: "Competency" });
    assert.equal(skill.evidence.length, 1);
    assert.equal(skill.achievement.alignments.length, 1);
  });

  describe("the learner", () => {
    it("takes credentialSubject.name, else a plain name identifier, and never a hashed one as a name", () => {
      const hashedName = { type: "IdentityObject", identityType: "name", hashed: true, identityHash: "sha256$abc" };
      const plainName = { type: "IdentityObject", identityType: "name", hashed: false, identityHash: "Ana Souza" };
      const a = credentialView({ credentialSubject: { identifier: [hashedName, plainName] } });
      assert.equal(a.learner.name, "Ana Souza");
      assert.deepEqual(a.learner.identifiers, [
        { type: { kind: "known", code: "name" }, value: "sha256$abc", hashed: true },
      ]);
      const b = credentialView({ credentialSubject: { name: "Bea", identifier: [hashedName] } });
      assert.equal(b.learner.name, "Bea");
      const c = credentialView({ credentialSubject: { identifier: [hashedName] } });
      assert.equal(c.learner.name, undefined);
      // `hashed` missing: not known to be plain, so not a name.
      const d = credentialView({ credentialSubject: { identifier: [{ identityType: "name", identityHash: "X" }] } });
      assert.equal(d.learner.name, undefined);
      assert.equal(d.learner.identifiers[0]?.hashed, true);
    });

    it("humanises an extension identity type", () => {
      const view = credentialView({
        credentialSubject: {
          identifier: [{ identityType: "ext:studentCardNumber", hashed: false, identityHash: "7" }],
        },
      });
      assert.deepEqual(view.learner.identifiers[0]?.type, {
        kind: "extension",
        code: "ext:studentCardNumber",
        label: "Student Card Number",
      });
    });
  });

  describe("vocabularies", () => {
    it("labels known achievement types by code, case-insensitively, and humanises extensions", () => {
      const type = (achievementType: unknown) =>
        credentialView({ credentialSubject: { achievement: { achievementType } } }).achievement.type;
      assert.deepEqual(type("MicroCredential"), { kind: "known", code: "MicroCredential" });
      assert.deepEqual(type("microcredential"), { kind: "known", code: "MicroCredential" });
      assert.deepEqual(type("ext:IndustryPassport"), {
        kind: "extension",
        code: "ext:IndustryPassport",
        label: "Industry Passport",
      });
      assert.deepEqual(type("Nanodegree"), { kind: "other", code: "Nanodegree", label: "Nanodegree" });
      assert.equal(type(["Degree"]), undefined);
      assert.equal(type(7), undefined);
    });

    it("humanises codes", () => {
      assert.equal(humanize("ext:ISOCertificate_v2"), "ISO Certificate v2");
      assert.equal(humanize("ext:micro-credential.plus"), "Micro credential plus");
      assert.equal(humanize("ext:"), "ext:");
    });
  });

  describe("links and images", () => {
    it("links only https alignment, criteria and evidence URLs; others stay text", () => {
      const view = credentialView({
        credentialSubject: {
          achievement: {
            criteria: { id: "javascript:alert(1)" },
            alignment: [{ targetName: "X", targetUrl: "http://framework.example/x" }],
          },
        },
        evidence: [{ id: "urn:uuid:1", name: "E" }],
      });
      assert.deepEqual(view.achievement.criteria, { idText: "javascript:alert(1)" });
      assert.deepEqual(view.achievement.alignments, [{ name: "X", urlText: "http://framework.example/x" }]);
      assert.deepEqual(view.evidence, [{ name: "E", idText: "urn:uuid:1" }]);
    });

    it("drops a non-https institution website", () => {
      assert.equal(credentialView({ issuer: { name: "U", url: "javascript:alert(1)" } }).issuer.url, undefined);
      assert.equal(credentialView({ issuer: { name: "U", url: "http://u.example" } }).issuer.url, undefined);
    });

    it("shows a raster data: image inline before an https one, and never an SVG", () => {
      const png = "data:image/png;base64,iVBORw0KGgo=";
      const svg = "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+";
      const inline = credentialView({
        image: "https://tracker.example/a.png",
        credentialSubject: { achievement: { image: { id: png, type: "Image" } } },
      });
      assert.deepEqual(inline.image, { kind: "inline", src: png });
      assert.equal(credentialView({ image: svg, credentialSubject: { achievement: { image: svg } } }).image, undefined);
    });
  });

  describe("a credential's own status", () => {
    it("lists each entry of an object or an array, with its type and purpose", () => {
      assert.deepEqual(
        credentialView({
          credentialStatus: [
            { id: "https://s.example/1#5", type: "BitstringStatusListEntry", statusPurpose: "revocation" },
            { type: ["A", "B"] },
            "junk",
          ],
        }).credentialStatus,
        [{ id: "https://s.example/1#5", type: "BitstringStatusListEntry", purpose: "revocation" }, { type: "A, B" }],
      );
      assert.deepEqual(credentialView({}).credentialStatus, []);
    });
  });

  it("reads Acredita's microcredential facts, outcomes of any shape as text", () => {
    const view = credentialView({
      credentialSubject: {
        achievement: {
          achievementType: "MicroCredential",
          microcredential: { workloadHours: 360, ects: 12, eqfLevel: 7, learningOutcomes: ["A", 3, { name: "B" }, {}] },
        },
      },
    });
    assert.deepEqual(view.facts, { workloadHours: 360, ects: 12, eqfLevel: 7, learningOutcomes: ["A", "3", "B"] });
  });

  describe("hostile input", () => {
    it("gives an empty view for anything that is not an object", () => {
      for (const value of [null, undefined, 1, "x", [], [{}], true]) {
        const view = credentialView(value);
        assert.deepEqual(view.results, []);
        assert.equal(view.title, undefined);
      }
    });

    it("survives every field of the wrong type", () => {
      const wrong = [null, 1, "s", true, [], {}, [null, 1, "s", [], {}]];
      for (const value of wrong) {
        const credential: Record<string, unknown> = {};
        for (const key of [
          "name",
          "issuer",
          "credentialSubject",
          "evidence",
          "endorsement",
          "credentialStatus",
          "image",
        ])
          credential[key] = value;
        credential.credentialSubject = {
          id: value,
          name: value,
          identifier: value,
          result: value,
          creditsEarned: value,
          achievement: {
            achievementType: value,
            criteria: value,
            alignment: value,
            resultDescription: value,
            endorsement: value,
            creditsAvailable: value,
            microcredential: value,
          },
        };
        const view: CredentialView = credentialView(credential);
        assert.ok(Array.isArray(view.results));
      }
    });

    it("reads only own properties: inherited keys give nothing", () => {
      const inherited = Object.create({ name: "inherited", credentialSubject: { id: "did:x" } }) as object;
      const view = credentialView(inherited);
      assert.equal(view.title, undefined);
      assert.equal(view.learner.id, undefined);
      const subject = Object.create({ name: "inherited learner" }) as Record<string, unknown>;
      subject.id = "did:example:1";
      assert.deepEqual(credentialView({ credentialSubject: subject }).learner, {
        id: "did:example:1",
        identifiers: [],
      });
      // A JSON `__proto__` key is an own data property, read like any other unknown key: ignored.
      const parsed = JSON.parse('{"__proto__":{"name":"polluted"},"name":"Real"}') as unknown;
      assert.equal(credentialView(parsed).title, "Real");
      assert.equal(({} as Record<string, unknown>).name, undefined);
    });

    it("cuts huge strings and caps huge lists", () => {
      const huge = "x".repeat(5_000_000);
      const view = credentialView({
        name: huge,
        credentialSubject: {
          result: Array.from({ length: 10_000 }, () => ({ value: huge })),
          achievement: { description: huge },
        },
      });
      assert.equal(view.title?.length, VIEW_LIMITS.text + 1);
      assert.equal(view.achievement.description?.length, VIEW_LIMITS.markdown + 1);
      assert.equal(view.results.length, VIEW_LIMITS.list);
    });

    it("reads non-finite or non-numeric credits as absent and numeric strings as numbers", () => {
      assert.deepEqual(
        credentialView({ credentialSubject: { creditsEarned: "1e999", achievement: { creditsAvailable: "12.5" } } })
          .credits,
        { available: 12.5 },
      );
    });
  });
});
