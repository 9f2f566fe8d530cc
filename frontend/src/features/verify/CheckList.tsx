import {
  parseDateTime,
  reasonLabel,
  type ReasonCode,
  type RegistryRead,
  type SourceReport,
  type CheckResult,
  type VerificationResult,
} from "@acredita/core";
import { useEffect, useRef, type ReactNode } from "react";
import { useI18n, type I18n } from "../../i18n/I18nProvider.tsx";
import type { MessageKey } from "../../i18n/messages/en.ts";
import { ADVICE } from "./advice.ts";
import { uncheckedStatusTypes } from "./own-status.ts";

const STATUS_ICON: Record<CheckResult["status"], string> = { VALID: "✓", INVALID: "✕", ERROR: "?", SKIPPED: "–" };

/** What a revocation reason means, in core's words (the registry's vocabulary, shared with the CLI and console). */
function revocationReason(i18n: I18n, code: unknown): string {
  return typeof code === "number" ? reasonLabel(code, i18n.language) : String(code);
}

/**
 * Facts worth showing next to a check's sentence (times, names, chain ids), all from the chain or the engine; each
 * name or id set apart (bidi-isolated) from the sentence around it.
 */
function facts(i18n: I18n, check: CheckResult): ReactNode {
  const d = check.details ?? {};
  const time = (value: unknown) => (typeof value === "number" && value > 0 ? i18n.date(value * 1000, true) : undefined);
  switch (check.reason) {
    case "STATUS_CREDENTIAL_REVOKED":
    case "STATUS_BATCH_REVOKED":
      return i18n.tIsolated("check.fact.revoked", {
        time: time(d.revokedAt) ?? "—",
        reason: revocationReason(i18n, d.reason),
      });
    case "ISSUER_OK":
    case "ISSUER_KEY_INVALID_AT_ANCHORING":
    case "ISSUER_KEY_COMPROMISED":
    case "ISSUER_ID_MISMATCH":
      return typeof d.name === "string"
        ? i18n.tIsolated("check.fact.institution", {
            name: d.name,
            country: typeof d.country === "string" ? d.country : "—",
          })
        : undefined;
    case "SIGNATURE_OK":
    case "DI_SIGNATURE_INVALID":
    case "DI_KEY_NOT_ISSUERS":
      return typeof d.verificationMethod === "string"
        ? i18n.tIsolated("check.fact.signedBy", { key: d.verificationMethod })
        : undefined;
    case "REGISTRY_CHAIN_MISMATCH":
      return i18n.t("check.fact.chainMismatch", { expected: String(d.expected), connected: String(d.connected) });
    case "VALIDITY_EXPIRED": {
      const until = parseDateTime(d.validUntil);
      return until === undefined ? undefined : i18n.t("check.fact.validUntil", { date: i18n.date(until) });
    }
    case "VALIDITY_NOT_YET_VALID": {
      const from = parseDateTime(d.validFrom);
      return from === undefined ? undefined : i18n.t("check.fact.validFrom", { date: i18n.date(from) });
    }
    default:
      return undefined;
  }
}

/** The sources a check lists (SOURCES_DISAGREE, SOURCES_TOO_FEW): what each one said, or why it said nothing. */
function sourcesOf(check: CheckResult): SourceReport[] {
  const listed = check.details?.sources;
  return check.reason.startsWith("SOURCES_") && Array.isArray(listed) ? (listed as SourceReport[]) : [];
}

function sourceLine(i18n: I18n, source: SourceReport): ReactNode {
  const said = i18n.reason(source.reason);
  return source.block === undefined
    ? i18n.tIsolated("check.fact.source", { source: source.name, said })
    : i18n.tIsolated("check.fact.sourceAtBlock", { source: source.name, block: i18n.number(source.block), said });
}

/** Where and when the registry was read: the block, its time, how many sources answered alike. */
function readLine(i18n: I18n, read: RegistryRead): string {
  return i18n.t("checks.read", {
    block: i18n.number(read.block.number),
    time: i18n.date(read.block.time * 1000, true),
    count: read.sources.length,
    answered: read.sources.filter((s) => s.answered).length,
    quorum: i18n.number(read.quorum),
  });
}

function advice(i18n: I18n, code: ReasonCode): string | undefined {
  const key = ADVICE[code];
  return key === undefined ? undefined : i18n.t(key);
}

/**
 * One row per check, in the engine's order, each with core's sentence and, where it helps, what to do. Folded
 * under a one-line summary ("8 of 8 passed") that opens on a click; `open` unfolds it from the start (the page
 * does so for every verdict but valid, where the failing check is the explanation). Printing unfolds it.
 */
export function CheckList(props: { result: VerificationResult; open?: boolean }) {
  const i18n = useI18n();
  // The registry is all the STATUS check consulted: a status service the credential names was not.
  const ownStatus = uncheckedStatusTypes(props.result);
  const passed = props.result.checks.filter((c) => c.status === "VALID").length;
  // A printed record lists every check: the fold opens before printing.
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const unfold = () => {
      if (details.current !== null) details.current.open = true;
    };
    window.addEventListener("beforeprint", unfold);
    return () => {
      window.removeEventListener("beforeprint", unfold);
    };
  }, []);
  return (
    <section className="panel checks-panel" aria-labelledby="checks-title" data-testid="checks">
      <details open={props.open} ref={details}>
        <summary>
          <h2 id="checks-title">
            {i18n.t("checks.title")}{" "}
            <span className="checks-summary" data-testid="checks-summary">
              {i18n.t("checks.summary", {
                passed: i18n.number(passed),
                total: i18n.number(props.result.checks.length),
              })}
            </span>
          </h2>
        </summary>
        <ol className="checks">
          {props.result.checks.map((check) => {
            const fact = facts(i18n, check);
            const help = check.status === "VALID" ? undefined : advice(i18n, check.reason);
            return (
              <li
                key={check.check}
                className={`check check-${check.status.toLowerCase()}`}
                data-testid={`check-${check.check}`}
              >
                <span className="check-icon" aria-hidden="true">
                  {STATUS_ICON[check.status]}
                </span>
                <div>
                  <p className="check-head">
                    <strong>{i18n.t(`check.${check.check}` as MessageKey)}</strong>{" "}
                    <span className="check-status">
                      {i18n.t(`status.${check.status}` as MessageKey, { check: check.check })}
                    </span>
                  </p>
                  <p className="check-reason">{i18n.reason(check.reason)}</p>
                  {fact !== undefined && <p className="check-fact">{fact}</p>}
                  {sourcesOf(check).length > 0 && (
                    <ul className="check-fact" data-testid={`check-${check.check}-sources`}>
                      {sourcesOf(check).map((source) => (
                        <li key={source.name}>{sourceLine(i18n, source)}</li>
                      ))}
                    </ul>
                  )}
                  {check.check === "STATUS" && props.result.statusList !== undefined && (
                    <p className="check-fact" data-testid="check-status-list">
                      {i18n.reason(props.result.statusList.reason)}
                    </p>
                  )}
                  {check.check === "STATUS" && ownStatus !== undefined && (
                    <p className="check-fact" data-testid="check-own-status">
                      {i18n.tIsolated("check.fact.ownStatus", { type: ownStatus })}
                    </p>
                  )}
                  {help !== undefined && <p className="check-advice">{help}</p>}
                </div>
              </li>
            );
          })}
        </ol>
        {props.result.read !== undefined && (
          <p className="check-fact" data-testid="registry-read">
            {readLine(i18n, props.result.read)}
          </p>
        )}
      </details>
    </section>
  );
}
