import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { JsonObject, CheckResult, VerificationResult } from "@acredita/core";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { I18nProvider } from "../../i18n/I18nProvider.tsx";
import type { Language } from "../../i18n/languages.ts";
import { en } from "../../i18n/messages/en.ts";
import { es } from "../../i18n/messages/es.ts";
import { ptBR } from "../../i18n/messages/pt-BR.ts";
import { REASONS } from "../../i18n/test-reasons.ts";
import { CheckList } from "./CheckList.tsx";
import { CredentialCard } from "./CredentialCard.tsx";
import { VerdictBanner } from "./VerdictBanner.tsx";

const CATALOGS = { en, es, "pt-BR": ptBR } as const;
/** The OB 3.0 specification's own examples (third-party, verbatim copies in test/fixtures). */
const EXAMPLES = resolve(import.meta.dirname, "..", "..", "..", "..", "test", "fixtures", "ob3", "examples");
const example = (name: string) => JSON.parse(readFileSync(resolve(EXAMPLES, name), "utf8")) as JsonObject;
const full = () => example("examples_fullOpenBadge__Complete-OpenBadgeCredential.json");

function inLanguage(language: Language, children: ReactNode) {
  return (
    <I18nProvider initial={{ language, messages: CATALOGS[language], reasons: REASONS[language] }}>
      {children}
    </I18nProvider>
  );
}

function card(credential: JsonObject, language: Language = "en", hiddenCount = 0) {
  return render(inLanguage(language, <CredentialCard credential={credential} hiddenCount={hiddenCount} />));
}

/** A credential with only an achievement (and whatever `extra` adds to the subject and the credential). */
function withAchievement(achievement: JsonObject, subject: JsonObject = {}, extra: JsonObject = {}): JsonObject {
  return {
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: "Test",
    credentialSubject: { id: "did:example:learner", ...subject, achievement },
    ...extra,
  };
}

afterEach(cleanup);

describe("CredentialCard with the specification's complete example", () => {
  it("labels a Degree a degree, in every language", () => {
    card(full(), "en");
    expect(screen.getByTestId("card-type").textContent).toBe("Degree");
    cleanup();
    card(full(), "es");
    expect(screen.getByTestId("card-type").textContent).toBe("Título académico");
    cleanup();
    card(full(), "pt-BR");
    expect(screen.getByTestId("card-type").textContent).toBe("Grau acadêmico");
  });

  it("shows the learner from credentialSubject.id and both e-mail identifiers", () => {
    card(full());
    expect(screen.getByTestId("card-learner").textContent).toBe("did:example:ebfeb1f712ebc6f1c276e12ec21");
    expect(screen.getAllByTestId("card-identifier").map((e) => e.textContent)).toEqual([
      "student@1edtech.edu",
      "somebody@gmail.com",
    ]);
  });

  it("shows every result with its description and scale", () => {
    card(full());
    const results = screen.getAllByTestId("card-result");
    expect(results).toHaveLength(3);
    const first = within(results[0] as HTMLElement);
    expect(first.getByRole("heading", { name: "Final Project Grade" })).toBeTruthy();
    expect(first.getByTestId("card-result-value").textContent).toBe("A");
    expect(first.getByTestId("card-result-scale").textContent).toBe("Letter grade");
    expect(first.getByTestId("card-result-allowed").textContent).toBe("D, C, B, A");
    expect(first.getByText("C")).toBeTruthy();
    expect(within(results[1] as HTMLElement).getByText("Mastery (Mastered) 4 points")).toBeTruthy();
    expect(within(results[2] as HTMLElement).getByText("Completed")).toBeTruthy();
  });

  it("shows the alignments with framework, code and an https link", () => {
    card(full());
    const section = within(screen.getByTestId("card-alignments"));
    const items = section.getAllByTestId("card-alignment");
    expect(items).toHaveLength(2);
    const link = within(items[1] as HTMLElement).getByRole("link", { name: "1EdTech University Degree" });
    expect(link.getAttribute("href")).toBe(
      "https://credentialengineregistry.org/resources/ce-98cb027b-95ef-4494-908d-6f7790ec6b6b",
    );
    expect(link.getAttribute("rel")).toContain("noopener");
    expect(items[0]?.textContent).toContain("Framework: 1EdTech University Program and Course Catalog");
    expect(items[0]?.textContent).toContain("Code: degree");
  });

  it("renders the criteria narrative as markdown, not as raw text", async () => {
    card(full());
    const criteria = screen.getByTestId("card-criteria");
    expect(await within(criteria).findByText(/^Degree Requirements/, { selector: "strong" })).toBeTruthy();
    expect(criteria.textContent).not.toContain("# Degree");
    expect(within(criteria).getByRole("link").getAttribute("href")).toBe("https://1edtech.edu/achievements/degree");
  });

  it("shows the evidence, the credits and the endorsements, saying these are not verified", () => {
    card(full());
    const evidence = screen.getAllByTestId("card-evidence-item");
    expect(evidence.map((e) => e.querySelector("strong")?.textContent)).toEqual([
      "Final Project Report",
      "Final Project Code",
    ]);
    expect(
      within(evidence[1] as HTMLElement)
        .getByRole("link")
        .getAttribute("href"),
    ).toBe("https://github.com/somebody/project");
    expect(screen.getByTestId("card-credits-earned").textContent).toBe("42");
    expect(screen.getByTestId("card-credits-available").textContent).toBe("36");
    const endorsements = screen.getByTestId("card-endorsements");
    expect(endorsements.textContent).toContain("not verified");
    expect(
      within(endorsements)
        .getAllByTestId("card-endorsement")
        .map((e) => e.querySelector("strong")?.textContent),
    ).toEqual([
      "Example Accrediting Agency endorses this credential",
      "Example Accrediting Agency endorses the achievement",
      "Example Accrediting Agency endorses the institution",
    ]);
    expect(endorsements.textContent).toContain("1EdTech University is in good standing");
  });

  it("shows the credential's own status as not checked, never as not revoked", () => {
    card(full());
    expect(screen.getByTestId("card-own-status-entry").textContent).toContain("1EdTechRevocationList: not checked");
    expect(screen.getByTestId("credential-card").textContent).not.toMatch(/not revoked/i);
  });

  it("loads the https badge image only after a click", () => {
    card(full());
    const card_ = screen.getByTestId("credential-card");
    expect(card_.querySelector("img")).toBeNull();
    fireEvent.click(screen.getByTestId("card-load-image"));
    const img = screen.getByTestId("card-image");
    expect(img.getAttribute("src")).toBe("https://1edtech.edu/credentials/3732/image");
    expect(img.getAttribute("alt")).toBe("1EdTech University Degree for Example Student");
    expect(img.getAttribute("referrerpolicy")).toBe("no-referrer");
  });
});

describe("CredentialCard with every example of the specification", () => {
  it.each([
    ["examples_basicOpenBadgeCredential__Sample-OpenBadgeCredential.json", "Credential"],
    ["examples_skillAssertionCase__Skill-Assertion-CASE.json", "Competency"],
    ["examples_achievementAlignmentCe__Achievement-alignment-Credential-Engine.json", "Credential"],
  ])("renders %s with its type, learner and criteria", (file, type) => {
    card(example(file));
    expect(screen.getByTestId("card-type").textContent).toBe(type);
    expect(screen.getByTestId("card-learner").textContent).toBe("did:example:ebfeb1f712ebc6f1c276e12ec21");
    expect(screen.getByTestId("card-criteria").textContent.length).toBeGreaterThan(20);
  });
});

describe("CredentialCard is safe with hostile content", () => {
  const hostile =
    '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script> **Bold** ' +
    "[bad](javascript:window.__pwned=1) [good](https://uneje.example/curso) [mail](mailto:a@uneje.example) " +
    "![tracker](https://tracker.example/pixel.png) <b>raw</b>\n\n# Heading";

  it("renders markdown without raw HTML, loaded images or javascript: links", async () => {
    card(withAchievement({ name: "X", description: hostile }));
    const description = screen.getByTestId("card-description");
    await within(description).findByText("Heading", { selector: "strong" });
    expect(description.querySelector("script, img, b, h1, iframe")).toBeNull();
    expect(description.textContent).not.toContain("<script>");
    expect(description.textContent).not.toContain("onerror");
    expect(within(description).getByText("Bold", { selector: "strong" })).toBeTruthy();
    expect(within(description).getByText("Heading", { selector: "strong" })).toBeTruthy();
    const bad = within(description).getByText("bad");
    expect(bad.closest("a")).toBeNull();
    const good = within(description).getByRole("link", { name: "good" });
    expect(good.getAttribute("href")).toBe("https://uneje.example/curso");
    expect(good.getAttribute("rel")).toContain("noopener");
    expect(good.getAttribute("rel")).toContain("noreferrer");
    expect(within(description).getByRole("link", { name: "mail" }).getAttribute("href")).toBe("mailto:a@uneje.example");
    expect(description.textContent).toContain("[tracker]");
    expect(document.querySelectorAll("img")).toHaveLength(0);
  });

  it("never shows an SVG image, and shows a raster data: image inline", () => {
    const svg = "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+";
    card(withAchievement({ name: "X", image: { id: svg, type: "Image" } }));
    expect(document.querySelector("img")).toBeNull();
    expect(screen.queryByTestId("card-load-image")).toBeNull();
    cleanup();
    const png = "data:image/png;base64,iVBORw0KGgo=";
    card(withAchievement({ name: "X", image: png }));
    expect(screen.getByTestId("card-image").getAttribute("src")).toBe(png);
  });

  it("shows a hashed identifier as a hash, never as the learner's name", () => {
    card(
      withAchievement(
        { name: "X" },
        {
          identifier: [{ type: "IdentityObject", identityType: "name", hashed: true, identityHash: "sha256$abc" }],
        },
      ),
    );
    expect(screen.getByTestId("card-learner").textContent).toBe("did:example:learner");
    expect(screen.getByTestId("card-identifier").textContent).toContain("sha256$abc");
    expect(screen.getByText("Name (hashed)")).toBeTruthy();
  });

  it("survives a credential of the wrong shape", () => {
    card({ credentialSubject: [1, 2], issuer: "x", name: { a: 1 }, evidence: "x", credentialStatus: 3 });
    expect(screen.getByTestId("card-title").textContent).toBe("Untitled credential");
  });
});

describe("CredentialCard vocabulary and plurals", () => {
  it("humanises an extension achievement type and labels a microcredential", () => {
    card(withAchievement({ achievementType: "ext:IndustryPassport" }));
    expect(screen.getByTestId("card-type").textContent).toBe("Industry Passport");
    cleanup();
    card(withAchievement({ achievementType: "MicroCredential", microcredential: { workloadHours: 1 } }), "pt-BR");
    expect(screen.getByTestId("card-type").textContent).toBe("Microcredencial");
    expect(screen.getByTestId("card-facts").textContent).toContain("1 hora");
  });

  it("counts rubric points and workload hours with each language's plural rules", () => {
    const rubric = withAchievement(
      {
        microcredential: { workloadHours: 40 },
        resultDescription: [
          {
            id: "urn:rd",
            name: "Rubric",
            resultType: "RubricCriterionLevel",
            rubricCriterionLevel: [
              { id: "urn:l1", name: "Basic", points: "1" },
              { id: "urn:l2", name: "Good", points: "2" },
            ],
          },
        ],
      },
      { result: [{ resultDescription: "urn:rd", achievedLevel: "urn:l1" }] },
    );
    card(rubric, "es");
    const levels = screen.getByTestId("card-result-levels").textContent;
    expect(levels).toContain("Basic — 1 punto");
    expect(levels).toContain("Good — 2 puntos");
    expect(screen.getByTestId("card-facts").textContent).toContain("40 horas");
    expect(screen.getByTestId("card-result-scale").textContent).toBe("Nivel de rúbrica");
  });
});

describe("what the page says about revocation", () => {
  const checks = (status: CheckResult["status"]): CheckResult[] =>
    (["FORMAT", "INTEGRITY", "REGISTRY", "ANCHOR", "ISSUER", "STATUS", "VALIDITY"] as const).map((check) => ({
      check,
      status: check === "STATUS" ? status : "VALID",
      reason: check === "STATUS" ? (status === "VALID" ? "STATUS_ACTIVE" : "SKIPPED_AFTER_FAILURE") : "FORMAT_OK",
    }));
  const result = (credential: JsonObject, status: CheckResult["status"] = "VALID"): VerificationResult => ({
    verdict: "valid",
    checks: checks(status),
    warnings: [],
    hiddenCount: 0,
    redacted: false,
    credential,
  });

  it("says not revoked in the registry, and names the credential's own status service as not checked", () => {
    render(inLanguage("en", <VerdictBanner result={result(full())} run={1} />));
    expect(screen.getByTestId("verdict-summary").textContent).toContain("not revoked in the registry");
    expect(screen.getByTestId("verdict-own-status").textContent).toBe(
      "The credential also names its own status service (1EdTechRevocationList), which this verifier did not check.",
    );
  });

  it("never says not revoked when the registry's status was not checked", () => {
    render(inLanguage("es", <VerdictBanner result={result(full(), "SKIPPED")} run={1} />));
    const summary = screen.getByTestId("verdict-summary").textContent;
    expect(summary).not.toContain("no revocada");
    expect(summary).toContain("No se comprobó la revocación");
  });

  it("says nothing about an own status service when the credential names none", () => {
    render(inLanguage("en", <VerdictBanner result={result(withAchievement({ name: "X" }))} run={1} />));
    expect(screen.queryByTestId("verdict-own-status")).toBeNull();
  });

  it("shows a published status list that disagrees with the chain, and counts its entry as checked", () => {
    const listed: JsonObject = {
      ...withAchievement({ name: "X" }),
      credentialStatus: {
        id: "http://127.0.0.1:5173/status-lists/a.json#0",
        type: "BitstringStatusListEntry",
        statusPurpose: "revocation",
        statusListIndex: "0",
        statusListCredential: "http://127.0.0.1:5173/status-lists/a.json",
      },
    };
    const disagreeing: VerificationResult = {
      ...result(listed),
      verdict: "valid-with-warnings",
      warnings: ["STATUS_LIST_DISAGREES"],
      statusList: {
        url: "http://127.0.0.1:5173/status-lists/a.json",
        index: 0,
        outcome: "disagrees",
        reason: "STATUS_LIST_DISAGREES",
        listRevoked: true,
        chainRevoked: false,
      },
    };
    render(inLanguage("en", <VerdictBanner result={disagreeing} run={1} />));
    expect(screen.getByTestId("warnings").textContent).toContain("published status list disagrees with the chain");
    expect(screen.queryByTestId("verdict-own-status")).toBeNull();
    cleanup();
    render(inLanguage("es", <CheckList result={disagreeing} />));
    expect(screen.getByTestId("check-status-list").textContent).toContain("La lista de estado publicada no coincide");
    expect(screen.queryByTestId("check-own-status")).toBeNull();
    cleanup();
    // Not compared (no status list prefix configured): the entry is a status service nothing checked.
    render(inLanguage("en", <VerdictBanner result={result(listed)} run={1} />));
    expect(screen.getByTestId("verdict-own-status").textContent).toContain("BitstringStatusListEntry");
  });

  it("adds to the revocation check that only the registry was consulted", () => {
    render(inLanguage("pt-BR", <CheckList result={result(full())} />));
    expect(screen.getByTestId("check-own-status").textContent).toBe(
      "Somente o registro foi consultado. O serviço de status próprio da credencial (1EdTechRevocationList) não foi verificado.",
    );
  });
});

describe("a redacted copy names what the holder hid, in every language", () => {
  /** As the share panel hides them: an e-mail's value (its type stays) and a whole result (a null in its list). */
  const redacted = () =>
    withAchievement(
      { name: "Negotiation" },
      {
        identifier: [
          { type: "IdentityObject", identityType: "sisSourcedId", hashed: false, identityHash: "L-1" },
          { type: "IdentityObject", identityType: "emailAddress", hashed: false },
          null,
        ],
        result: [null, { type: ["Result"], value: "A" }],
      },
    );
  const names: Record<Language, string[]> = {
    en: ["E-mail address", "A learner identifier (no. 3)", "A grade (result no. 1)"],
    es: [
      "Dirección de correo electrónico",
      "Un identificador del estudiante (n.º 3)",
      "Una calificación (resultado n.º 1)",
    ],
    "pt-BR": ["Endereço de e-mail", "Um identificador do estudante (nº 3)", "Uma nota (resultado nº 1)"],
  };
  for (const language of ["en", "es", "pt-BR"] as const) {
    it(`by what each field was, never "identifier 2/3", in ${language}`, () => {
      card(redacted(), language, 9);
      expect(screen.getAllByTestId("hidden-name").map((e) => e.textContent)).toEqual(names[language]);
      expect(screen.getByTestId("hidden-count").textContent).toContain("9");
      expect(screen.getByTestId("hidden-fields").textContent).not.toMatch(/\d\/\d/);
    });
  }

  it("names nothing for a full credential", () => {
    card(redacted(), "en", 0);
    expect(screen.queryByTestId("hidden-fields")).toBeNull();
  });
});

describe("content that did not pass verification is marked, not shown as genuine", () => {
  const credential = () => withAchievement({ name: "Forged" }, { name: "Mallory" });
  it("labels an untrustworthy card and an unconfirmed one, and leaves a genuine one unmarked", () => {
    const trusted = (trust?: "genuine" | "untrustworthy" | "unverified") =>
      render(inLanguage("en", <CredentialCard credential={credential()} hiddenCount={0} trust={trust} />));
    trusted("untrustworthy");
    expect(screen.getByTestId("credential-card").dataset.trust).toBe("untrustworthy");
    expect(screen.getByTestId("card-untrustworthy").textContent).toMatch(/^Not trustworthy\./);
    expect(screen.getByTestId("credential-card").getAttribute("aria-describedby")).toBe("card-trust");
    cleanup();
    trusted("unverified");
    expect(screen.getByTestId("card-unverified").textContent).toMatch(/^Not confirmed\./);
    cleanup();
    trusted();
    expect(screen.getByTestId("credential-card").dataset.trust).toBe("genuine");
    expect(screen.queryByTestId("card-untrustworthy")).toBeNull();
    expect(screen.queryByTestId("card-unverified")).toBeNull();
  });
});

describe("CredentialCard on a credential that is not a complete microcredential", () => {
  it("lists the microcredential elements the specification's complete example lacks, in every language", () => {
    card(full(), "en");
    const lacking = within(screen.getByTestId("card-lacking"));
    expect(lacking.getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      en["element.level"],
      en["element.participation"],
      en["element.identityCheck"],
    ]);
    cleanup();
    card(full(), "es");
    expect(within(screen.getByTestId("card-lacking")).getAllByRole("listitem")[0]?.textContent).toBe(
      es["element.level"],
    );
    cleanup();
    card(full(), "pt-BR");
    expect(screen.getByTestId("card-lacking").textContent).toContain(ptBR["card.lacking"]);
  });

  it("lists nothing for a redacted copy, whose hidden fields are not missing", () => {
    card(full(), "en", 3);
    expect(screen.queryByTestId("card-lacking")).toBeNull();
  });
});
