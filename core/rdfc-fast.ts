/**
 * RDF Dataset Canonicalization (RDFC-1.0, https://www.w3.org/TR/rdf-canon/) for the common case only: every
 * blank node has a unique first-degree hash. Then the algorithm ends at its step 5 ("issue canonical identifiers
 * in hash order") and needs none of the n-degree machinery. For any other dataset {@link canonizeUniqueFirstDegree}
 * returns `undefined` and the caller must use a complete implementation (Digital Bazaar's `rdf-canonize`).
 *
 * The quads use the RDF/JS term shape `rdf-canonize` and `jsonld` use, and the N-Quads serialization mirrors
 * `rdf-canonize` 5 character for character (its escaping of literals and IRIs, its `_:a`/`_:z` substitution in
 * first-degree hashing, its UTF-16 code-unit sort), so that both produce the same bytes. Differential tests
 * (test/node/core/rdfc-fast.test.ts) hold the two together.
 */

/** An IRI. */
export interface NamedNodeTerm {
  readonly termType: "NamedNode";
  readonly value: string;
}
/** A blank node; `value` is its label without `_:`. */
export interface BlankNodeTerm {
  readonly termType: "BlankNode";
  readonly value: string;
}
/** A literal; `language` is set only for `rdf:langString`. */
export interface LiteralTerm {
  readonly termType: "Literal";
  readonly value: string;
  readonly datatype: NamedNodeTerm;
  readonly language?: string;
}
/** The default graph. */
export interface DefaultGraphTerm {
  readonly termType: "DefaultGraph";
  readonly value: "";
}
export type RdfTerm = NamedNodeTerm | BlankNodeTerm | LiteralTerm | DefaultGraphTerm;

/** One quad of an RDF dataset (RDF/JS shape). */
export interface RdfQuad {
  readonly subject: NamedNodeTerm | BlankNodeTerm;
  readonly predicate: NamedNodeTerm;
  readonly object: NamedNodeTerm | BlankNodeTerm | LiteralTerm;
  readonly graph: NamedNodeTerm | BlankNodeTerm | DefaultGraphTerm;
}

/** SHA-256 of the UTF-8 bytes of a string, as lowercase hex. */
export type Sha256Hex = (text: string) => string;

const RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
const XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";

// Escapes exactly as rdf-canonize 5's NQuads.js: UCHAR for C0 controls and DEL, ECHAR for \b \t \n \f \r " \.
// (Control characters are what these patterns are about.)
/* eslint-disable no-control-regex */
const LITERAL_ESCAPE = /[\u0000-\u001F\u007F"\\]/g;
const LITERAL_ESCAPE_TEST = /[\u0000-\u001F\u007F"\\]/;
const IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/g;
const IRI_ESCAPE_TEST = /[\u0000-\u0020<>"{}|^`\\]/;
/* eslint-enable no-control-regex */
const ECHAR: Record<string, string> = { "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r" };
ECHAR['"'] = '\\"';
ECHAR["\\"] = "\\\\";

function uchar(c: string): string {
  return "\\u" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
}

/** A string as the inside of an N-Quads literal (rdf-canonize's escaping). */
export function escapeLiteral(s: string): string {
  if (!LITERAL_ESCAPE_TEST.test(s)) return s;
  return s.replace(LITERAL_ESCAPE, (c) => ECHAR[c] ?? uchar(c));
}

/** An IRI as the inside of `<…>` in N-Quads (rdf-canonize's escaping). */
export function escapeIri(s: string): string {
  if (!IRI_ESCAPE_TEST.test(s)) return s;
  return s.replace(IRI_ESCAPE, uchar);
}

/** The serialized form of a literal after its quoted value: `@lang`, `^^<datatype>` or nothing (xsd:string). */
export function literalSuffix(term: LiteralTerm): string {
  if (term.datatype.value === RDF_LANGSTRING) return term.language ? `@${term.language}` : "";
  if (term.datatype.value !== XSD_STRING) return `^^<${escapeIri(term.datatype.value)}>`;
  return "";
}

/** One term as N-Quads, blank nodes relabelled by `label`. */
function termText(term: RdfTerm, label: (id: string) => string): string {
  switch (term.termType) {
    case "NamedNode":
      return `<${escapeIri(term.value)}>`;
    case "BlankNode":
      return `_:${label(term.value)}`;
    case "Literal":
      return `"${escapeLiteral(term.value)}"${literalSuffix(term)}`;
    case "DefaultGraph":
      return "";
  }
}

/** One quad as an N-Quads line (with its newline), blank nodes relabelled by `label`. */
export function serializeQuad(quad: RdfQuad, label: (id: string) => string = (id) => id): string {
  const graph = quad.graph.termType === "DefaultGraph" ? "" : ` ${termText(quad.graph, label)}`;
  return `${termText(quad.subject, label)} <${escapeIri(quad.predicate.value)}> ${termText(quad.object, label)}${graph} .\n`;
}

/**
 * A quad with its terms already written as N-Quads, blank nodes kept apart for relabelling: `s`, `o` and `g` hold
 * the term text (`<iri>`, `"literal"^^<type>`; `g` is "" for the default graph) or, when the matching `*Blank`
 * flag is set, the blank node's label without `_:`. `p` is the predicate's text.
 */
export interface NQuad {
  readonly s: string;
  readonly sBlank: boolean;
  readonly p: string;
  readonly o: string;
  readonly oBlank: boolean;
  readonly g: string;
  readonly gBlank: boolean;
}

/** The N-Quads form of an RDF/JS quad. */
export function toNQuad(quad: RdfQuad): NQuad {
  const text = (term: RdfTerm): string => termText(term, (id) => id);
  return {
    s: quad.subject.termType === "BlankNode" ? quad.subject.value : text(quad.subject),
    sBlank: quad.subject.termType === "BlankNode",
    p: `<${escapeIri(quad.predicate.value)}>`,
    o: quad.object.termType === "BlankNode" ? quad.object.value : text(quad.object),
    oBlank: quad.object.termType === "BlankNode",
    g: quad.graph.termType === "BlankNode" ? quad.graph.value : text(quad.graph),
    gBlank: quad.graph.termType === "BlankNode",
  };
}

/** One N-Quads line (with its newline), blank nodes relabelled by `label`. */
export function nquadLine(q: NQuad, label: (id: string) => string): string {
  const s = q.sBlank ? `_:${label(q.s)}` : q.s;
  const o = q.oBlank ? `_:${label(q.o)}` : q.o;
  if (q.g === "") return `${s} ${q.p} ${o} .\n`;
  return `${s} ${q.p} ${o} ${q.gBlank ? `_:${label(q.g)}` : q.g} .\n`;
}

/**
 * The canonical N-Quads of `quads` (RDFC-1.0 with SHA-256) when every blank node's first-degree hash is unique;
 * `undefined` otherwise (then only the full algorithm may label them). `quads` must hold no repeated quad.
 *
 * Steps (RDFC-1.0 §4.4.3): for each blank node, hash the sorted N-Quads of the quads that mention it, with itself
 * written `_:a` and every other blank node `_:z`; when all hashes differ, issue `c14n0`, `c14n1`, … in the
 * code-unit order of the hashes; relabel, serialize and sort the quads.
 */
export function canonizeUniqueFirstDegree(
  quads: readonly (RdfQuad | NQuad)[],
  sha256Hex: Sha256Hex,
): string | undefined {
  const list = quads.map((q) => ("subject" in q ? toNQuad(q) : q));
  const mentions = new Map<string, NQuad[]>();
  const note = (id: string, quad: NQuad): void => {
    const known = mentions.get(id);
    if (known === undefined) mentions.set(id, [quad]);
    else if (known[known.length - 1] !== quad) known.push(quad);
  };
  for (const quad of list) {
    if (quad.sBlank) note(quad.s, quad);
    if (quad.oBlank) note(quad.o, quad);
    if (quad.gBlank) note(quad.g, quad);
  }

  const byHash = new Map<string, string>();
  for (const [id, mentioning] of mentions) {
    const label = (other: string): string => (other === id ? "a" : "z");
    const lines = mentioning.map((quad) => nquadLine(quad, label));
    if (lines.length > 1) lines.sort();
    const hash = sha256Hex(lines.length === 1 ? (lines[0] as string) : lines.join(""));
    if (byHash.has(hash)) return undefined;
    byHash.set(hash, id);
  }

  const canonical = new Map<string, string>();
  for (const hash of [...byHash.keys()].sort()) canonical.set(byHash.get(hash) as string, `c14n${canonical.size}`);
  const relabel = (id: string): string => canonical.get(id) as string;
  const lines = list.map((quad) => nquadLine(quad, relabel));
  lines.sort();
  return lines.join("");
}
