import {
  type JsonObject,
  encodeVerificationLink,
  encodePaperFragment,
  encodePaperLink,
  type CredentialReference,
} from "@acredita/core";
import { qrSymbol } from "./qr-symbol.ts";

/** The verifier page's address, without a fragment. */
export function pageBase(): string {
  return window.location.href.split("#")[0] ?? "";
}

/** The link a printed QR code carries, and whether it verifies content (paper) or only the status. */
export interface PrintedLink {
  link: string;
  kind: "paper" | "status";
}

/**
 * The link for a QR code on paper or on screen: the paper link (core/paper-link.ts: learner, achievement,
 * institution and dates disclosed, everything else hidden, with the anchor proof) when one can be made and fits a
 * QR code; a copy that is already redacted is carried as it is. Otherwise the status-only link (which never says
 * "valid"), or nothing.
 */
export function printedLink(
  credential: JsonObject | undefined,
  reference: CredentialReference | undefined,
  base = pageBase(),
): PrintedLink | undefined {
  if (credential !== undefined) {
    for (const make of [() => encodePaperLink(base, credential), () => `${base}#${encodePaperFragment(credential)}`]) {
      try {
        const link = make();
        if (qrSymbol(link) !== undefined) return { link, kind: "paper" };
      } catch {
        // not a credential this layout can carry: try the next form
      }
    }
  }
  if (reference === undefined) return undefined;
  return { link: encodeVerificationLink(base, { kind: "reference", reference }), kind: "status" };
}
