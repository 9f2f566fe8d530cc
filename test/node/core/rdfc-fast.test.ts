import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import * as rdfCanonize from "rdf-canonize";
import { sha256Utf8Hex } from "../../../core/sha256.ts";
import { canonizeUniqueFirstDegree, type RdfQuad } from "../../../core/rdfc-fast.ts";

const XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";
const iri = (value: string) => ({ termType: "NamedNode", value }) as const;
const blank = (value: string) => ({ termType: "BlankNode", value }) as const;
const literal = (value: string, datatype = XSD_STRING, language?: string) =>
  ({ termType: "Literal", value, datatype: iri(datatype), ...(language !== undefined ? { language } : {}) }) as const;
const DEFAULT = { termType: "DefaultGraph", value: "" } as const;

describe("rdfc-fast", () => {
  describe("canonizeUniqueFirstDegree", () => {
    it("equals rdf-canonize for blank-node trees with hostile literals, IRIs and named graphs", async () => {
      const hostile = fc.string({ unit: "binary", maxLength: 12 });
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              subject: fc.nat(5),
              predicate: fc.constantFrom("http://ex/p", "http://ex/q", "http://ex/a b<>"),
              object: fc.oneof(
                hostile.map((v) => literal(v)),
                hostile.map((v) => literal(v, "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "en-US")),
                hostile.map((v) => literal(v, "http://www.w3.org/2001/XMLSchema#dateTime")),
                fc.nat(5).map((n) => blank(`b${n}`)),
                fc.constantFrom(iri("urn:x"), iri("https://example.org/é?q#f")),
              ),
              graph: fc.constantFrom<RdfQuad["graph"]>(DEFAULT, DEFAULT, blank("g0"), iri("urn:g")),
            }),
            { minLength: 1, maxLength: 14 },
          ),
          async (rows) => {
            const seen = new Set<string>();
            const quads: RdfQuad[] = [];
            for (const r of rows) {
              const quad: RdfQuad = {
                subject: blank(`b${r.subject}`),
                predicate: iri(r.predicate),
                object: r.object,
                graph: r.graph,
              };
              const key = JSON.stringify(quad);
              if (!seen.has(key)) quads.push(quad);
              seen.add(key);
            }
            // Where the fast path declines (blank nodes sharing a first-degree hash), the reference decides alone,
            // and may refuse a graph that needs too many N-degree iterations: nothing to compare.
            const fast = canonizeUniqueFirstDegree(quads, sha256Utf8Hex);
            if (fast !== undefined) assert.equal(fast, await rdfCanonize.canonize(quads, { algorithm: "RDFC-1.0" }));
          },
        ),
        { numRuns: 300 },
      );
    });

    it("declines (undefined) when two blank nodes have the same first-degree hash", () => {
      const quads: RdfQuad[] = [
        { subject: iri("urn:s"), predicate: iri("urn:p"), object: blank("x"), graph: DEFAULT },
        { subject: iri("urn:s"), predicate: iri("urn:p"), object: blank("y"), graph: DEFAULT },
      ];
      assert.equal(canonizeUniqueFirstDegree(quads, sha256Utf8Hex), undefined);
    });

    it("labels blank nodes c14n0… in the order of their first-degree hashes", async () => {
      const quads: RdfQuad[] = [
        { subject: blank("x"), predicate: iri("urn:p"), object: literal("1"), graph: DEFAULT },
        { subject: blank("y"), predicate: iri("urn:p"), object: literal("2"), graph: DEFAULT },
      ];
      const out = canonizeUniqueFirstDegree(quads, sha256Utf8Hex);
      assert.equal(out, await rdfCanonize.canonize(quads, { algorithm: "RDFC-1.0" }));
      assert.match(out, /_:c14n0/);
    });
  });
});
