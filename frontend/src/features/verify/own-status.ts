import { credentialView, uncheckedStatusEntries, type VerificationResult } from "@acredita/core";

/**
 * The types of status entries the engine checked: a `BitstringStatusListEntry` whose published list it compared
 * with the registry (agreeing or not: a disagreement is a warning of its own).
 */
export function checkedStatusTypes(result: VerificationResult | undefined): string[] {
  return result?.statusList === undefined ? [] : ["BitstringStatusListEntry"];
}

/** The types of the credential's own status entries that nothing checked ("—" for entries without a type). */
export function uncheckedStatusTypes(result: VerificationResult | undefined): string | undefined {
  if (result?.credential === undefined) return undefined;
  const entries = uncheckedStatusEntries(credentialView(result.credential), checkedStatusTypes(result));
  if (entries.length === 0) return undefined;
  return [...new Set(entries.map((e) => e.type ?? "—"))].join(", ");
}
