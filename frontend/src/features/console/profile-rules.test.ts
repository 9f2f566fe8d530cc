import { MAX_NAME_LENGTH, MAX_URI_LENGTH } from "@acredita/core";
import { describe, expect, it } from "vitest";
import { isIssuerId, profileProblems } from "./profile-rules.ts";

const GOOD = { name: "Universidad Nacional de Ejemplo", issuerId: "did:web:uneje.edu.mx", website: "" };

describe("isIssuerId", () => {
  it.each([
    "did:web:uneje.edu.mx",
    "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
    "did:web:example.com%3A8443:issuers:1",
    "https://uneje.edu.mx",
    "https://uneje.edu.mx/issuers/1#key",
  ])("accepts the DID or https URL %s", (issuerId) => {
    expect(isIssuerId(issuerId)).toBe(true);
  });
  it.each([
    ["another scheme", "http://uneje.edu.mx"],
    ["no host", "https://"],
    ["an empty host", "https:///path"],
    ["an upper-case method", "did:WEB:uneje.edu.mx"],
    ["no method", "did::uneje"],
    ["no identifier", "did:web:"],
    ["no identifier separator", "did:web"],
    ["a space", "did:web:une je.edu.mx"],
    ["a non-ASCII letter", "https://universidad-señora.mx"],
    ["a leading space", " did:web:uneje.edu.mx"],
    ["a bare name", "Universidad Nacional"],
  ])("refuses %s", (_, issuerId) => {
    expect(isIssuerId(issuerId)).toBe(false);
  });
});

describe("profileProblems", () => {
  it("accepts a profile the registry accepts, precomposed letters included", () => {
    expect(profileProblems(GOOD)).toEqual([]);
    expect(profileProblems({ ...GOOD, name: "Instituição São João — Ñandú", website: "https://sjn.example" })).toEqual(
      [],
    );
  });

  it("refuses a name with a bidirectional-text control", () => {
    for (const control of ["\u202E", "\u202A", "\u2066", "\u200F", "\u061C"]) {
      expect(profileProblems({ ...GOOD, name: `Universidad ${control}odaiguS` })).toEqual([
        { field: "name", problem: "bidi" },
      ]);
    }
  });

  it("refuses control characters (C0, DEL, C1) in the name and the website", () => {
    expect(profileProblems({ ...GOOD, name: "Universidad\tNacional" })).toEqual([
      { field: "name", problem: "control" },
    ]);
    expect(profileProblems({ ...GOOD, name: "Universidad\u0085" })).toEqual([{ field: "name", problem: "control" }]);
    expect(profileProblems({ ...GOOD, website: "https://x.example/\u007F" })).toEqual([
      { field: "website", problem: "control" },
    ]);
  });

  it("refuses a name that is not in NFC, or that holds a character the registry treats as rewritten by NFC", () => {
    const decomposed = "Universidad Autónoma".normalize("NFD");
    expect(decomposed.normalize("NFC")).not.toBe(decomposed);
    expect(profileProblems({ ...GOOD, name: decomposed })).toEqual([{ field: "name", problem: "notNormalized" }]);
    // NFC already, but a combining mark the registry refuses anyway.
    expect(profileProblems({ ...GOOD, name: "Escuela q\u0303" })).toEqual([
      { field: "name", problem: "notNormalized" },
    ]);
    expect(profileProblems({ ...GOOD, name: "Laboratorio 5 \u2126" })).toEqual([
      { field: "name", problem: "notNormalized" },
    ]);
  });

  it("refuses a lone surrogate, which UTF-8 cannot carry", () => {
    expect(profileProblems({ ...GOOD, name: "Universidad \uD800" })).toEqual([
      { field: "name", problem: "invalidText" },
    ]);
  });

  it("requires a name and an issuer id, and checks the issuer id's form", () => {
    expect(profileProblems({ name: "", issuerId: "", website: "" })).toEqual([
      { field: "name", problem: "empty" },
      { field: "issuerId", problem: "empty" },
    ]);
    expect(profileProblems({ ...GOOD, issuerId: "uneje.edu.mx" })).toEqual([
      { field: "issuerId", problem: "invalidIssuerId" },
    ]);
  });

  it("counts lengths in UTF-8 bytes against the registry's limits", () => {
    const atLimit = "ñ".repeat(MAX_NAME_LENGTH / 2);
    expect(profileProblems({ ...GOOD, name: atLimit })).toEqual([]);
    expect(profileProblems({ ...GOOD, name: `${atLimit}a` })).toEqual([
      { field: "name", problem: "tooLong", length: MAX_NAME_LENGTH + 1, max: MAX_NAME_LENGTH },
    ]);
    const longId = `did:web:${"a".repeat(MAX_URI_LENGTH)}`;
    expect(profileProblems({ ...GOOD, issuerId: longId })).toEqual([
      { field: "issuerId", problem: "tooLong", length: longId.length, max: MAX_URI_LENGTH },
    ]);
  });
});
