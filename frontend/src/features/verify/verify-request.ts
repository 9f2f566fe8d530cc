import { isAcreditaError } from "@acredita/core/errors.ts";
import {
  verifyCredential,
  type CredentialReference,
  type VerificationResult,
  type VerifyInput,
} from "@acredita/core/verify.ts";
import { verificationSources } from "../../config/clients.ts";
import type { TrustedRegistry } from "../../config/env.ts";
import type { ReasonCode } from "@acredita/core/reasons.ts";
import { decodeVerificationLink } from "@acredita/core/link.ts";

export type InputSource = "paste" | "file" | "link" | "qr" | "status";

/** What the user gave, once it passed the size caps. */
export type VerifyRequest =
  | { source: InputSource; kind: "credential"; text: string }
  | { source: InputSource; kind: "reference"; reference: CredentialReference };

/** A link that could not be read: the reason code says why (LINK_*, PARSE_*). */
export interface LinkProblem {
  reason: ReasonCode;
}

/** Reads a verification link (or just its fragment) into a request, or the reason it cannot be read. */
export function requestFromLink(link: string, source: InputSource): VerifyRequest | LinkProblem {
  try {
    const decoded = decodeVerificationLink(link);
    return decoded.kind === "credential"
      ? { source, kind: "credential", text: decoded.text }
      : { source, kind: "reference", reference: decoded.reference };
  } catch (error) {
    return { reason: isAcreditaError(error) ? error.code : "LINK_NOT_BASE64URL" };
  }
}

/**
 * Verifies with core's engine against the configured registries: the registry the credential names is read
 * through its own RPC endpoints (each a source; core asks them all at one block and compares the answers).
 */
export async function runVerification(
  request: VerifyRequest,
  registries: readonly TrustedRegistry[],
): Promise<VerificationResult> {
  if (registries.length === 0) throw new Error("no trusted registry configured");
  const input: VerifyInput = request.kind === "credential" ? request.text : { reference: request.reference };
  return verifyCredential(verificationSources, input, { trustedRegistries: registries });
}
