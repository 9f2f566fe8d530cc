/**
 * The canonicalization of `eddsa-rdfc-2022` (https://www.w3.org/TR/vc-di-eddsa/), shared by the fast signer
 * (data-integrity-sign.ts) and the fast verifier (data-integrity-verify.ts):
 *
 *   canonical(x) = RDFC-1.0 N-Quads of jsonld.toRDF(x, { safe: true, base: null, rdfDirection: "i18n-datatype" })
 *
 * exactly as Digital Bazaar's `eddsa-rdfc-2022-cryptosuite` computes it, along three paths, fastest first (each
 * result is exactly the reference's):
 * 1. `template`: quads from a per-shape template (jsonld-template.ts) and RDFC-1.0 for datasets whose blank nodes
 *    all have unique first-degree hashes (rdfc-fast.ts);
 * 2. `template+rdf-canonize`: the template's quads, canonicalized by the complete `rdf-canonize` (blank nodes with
 *    equal first-degree hashes);
 * 3. `reference`: `jsonld.toRDF` + `rdf-canonize`, for every document the template cannot prove it handles.
 * A document the reference rejects (safe mode: an undefined term, a relative IRI…) is rejected with the
 * reference's own error.
 */
import * as rdfCanonize from "rdf-canonize";
import type { JsonObject } from "./canonical.ts";
import { sha256Utf8, sha256Utf8Hex } from "./sha256.ts";
import { createTemplateCompiler, type TemplateCompiler } from "./jsonld-template.ts";
import { canonizeUniqueFirstDegree, type RdfQuad } from "./rdfc-fast.ts";

/** `jsonld`, loaded on first use: most documents are converted by a template (see above), and loading it and its
 * HTTP client costs about half a second. */
let jsonldModule: Promise<typeof import("jsonld").default> | undefined;
function jsonldLibrary(): Promise<typeof import("jsonld").default> {
  jsonldModule ??= import("jsonld").then((m) => m.default);
  return jsonldModule;
}

/** A JSON-LD document loader as `jsonld` and Digital Bazaar's libraries call it. */
export type DocumentLoader = (url: string) => Promise<{ document: unknown; documentUrl?: string; contextUrl?: null }>;

/** How a document was canonicalized (see the module comment). */
export type CanonizationPath = "template" | "template+rdf-canonize" | "reference";

/** SHA-256 over UTF-8 text, as bytes and as lowercase hex. */
export interface Sha256Utf8 {
  readonly bytes: (text: string) => Uint8Array;
  readonly hex: (text: string) => string;
}

/** sha256.ts's SHA-256 (WebAssembly once `enableFastHashing()` ran, pure JS otherwise). */
export const DEFAULT_SHA256: Sha256Utf8 = { bytes: sha256Utf8, hex: sha256Utf8Hex };

export interface Rdfc2022CanonizerOptions {
  /** Resolves every context the documents use (offline; nothing should be fetched). */
  readonly documentLoader: DocumentLoader;
  /** `false` canonicalizes every document with the reference (for comparisons). Default `true`. */
  readonly fastPath?: boolean;
  /** Default {@link DEFAULT_SHA256}. */
  readonly sha256?: Sha256Utf8;
  /** See `buildOnSighting` in jsonld-template.ts (default 1: a template is built for a shape at once). */
  readonly buildOnSighting?: number;
}

export interface Rdfc2022Canonizer {
  /** RDFC-1.0 canonical N-Quads of `document` and the path that produced them; rejects as the reference does. */
  canonize(document: JsonObject): Promise<{ nquads: string; path: CanonizationPath }>;
  /**
   * The same through the template paths only: `undefined` when no template provably applies (the reference is then
   * the only way, and it was not run — the caller decides). A rejection (a context that does not load, a dataset
   * too costly for `rdf-canonize`) means the same: only the reference can say what the document is.
   */
  canonizeByTemplate(document: JsonObject): Promise<{ nquads: string; path: CanonizationPath } | undefined>;
  /** How many canonicalizations took each path, and how many reference `toRDF` probes built templates. */
  stats(): Readonly<Record<CanonizationPath | "probes", number>>;
}

/** A canonicalizer whose output is the reference's, through the fast paths whenever they provably apply. */
export function createRdfc2022Canonizer(options: Rdfc2022CanonizerOptions): Rdfc2022Canonizer {
  const { documentLoader } = options;
  const sha256 = options.sha256 ?? DEFAULT_SHA256;
  const counts = { template: 0, "template+rdf-canonize": 0, reference: 0 };
  // First-degree hashes repeat from one document to the next (a batch shares its course's nodes): remembered.
  const firstDegree = new Map<string, string>();
  const firstDegreeHex = (text: string): string => {
    let hex = firstDegree.get(text);
    if (hex === undefined) {
      if (firstDegree.size >= 2048) firstDegree.clear();
      hex = sha256.hex(text);
      firstDegree.set(text, hex);
    }
    return hex;
  };

  // The reference's conversion, with the cryptosuite's options (eddsa-rdfc-2022-cryptosuite/lib/canonize.js).
  const toRdf = async (document: JsonObject): Promise<RdfQuad[]> =>
    (await (
      await jsonldLibrary()
    ).toRDF(document, {
      documentLoader,
      base: null,
      safe: true,
      rdfDirection: "i18n-datatype",
      produceGeneralizedRdf: false,
    })) as RdfQuad[];
  const rdfc = (quads: readonly RdfQuad[]): Promise<string> => rdfCanonize.canonize(quads, { algorithm: "RDFC-1.0" });

  const templates: TemplateCompiler | undefined =
    options.fastPath === false
      ? undefined
      : createTemplateCompiler({
          toRdf,
          loadContext: async (url) => (await documentLoader(url)).document,
          ...(options.buildOnSighting === undefined ? {} : { buildOnSighting: options.buildOnSighting }),
        });

  const canonizeByTemplate = async (
    document: JsonObject,
  ): Promise<{ nquads: string; path: CanonizationPath } | undefined> => {
    if (templates === undefined) return undefined;
    const result = await templates.toQuads(document);
    if (result.kind !== "quads") return undefined;
    const fast = canonizeUniqueFirstDegree(result.quads, firstDegreeHex);
    if (fast !== undefined) {
      counts.template += 1;
      return { nquads: fast, path: "template" };
    }
    counts["template+rdf-canonize"] += 1;
    return { nquads: await rdfc(result.rdf()), path: "template+rdf-canonize" };
  };

  return {
    async canonize(document) {
      const fast = await canonizeByTemplate(document);
      if (fast !== undefined) return fast;
      counts.reference += 1;
      return { nquads: await rdfc(await toRdf(document)), path: "reference" };
    },
    canonizeByTemplate,
    stats: () => ({ ...counts, probes: templates?.probes ?? 0 }),
  };
}
