import { verdictMessage, CHECKS, type ChainStatus, type CheckResult, type VerificationResult } from "@acredita/core";
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
const ANCHORED_AT = Date.UTC(2026, 2, 1, 14, 5) / 1000;

/** What core returns for a status-only link: the registry vouches, the content checks were skipped. */
function statusOnly(): VerificationResult {
  const content = new Set(["INTEGRITY", "SIGNATURE", "VALIDITY"]);
  const checks: CheckResult[] = CHECKS.map((check) =>
    content.has(check)
      ? { check, status: "SKIPPED", reason: "SKIPPED_STATUS_ONLY" }
      : { check, status: "VALID", reason: check === "STATUS" ? "STATUS_ACTIVE" : "FORMAT_OK" },
  );
  return {
    verdict: "status-only",
    checks,
    warnings: [],
    hiddenCount: 0,
    redacted: false,
    chain: { institutionName: "Universidad Nacional de Ejemplo", anchoredAt: ANCHORED_AT } as ChainStatus,
  };
}

function show(language: Language) {
  return render(
    <I18nProvider initial={{ language, messages: CATALOGS[language], reasons: REASONS[language] }}>
      <VerdictBanner result={statusOnly()} run={1} />
      <CheckList result={statusOnly()} />
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe("a status-only result (a link or QR code with a digest, not the credential)", () => {
  const expected = {
    en: {
      says: /^Anchored by Universidad Nacional de Ejemplo on .*2026.* and not revoked\. Its content and validity dates were not checked/,
      never: /unchanged|^Valid/i,
    },
    es: {
      says: /^Anclada por Universidad Nacional de Ejemplo el .*2026.* y no revocada\. No se comprobaron su contenido/,
      never: /sin alteraciones|^Válida/i,
    },
    "pt-BR": {
      says: /^Ancorada por Universidad Nacional de Ejemplo em .*2026.* e não revogada\. O conteúdo e as datas/,
      never: /sem alterações|^Válida/i,
    },
  } as const;
  for (const language of ["en", "es", "pt-BR"] as const) {
    it(`is never shown as valid or unchanged, and says what was not checked, in ${language}`, () => {
      show(language);
      const verdict = screen.getByTestId("verdict");
      expect(verdict.dataset.verdict).toBe("status-only");
      expect(verdict.className).toContain("tone-warn");
      const title = screen.getByTestId("verdict-title").textContent;
      expect(title).toBe(verdictMessage("status-only", language));
      expect(title).not.toMatch(expected[language].never);
      const summary = screen.getByTestId("verdict-summary").textContent;
      expect(summary).toMatch(expected[language].says);
      expect(summary).not.toMatch(expected[language].never);
      // The skipped content checks say what to do: ask for the credential itself.
      expect(screen.getByTestId("check-INTEGRITY").textContent).toContain(CATALOGS[language]["advice.statusOnly"]);
    });
  }
});
