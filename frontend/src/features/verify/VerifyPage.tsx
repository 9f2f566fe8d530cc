import type { CredentialReference, JsonObject, ReasonCode, VerificationResult } from "@acredita/core";
import { type ComponentType, Suspense, useCallback, useEffect, useRef, useState } from "react";
import type { TrustedRegistry } from "../../config/env.ts";
import { useI18n, type I18n } from "../../i18n/I18nProvider.tsx";
import { AnchoringDetails } from "./AnchoringDetails.tsx";
import { CheckList } from "./CheckList.tsx";
import { CredentialCard, type CardTrust } from "./CredentialCard.tsx";
import { InputPanel } from "./InputPanel.tsx";
import { checkedStatusTypes } from "./own-status.ts";
import type { InputProblem } from "./input-limits.ts";
import { RootLookupResult } from "./RootLookupResult.tsx";
import { parseStatusInput } from "./status-input.ts";
import { useAfterPaint } from "../../lib/use-after-paint.ts";
import { useRootLookup } from "./use-root-lookup.ts";
import { useVerification } from "./use-verification.ts";
import { VerdictBanner } from "./VerdictBanner.tsx";
import { requestFromLink, type InputSource } from "./verify-request.ts";

/**
 * What other features add under a verdict, given by the app (features do not import each other): the printable
 * record of the verification, rendered once the verdict is painted, and the sharing panel of a valid credential,
 * opened on request. Either may be lazy (React.lazy): the page renders them inside Suspense.
 */
export interface VerdictPanels {
  Record: ComponentType<{ result: VerificationResult; registries: readonly TrustedRegistry[] }>;
  Share: ComponentType<{ credential: JsonObject; reference?: CredentialReference; institution?: string }>;
}

type Problem = { input: InputProblem } | { link: ReasonCode } | { status: "empty" | "not-hex" | "wrong-length" };

function megabytes(i18n: I18n, bytes: number): string {
  return i18n.t("common.megabytes", { n: i18n.number(Math.round((bytes / (1024 * 1024)) * 10) / 10) });
}

function problemText(i18n: I18n, problem: Problem): string {
  if ("link" in problem) return i18n.t("problem.link", { reason: i18n.reason(problem.link) });
  if ("status" in problem) return i18n.t(`problem.status.${problem.status}`);
  const p = problem.input;
  if (p.kind === "too-large")
    return i18n.t("problem.tooLarge", { size: megabytes(i18n, p.size), limit: megabytes(i18n, p.limit) });
  if (p.kind === "empty") return i18n.t("problem.empty");
  if (p.kind === "not-a-file") return i18n.t("problem.notAFile");
  return i18n.t("problem.unreadable");
}

/** The fragment of the page's own URL, when it carries a verification link. */
function linkInLocation(): string | undefined {
  const fragment = window.location.hash.slice(1);
  return /^[vV]\d+\./.test(fragment) ? fragment : undefined;
}

/**
 * How far a credential's content can be trusted, by verdict: a genuine credential's content is what the issuer
 * anchored (even when revoked or expired, the verdict says so); an invalid or untrusted one's content is not to be
 * read as genuine; a verdict that could not be reached leaves it unverified.
 */
export function cardTrust(verdict: VerificationResult["verdict"]): CardTrust {
  if (verdict === "invalid" || verdict === "untrusted") return "untrustworthy";
  if (verdict === "could-not-check" || verdict === "status-only") return "unverified";
  return "genuine";
}

export function VerifyPage({ registries, panels }: { registries: readonly TrustedRegistry[]; panels: VerdictPanels }) {
  const { Record: VerificationRecord, Share: SharePanel } = panels;
  const i18n = useI18n();
  const { state, verify, reset } = useVerification(registries);
  const { state: rootState, lookup: lookupRoot, reset: resetRoots } = useRootLookup(registries);
  const [problem, setProblem] = useState<Problem>();

  const clear = useCallback(() => {
    setProblem(undefined);
    reset();
    resetRoots();
  }, [reset, resetRoots]);

  const openLink = useCallback(
    (link: string, source: InputSource) => {
      clear();
      const request = requestFromLink(link, source);
      if ("reason" in request) setProblem({ link: request.reason });
      else void verify(request);
    },
    [clear, verify],
  );

  // A link opened in the browser: verify what its fragment carries, now and whenever the fragment changes.
  const latestOpenLink = useRef(openLink);
  latestOpenLink.current = openLink;
  useEffect(() => {
    const fromLocation = () => {
      const link = linkInLocation();
      if (link !== undefined) latestOpenLink.current(link, "link");
    };
    fromLocation();
    window.addEventListener("hashchange", fromLocation);
    return () => {
      window.removeEventListener("hashchange", fromLocation);
    };
  }, []);

  const busy = state.phase === "checking" || rootState.phase === "checking";
  const result = state.phase === "done" ? state.result : undefined;
  const painted = useAfterPaint(result);
  const verdictShown = state.phase === "done" || state.phase === "failed";
  // Verdict first: while a link is checked and once a verdict is on screen, the input form folds away behind
  // "Verify another" (opened for that verdict only: the next verdict folds it again), and so does sharing.
  const fold = verdictShown
    ? state.run
    : state.phase === "checking" && state.request.source === "link"
      ? -1
      : undefined;
  const [openedFor, setOpenedFor] = useState<number>();
  const [sharingFor, setSharingFor] = useState<number>();
  const showForm = fold === undefined || openedFor === fold;
  const sharing = verdictShown && sharingFor === fold;
  const trust = result === undefined ? "unverified" : cardTrust(result.verdict);

  return (
    <>
      {!showForm && (
        <div className="verify-another no-print">
          <button
            type="button"
            className="secondary"
            data-testid="verify-another"
            onClick={() => {
              setOpenedFor(fold);
            }}
          >
            {i18n.t("verify.another")}
          </button>
        </div>
      )}
      {showForm && (
        <InputPanel
          busy={busy}
          focus={fold !== undefined}
          onCredentialText={(text, source) => {
            clear();
            void verify({ source, kind: "credential", text });
          }}
          onLink={openLink}
          onStatusValue={(value) => {
            clear();
            const parsed = parseStatusInput(value);
            if (parsed.ok) void lookupRoot(parsed.value);
            else setProblem({ status: parsed.problem });
          }}
          onProblem={(p) => {
            clear();
            setProblem({ input: p });
          }}
        />
      )}
      <div aria-live="polite" className="outcome">
        {problem !== undefined && (
          <p role="alert" className="problem" data-testid="input-problem">
            {problemText(i18n, problem)}
          </p>
        )}
        {state.phase === "checking" && (
          <div role="status" className="checking" data-testid="checking">
            <span className="spinner" aria-hidden="true" />
            <p>{i18n.t("verify.checking")}</p>
          </div>
        )}
      </div>
      {verdictShown && <VerdictBanner result={result} run={state.run} />}
      {result !== undefined && (
        <>
          {result.credential !== undefined && (
            <CredentialCard
              credential={result.credential}
              hiddenCount={result.hiddenCount}
              chain={result.chain}
              checkedStatusTypes={checkedStatusTypes(result)}
              trust={trust}
            />
          )}
          <CheckList result={result} open={result.verdict !== "valid"} />
          <AnchoringDetails result={result} registries={registries} lookup={painted} />
          {result.credential !== undefined && result.verdict === "valid" && (
            <div className="share-ask no-print">
              {!sharing && (
                <button
                  type="button"
                  className="secondary"
                  data-testid="share-open"
                  onClick={() => {
                    setSharingFor(fold);
                  }}
                >
                  {i18n.t("share.open")}
                </button>
              )}
              {sharing && (
                <Suspense fallback={<p role="status">{i18n.t("share.loading")}</p>}>
                  <SharePanel
                    credential={result.credential}
                    reference={result.reference}
                    institution={result.chain?.institutionName}
                  />
                </Suspense>
              )}
            </div>
          )}
          {/* After the share button: the record, a lazy panel shown once the verdict is painted, appears below it
              instead of pushing it down under a finger or a pointer about to press it. */}
          {painted && (
            <Suspense fallback={null}>
              <VerificationRecord result={result} registries={registries} />
            </Suspense>
          )}
        </>
      )}
      {showForm && state.phase === "idle" && rootState.phase === "idle" && problem === undefined && <EmptyState />}
      <RootLookupResult state={rootState} />
    </>
  );
}

/** What the page shows before anything was verified: what a verdict will tell, in three steps. */
function EmptyState() {
  const { t } = useI18n();
  return (
    <section className="empty-state" aria-labelledby="empty-title" data-testid="empty-state">
      <h2 id="empty-title">{t("empty.title")}</h2>
      <ol className="empty-steps">
        <li>{t("empty.step1")}</li>
        <li>{t("empty.step2")}</li>
        <li>{t("empty.step3")}</li>
      </ol>
    </section>
  );
}
