/**
 * The JSON-LD contexts Acredita's credentials use, bundled (official copies, unmodified; see core/contexts/), and an
 * offline document loader over them: signing and verifying never fetch a context.
 */
import credentialsV2 from "./contexts/credentials-v2.json" with { type: "json" };
import microcredentialV1 from "./contexts/microcredential-v1.json" with { type: "json" };
import openBadgesV3 from "./contexts/ob-v3p0-context-3.0.3.json" with { type: "json" };
import { MICROCREDENTIAL_CONTEXT, OB3_CONTEXT, VC_V2_CONTEXT } from "./credential.ts";
import type { DocumentLoader } from "./data-integrity-sign.ts";

/** Context URL → context document, for every context a credential Acredita builds names. */
export const BUNDLED_CONTEXTS: Readonly<Record<string, unknown>> = Object.freeze({
  [VC_V2_CONTEXT]: credentialsV2,
  [OB3_CONTEXT]: openBadgesV3,
  [MICROCREDENTIAL_CONTEXT]: microcredentialV1,
});

/**
 * A document loader that serves the bundled contexts, then asks `next` (e.g. a DID resolver), and otherwise
 * throws naming the URL: it never goes to the network.
 */
export function bundledDocumentLoader(next?: DocumentLoader): DocumentLoader {
  return async (url) => {
    const document = BUNDLED_CONTEXTS[url];
    if (document !== undefined) return { contextUrl: null, documentUrl: url, document };
    if (next !== undefined) return next(url);
    throw new Error(`bundledDocumentLoader: no offline copy of ${url}`);
  };
}
