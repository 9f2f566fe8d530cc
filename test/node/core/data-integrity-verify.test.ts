/**
 * The fast `eddsa-rdfc-2022` verifier (core/data-integrity-verify.ts) against Digital Bazaar's, differentially:
 * for real credentials (both sample cohorts, the golden batches, the OB 3.0 specification's examples signed by
 * us) and many tampered variants of them, `checkDataIntegrity` with the fast verifier gives exactly the outcome it
 * gives with the reference alone (`DataIntegrityProof.verifyProof`), and its verdict is `@digitalbazaar/vc`'s
 * `verifyCredential` verdict. Every variant counts which path answered, so the tests also prove the fast path is
 * what answers for Acredita's own credentials — and that it hands the unusual ones to the reference. Underneath,
 * generated JSON-LD documents get from the template path either exactly the reference's N-Quads or none.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import fc from "fast-check";
import { checkDataIntegrity, type DataIntegrityOutcome } from "../../../core/data-integrity.ts";
import {
  enableFastHashing,
  type JsonObject,
  type JsonValue,
  type LearnerRecord,
  offlineDocumentLoader,
  type VerificationKey,
} from "../../../core/index.ts";
import { createRdfc2022Canonizer } from "../../../core/data-integrity-canonize.ts";
import { base58btc, base58btcDecode } from "../../../core/base58.ts";
import { createEddsaRdfc2022Signer } from "../../../core/data-integrity-sign.ts";
import { createEddsaRdfc2022Verifier, type EddsaRdfc2022Verifier } from "../../../core/data-integrity-verify.ts";
import { nodeEd25519Verify } from "../../../core/node/ed25519-verify.ts";
import {
  createDidKeyIssuer,
  type DidKeyIssuer,
  SAMPLE_COHORTS,
  sampleCohort,
  sampleCredential,
} from "../../helpers/did-key-signing.ts";

const CREATED = "2026-10-01T12:00:00Z";
const EXAMPLES = new URL("../../fixtures/ob3/examples/", import.meta.url);
const GOLDEN = new URL("../../fixtures/golden/", import.meta.url);

/** A signed credential to verify: the document (no anchor proof), its issuer id and the keys an anchor would list. */
interface Case {
  readonly name: string;
  readonly document: JsonObject;
  readonly issuerId: string;
  readonly keys: readonly VerificationKey[];
}

/** A did:web issuer whose key the anchor lists (the keys path, as opposed to did:key). */
interface DidWebIssuer {
  readonly did: string;
  readonly key: VerificationKey;
  sign(document: JsonObject, created?: string): Promise<JsonObject>;
}

let issuer: DidKeyIssuer;
let stranger: DidKeyIssuer;
let web: DidWebIssuer;
let fast: EddsaRdfc2022Verifier;

async function createDidWebIssuer(): Promise<DidWebIssuer> {
  const did = "did:web:ifex.example";
  const keyPair = await Ed25519Multikey.generate({ seed: new Uint8Array(32).fill(11) });
  keyPair.id = `${did}#key-1`;
  keyPair.controller = did;
  const key: VerificationKey = {
    id: keyPair.id,
    type: "Multikey",
    controller: did,
    publicKeyMultibase: keyPair.publicKeyMultibase,
  };
  return {
    did,
    key,
    async sign(document, created = CREATED) {
      const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite, date: created });
      return (await vc.issue({
        credential: structuredClone(document),
        suite,
        documentLoader: offlineDocumentLoader([key]),
      })) as JsonObject;
    },
  };
}

function withIssuer(document: JsonObject, id: string): JsonObject {
  const copy = structuredClone(document);
  if (typeof copy.issuer === "object" && copy.issuer !== null && !Array.isArray(copy.issuer)) copy.issuer.id = id;
  else copy.issuer = id;
  delete copy.proof;
  return copy;
}

function proofsOf(document: JsonObject): JsonObject[] {
  const proof = document.proof;
  return (proof === undefined ? [] : Array.isArray(proof) ? proof : [proof]) as JsonObject[];
}

/** The credential's `issuer.id` (what verify.ts passes as the issuer). */
function issuerIdOf(document: JsonObject): string | undefined {
  const issuer = document.issuer;
  if (typeof issuer === "string") return issuer;
  if (typeof issuer === "object" && issuer !== null && !Array.isArray(issuer) && typeof issuer.id === "string") {
    return issuer.id;
  }
  return undefined;
}

/**
 * `@digitalbazaar/vc`'s verdict, offline, at a time inside the credential's validity, any status accepted; and
 * whether its data-model checks (`_checkCredential`: a `type` member, an issuer URL, …, no signature involved)
 * pass, since they alone can refuse a credential whose signature is valid.
 */
async function vcVerdict(c: Case, document: JsonObject): Promise<{ verified: boolean; modelOk: boolean }> {
  const validFrom = typeof c.document.validFrom === "string" ? Date.parse(c.document.validFrom) : Date.now();
  const now = new Date((Number.isNaN(validFrom) ? Date.now() : validFrom) + 60_000);
  const result = await vc.verifyCredential({
    credential: structuredClone(document),
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: offlineDocumentLoader(c.keys),
    now,
    checkStatus: () => Promise.resolve({ verified: true }),
  });
  let modelOk = true;
  try {
    vc._checkCredential({ credential: structuredClone(document), now });
  } catch {
    modelOk = false;
  }
  return { verified: result.verified, modelOk };
}

const paths = new Map<string, number>();
/** Variants that vc refuses for its data-model checks alone (the signature is not what it judges there). */
const modelRefusals = new Set<string>();

/**
 * Checks `document` (a variant of `c`) with the fast verifier and with the reference alone; asserts the same
 * outcome (including the message) and `vc`'s verdict. Returns the outcome.
 */
async function assertSameVerdict(c: Case, document: JsonObject, label: string): Promise<DataIntegrityOutcome> {
  const before = fast.stats();
  const issuerId = issuerIdOf(document);
  const quick = await checkDataIntegrity(document, issuerId, c.keys, { fastVerifier: fast });
  const after = fast.stats();
  const path = after.verified > before.verified || after.failed > before.failed ? "fast" : "reference";
  paths.set(path, (paths.get(path) ?? 0) + 1);
  const reference = await checkDataIntegrity(document, issuerId, c.keys, { fastVerifier: false });
  assert.deepEqual(quick, reference, `${c.name} / ${label}: fast and reference outcomes differ`);
  const standard = await vcVerdict(c, document);
  if (standard.modelOk) {
    assert.equal(
      quick.outcome === "verified",
      standard.verified,
      `${c.name} / ${label}: vc says ${String(standard.verified)}`,
    );
  } else {
    assert.equal(standard.verified, false);
    modelRefusals.add(label);
  }
  return quick;
}

/** The Data Integrity proof of `document` (the first one). */
function diProof(document: JsonObject): JsonObject {
  return proofsOf(document)[0] as JsonObject;
}

/** `document` with its DI proof replaced by `change(proof)`. */
function withProof(document: JsonObject, change: (proof: JsonObject) => JsonObject): JsonObject {
  return { ...document, proof: [change({ ...diProof(document) })] };
}

/** Replaces the first character of a base58 string by another base58 character. */
function flipFirst(proofValue: string): string {
  return (proofValue.startsWith("z2") ? "z3" : "z2") + proofValue.slice(2);
}

/** A member's value as text (strings as they are). */
function text(value: JsonValue | undefined): string {
  return typeof value === "string" ? value : JSON.stringify(value ?? null);
}

type Mutation = readonly [string, (document: JsonObject) => JsonObject | Promise<JsonObject>];

const at = (document: JsonObject, ...keys: string[]): JsonObject => {
  let node: JsonValue = document;
  for (const key of keys) node = (node as JsonObject)[key] as JsonValue;
  return node as JsonObject;
};

/** Tampered and unusual variants of a signed credential (its DI proof first). */
function mutations(c: Case): Mutation[] {
  const edit = (change: (copy: JsonObject) => void) => (document: JsonObject) => {
    const copy = structuredClone(document);
    change(copy);
    return copy;
  };
  const hasSubject = (d: JsonObject) => typeof d.credentialSubject === "object" && d.credentialSubject !== null;
  return [
    ["untouched", (d) => d],
    // Changed values.
    ["name changed", edit((d) => (d.name = `${text(d.name)} (2)`))],
    ["name trailing space", edit((d) => (d.name = `${text(d.name)} `))],
    ["validFrom changed", edit((d) => (d.validFrom = "2020-01-01T00:00:00Z"))],
    ["id changed", edit((d) => (d.id = "urn:uuid:00000000-0000-4000-8000-00000000ffff"))],
    ["id removed", edit((d) => delete d.id)],
    ["issuer name changed", edit((d) => typeof d.issuer === "object" && ((d.issuer as JsonObject).name = "Other"))],
    ["a subject value changed", edit((d) => hasSubject(d) && ((d.credentialSubject as JsonObject).extra = "x"))],
    [
      "achievement name changed",
      edit((d) => {
        const subject = d.credentialSubject as JsonObject;
        const achievement = subject.achievement as JsonObject | undefined;
        if (achievement !== undefined) achievement.name = `${text(achievement.name)}.`;
      }),
    ],
    [
      "a number changed",
      edit((d) => {
        const subject = d.credentialSubject as JsonObject;
        subject.creditsEarned = typeof subject.creditsEarned === "number" ? subject.creditsEarned + 1 : 1;
      }),
    ],
    ["an integer written as a float", edit((d) => ((d.credentialSubject as JsonObject).creditsEarned = 4.5))],
    // Unicode: the same text in another normalization form, an invisible character, a look-alike.
    [
      "name in NFD",
      edit((d) => (d.name = text(d.name).normalize("NFD") + (/[^ -~]/.test(text(d.name)) ? "" : "é".normalize("NFD")))),
    ],
    ["name with a zero-width joiner", edit((d) => (d.name = `${text(d.name)}\u200d`))],
    ["name with a Cyrillic look-alike", edit((d) => (d.name = text(d.name).replace(/a/, "\u0430")))],
    ["name with control characters", edit((d) => (d.name = `${text(d.name)}\u0000\n"\\`))],
    // Reordering: object members (no effect on RDF), sets (no effect), type order.
    ["members reversed", (d) => Object.fromEntries(Object.entries(d).reverse())],
    ["type reversed", edit((d) => Array.isArray(d.type) && d.type.reverse())],
    [
      "identifiers reversed",
      edit((d) => {
        const subject = d.credentialSubject as JsonObject;
        if (Array.isArray(subject.identifier)) subject.identifier.reverse();
      }),
    ],
    [
      "identifier duplicated",
      edit((d) => {
        const subject = d.credentialSubject as JsonObject;
        if (Array.isArray(subject.identifier))
          subject.identifier.push(structuredClone(subject.identifier[0]) as JsonValue);
      }),
    ],
    // Types.
    ["type without OpenBadgeCredential", edit((d) => (d.type = ["VerifiableCredential"]))],
    ["type AchievementCredential added", edit((d) => (d.type = [...(d.type as string[]), "AchievementCredential"]))],
    ["type as a string", edit((d) => (d.type = "VerifiableCredential"))],
    // Unknown terms and unusual JSON-LD.
    ["an undefined term added", edit((d) => (d.undefinedTerm = "x"))],
    ["an IRI-named member added", edit((d) => (d["https://example.org/ext#a"] = "x"))],
    ["@id instead of id", (d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k === "id" ? "@id" : k, v]))],
    [
      "@type instead of type",
      (d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [k === "type" ? "@type" : k, v])),
    ],
    [
      "a nested @context",
      edit((d) => ((d.credentialSubject as JsonObject)["@context"] = { extra: "https://example.org/extra" })),
    ],
    ["an @graph member", edit((d) => (d["@graph"] = []))],
    [
      "a __proto__ member",
      (d) => JSON.parse(`{"__proto__": {"name": "x"}, ${JSON.stringify(d).slice(1)}`) as JsonObject,
    ],
    ["a relative id", edit((d) => (d.id = "relative/id"))],
    ["a blank-node id", edit((d) => (d.id = "_:b0"))],
    ["id equal to the issuer's (merged nodes)", edit((d) => (d.id = c.issuerId))],
    [
      "a compact IRI beside the same IRI in full, re-signed (one quad)",
      async (d) => {
        if (c.issuerId !== issuer.did) throw new Error("signed by another key");
        const extended = {
          ...withIssuer(d, c.issuerId),
          microcredential: ["acredita:x", "https://w3id.org/acredita/vocab#x"],
        };
        return issuer.referenceIssue(extended, CREATED);
      },
    ],
    // Contexts.
    ["a context removed", edit((d) => (d["@context"] = (d["@context"] as string[]).slice(0, -1)))],
    ["contexts reordered", edit((d) => (d["@context"] = [...(d["@context"] as string[])].reverse()))],
    [
      "an unknown context added",
      edit((d) => (d["@context"] = [...(d["@context"] as string[]), "https://example.org/ctx"])),
    ],
    [
      "an inline context added",
      edit((d) => (d["@context"] = [...(d["@context"] as string[]), { extra: "https://example.org/extra" }])),
    ],
    ["context as a string", edit((d) => (d["@context"] = "https://www.w3.org/ns/credentials/v2"))],
    [
      "Acredita's context added",
      edit((d) => {
        const contexts = d["@context"] as string[];
        if (!contexts.includes("https://w3id.org/acredita/v2"))
          d["@context"] = [...contexts, "https://w3id.org/acredita/v2"];
      }),
    ],
    // Proof fields.
    ["created a second later", (d) => withProof(d, (p) => ({ ...p, created: "2026-10-01T12:00:01Z" }))],
    [
      "created with milliseconds",
      (d) => withProof(d, (p) => ({ ...p, created: `${text(p.created).slice(0, -1)}.000Z` })),
    ],
    ["created not a date", (d) => withProof(d, (p) => ({ ...p, created: "2026-13-45T99:00:00Z" }))],
    [
      "created removed",
      (d) => withProof(d, (p) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== "created"))),
    ],
    ["proofValue changed", (d) => withProof(d, (p) => ({ ...p, proofValue: flipFirst(text(p.proofValue)) }))],
    ["proofValue truncated", (d) => withProof(d, (p) => ({ ...p, proofValue: text(p.proofValue).slice(0, -2) }))],
    [
      "proofValue not base58",
      (d) => withProof(d, (p) => ({ ...p, proofValue: `${text(p.proofValue).slice(0, -1)}0` })),
    ],
    ["proofValue as base64url", (d) => withProof(d, (p) => ({ ...p, proofValue: `u${text(p.proofValue).slice(1)}` }))],
    [
      "proofValue removed",
      (d) => withProof(d, (p) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== "proofValue"))),
    ],
    ["proofPurpose authentication", (d) => withProof(d, (p) => ({ ...p, proofPurpose: "authentication" }))],
    ["proof id added", (d) => withProof(d, (p) => ({ id: "urn:uuid:proof", ...p }))],
    ["proof expires added", (d) => withProof(d, (p) => ({ ...p, expires: "2099-01-01T00:00:00Z" }))],
    [
      "proof @context added",
      (d) => withProof(d, (p) => ({ "@context": "https://www.w3.org/ns/credentials/v2", ...p })),
    ],
    ["proof members reordered", (d) => withProof(d, (p) => Object.fromEntries(Object.entries(p).reverse()))],
    ["cryptosuite changed", (d) => withProof(d, (p) => ({ ...p, cryptosuite: "eddsa-jcs-2022" }))],
    ["proof type changed", (d) => withProof(d, (p) => ({ ...p, type: "Ed25519Signature2020" }))],
    ["proof as an object", (d) => ({ ...d, proof: diProof(d) })],
    // Keys.
    ["a stranger's key named", (d) => withProof(d, (p) => ({ ...p, verificationMethod: stranger.verificationMethod }))],
    [
      "signed by a stranger, naming the issuer's key",
      async (d) => {
        const resigned = await stranger.referenceIssue(withIssuer(d, c.issuerId), CREATED);
        return withProof(d, (p) => ({ ...p, proofValue: diProof(resigned).proofValue as string }));
      },
    ],
    ["signed by a stranger as the issuer", async (d) => stranger.referenceIssue(withIssuer(d, stranger.did), CREATED)],
    [
      "issuer changed to the stranger's DID",
      edit((d) => {
        if (typeof d.issuer === "object") (d.issuer as JsonObject).id = stranger.did;
        else d.issuer = stranger.did;
      }),
    ],
  ];
}

const cases: Case[] = [];

before(async () => {
  await enableFastHashing();
  issuer = await createDidKeyIssuer();
  stranger = await createDidKeyIssuer();
  web = await createDidWebIssuer();
  // Templates built at a shape's first sighting, so that every check below exercises the fast path.
  fast = createEddsaRdfc2022Verifier({ buildOnSighting: 1 });
  const signer = createEddsaRdfc2022Signer({ signer: issuer.signer, documentLoader: issuer.documentLoader });
  for (const cohort of SAMPLE_COHORTS) {
    const { course, learners } = sampleCohort(cohort, issuer.did);
    for (const [index, learner] of learners.entries()) {
      const credential = sampleCredential(course, learner, index);
      cases.push({
        name: `${cohort} #${String(index)}`,
        document: await signer.issue(credential, { created: CREATED }),
        issuerId: issuer.did,
        keys: [],
      });
    }
    const { course: webCourse, learners: webLearners } = sampleCohort(cohort, web.did);
    cases.push({
      name: `${cohort} (did:web)`,
      document: await web.sign(sampleCredential(webCourse, webLearners[0] as LearnerRecord, 0)),
      issuerId: web.did,
      keys: [web.key],
    });
  }
  for (const file of readdirSync(GOLDEN).filter((f) => f.endsWith(".json"))) {
    const golden = JSON.parse(readFileSync(new URL(file, GOLDEN), "utf8")) as { credentials?: JsonObject[] };
    for (const [index, credential] of (golden.credentials ?? []).entries()) {
      const proofs = proofsOf(credential).filter((p) => p.type === "DataIntegrityProof");
      if (proofs.length === 0) continue;
      const issuerId = (credential.issuer as JsonObject).id as string;
      cases.push({
        name: `golden ${file} #${String(index)}`,
        document: { ...credential, proof: proofs },
        issuerId,
        keys: [],
      });
    }
  }
  for (const file of readdirSync(EXAMPLES).sort()) {
    const example = JSON.parse(readFileSync(new URL(file, EXAMPLES), "utf8")) as JsonObject;
    let document: JsonObject;
    try {
      document = await issuer.referenceIssue(withIssuer(example, issuer.did), CREATED);
    } catch {
      // The reference cannot sign it (a context that is not bundled): keep it, with a proof copied from another
      // credential, as a case the reference must refuse.
      document = { ...withIssuer(example, issuer.did), proof: [diProof(cases[0]?.document as JsonObject)] };
    }
    cases.push({ name: `example ${file}`, document, issuerId: issuer.did, keys: [] });
  }
});

describe("data-integrity-verify", () => {
  it("verifies every sample, golden and signed OB 3.0 example credential as the reference and vc do", async () => {
    const outcomes = new Map<string, number>();
    for (const c of cases) {
      const outcome = await assertSameVerdict(c, c.document, "as signed");
      outcomes.set(outcome.outcome, (outcomes.get(outcome.outcome) ?? 0) + 1);
    }
    // Every example the reference could sign verifies; the three with the unbundled examples context fail.
    assert.equal(outcomes.get("failed"), 3, JSON.stringify([...outcomes]));
    assert.equal(outcomes.get("none"), undefined);
    assert.ok((outcomes.get("verified") ?? 0) >= cases.length - 3);
  });

  it("answers on the fast path for Acredita's own credentials (both cohorts, did:key and did:web, golden)", async () => {
    let answered = 0;
    for (const c of cases.filter((x) => !x.name.startsWith("example"))) {
      const proof = diProof(c.document);
      const method = (await offlineDocumentLoader(c.keys)(proof.verificationMethod as string)).document;
      const unsigned = { ...c.document };
      delete unsigned.proof;
      const outcome = await fast.verify(unsigned, proof, method);
      assert.equal(outcome.kind, "verified", `${c.name}: ${JSON.stringify(outcome)}`);
      answered++;
    }
    assert.ok(answered >= 20, `only ${String(answered)} credentials`);
  });

  it("gives the reference's and vc's verdict for every tampered or unusual variant", async () => {
    paths.clear();
    modelRefusals.clear();
    // Every variant of a few credentials of each kind: a cohort credential of each cohort, a did:web one, a golden
    // one, and OB 3.0 examples (basic; skill assertion; one whose context is not bundled). The complete example
    // (embedded endorsements, each with its own @context) goes to the reference as a whole: checked as signed only.
    const examples = ["basicOpenBadgeCredential", "skillAssertionCtdl", "readme__Sample"];
    const chosen = [
      cases.find((c) => c.name.startsWith(`${SAMPLE_COHORTS[0]} #`)),
      cases.find((c) => c.name.startsWith(`${SAMPLE_COHORTS[1]} #`)),
      cases.find((c) => c.name.endsWith("(did:web)")),
      cases.find((c) => c.name.startsWith("golden")),
      ...examples.map((e) => cases.find((c) => c.name.startsWith("example") && c.name.includes(e))),
    ].filter((c): c is Case => c !== undefined);
    assert.equal(chosen.length, 7);
    let variants = 0;
    let verified = 0;
    for (const c of chosen) {
      for (const [label, mutate] of mutations(c)) {
        let variant: JsonObject;
        try {
          variant = await mutate(structuredClone(c.document));
        } catch {
          continue; // the reference cannot sign this variant (a context or prefix it lacks, another issuer's key)
        }
        const outcome = await assertSameVerdict(c, variant, label);
        variants++;
        if (outcome.outcome === "verified") verified++;
      }
    }
    // vc refused these for its data-model checks alone (vc reads `type`, wants its context first, and the moved
    // validFrom lies after the verification time of some examples); every other verdict was compared.
    const expectedModelRefusals = [
      "@type instead of type",
      "contexts reordered",
      "context as a string",
      "validFrom changed",
    ];
    assert.deepEqual(
      [...modelRefusals].filter((label) => !expectedModelRefusals.includes(label)),
      [],
    );
    // Both paths were exercised, and some variants (reordered members, sets, @id for id) still verify.
    assert.ok((paths.get("fast") ?? 0) > variants / 3, JSON.stringify([...paths]));
    assert.ok((paths.get("reference") ?? 0) > variants / 10, JSON.stringify([...paths]));
    assert.ok(verified > chosen.length * 3, `only ${String(verified)} variants verified`);
  });

  it("agrees with the reference and vc on random edits, re-signed or not", async () => {
    const base = cases.find((c) => c.name.startsWith(`${SAMPLE_COHORTS[1]} #`)) as Case;
    const strings = (value: JsonValue, path: string[] = []): string[][] => {
      if (typeof value === "string") return [path];
      if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...path, String(i)]));
      if (value !== null && typeof value === "object") {
        return Object.entries(value).flatMap(([k, v]) => (k === "proof" ? [] : strings(v, [...path, k])));
      }
      return [];
    };
    const leaves = strings(base.document);
    const hostile = fc.oneof(
      fc.string({ unit: "binary", maxLength: 12 }),
      fc.constantFrom("", " ", "é", "e\u0301", "\u2028", "_:b0", "relative", "@id", "assertionMethod", "xsd:string"),
      fc.constantFrom("urn:uuid:1", "https://example.org/a?b#c", "did:key:z6Mk", "https://example.org/a b"),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(leaves.length - 1), hostile, fc.boolean(), async (which, value, resign) => {
        const path = leaves[which] as string[];
        const document = structuredClone(base.document);
        const parent = at(document, ...path.slice(0, -1));
        (parent as Record<string, JsonValue>)[path.at(-1) as string] = value;
        let variant = document;
        if (resign) {
          try {
            variant = await issuer.referenceIssue(withIssuer(document, base.issuerId), CREATED);
          } catch {
            // The reference cannot sign it; then the tampered document is the variant.
          }
        }
        await assertSameVerdict(
          base,
          variant,
          `${path.join("/")} = ${JSON.stringify(value)}${resign ? " (re-signed)" : ""}`,
        );
      }),
      { numRuns: 60 },
    );
  });

  it("with Node's key-once Ed25519 check, gives the Multikey verifier's outcome for signed and tampered proofs", async () => {
    const keyOnce = createEddsaRdfc2022Verifier({ buildOnSighting: 1, ed25519: nodeEd25519Verify });
    let compared = 0;
    for (const c of cases.filter((x) => !x.name.startsWith("example"))) {
      const proof = diProof(c.document);
      const signature = base58btcDecode(text(proof.proofValue).slice(1)) as Uint8Array;
      const flipped = Uint8Array.from(signature, (b, i) => (i === 7 ? b ^ 1 : b));
      const unsigned = { ...c.document };
      delete unsigned.proof;
      for (const variant of [proof, { ...proof, proofValue: `z${base58btc(flipped)}` }]) {
        const method = (await offlineDocumentLoader(c.keys)(variant.verificationMethod as string)).document;
        const expected = await fast.verify(unsigned, variant, method);
        assert.deepEqual(await keyOnce.verify(unsigned, variant, method), expected, c.name);
        compared++;
      }
      // A stranger's key: the signature does not match it.
      const strangerMethod = (await offlineDocumentLoader()(stranger.verificationMethod)).document;
      assert.equal((await keyOnce.verify(unsigned, proof, strangerMethod)).kind, "failed", c.name);
    }
    assert.ok(compared >= 40, `only ${String(compared)} proofs compared`);
    assert.throws(() => nodeEd25519Verify(new Uint8Array(31)), /32 bytes/);
  });

  it("verifies on the fast path a credential whose compact and full IRIs make one quad, as the reference", async () => {
    const signed = await issuer.referenceIssue(
      {
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/acredita/v2"],
        id: "urn:uuid:6a3e6f1e-0000-4000-8000-000000000002",
        type: ["VerifiableCredential"],
        issuer: issuer.did,
        credentialSubject: { id: "did:example:learner" },
        microcredential: ["acredita:x", "https://w3id.org/acredita/vocab#x"],
      },
      CREATED,
    );
    const c: Case = { name: "one quad", document: signed, issuerId: issuer.did, keys: [] };
    const before = fast.stats().verified;
    assert.equal((await assertSameVerdict(c, signed, "as signed")).outcome, "verified");
    assert.equal(fast.stats().verified, before + 1, "the fast path answered");
  });

  it("by default checks a lone credential with the reference alone, and builds templates from the second on", async () => {
    const verifier = createEddsaRdfc2022Verifier();
    const [first, second, third] = cases.filter((c) => c.name.startsWith(`${SAMPLE_COHORTS[1]} #`));
    assert.ok(first !== undefined && second !== undefined && third !== undefined);
    const kinds: string[] = [];
    for (const c of [first, second, third]) {
      const outcome = await checkDataIntegrity(c.document, c.issuerId, c.keys, { fastVerifier: verifier });
      assert.equal(outcome.outcome, "verified");
      kinds.push(`${String(verifier.stats().unsupported)}/${String(verifier.stats().verified)}`);
      if (c === first) assert.equal(verifier.stats().canonicalizations.probes, 0, "no probe for a lone credential");
    }
    // unsupported/verified after each: the first went to the reference, the next two were answered fast.
    assert.deepEqual(kinds, ["1/0", "1/1", "1/2"]);
  });

  it("canonicalizes generated JSON-LD documents exactly as the reference, or not at all", async () => {
    // The property the fast verdicts rest on: for documents the fast verifier takes (bundled contexts, no keyword
    // members), the template path's N-Quads are the reference's, and a document the reference rejects gets none.
    const canonizer = createRdfc2022Canonizer({ documentLoader: offlineDocumentLoader() });
    const reference = createRdfc2022Canonizer({ documentLoader: offlineDocumentLoader(), fastPath: false });
    // Nodes of a type, with the terms that type's scoped context defines (and a few global or undefined ones).
    const vocabulary: Record<string, string[]> = {
      "": ["id", "name", "description", "relatedResource", "acredita:extra", "https://example.org/ext#a"],
      Achievement: ["id", "name", "achievementType", "alignment", "criteria", "creditsAvailable", "microcredential"],
      AchievementSubject: ["id", "identifier", "achievement", "result", "creditsEarned", "name"],
      IdentityObject: ["identityType", "hashed", "identityHash"],
      Result: ["value", "resultDescription"],
      Alignment: ["targetUrl", "targetName", "targetCode"],
      MicroCredentialProfile: ["learningOutcomes", "workloadHours", "language", "ects"],
      DataIntegrityProof: ["proofPurpose", "verificationMethod", "created", "cryptosuite"],
      Profile: ["id", "name", "url", "address"],
    };
    const typeNames = Object.keys(vocabulary).filter((t) => t !== "");
    // Mostly values the reference accepts in some position, some it refuses or that play tricks.
    const strings = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom(
          "https://example.org/a",
          "https://example.org/b",
          "urn:uuid:1",
          "did:key:z6Mkf",
          "acredita:x",
          "https://w3id.org/acredita/vocab#x",
          "xsd:string",
          "http://www.w3.org/2001/XMLSchema#string",
          "assertionMethod",
          "Achievement",
          "2026-01-01T00:00:00Z",
          "MicroCredential",
          "ext:thing",
          "10.0",
          "urn:acredita-probe-1-x",
        ),
      },
      {
        weight: 1,
        arbitrary: fc.oneof(
          fc.constantFrom(
            "_:b0",
            "_:b1",
            "",
            "relative",
            "@id",
            "@type",
            "authentication",
            "VerifiableCredential",
            "e\u0301",
            "a b",
            "https://example.org/a b",
          ),
          fc.string({ maxLength: 6 }),
        ),
      },
    );
    const leaf = fc.oneof(strings, strings, strings, fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constant(1.5));
    const iri = fc.constantFrom(
      "https://example.org/a",
      "urn:uuid:1",
      "did:key:z6Mkf",
      "acredita:x",
      "_:b0",
      "relative",
    );
    const { node } = fc.letrec((tie) => ({
      node: fc.constantFrom("", ...typeNames).chain((type) =>
        fc
          .shuffledSubarray([...new Set([...(vocabulary[type] as string[]), ...(vocabulary[""] as string[])])], {
            maxLength: 4,
          })
          .chain((keys) =>
            fc.tuple(...keys.map((key) => (key === "id" ? iri : tie("value")))).map((values) => ({ keys, values })),
          )
          .map(({ keys, values }): JsonObject => {
            const members = Object.fromEntries(keys.map((key, i) => [key, values[i] as JsonValue]));
            return type === "" ? members : { type, ...members };
          }),
      ),
      value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        leaf,
        tie("node"),
        fc.array(fc.oneof(leaf, tie("node")), { maxLength: 3 }),
      ),
    }));
    const contexts = fc.constantFrom(
      ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "https://w3id.org/acredita/v2"],
      [
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
        "https://w3id.org/acredita/v2",
      ],
      ["https://w3id.org/acredita/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
      ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    );
    let compared = 0;
    let refused = 0;
    let acceptedByReference = 0;
    await fc.assert(
      fc.asyncProperty(contexts, node, async (extra, body) => {
        const document = { "@context": ["https://www.w3.org/ns/credentials/v2", ...extra], ...body };
        let expected: string | undefined;
        try {
          expected = (await reference.canonize(document)).nquads;
        } catch {
          expected = undefined;
        }
        let fast: string | undefined;
        try {
          fast = (await canonizer.canonizeByTemplate(document))?.nquads;
        } catch {
          fast = undefined; // the fast verifier then hands the proof to the reference
        }
        if (fast === undefined) {
          refused++;
          if (expected !== undefined) acceptedByReference++;
          return;
        }
        compared++;
        assert.equal(fast, expected, JSON.stringify(document));
      }),
      { numRuns: Number(process.env.ACREDITA_FUZZ_RUNS ?? 150) },
    );
    if (process.env.ACREDITA_TEST_VERBOSE) console.log({ compared, refused, acceptedByReference });
    assert.ok(
      compared > 30 && refused > 10,
      `compared ${String(compared)}, refused ${String(refused)} (${String(acceptedByReference)} of them accepted by the reference)`,
    );
  });

  it("hands to the reference what it cannot prove it handles (nested context, keyword members, extra proof members)", async () => {
    const c = cases[0] as Case;
    const proof = diProof(c.document);
    const method = (await offlineDocumentLoader()(proof.verificationMethod as string)).document;
    const unsigned = { ...c.document };
    delete unsigned.proof;
    const cases2: [string, JsonObject, JsonObject][] = [
      [
        "nested @context",
        { ...unsigned, credentialSubject: { "@context": {}, ...(unsigned.credentialSubject as JsonObject) } },
        proof,
      ],
      [
        "__proto__ member",
        JSON.parse(`{"__proto__": {"name": "x"}, ${JSON.stringify(unsigned).slice(1)}`) as JsonObject,
        proof,
      ],
      ["@id member", Object.fromEntries(Object.entries(unsigned).map(([k, v]) => [k === "id" ? "@id" : k, v])), proof],
      [
        "foreign context",
        { ...unsigned, "@context": [...(unsigned["@context"] as string[]), "https://example.org/c"] },
        proof,
      ],
      ["VC 2.0 not first", { ...unsigned, "@context": [...(unsigned["@context"] as string[])].reverse() }, proof],
      ["proof id", unsigned, { id: "urn:x", ...proof }],
      ["proof expires", unsigned, { ...proof, expires: "2030-01-01T00:00:00Z" }],
      ["created out of the plain form", unsigned, { ...proof, created: "2026-10-01T12:00:00" + "+24:00" }],
      ["base64url proofValue", unsigned, { ...proof, proofValue: `u${text(proof.proofValue).slice(1)}` }],
      ["non-canonical base58 proofValue", unsigned, { ...proof, proofValue: `z1${text(proof.proofValue).slice(1)}` }],
    ];
    for (const [label, document, p] of cases2) {
      const outcome = await fast.verify(document, p, method);
      assert.equal(outcome.kind, "unsupported", `${label}: ${JSON.stringify(outcome)}`);
    }
    assert.equal((await fast.verify(unsigned, proof, method)).kind, "verified");
  });

  it("decodes base58btc as the inverse of its encoding", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        assert.deepEqual(base58btcDecode(base58btc(bytes)), bytes);
      }),
    );
    assert.equal(base58btcDecode("0OIl"), undefined);
    assert.deepEqual(base58btcDecode("112"), new Uint8Array([0, 0, 1]));
  });
});
