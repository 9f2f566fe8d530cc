/**
 * An offline document loader over the bundled contexts (core/contexts.ts), for the fast signer: signing never
 * fetches a context.
 */
import { BUNDLED_CONTEXTS } from "./contexts.ts";
import type { DocumentLoader } from "./data-integrity-sign.ts";

/**
 * A document loader that serves the bundled contexts, then asks `next` (e.g. a DID resolver), and otherwise
 * throws naming the URL: it never goes to the network.
 */
export function bundledDocumentLoader(next?: DocumentLoader): DocumentLoader {
  return async (url) => {
    const document = BUNDLED_CONTEXTS.get(url);
    if (document !== undefined) return { contextUrl: null, documentUrl: url, document };
    if (next !== undefined) return next(url);
    throw new Error(`bundledDocumentLoader: no offline copy of ${url}`);
  };
}
