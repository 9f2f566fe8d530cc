import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { I18nProvider } from "../../i18n/I18nProvider.tsx";
import type { Language } from "../../i18n/languages.ts";
import { en } from "../../i18n/messages/en.ts";
import { es } from "../../i18n/messages/es.ts";
import { ptBR } from "../../i18n/messages/pt-BR.ts";
import { REASONS } from "../../i18n/test-reasons.ts";
import { ConsoleI18nProvider, useConsoleI18n } from "./console-i18n.tsx";
import { draftReady, ProfileFields, type ProfileDraft } from "./ProfileFields.tsx";

const CATALOGS = { en, es, "pt-BR": ptBR } as const;

function inLanguage(language: Language, children: React.ReactNode) {
  return (
    <I18nProvider initial={{ language, messages: CATALOGS[language], reasons: REASONS[language] }}>
      <ConsoleI18nProvider>{children}</ConsoleI18nProvider>
    </I18nProvider>
  );
}

/** The admit form's fields, with what the Admit button would be given. */
function AdmitForm() {
  const [draft, setDraft] = useState<ProfileDraft>({ name: "", issuerId: "", country: "MX", website: "" });
  return (
    <>
      <ProfileFields testIdPrefix="admit" draft={draft} onChange={setDraft} />
      <output data-testid="ready">{String(draftReady(draft))}</output>
    </>
  );
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

afterEach(cleanup);

describe("ProfileFields", () => {
  it("labels the issuer id and says what it is", () => {
    render(inLanguage("pt-BR", <AdmitForm />));
    expect(screen.getByLabelText(/Identificador do emissor/).getAttribute("data-testid")).toBe("admit-issuer-id");
    expect(screen.getByText(/O DID ou a URL https que suas credenciais trazem como issuer\.id/)).toBeTruthy();
  });

  it("refuses a name with a bidirectional-text control, in the reader's language, and keeps the action disabled", () => {
    render(inLanguage("es", <AdmitForm />));
    type("admit-issuer-id", "did:web:uneje.edu.mx");
    type("admit-name", "Universidad \u202Eojemplo");
    const problem = screen.getByRole("alert");
    expect(problem.getAttribute("data-problem")).toBe("bidi");
    expect(problem.textContent).toMatch(/El campo «Nombre» contiene un control de texto bidireccional/);
    expect(screen.getByTestId("admit-name").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("ready").textContent).toBe("false");
  });

  it("refuses an issuer id that is neither a DID nor an https URL, and a name not in NFC", () => {
    render(inLanguage("en", <AdmitForm />));
    type("admit-name", "Universidad Autónoma".normalize("NFD"));
    type("admit-issuer-id", "uneje.edu.mx");
    const problems = screen.getAllByRole("alert").map((p) => p.getAttribute("data-problem"));
    expect(problems).toEqual(["notNormalized", "invalidIssuerId"]);
    expect(screen.getByTestId("ready").textContent).toBe("false");
  });

  it("accepts a sound profile, and says nothing about fields not typed yet", () => {
    render(inLanguage("en", <AdmitForm />));
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByTestId("ready").textContent).toBe("false");
    type("admit-name", "Instituição São João");
    type("admit-issuer-id", " https://sao-joao.example/issuer ");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>("admit-issuer-id").value).toBe("https://sao-joao.example/issuer");
    expect(screen.getByTestId("ready").textContent).toBe("true");
  });
});

describe("contract errors as sentences", () => {
  function Failure(props: { errorName: string; args: readonly unknown[] }) {
    const { failure } = useConsoleI18n();
    return <p>{failure({ kind: "contract", ...props })}</p>;
  }

  it("names the text field the registry refused with the form's label, in each language", () => {
    const cases = [
      ["en", "The field “Name” contains a bidirectional-text control at byte 12"],
      ["es", "El campo «Nombre» contiene un control de texto bidireccional en el byte 12"],
      ["pt-BR", "O campo “Nome” contém um controle de texto bidirecional no byte 12"],
    ] as const;
    for (const [language, sentence] of cases) {
      render(inLanguage(language, <Failure errorName="CredentialRegistryBidiControl" args={["name", 12n]} />));
      expect(screen.getByText(new RegExp(sentence))).toBeTruthy();
      cleanup();
    }
  });

  it("says whose an issuer id already is", () => {
    render(
      inLanguage("es", <Failure errorName="CredentialRegistryIssuerIdTaken" args={["did:web:uneje.edu.mx", 3]} />),
    );
    expect(screen.getByText(/did:web:uneje\.edu\.mx ya pertenece a la institución #3/)).toBeTruthy();
  });
});
