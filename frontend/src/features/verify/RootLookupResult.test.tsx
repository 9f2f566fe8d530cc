import { cleanup, render, screen } from "@testing-library/react";
import type { Hex } from "viem";
import { afterEach, describe, expect, it } from "vitest";
import type { TrustedRegistry } from "../../config/env.ts";
import { I18nProvider } from "../../i18n/I18nProvider.tsx";
import type { Language } from "../../i18n/languages.ts";
import { en } from "../../i18n/messages/en.ts";
import { es } from "../../i18n/messages/es.ts";
import { ptBR } from "../../i18n/messages/pt-BR.ts";
import { REASONS } from "../../i18n/test-reasons.ts";
import type { BatchRecord } from "../../lib/chain-history.ts";
import { RootLookupResult } from "./RootLookupResult.tsx";

const CATALOGS = { en, es, "pt-BR": ptBR } as const;
const ROOT: Hex = `0x${"ab".repeat(32)}`;
const registry: TrustedRegistry = {
  chainId: 31337,
  address: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  name: "Red de Ejemplo",
  rpcUrls: ["http://127.0.0.1:8545"],
};

function batch(overrides: Partial<BatchRecord> = {}): BatchRecord {
  return {
    institution: {
      id: 1,
      name: "Universidad Nacional de Ejemplo",
      issuerId: "did:web:uneje.example",
      country: "MX",
      website: "",
      status: "Active",
      admittedAt: 1,
      updatedAt: 1,
      statusChangedAt: 1,
      signingKeyCount: 1,
      identityVersion: 1,
    },
    root: ROOT,
    count: 25,
    anchoredAt: 1_790_000_000,
    identityVersion: 1,
    revokedAt: 0,
    revocationReason: 0,
    signingKey: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    keyCompromisedFrom: 0,
    state: "active",
    blockNumber: 12n,
    transactionHash: `0x${"cd".repeat(32)}`,
    ...overrides,
  };
}

function show(language: Language, batches: BatchRecord[]) {
  return render(
    <I18nProvider initial={{ language, messages: CATALOGS[language], reasons: REASONS[language] }}>
      <RootLookupResult state={{ phase: "done", value: ROOT, answers: [{ registry, ok: true, batches }] }} />
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe("the status box's answer for a batch root", () => {
  it("says anchored and not revoked for a sound batch", () => {
    show("en", [batch()]);
    expect(screen.getByTestId("status-result").dataset.found).toBe("yes");
    expect(screen.getByTestId("status-result").textContent).toBe("Anchored");
    expect(screen.getByTestId("status-batch").textContent).toContain("The batch is not revoked.");
  });

  for (const language of ["en", "es", "pt-BR"] as const) {
    it(`never says "anchored, not revoked" for a batch its key anchored after that key's compromise (${language})`, () => {
      show(language, [batch({ state: "key-compromised", keyCompromisedFrom: 1_789_000_000 })]);
      const heading = screen.getByTestId("status-result");
      expect(heading.dataset.found).toBe("key-compromised");
      expect(heading.textContent).toBe(CATALOGS[language]["lookup.keyCompromised"]);
      const line = screen.getByTestId("status-batch");
      expect(line.dataset.state).toBe("key-compromised");
      expect(line.textContent).not.toContain(CATALOGS[language]["lookup.batchActive"]);
      expect(line.textContent).toMatch(/compromised|comprometida/);
      expect(line.textContent).toContain("2026");
    });
  }

  it("says why a revoked batch was revoked in the reader's language, in the registry's words (core)", () => {
    const reasons = { en: "misconduct or fraud", es: "conducta indebida o fraude", "pt-BR": "má conduta ou fraude" };
    for (const language of ["en", "es", "pt-BR"] as const) {
      show(language, [batch({ state: "revoked", revokedAt: 1_791_000_000, revocationReason: 3 })]);
      expect(screen.getByTestId("status-batch").textContent).toContain(reasons[language]);
      cleanup();
    }
    show("es", [batch({ state: "revoked", revokedAt: 1_791_000_000, revocationReason: 9 })]);
    expect(screen.getByTestId("status-batch").textContent).toContain("código 9");
  });
});
