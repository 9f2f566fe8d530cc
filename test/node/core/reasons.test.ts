import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { describe, it } from "node:test";
import {
  type Language,
  reasonCodes,
  reasonMessage,
  statusOnlyMessage,
  verdictMessage,
  verdicts,
} from "../../../core/index.ts";

const LANGUAGES: Language[] = ["en", "es", "pt-BR"];
const CORE = new URL("../../../core/", import.meta.url).pathname;

describe("reasons", () => {
  describe("reasonMessage", () => {
    it("has a sentence in es, pt-BR and en for every reason code, and es/en differ", () => {
      for (const code of reasonCodes) {
        for (const language of LANGUAGES) assert.ok(reasonMessage(code, language).length > 10, `${code} ${language}`);
        assert.notEqual(reasonMessage(code, "es"), reasonMessage(code, "en"), code);
      }
    });

    it("every reason code the core throws or reports is defined", () => {
      const source = readdirSync(CORE)
        .filter((f) => f.endsWith(".ts"))
        .map((f) => readFileSync(`${CORE}${f}`, "utf8"))
        .join("\n");
      const used = new Set([...source.matchAll(/"([A-Z]+(?:_[A-Z0-9]+)+)"/g)].map((m) => m[1] as string));
      const known = new Set<string>(reasonCodes);
      const notCodes = new Set(["FORMAT_TAG", "LEAF_ENCODING", "PROOF_TYPE", "PROOF_FORMAT", "MANIFEST_FORMAT"]);
      for (const code of used) if (!notCodes.has(code)) assert.ok(known.has(code), `${code} has no sentences`);
    });

    it("every defined reason code is one the core reports (no stale vocabulary), format v2's included", () => {
      const source = readdirSync(CORE)
        .filter((f) => f.endsWith(".ts") && f !== "reasons.ts")
        .map((f) => readFileSync(`${CORE}${f}`, "utf8"))
        .join("\n");
      for (const code of reasonCodes) assert.ok(source.includes(`"${code}"`), `${code} is never reported`);
      const v2 = [
        "SIGNATURE_OK",
        "SIGNATURE_REDACTED",
        "SIGNATURE_NONE",
        "DI_SIGNATURE_INVALID",
        "DI_KEY_NOT_ISSUERS",
        "DISCLOSURE_BAD_MULTIPROOF",
        "PROOF_UNSUPPORTED_FORMAT",
      ];
      for (const code of v2) assert.ok((reasonCodes as string[]).includes(code), code);
      for (const gone of ["DISCLOSURE_FIELD_NOT_HIDEABLE", "DISCLOSURE_DUPLICATE_FIELD"]) {
        assert.ok(!(reasonCodes as string[]).includes(gone), gone);
      }
    });
  });

  describe("verdictMessage", () => {
    it("names every verdict in every language", () => {
      assert.deepEqual(verdicts, [
        "valid",
        "valid-with-warnings",
        "status-only",
        "revoked",
        "expired",
        "not-yet-valid",
        "invalid",
        "untrusted",
        "could-not-check",
      ]);
      for (const v of verdicts) for (const language of LANGUAGES) assert.ok(verdictMessage(v, language).length > 3);
    });

    it("never calls a status-only result valid, and says what was not checked, in every language", () => {
      for (const language of LANGUAGES) assert.doesNotMatch(verdictMessage("status-only", language), /^v[aá]lid/i);
      assert.equal(
        statusOnlyMessage("Universidad $& Nacional", "1 March 2026", "en"),
        "Anchored by Universidad $& Nacional on 1 March 2026 and not revoked. Its content and validity dates were not checked: ask the holder for the credential itself.",
      );
      assert.match(
        statusOnlyMessage("U", "D", "es"),
        /^Anclada por U el D y no revocada\. No se comprobaron su contenido/,
      );
      assert.match(statusOnlyMessage("U", "D", "pt-BR"), /^Ancorada por U em D e não revogada\. O conteúdo e as datas/);
    });
  });
});
