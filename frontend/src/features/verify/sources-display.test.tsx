import {
  reasonMessage,
  type RegistryRead,
  type SourceReport,
  CHECKS,
  type CheckResult,
  type VerificationResult,
} from "@acredita/core";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { I18nProvider } from "../../i18n/I18nProvider.tsx";
import type { Language } from "../../i18n/languages.ts";
import { en } from "../../i18n/messages/en.ts";
import { es } from "../../i18n/messages/es.ts";
import { ptBR } from "../../i18n/messages/pt-BR.ts";
import { REASONS } from "../../i18n/test-reasons.ts";
import { CheckList } from "./CheckList.tsx";
import { VerdictBanner } from "./VerdictBanner.tsx";

const CATALOGS = { en, es, "pt-BR": ptBR } as const;
const HONEST = "http://127.0.0.1:8545";
const LIAR = "http://127.0.0.1:8546";
const BLOCK = { number: 1234, hash: `0x${"11".repeat(32)}`, time: Date.UTC(2026, 2, 1, 14, 5) / 1000 } as const;

/** What core returns when two sources read at one block disagree about a revocation. */
function disagreement(): VerificationResult {
  const sources: SourceReport[] = [
    { name: HONEST, block: 1234, answered: true, reason: "STATUS_CREDENTIAL_REVOKED" },
    { name: LIAR, block: 1234, answered: true, reason: "STATUS_ACTIVE" },
  ];
  const checks: CheckResult[] = CHECKS.map((check): CheckResult => {
    if (check === "ANCHOR") {
      return {
        check,
        status: "ERROR",
        reason: "SOURCES_DISAGREE",
        details: { differing: ["credentialRevokedAt"], sources },
      };
    }
    if (check === "ISSUER" || check === "STATUS") return { check, status: "SKIPPED", reason: "SKIPPED_AFTER_FAILURE" };
    return { check, status: "VALID", reason: "FORMAT_OK" };
  });
  const read: RegistryRead = { block: BLOCK, tag: "latest", quorum: 2, sources };
  return { verdict: "could-not-check", checks, warnings: [], hiddenCount: 0, redacted: false, read };
}

/** A valid result read through one source. */
function single(): VerificationResult {
  const checks: CheckResult[] = CHECKS.map((check) => ({ check, status: "VALID", reason: "FORMAT_OK" }));
  const read: RegistryRead = {
    block: BLOCK,
    tag: "safe",
    quorum: 1,
    sources: [{ name: HONEST, block: 1234, answered: true, reason: "STATUS_ACTIVE" }],
  };
  return { verdict: "valid", checks, warnings: [], hiddenCount: 0, redacted: false, read, notices: ["SOURCE_SINGLE"] };
}

function show(language: Language, result: VerificationResult) {
  return render(
    <I18nProvider initial={{ language, messages: CATALOGS[language], reasons: REASONS[language] }}>
      <VerdictBanner result={result} run={1} />
      <CheckList result={result} />
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe("sources that disagree", () => {
  for (const language of ["en", "es", "pt-BR"] as const) {
    it(`${language}: 'could not check', with what each source said and where the registry was read`, () => {
      show(language, disagreement());
      expect(screen.getByTestId("verdict").getAttribute("data-verdict")).toBe("could-not-check");
      const anchor = screen.getByTestId("check-ANCHOR").textContent;
      expect(anchor).toContain(reasonMessage("SOURCES_DISAGREE", language));
      const listed = screen.getByTestId("check-ANCHOR-sources").textContent;
      expect(listed).toContain(`${HONEST} (`);
      expect(listed).toContain(reasonMessage("STATUS_CREDENTIAL_REVOKED", language));
      expect(listed).toContain(`${LIAR} (`);
      expect(listed).toContain(reasonMessage("STATUS_ACTIVE", language));
      expect(screen.getByTestId("registry-read").textContent).toMatch(/1[.,]?234/);
      expect(screen.queryByTestId("verdict-notice")).toBeNull();
    });
  }
});

describe("a result resting on one source", () => {
  for (const language of ["en", "es", "pt-BR"] as const) {
    it(`${language}: says so next to the verdict`, () => {
      show(language, single());
      expect(screen.getByTestId("verdict-notice").textContent).toBe(reasonMessage("SOURCE_SINGLE", language));
      expect(screen.getByTestId("registry-read").textContent).toContain("2026");
    });
  }
});
