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
 *
 * Shapes and probe values: jsonld-shape.ts; templates and their fill: jsonld-quad-template.ts; here, the compiler
 * that probes the reference once per shape and caches the templates.
 */
import type { JsonObject } from "./canonical.ts";
import { analyse, type Analysis, fill, type Template, type TemplateResult } from "./jsonld-quad-template.ts";
import { documentShape, PROBE_FIND, PROBE_MARK, probeValue, type Shape, substituted } from "./jsonld-shape.ts";
import type { RdfQuad } from "./rdfc-fast.ts";

/** The reference JSON-LD → RDF conversion (jsonld's `toRDF` with the cryptosuite's options). */
export type ReferenceToRdf = (document: JsonObject) => Promise<readonly RdfQuad[]>;
/** Loads a JSON-LD context document by URL (the signer's document loader, adapted). */
export type ContextLoader = (url: string) => Promise<unknown>;

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
