/**
 * A JSON-LD document's quads as a template (jsonld-template.ts): the quads the reference gave for a probe document,
 * each probe value marked as a slot (an IRI or a literal), then filled with a document's strings — refused when
 * the fill could differ from the reference (an IRI slot that is a context term, two nodes sharing an IRI), and
 * with repeated quads removed, as `toRDF` does.
 */
import type { LiteralTerm, NamedNodeTerm, NQuad, RdfQuad, RdfTerm } from "./rdfc-fast.ts";
import { escapeIri, escapeLiteral, literalSuffix, nquadLine, toNQuad } from "./rdfc-fast.ts";
import { PROBE_FIND, PROBE_MARK, probeValue } from "./jsonld-shape.ts";

/** What a template-based conversion did: the quads, or why the reference must be used. */
export type TemplateResult =
  | { readonly kind: "quads"; readonly quads: NQuad[]; readonly rdf: () => RdfQuad[] }
  | { readonly kind: "unsupported"; readonly reason: string };

type SlotTerm =
  | { readonly kind: "fixed"; readonly term: RdfTerm }
  | { readonly kind: "iri"; readonly slot: number }
  | { readonly kind: "literal"; readonly slot: number; readonly datatype: NamedNodeTerm; readonly language?: string };

interface QuadTemplate {
  readonly s: SlotTerm;
  readonly p: SlotTerm;
  readonly o: SlotTerm;
  readonly g: SlotTerm;
}

/** A quad's term as the fill writes it: fixed N-Quads text or blank label, or a slot's IRI or literal. */
interface PartTemplate {
  /** 0 fixed text, 1 fixed blank node, 2 IRI slot, 3 literal slot. */
  readonly kind: 0 | 1 | 2 | 3;
  /** Kind 0: the term's text; 1: the blank node's label; 3: the literal's suffix (`@lang`, `^^<type>`). */
  readonly text: string;
  readonly slot: number;
}

interface NQuadTemplate {
  readonly s: PartTemplate;
  readonly p: string;
  readonly o: PartTemplate;
  readonly g: PartTemplate;
}

export interface Template {
  readonly quads: readonly QuadTemplate[];
  readonly nquads: readonly NQuadTemplate[];
  /**
   * Groups of quads (indexes, in order) that could come out equal once filled: repeats are looked for within
   * each group only. Quads of different groups differ in a blank node, the predicate, or a term's kind.
   */
  readonly repeatGroups: readonly (readonly number[])[];
  /** Slots that name a subject or a graph: their values must differ from each other and from `fixedNodes`. */
  readonly nodeSlots: readonly number[];
  readonly fixedNodes: ReadonlySet<string>;
  /** Slots used as IRIs: their values must not be terms of a loaded context. */
  readonly iriSlots: readonly number[];
  /** Terms containing a colon defined anywhere in the loaded contexts. */
  readonly colonTerms: ReadonlySet<string>;
}

export interface Analysis {
  /** Indexes of strings whose probe value did not come out cleanly. */
  readonly unclean: Set<number>;
  readonly template: Template;
}

/** Marks probe values in the probe's quads and lists the strings whose probe did not come out cleanly. */
export function analyse(
  quads: readonly RdfQuad[],
  classes: readonly string[],
  isProbe: (index: number) => boolean,
  colonTerms: ReadonlySet<string>,
): Analysis {
  const probeIndex = new Map<string, number>();
  for (let i = 0; i < classes.length; i++) {
    if (isProbe(i)) probeIndex.set(probeValue(classes[i] as string, i), i);
  }
  const unclean = new Set<number>();
  const seen = new Set<number>();
  const scan = (text: string): void => {
    if (!text.includes(PROBE_MARK)) return;
    for (const m of text.matchAll(PROBE_FIND)) unclean.add(Number(m[1]));
    // A probe mark the lookup cannot explain (a structural string's own text, say): mark everything unclean.
    if (!PROBE_FIND.test(text)) for (const i of probeIndex.values()) unclean.add(i);
    PROBE_FIND.lastIndex = 0;
  };
  const mark = (term: RdfTerm): SlotTerm => {
    if (term.termType === "NamedNode" || term.termType === "Literal") {
      const index = probeIndex.get(term.value);
      if (index !== undefined) {
        const isIri = term.termType === "NamedNode";
        if (isIri && classes[index] === "s") {
          unclean.add(index);
        } else {
          seen.add(index);
          if (term.termType === "Literal") {
            scan(term.datatype.value);
            const literal = term;
            return {
              kind: "literal",
              slot: index,
              datatype: literal.datatype,
              ...(literal.language !== undefined ? { language: literal.language } : {}),
            };
          }
          return { kind: "iri", slot: index };
        }
      }
      scan(term.value);
      if (term.termType === "Literal") scan(term.datatype.value);
    }
    return { kind: "fixed", term };
  };
  const templates: QuadTemplate[] = [];
  const nodeSlots = new Set<number>();
  const fixedNodes = new Set<string>();
  const iriSlots = new Set<number>();
  for (const quad of quads) {
    const q: QuadTemplate = {
      s: mark(quad.subject),
      p: mark(quad.predicate),
      o: mark(quad.object),
      g: mark(quad.graph),
    };
    if (q.p.kind !== "fixed") unclean.add(q.p.kind === "iri" ? q.p.slot : q.p.slot);
    for (const node of [q.s, q.g]) {
      if (node.kind === "iri") nodeSlots.add(node.slot);
      else if (node.kind === "fixed" && node.term.termType === "NamedNode") fixedNodes.add(node.term.value);
    }
    for (const t of [q.s, q.o, q.g]) if (t.kind === "iri") iriSlots.add(t.slot);
    templates.push(q);
  }
  for (const i of probeIndex.values()) if (!seen.has(i)) unclean.add(i);
  const nquads = templates.map(partsOf);
  return {
    unclean,
    template: {
      quads: templates,
      nquads,
      repeatGroups: repeatGroupsOf(nquads),
      nodeSlots: [...nodeSlots],
      fixedNodes,
      iriSlots: [...iriSlots],
      colonTerms,
    },
  };
}

/**
 * What a filled term can equal: a blank node only itself; an IRI (fixed or slot) any IRI; a literal (fixed or
 * slot) any literal; the default graph only itself. A fixed term can equal a slot's value (an IRI written as a
 * compact IRI, say, next to the same IRI in full), so fixed terms are not told apart by their text.
 */
function coarse(t: PartTemplate): string {
  switch (t.kind) {
    case 0:
      return t.text === "" ? "D" : t.text.startsWith("<") ? "I" : "L";
    case 1:
      return `B${t.text}`;
    case 2:
      return "I";
    case 3:
      return "L";
  }
}

/** The groups of quads that could come out equal once filled (only groups of two or more). */
function repeatGroupsOf(quads: readonly NQuadTemplate[]): number[][] {
  const groups = new Map<string, number[]>();
  quads.forEach((q, i) => {
    const key = `${coarse(q.s)} ${q.p} ${coarse(q.o)} ${coarse(q.g)}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [i]);
    else group.push(i);
  });
  return [...groups.values()].filter((group) => group.length > 1);
}

/** `quads` without repeats (an RDF dataset is a set; `toRDF` never repeats a quad), first occurrences kept. */
function withoutRepeats(quads: NQuad[], groups: readonly (readonly number[])[]): NQuad[] {
  let repeated: boolean[] | undefined;
  for (const group of groups) {
    const seen = new Set<string>();
    for (const i of group) {
      const line = nquadLine(quads[i] as NQuad, sameLabel);
      if (seen.has(line)) (repeated ??= [])[i] = true;
      else seen.add(line);
    }
  }
  return repeated === undefined ? quads : quads.filter((_, i) => repeated[i] !== true);
}

const sameLabel = (label: string): string => label;

function partOf(t: SlotTerm): PartTemplate {
  switch (t.kind) {
    case "fixed": {
      if (t.term.termType === "BlankNode") return { kind: 1, text: t.term.value, slot: -1 };
      const q = toNQuad({
        subject: { termType: "BlankNode", value: "x" },
        predicate: { termType: "NamedNode", value: "x:x" },
        object: t.term as NamedNodeTerm | LiteralTerm,
        graph: { termType: "DefaultGraph", value: "" },
      });
      return { kind: 0, text: t.term.termType === "DefaultGraph" ? "" : q.o, slot: -1 };
    }
    case "iri":
      return { kind: 2, text: "", slot: t.slot };
    case "literal":
      return {
        kind: 3,
        text: literalSuffix({
          termType: "Literal",
          value: "",
          datatype: t.datatype,
          ...(t.language !== undefined ? { language: t.language } : {}),
        }),
        slot: t.slot,
      };
  }
}

function partsOf(q: QuadTemplate): NQuadTemplate {
  return { s: partOf(q.s), p: partOf(q.p).text, o: partOf(q.o), g: partOf(q.g) };
}

function fillTerm(t: SlotTerm, strings: readonly string[]): RdfTerm {
  switch (t.kind) {
    case "fixed":
      return t.term;
    case "iri":
      return { termType: "NamedNode", value: strings[t.slot] as string };
    case "literal":
      return t.language !== undefined
        ? { termType: "Literal", value: strings[t.slot] as string, datatype: t.datatype, language: t.language }
        : { termType: "Literal", value: strings[t.slot] as string, datatype: t.datatype };
  }
}

/** The document's quads: `template` filled with its `strings` (or why the reference must be used). */
export function fill(template: Template, strings: readonly string[]): TemplateResult {
  for (const slot of template.iriSlots) {
    if (template.colonTerms.has(strings[slot] as string)) {
      return { kind: "unsupported", reason: `the IRI ${strings[slot]} is also a context term` };
    }
  }
  if (template.nodeSlots.length > 0) {
    const nodes = new Set(template.fixedNodes);
    for (const slot of template.nodeSlots) {
      const iri = strings[slot] as string;
      if (nodes.has(iri)) return { kind: "unsupported", reason: `two nodes share the IRI ${iri}` };
      nodes.add(iri);
    }
  }
  const iris: (string | undefined)[] = [];
  const literals: (string | undefined)[] = [];
  const text = (t: PartTemplate): string => {
    switch (t.kind) {
      case 0:
      case 1:
        return t.text;
      case 2:
        return (iris[t.slot] ??= `<${escapeIri(strings[t.slot] as string)}>`);
      case 3:
        return `${(literals[t.slot] ??= `"${escapeLiteral(strings[t.slot] as string)}"`)}${t.text}`;
    }
  };
  let quads: NQuad[] = template.nquads.map((q) => ({
    s: text(q.s),
    sBlank: q.s.kind === 1,
    p: q.p,
    o: text(q.o),
    oBlank: q.o.kind === 1,
    g: text(q.g),
    gBlank: q.g.kind === 1,
  }));
  if (template.repeatGroups.length > 0) quads = withoutRepeats(quads, template.repeatGroups);
  const rdf = (): RdfQuad[] => {
    const seen = new Set<string>();
    const out: RdfQuad[] = [];
    for (const q of template.quads) {
      const quad = {
        subject: fillTerm(q.s, strings),
        predicate: fillTerm(q.p, strings),
        object: fillTerm(q.o, strings),
        graph: fillTerm(q.g, strings),
      } as RdfQuad;
      const line = JSON.stringify(toNQuad(quad));
      if (!seen.has(line)) out.push(quad);
      seen.add(line);
    }
    return out;
  };
  return { kind: "quads", quads, rdf };
}
