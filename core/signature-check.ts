/** The SIGNATURE check of a verification: the issuer's Data Integrity proof, checked offline. */
import { issuerIdOf } from "./claimed-issuer.ts";
import { checkDataIntegrity } from "./data-integrity-proofs.ts";
import type { LocalCheck } from "./local-checks.ts";
import { type CheckResult, checkResult } from "./verification.ts";

/**
 * SIGNATURE: the issuer's Data Integrity proof (`eddsa-rdfc-2022`), checked offline with Digital Bazaar's verdict
 * (the fast verifier where it provably gives it, Digital Bazaar's code otherwise: data-integrity.ts), with a key
 * whose controller must be the credential's `issuer.id`. A redacted copy has none by
 * design (SIGNATURE_REDACTED: the anchor alone proves its disclosed fields). Adds the result to `local` and, when
 * the signature fails, marks it unsound so the chain's answer is not used (verify.ts drops the read it started
 * alongside). Never throws.
 */
export async function checkSignature(local: LocalCheck): Promise<LocalCheck> {
  const set = (check: CheckResult, sound = local.sound): LocalCheck => ({
    ...local,
    checks: { ...local.checks, SIGNATURE: check },
    sound,
  });
  if (local.checks.INTEGRITY?.reason === "SKIPPED_STATUS_ONLY") {
    return set(checkResult("SIGNATURE", "SKIPPED", "SKIPPED_STATUS_ONLY"));
  }
  if (!local.sound || local.anchored === undefined)
    return set(checkResult("SIGNATURE", "SKIPPED", "SKIPPED_AFTER_FAILURE"));
  if (local.redacted) {
    // The copy dropped the issuer's signature; the anchor says whether there was one.
    if ((local.signedBy ?? []).length > 0) {
      return set(checkResult("SIGNATURE", "SKIPPED", "SIGNATURE_REDACTED", { signedBy: [...(local.signedBy ?? [])] }));
    }
    return {
      ...set(checkResult("SIGNATURE", "SKIPPED", "SIGNATURE_NONE")),
      warnings: [...local.warnings, "SIGNATURE_NONE"],
    };
  }
  const outcome = await checkDataIntegrity(local.anchored, issuerIdOf(local.anchored), local.keys);
  if (outcome.outcome === "verified") {
    return set(checkResult("SIGNATURE", "VALID", "SIGNATURE_OK", { verificationMethod: outcome.verificationMethod }));
  }
  if (outcome.outcome === "none") {
    return {
      ...set(checkResult("SIGNATURE", "SKIPPED", "SIGNATURE_NONE")),
      warnings: [...local.warnings, "SIGNATURE_NONE"],
    };
  }
  return set(
    checkResult("SIGNATURE", "INVALID", outcome.reason ?? "DI_SIGNATURE_INVALID", {
      verificationMethod: outcome.verificationMethod ?? null,
      message: outcome.message ?? null,
    }),
    false,
  );
}
