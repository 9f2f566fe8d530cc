import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { describe, it } from "node:test";
import { type Language, reasonMessage, statusOnlyMessage, verdictMessage } from "../../../core/index.ts";
import { reasonCodes } from "../../../core/reasons.ts";
import { verdicts } from "../../../core/verdict.ts";

const LANGUAGES: Language[] = ["en", "es", "pt-BR"];
const CORE = new URL("../../../core/", import.meta.url).pathname;

/** What a translation must carry over unchanged: numbers, acronyms, identifiers, quoted keys, placeholders. */
function literalsOf(sentence: string): string[] {
  const literal = /\{\w+\}|"[^"]*"|\b[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)+\b|\b[A-Z]{2,}[0-9]*\b|\d+(?:[.,^]\d+)*/g;
  return [...sentence.matchAll(literal)].map((m) => m[0]).sort();
}

describe("reasons", () => {
  describe("reasonMessage", () => {
    it("says each reason as a whole sentence in every language, translated, no two codes alike", () => {
      for (const language of LANGUAGES) {
        const codeOf = new Map<string, string>();
        for (const code of reasonCodes) {
          const sentence = reasonMessage(code, language);
          assert.match(sentence, /^["(¿¡]?\p{Lu}.{8,}[.!?]$/su, `${code} ${language}`);
          assert.equal(sentence, sentence.trim(), `${code} ${language}`);
          if (language !== "en") assert.notEqual(sentence, reasonMessage(code, "en"), `${code} ${language}`);
          assert.equal(
            codeOf.get(sentence),
            undefined,
            `${code} and ${codeOf.get(sentence)} read alike in ${language}`,
          );
          codeOf.set(sentence, code);
        }
      }
    });

    it("keeps every number, acronym, quoted key and placeholder of the English sentence in each translation", () => {
      let carried = 0;
      for (const code of reasonCodes) {
        const english = literalsOf(reasonMessage(code, "en"));
        if (english.length > 0) carried++;
        for (const language of LANGUAGES)
          assert.deepEqual(literalsOf(reasonMessage(code, language)), english, `${code} ${language}`);
      }
      assert.ok(carried > 20, "the sentences that carry literals are checked");
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
      for (const language of LANGUAGES) {
        const names = verdicts.map((v) => verdictMessage(v, language));
        assert.equal(new Set(names).size, verdicts.length, `two verdicts read alike in ${language}`);
        for (const [i, name] of names.entries()) {
          assert.match(name, /^\p{Lu}/u, `${verdicts[i]} ${language}`);
          if (language !== "en")
            assert.notEqual(name, verdictMessage(verdicts[i] ?? "valid", "en"), `${verdicts[i]} ${language}`);
        }
      }
    });

    it("never calls a status-only result valid, and says what was not checked, in every language", () => {
      for (const language of LANGUAGES) {
        assert.doesNotMatch(verdictMessage("status-only", language), /^v[aá]lid/i);
        const filled = statusOnlyMessage("«U»", "«D»", language);
        assert.deepEqual(
          [filled.split("«U»").length, filled.split("«D»").length, /[{}]/.test(filled)],
          [2, 2, false],
          language,
        );
      }
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
