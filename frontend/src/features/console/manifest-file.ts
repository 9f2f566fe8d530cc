import { parseBatchManifest, type BatchManifest } from "@acredita/core";
import { requireScope, type WriteScope } from "./picked-files.ts";

/**
 * A batch manifest the issuer kept (format acredita/batch-manifest/v1), parsed strictly with core and checked to
 * belong to this chain, registry and institution, so the credentials picked from it are revoked in the right batch.
 */
export function manifestFor(text: string, expected: WriteScope): BatchManifest {
  const manifest = parseBatchManifest(JSON.parse(text));
  requireScope(manifest, expected, 0);
  return manifest;
}
