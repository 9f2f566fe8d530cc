/**
 * The JSON-LD contexts an Acredita credential uses, bundled: W3C VC 2.0, Open Badges 3.0.3 and 1EdTech's
 * extensions (third-party files, copied unmodified from their published URLs), and Acredita's own context, which
 * defines the microcredential extension and the anchor proof type. Nothing fetches a context at run time.
 */
import type { JsonObject } from "./canonical.ts";
import acreditaV2 from "./contexts/acredita-v2.json" with { type: "json" };
import credentialsV2 from "./contexts/credentials-v2.json" with { type: "json" };
import obContext303 from "./contexts/ob-v3p0-context-3.0.3.json" with { type: "json" };
import obExtensions from "./contexts/ob-v3p0-extensions.json" with { type: "json" };

import { ACREDITA_CONTEXT, OB3_CONTEXT, OB3_EXTENSIONS_CONTEXT, VC_V2_CONTEXT } from "./context-urls.ts";

export { ACREDITA_CONTEXT, OB3_CONTEXT, OB3_EXTENSIONS_CONTEXT, VC_V2_CONTEXT };

/** The contexts Acredita bundles, by URL: the only documents its document loader serves. */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, JsonObject> = new Map<string, JsonObject>([
  [VC_V2_CONTEXT, credentialsV2],
  [OB3_CONTEXT, obContext303],
  [OB3_EXTENSIONS_CONTEXT, obExtensions],
  [ACREDITA_CONTEXT, acreditaV2],
]);
