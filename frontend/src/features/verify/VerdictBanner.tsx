import { statusOnlyMessage, type Verdict, type VerificationResult } from "@acredita/core";
import { useEffect, useRef, type ReactNode } from "react";
import { useI18n } from "../../i18n/I18nProvider.tsx";
import type { MessageKey } from "../../i18n/messages/en.ts";
import { uncheckedStatusTypes } from "./own-status.ts";

const TONE: Record<Verdict, "good" | "warn" | "bad" | "unknown"> = {
  valid: "good",
  "valid-with-warnings": "warn",
  "status-only": "warn",
  revoked: "bad",
  expired: "bad",
  "not-yet-valid": "warn",
  invalid: "bad",
  untrusted: "bad",
  "could-not-check": "unknown",
};

const ICON: Record<(typeof TONE)[Verdict], string> = { good: "✓", warn: "!", bad: "✕", unknown: "?" };

/** core's status-only sentence with the institution's name set apart (bidi-isolated) from the words around it. */
function statusOnlySentence(institution: string, when: string, language: Parameters<typeof statusOnlyMessage>[2]) {
  const marker = "\u0000";
  const [before = "", after = ""] = statusOnlyMessage(marker, when, language).split(marker);
  const parts: ReactNode[] = [before, <bdi key="institution">{institution}</bdi>, after];
  return parts;
}

/**
 * One clear banner: the verdict's name (core's words), a plain sentence about what it means, and warnings. The
 * sentence says "not revoked" only when the registry was consulted (the STATUS check passed), and a credential's
 * own status service, which nothing checked, is named as such. A status-only result (a digest without the
 * credential) says who anchored it and when, and that its content and dates were not checked (core's sentence).
 */
export function VerdictBanner(props: { result: VerificationResult | undefined; run: number }) {
  const { t, tIsolated, verdict, reason, date, language } = useI18n();
  const value: Verdict = props.result?.verdict ?? "could-not-check";
  const tone = TONE[value];
  const institution = props.result?.chain?.institutionName;
  const statusChecked = props.result?.checks.some((c) => c.check === "STATUS" && c.status === "VALID") === true;
  const summary: MessageKey =
    value === "valid" && !statusChecked ? "verdict.validStatusUnchecked" : (`verdict.${value}` as MessageKey);
  const ownStatus =
    value === "valid" || value === "valid-with-warnings" ? uncheckedStatusTypes(props.result) : undefined;
  // Each new verdict takes the focus (and the view): keyboard and screen-reader users land on it.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    // A User Timing mark: benchmarks read when the verdict reached the screen, and what was loaded before.
    performance.mark("acredita:verdict");
  }, [props.run]);
  return (
    <section
      className={`verdict tone-${tone}`}
      data-testid="verdict"
      data-verdict={value}
      data-run={props.run}
      aria-labelledby="verdict-title"
    >
      <span className="verdict-icon" aria-hidden="true">
        {ICON[tone]}
      </span>
      <div>
        <h2 id="verdict-title" data-testid="verdict-title" tabIndex={-1} ref={heading}>
          {verdict(value)}
        </h2>
        <p data-testid="verdict-summary">
          {value === "status-only"
            ? statusOnlySentence(
                institution ?? t("common.unknownInstitution"),
                props.result?.chain === undefined ? "—" : date(props.result.chain.anchoredAt * 1000, true),
                language,
              )
            : tIsolated(summary, { institution: institution ?? t("common.unknownInstitution") })}
        </p>
        {ownStatus !== undefined && (
          <p data-testid="verdict-own-status">{tIsolated("verdict.ownStatus", { type: ownStatus })}</p>
        )}
        {(props.result?.notices ?? []).map((code) => (
          <p key={code} data-testid="verdict-notice">
            {reason(code)}
          </p>
        ))}
        {props.result !== undefined && props.result.warnings.length > 0 && (
          <ul className="warnings" data-testid="warnings">
            {props.result.warnings.map((code) => (
              <li key={code}>{reason(code)}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
