import { describe, expect, it } from "vitest";
import { credentialView } from "./credential-view.ts";

const credential = {
  name: "Microcredencial en Negociación",
  issuer: {
    name: "Universidad Nacional de Ejemplo",
    url: "javascript:alert(1)",
    address: { addressCountryCode: "MX" },
  },
  validFrom: "2026-07-01T00:00:00Z",
  credentialSubject: {
    identifier: [
      { identityType: "name", hashed: false, identityHash: "María José García Flores" },
      { identityType: "emailAddress", hashed: true, identityHash: "0xabc" },
    ],
    result: [{ value: "74" }],
    achievement: {
      name: "Negociación",
      image: "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
      microcredential: {
        workloadHours: 360,
        ects: 12,
        eqfLevel: 7,
        identityChecked: true,
        learningOutcomes: ["A", 3, { name: "B" }],
      },
    },
  },
};

describe("credentialView", () => {
  const view = credentialView(credential);
  it("reads title, learner, institution, dates, grade and facts as plain values", () => {
    expect(view).toMatchObject({
      title: "Microcredencial en Negociación",
      learnerName: "María José García Flores",
      institutionName: "Universidad Nacional de Ejemplo",
      institutionCountry: "MX",
      validFrom: "2026-07-01T00:00:00Z",
      grade: "74",
      facts: { workloadHours: 360, ects: 12, eqfLevel: 7, identityChecked: true, learningOutcomes: ["A", "3", "B"] },
    });
  });
  it("drops a non-https website, an SVG image and hashed identifiers", () => {
    expect(view.institutionUrl).toBeUndefined();
    expect(view.image).toBeUndefined();
    expect(view.learnerEmail).toBeUndefined();
  });
  it("survives a credential of the wrong shape", () => {
    expect(credentialView({ credentialSubject: [1, 2], issuer: "x", name: { a: 1 } })).toMatchObject({
      title: undefined,
    });
  });
});
