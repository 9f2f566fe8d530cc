/**
 * JSON-LD → RDF by template: the quads of a JSON-LD document computed without running JSON-LD expansion for
 * every document, for documents whose *shape* the reference processor (`jsonld`) has already seen.
 *
 * What JSON-LD processing does with a document depends on its shape — its keys and their order, array lengths,
 * the `@context` and `type` values, numbers, booleans and nulls — and, for each string, only on which *class* of
 * string it is: an absolute IRI with a given scheme (and whether `//` follows the colon: that decides whether a
 * compact-IRI prefix is looked up), or anything else. Within a class, a string in a literal position becomes a
 * literal with exactly that lexical form, and a string in an IRI position (`@id`, `@type: @id`/`@vocab`) becomes
 * exactly that IRI. So, per shape:
 *
 * 1. Replace every string by a *probe* value of the same class (`urn:acredita-probe-7-x`,
 *    `https://acredita-probe-7-x`, `acredita-probe-7-x`) and run the reference `toRDF` (safe mode, the caller's
 *    options) on it.
 * 2. A string is a *slot* when its probe value comes out only as whole literals or whole IRIs (never inside a
 *    longer IRI, a JSON literal or a datatype, never dropped). Every other string (a term expanded against
 *    `@vocab`, an `@json` value, …) is *structural*: its real value becomes part of the template's key and the
 *    probe is run again with those real values in place.
 * 3. The template is the probe's quads with slots marked; filling it with a document's strings gives the
 *    document's quads.
 *
 * A fill is refused (the caller then runs the reference) when it could differ from the reference: an IRI slot
 * whose value is a term some loaded context defines, or two subject/graph IRI slots (or one and a fixed
 * subject) with equal values (JSON-LD would merge those nodes). Repeated quads are removed, as `toRDF` does.
 */
import type { JsonObject, JsonValue } from "./canonical.ts";
import type { LiteralTerm, NamedNodeTerm, NQuad, RdfQuad, RdfTerm } from "./rdfc-fast.ts";
import { escapeIri, escapeLiteral, literalSuffix, nquadLine, toNQuad } from "./rdfc-fast.ts";

/** The reference JSON-LD → RDF conversion (jsonld's `toRDF` with the cryptosuite's options). */
export type ReferenceToRdf = (document: JsonObject) => Promise<readonly RdfQuad[]>;
/** Loads a JSON-LD context document by URL (the signer's document loader, adapted). */
export type ContextLoader = (url: string) => Promise<unknown>;

/** What a template-based conversion did: the quads, or why the reference must be used. */
export type TemplateResult =
  | { readonly kind: "quads"; readonly quads: NQuad[]; readonly rdf: () => RdfQuad[] }
  | { readonly kind: "unsupported"; readonly reason: string };

const PROBE_MARK = "acredita-probe-";
const PROBE_FIND = /acredita-probe-(\d+)-x/g;
// Absolute IRIs made of RFC 3986 characters only (a strict subset of what jsonld calls absolute).
const IRI_CLASS = /^([A-Za-z][A-Za-z0-9+.-]*):(\/\/)?[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
// Keys whose whole value is part of the shape: contexts, types and every keyword but @id and @value.
const isShapeKey = (key: string): boolean =>
  key === "type" || (key.startsWith("@") && key !== "@id" && key !== "@value");

/** The class of a string: `s` (any string) or `i<scheme>:` / `i<scheme>://` (an absolute IRI). */
function stringClass(value: string): string {
  const m = IRI_CLASS.exec(value);
  if (m === null) return "s";
  return `i${m[1]}:${m[2] ?? ""}`;
}

function probeValue(cls: string, n: number): string {
  return cls === "s" ? `${PROBE_MARK}${n}-x` : `${cls.slice(1)}${PROBE_MARK}${n}-x`;
}

interface Shape {
  readonly key: string;
  /** The document's strings in walk order (object keys in insertion order, arrays in order). */
  readonly strings: string[];
  readonly classes: string[];
}

// Frozen objects (a batch's shared course parts: issuer, achievement, contexts) cannot change: their walk is cached.
const frozenShapes = new WeakMap<object, Shape>();

/** The shape key and the strings of a document (a pure walk, no JSON-LD). */
export function documentShape(document: JsonObject): Shape {
  const parts: string[] = [];
  const strings: string[] = [];
  const classes: string[] = [];
  const walk = (value: JsonValue): void => {
    if (typeof value === "string") {
      const cls = stringClass(value);
      strings.push(value);
      classes.push(cls);
      parts.push(cls, ",");
      return;
    }
    if (value === null || typeof value !== "object") {
      parts.push(JSON.stringify(value), ",");
      return;
    }
    if (Object.isFrozen(value)) {
      let shape = frozenShapes.get(value);
      if (shape === undefined) {
        shape = walkFresh(value);
        frozenShapes.set(value, shape);
      }
      parts.push(shape.key);
      for (const x of shape.strings) strings.push(x);
      for (const x of shape.classes) classes.push(x);
      return;
    }
    if (Array.isArray(value)) {
      parts.push("[");
      for (const item of value) walk(item);
      parts.push("]");
      return;
    }
    parts.push("{");
    for (const key of Object.keys(value)) {
      const member = value[key] as JsonValue;
      parts.push(JSON.stringify(key), ":");
      if (isShapeKey(key)) parts.push("=", JSON.stringify(member), ",");
      else walk(member);
    }
    parts.push("}");
  };
  const walkFresh = (value: JsonValue): Shape => {
    const outer = { parts: parts.length, strings: strings.length, classes: classes.length };
    const mark = parts.length;
    const firstString = strings.length;
    if (Array.isArray(value)) {
      parts.push("[");
      for (const item of value) walk(item);
      parts.push("]");
    } else {
      parts.push("{");
      const object = value as JsonObject;
      for (const key of Object.keys(object)) {
        const member = object[key] as JsonValue;
        parts.push(JSON.stringify(key), ":");
        if (isShapeKey(key)) parts.push("=", JSON.stringify(member), ",");
        else walk(member);
      }
      parts.push("}");
    }
    const shape = {
      key: parts.slice(mark).join(""),
      strings: strings.slice(firstString),
      classes: classes.slice(firstString),
    };
    parts.length = outer.parts;
    strings.length = outer.strings;
    classes.length = outer.classes;
    return shape;
  };
  walk(document);
  return { key: parts.join(""), strings, classes };
}

/** The document with its strings replaced: `replace(i)` for the i-th string in walk order. */
function substituted(document: JsonObject, replace: (index: number) => string): JsonObject {
  let index = 0;
  const copy = (value: JsonValue): JsonValue => {
    if (typeof value === "string") return replace(index++);
    if (Array.isArray(value)) return value.map(copy);
    if (value !== null && typeof value === "object") {
      const out: JsonObject = {};
      for (const key of Object.keys(value)) {
        const member = value[key] as JsonValue;
        out[key] = isShapeKey(key) ? member : copy(member);
      }
      return out;
    }
    return value;
  };
  return copy(document) as JsonObject;
}

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

interface Template {
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

interface Analysis {
  /** Indexes of strings whose probe value did not come out cleanly. */
  readonly unclean: Set<number>;
  readonly template: Template;
}

/** Marks probe values in the probe's quads and lists the strings whose probe did not come out cleanly. */
function analyse(
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

/** Every term containing a colon defined in the contexts `document` names (loaded, recursively). */
async function colonTermsOf(document: JsonObject, load: ContextLoader): Promise<Set<string>> {
  const terms = new Set<string>();
  const loaded = new Set<string>();
  const visit = async (value: unknown, inContext: boolean): Promise<void> => {
    if (typeof value === "string") {
      if (inContext && !loaded.has(value)) {
        loaded.add(value);
        await visit(await load(value), false);
      }
    } else if (Array.isArray(value)) {
      for (const item of value) await visit(item, inContext);
    } else if (value !== null && typeof value === "object") {
      for (const [key, member] of Object.entries(value)) {
        if (inContext && key.includes(":")) terms.add(key);
        await visit(member, key === "@context" || key === "@import" || (inContext && typeof member === "object"));
      }
    }
  };
  await visit(document["@context"], true);
  return terms;
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

function fill(template: Template, strings: readonly string[]): TemplateResult {
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

type Compiled = Template | { readonly unsupported: string };
type StructuralMask = readonly number[] | { readonly unsupported: string };

/** Options of {@link createTemplateCompiler}. */
export interface TemplateCompilerOptions {
  readonly toRdf: ReferenceToRdf;
  readonly loadContext: ContextLoader;
  /** Templates kept before the cache is emptied (each is a few kilobytes). Default 512. */
  readonly maxTemplates?: number;
  /**
   * How many times a shape must have been asked for before its template is built; until then `toQuads` answers
   * "unsupported" without any probe. Default 1 (at once: a signer's batch shares its shapes). A verifier, which
   * may see a single document, passes 2: a lone document then costs no probes, only the reference.
   */
  readonly buildOnSighting?: number;
}

/** Converts documents to quads through per-shape templates built with the reference `toRDF`. */
export interface TemplateCompiler {
  toQuads(document: JsonObject): Promise<TemplateResult>;
  /** Number of reference `toRDF` runs so far (probes). */
  readonly probes: number;
}

/** A template compiler over the reference conversion `toRdf` (see the module comment for the method). */
export function createTemplateCompiler(options: TemplateCompilerOptions): TemplateCompiler {
  const max = options.maxTemplates ?? 512;
  const masks = new Map<string, Promise<StructuralMask>>();
  const templates = new Map<string, Promise<Compiled>>();
  const buildOnSighting = options.buildOnSighting ?? 1;
  const sightings = new Map<string, number>();
  let probes = 0;

  const probe = async (
    document: JsonObject,
    shape: Shape,
    structural: ReadonlySet<number>,
    colonTerms: ReadonlySet<string>,
  ): Promise<Analysis | { rejected: string; message: string }> => {
    const doc = substituted(document, (i) =>
      structural.has(i) ? (shape.strings[i] as string) : probeValue(shape.classes[i] as string, i),
    );
    probes += 1;
    let quads: readonly RdfQuad[];
    try {
      quads = await options.toRdf(doc);
    } catch (error) {
      const { message, details } = error as { message?: string; details?: unknown };
      let text = String(message);
      try {
        text += JSON.stringify(details);
      } catch {
        // details that do not serialize name no probe value
      }
      return { rejected: text, message: String(message) };
    }
    return analyse(quads, shape.classes, (i) => !structural.has(i), colonTerms);
  };

  const templateKey = (shape: Shape, mask: readonly number[]): string =>
    mask.length === 0 ? shape.key : `${shape.key}\u0000${JSON.stringify(mask.map((i) => shape.strings[i]))}`;

  // Finds the structural strings: those whose probe is unclean, and those whose probe the reference rejects
  // (safe mode names the offending value in its error, e.g. a relative IRI where the real value is a vocabulary
  // term). Each rejected probe is retried with its offending strings real, a few times at most.
  const compileMask = async (document: JsonObject, shape: Shape): Promise<StructuralMask> => {
    if (shape.key.includes(PROBE_MARK)) return { unsupported: "the shape contains the probe marker" };
    // A "__proto__" member cannot be copied into a probe document by assignment: left to the reference.
    if (shape.key.includes('"__proto__":')) return { unsupported: "a member is named __proto__" };
    let colonTerms: Set<string>;
    try {
      colonTerms = await colonTermsOf(document, options.loadContext);
    } catch (error) {
      return { unsupported: `a context did not load: ${(error as Error).message}` };
    }
    const structural = new Set<number>();
    for (let attempt = 0; attempt < 8; attempt++) {
      const result = await probe(document, shape, structural, colonTerms);
      if ("rejected" in result) {
        const culprits = [...result.rejected.matchAll(PROBE_FIND)].map((m) => Number(m[1]));
        const fresh = culprits.filter((i) => i < shape.strings.length && !structural.has(i));
        if (fresh.length === 0) return { unsupported: `the reference rejects the document: ${result.message}` };
        for (const i of fresh) structural.add(i);
        continue;
      }
      const mask = [...structural, ...result.unclean].sort((a, b) => a - b);
      if (result.unclean.size === 0) templates.set(templateKey(shape, mask), Promise.resolve(result.template));
      return mask;
    }
    return { unsupported: "too many strings change the document's structure" };
  };

  const compileTemplate = async (document: JsonObject, shape: Shape, mask: readonly number[]): Promise<Compiled> => {
    const colonTerms = await colonTermsOf(document, options.loadContext);
    const result = await probe(document, shape, new Set(mask), colonTerms);
    if ("rejected" in result) return { unsupported: `the reference rejects the document: ${result.message}` };
    if (result.unclean.size > 0) return { unsupported: "a string's role depends on another string's value" };
    return result.template;
  };

  const remember = <T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> => {
    let entry = map.get(key);
    if (entry === undefined) {
      if (map.size >= max) map.clear();
      entry = make();
      map.set(key, entry);
    }
    return entry;
  };

  return {
    get probes() {
      return probes;
    },
    async toQuads(document) {
      const shape = documentShape(document);
      if (buildOnSighting > 1 && !masks.has(shape.key)) {
        const seen = (sightings.get(shape.key) ?? 0) + 1;
        if (seen < buildOnSighting) {
          if (sightings.size >= max) sightings.clear();
          sightings.set(shape.key, seen);
          return { kind: "unsupported", reason: "a shape seen for the first time (no template built yet)" };
        }
        sightings.delete(shape.key);
      }
      const mask = await remember(masks, shape.key, () => compileMask(document, shape));
      if ("unsupported" in mask) return { kind: "unsupported", reason: mask.unsupported };
      const template = await remember(templates, templateKey(shape, mask), () =>
        compileTemplate(document, shape, mask),
      );
      if ("unsupported" in template) return { kind: "unsupported", reason: template.unsupported };
      return fill(template, shape.strings);
    },
  };
}
