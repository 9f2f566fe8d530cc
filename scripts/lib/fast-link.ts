/**
 * Verification links for bulk issuing, in the exact format of core/link.ts (`<base>#v1.c.<base64url(deflate-raw(
 * utf8(canonical JSON)))>`, and `v1.r.` for status-only references) but compressed with Node's native zlib
 * instead of the portable fflate: about 3× faster for 10,000 credentials. The deflate stream differs byte for
 * byte, which the format allows: any raw deflate stream decodes to the same canonical JSON (tests check that
 * core's decoder reads these links back exactly).
 */
import { deflateRawSync } from "node:zlib";
import {
  canonicalize,
  type CredentialDocument,
  type CredentialReference,
  DEFAULT_MAX_LINK_LENGTH,
  LINK_VERSION,
} from "../../core/index.ts";

function link(base: string, kind: "c" | "r", body: unknown): string | undefined {
  const compressed = deflateRawSync(Buffer.from(canonicalize(body), "utf8"), { level: 9 });
  const fragment = `${LINK_VERSION}.${kind}.${compressed.toString("base64url")}`;
  if (fragment.length > DEFAULT_MAX_LINK_LENGTH) return undefined;
  const cut = base.indexOf("#");
  return `${cut < 0 ? base : base.slice(0, cut)}#${fragment}`;
}

/** The link carrying the whole credential; undefined when it would exceed the verifier's length cap. */
export function credentialLink(base: string, credential: CredentialDocument): string | undefined {
  return link(base, "c", credential);
}

/** The status-only link (digest and proof coordinates): short enough for a QR code. */
export function statusLink(base: string, reference: CredentialReference): string {
  return link(base, "r", reference) ?? "";
}
