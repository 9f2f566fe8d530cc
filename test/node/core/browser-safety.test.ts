import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";

const CORE = new URL("../../../core/", import.meta.url).pathname;
const files = readdirSync(CORE).filter((f) => f.endsWith(".ts"));

describe("core (browser safety)", () => {
  it("imports nothing from Node, Hardhat or React, and uses no Node globals", () => {
    assert.ok(files.length >= 10);
    let seen = 0;
    for (const file of files) {
      const source = readFileSync(`${CORE}${file}`, "utf8");
      const imports = [...source.matchAll(/^import[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1] ?? "");
      seen += imports.length;
      for (const specifier of imports) {
        assert.ok(!specifier.startsWith("node:"), `${file} imports ${specifier}`);
        assert.ok(!/^(hardhat|react|fs|path|crypto|buffer)(\/|$)/.test(specifier), `${file} imports ${specifier}`);
        // Relative imports name their file: a .ts module, or a bundled .json document (imported `with { type: "json" }`).
        assert.ok(
          specifier.startsWith("./") ? /\.(ts|json)$/.test(specifier) : true,
          `${file}: relative imports carry .ts`,
        );
      }
      assert.ok(!/\bBuffer\b/.test(source), `${file} uses Buffer`);
      assert.ok(!/\bprocess\./.test(source), `${file} uses process`);
      assert.ok(!/\brequire\(/.test(source), `${file} uses require`);
    }
    assert.ok(seen > 30, `only ${seen} imports found: the scan is broken`);
  });
});
