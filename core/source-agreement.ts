/**
 * What the sources' answers to one query establish together: the ANCHOR, ISSUER and STATUS checks when at least
 * the quorum answered and every answer agrees (at the same block), otherwise ERROR (SOURCES_DISAGREE,
 * SOURCES_TOO_FEW, or the one source's failure), with the record of how the registry was read.
 */
import type { JsonObject } from "./canonical.ts";
import { evaluateChainStatus } from "./chain-status.ts";
import type { ChainStatus } from "./registry.ts";
import { type Answer, type OpenRegistry, report } from "./registry-read.ts";
import { differingFields, type RegistryRead } from "./sources.ts";
import { type CheckResult, checkResult, type VerificationResult } from "./verification.ts";

/** The ANCHOR, ISSUER and STATUS checks and the rest of a result, from every source's answer to one query. */
export function decide(
  open: OpenRegistry,
  answers: readonly (Answer | undefined)[],
  credential: JsonObject | undefined,
): { checks: CheckResult[]; extra: Partial<VerificationResult> } {
  const reports = open.states.map((state, k) => report(state, answers[k], credential));
  const read: RegistryRead | undefined =
    open.pin === undefined ? undefined : { block: open.pin, tag: open.tag, quorum: open.quorum, sources: reports };
  const base: Partial<VerificationResult> = { registry: open.trusted, ...(read === undefined ? {} : { read }) };
  const statuses = answers.flatMap((a) => (a !== undefined && "status" in a ? [a.status] : []));
  const differing = new Set<string>(open.forked ? ["block"] : []);
  for (const status of statuses.slice(1))
    for (const field of differingFields(statuses[0] as ChainStatus, status)) differing.add(field);
  const behind = reports.some((r) => r.reason === "SOURCE_BLOCK_UNAVAILABLE");
  const error = (check: CheckResult) => ({
    checks: [
      check,
      checkResult("ISSUER", "SKIPPED", "SKIPPED_AFTER_FAILURE"),
      checkResult("STATUS", "SKIPPED", "SKIPPED_AFTER_FAILURE"),
    ],
    extra: base,
  });
  if (differing.size > 0 || (behind && statuses.length < open.quorum)) {
    if (behind) differing.add("block");
    const fields = [...differing];
    return error(
      checkResult("ANCHOR", "ERROR", "SOURCES_DISAGREE", {
        differing: fields,
        quorum: open.quorum,
        sources: reports.map((r, k) => {
          const answer = answers[k];
          if (answer === undefined || !("status" in answer)) return r;
          const values = Object.fromEntries(
            fields
              .filter((f) => f !== "block")
              .map((f) => [f, (answer.status as unknown as Record<string, unknown>)[f]]),
          );
          return { ...r, values };
        }),
      }),
    );
  }
  if (statuses.length < open.quorum) {
    const [only] = open.states;
    const failure =
      only?.failure ?? (answers[0] !== undefined && "failure" in answers[0] ? answers[0].failure : undefined);
    if (open.states.length === 1 && failure !== undefined) {
      return error(checkResult("ANCHOR", "ERROR", failure.reason, failure.details));
    }
    return error(checkResult("ANCHOR", "ERROR", "SOURCES_TOO_FEW", { quorum: open.quorum, sources: reports }));
  }
  const chain = statuses[0] as ChainStatus;
  const evaluated = evaluateChainStatus(chain, credential);
  return {
    checks: evaluated.checks,
    extra: {
      ...base,
      chain,
      warnings: evaluated.warnings,
      ...(statuses.length === 1 ? { notices: ["SOURCE_SINGLE"] } : {}),
    },
  };
}
