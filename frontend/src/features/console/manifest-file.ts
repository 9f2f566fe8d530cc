import { parseBatchManifest, type BatchManifest } from "@acredita/core/proof.ts";

/**
 * A batch manifest the issuer kept (format acredita/batch-manifest/v1), parsed strictly with core and checked to
 * belong to this chain, registry and institution, so the credentials picked from it are revoked in the right batch.
 */
export function manifestFor(
  text: string,
  expected: { chainId: number; registry: string; institutionId: number },
): BatchManifest {
  const manifest = parseBatchManifest(JSON.parse(text));
  if (
    manifest.chainId !== expected.chainId ||
    manifest.registry.toLowerCase() !== expected.registry.toLowerCase() ||
    manifest.institutionId !== expected.institutionId
  ) {
    throw new Error("another-institution");
  }
  return manifest;
}
