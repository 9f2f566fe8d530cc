/**
 * The issuer a credential claims, `issuer.id` and `issuer.name`, as the registry's recorded identity is compared
 * with it (registry.ts, chain-status.ts) and the issuer's signature is checked against it (signature-check.ts).
 */
import type { JsonObject } from "./canonical.ts";

/** The issuer a credential claims: its `issuer.name` and `issuer.id` (either may be missing). */
export interface ClaimedIssuer {
  name?: string | undefined;
  id?: string | undefined;
}

/** The credential's `issuer.id` (the issuer may be a string or a profile object with an `id`). */
export function issuerIdOf(credential: JsonObject): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === "string") return issuer;
  if (typeof issuer === "object" && issuer !== null && !Array.isArray(issuer) && typeof issuer.id === "string") {
    return issuer.id;
  }
  return undefined;
}

/** The issuer a credential claims (nothing for a status-only reference). */
export function claimedIssuer(credential: JsonObject | undefined): ClaimedIssuer {
  return credential === undefined ? {} : { name: issuerNameOf(credential), id: issuerIdOf(credential) };
}

export function issuerNameOf(credential: JsonObject | undefined): string | undefined {
  const issuer = credential?.issuer;
  if (typeof issuer === "object" && issuer !== null && !Array.isArray(issuer) && typeof issuer.name === "string") {
    return issuer.name;
  }
  return undefined;
}
