import {
  preloadDataIntegrity,
  isAcreditaError,
  verifyCredential,
  type CredentialReference,
  type VerificationResult,
  type VerifyInput,
  type ReasonCode,
  decodeVerificationLink,
  type StatusListOptions,
} from "@acredita/core";
import { verificationSources } from "../../config/clients.ts";
import type { TrustedRegistry } from "../../config/env.ts";

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
 * When the page opens on a credential's link whose credential carries a Data Integrity proof, starts loading the
 * signature-checking libraries at once (they are not in the first bundle), alongside the app's own start, rather
 * than when the check reaches the signature. Returns whether it did.
 */
export function preloadForLink(fragment: string): boolean {
  if (!/^[vV]\d+\./.test(fragment)) return false;
  return preloadFor(requestFromLink(fragment, "link"));
}

function preloadFor(request: VerifyRequest | LinkProblem): boolean {
  if (!("kind" in request) || request.kind !== "credential" || !request.text.includes('"DataIntegrityProof"'))
    return false;
  preloadDataIntegrity();
  return true;
}

/** A verification started as the page opened (see {@link startLinkVerification}), not yet taken. */
let started:
  { request: string; registries: readonly TrustedRegistry[]; result: Promise<VerificationResult> } | undefined;

/** What identifies a request's content (not where it came from). */
function contentOf(request: VerifyRequest): string {
  return request.kind === "credential" ? `c:${request.text}` : `r:${JSON.stringify(request.reference)}`;
}

/**
 * When the page opens on a verification link, starts verifying it at once, before the app renders: its registry
 * reads and the loading of the signature-checking code ({@link preloadForLink}) then overlap the first render
 * instead of following it. The first {@link runVerification} of the same request with the same registries takes that verification (the same
 * call it would make itself); any other call drops it. Returns whether it started one.
 */
export function startLinkVerification(fragment: string, registries: readonly TrustedRegistry[]): boolean {
  if (!/^[vV]\d+\./.test(fragment) || registries.length === 0) return false;
  const request = requestFromLink(fragment, "link");
  preloadFor(request);
  if (!("kind" in request)) return false;
  const result = verifyNow(request, registries);
  result.catch(() => undefined); // awaited by whoever takes it; a failure is theirs to show
  started = { request: contentOf(request), registries, result };
  return true;
}

/**
 * Verifies with core's engine against the configured registries: the registry the credential names is read
 * through its own RPC endpoints (each a source; core asks them all at one block and compares the answers).
 */
export async function runVerification(
  request: VerifyRequest,
  registries: readonly TrustedRegistry[],
): Promise<VerificationResult> {
  const early = started;
  started = undefined;
  if (early !== undefined && early.registries === registries && early.request === contentOf(request)) {
    return early.result;
  }
  return verifyNow(request, registries);
}

async function verifyNow(request: VerifyRequest, registries: readonly TrustedRegistry[]): Promise<VerificationResult> {
  if (registries.length === 0) throw new Error("no trusted registry configured");
  const lists = statusListOptions(registries);
  const options = { trustedRegistries: registries, ...(lists === undefined ? {} : { statusLists: lists }) };
  const input: VerifyInput = request.kind === "credential" ? request.text : { reference: request.reference };
  return verifyCredential(verificationSources, input, options);
}

/**
 * Comparison with published status lists, for the lists under the prefixes the configuration names (the CSP
 * allows those and nothing else): fetched without cookies or redirects, with a timeout.
 */
export function statusListOptions(registries: readonly TrustedRegistry[]): StatusListOptions | undefined {
  const prefixes = registries.flatMap((r) => r.statusLists ?? []);
  if (prefixes.length === 0) return undefined;
  return {
    allow: (url) => {
      try {
        const href = new URL(url).href;
        return href === url && prefixes.some((prefix) => href.startsWith(prefix));
      } catch {
        return false;
      }
    },
    fetch: (url) =>
      fetch(url, {
        credentials: "omit",
        redirect: "error",
        cache: "no-store",
        referrerPolicy: "no-referrer",
        signal: AbortSignal.timeout(8_000),
      }),
  };
}
