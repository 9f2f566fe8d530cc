// @vitest-environment jsdom -- parses the snippet it tests with the DOM's DOMParser
import { credentialView } from "@acredita/core";
import { describe, expect, it } from "vitest";
import {
  type Certification,
  certificationOf,
  embedSnippet,
  LINKEDIN_ADD_TO_PROFILE,
  linkedInAddUrl,
} from "./linkedin.ts";

const credential = {
  id: "urn:uuid:0b9f2f44-6b1e-4d3b-9d62-3f5b7c1d2e4a",
  name: "Negociación & Liderazgo <MBA>",
  issuer: { id: "did:web:uneje.example", name: "Universidad (nombre en la credencial)" },
  validFrom: "2026-06-24T00:00:00Z",
  validUntil: "2029-06-30T00:00:00Z",
  credentialSubject: { name: "María José", achievement: { name: "Negociación y Liderazgo" } },
};
const url = "https://verify.acredita.example/#V2.ABC$*+-./:";

function certification(subject: object, link: string, institution: string | undefined): Certification {
  const cert = certificationOf(credentialView(subject), link, institution);
  if (cert === undefined) throw new Error("no certification");
  return cert;
}

describe("LinkedIn's Add to profile link", () => {
  it("is LinkedIn's endpoint with every parameter, percent-encoded so that parsing gives the values back", () => {
    const cert = certification(credential, url, "Universidad Nacional de Ejemplo");
    const link = new URL(linkedInAddUrl(cert, credential.id));
    expect(`${link.origin}${link.pathname}`).toBe(LINKEDIN_ADD_TO_PROFILE);
    expect(Object.fromEntries(link.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "Negociación & Liderazgo <MBA>",
      organizationName: "Universidad Nacional de Ejemplo",
      issueYear: "2026",
      issueMonth: "6",
      expirationYear: "2029",
      expirationMonth: "6",
      certUrl: url,
      certId: credential.id,
    });
    expect(link.hash).toBe("");
  });

  it("falls back to the credential's issuer name and leaves out dates it does not have", () => {
    const noExpiry: Partial<typeof credential> = { ...credential };
    delete noExpiry.validUntil;
    const link = new URL(linkedInAddUrl(certification(noExpiry, url, undefined)));
    expect(link.searchParams.get("organizationName")).toBe("Universidad (nombre en la credencial)");
    expect(link.searchParams.has("expirationYear")).toBe(false);
    expect(link.searchParams.has("certId")).toBe(false);
  });
});

describe("the embed snippet", () => {
  it("links the verification URL with the badge image, every value escaped", () => {
    const cert = certification(credential, 'https://v.example/#"><script>', "U & Co");
    const html = embedSnippet(cert, { kind: "remote", url: "https://uneje.example/badge.png", host: "uneje.example" });
    const doc = new DOMParser().parseFromString(html, "text/html");
    expect(doc.querySelector("script")).toBeNull();
    expect(doc.querySelector("a")?.getAttribute("href")).toBe('https://v.example/#"><script>');
    expect(doc.querySelector("a img")?.getAttribute("src")).toBe("https://uneje.example/badge.png");
    expect(doc.querySelector("a img")?.getAttribute("alt")).toBe("Negociación & Liderazgo <MBA> — U & Co");
    expect(embedSnippet(cert, undefined)).not.toContain("<img");
  });
});
