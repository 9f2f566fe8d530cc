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
        assert.ok(
          specifier.startsWith("./") ? /\.(ts|json)$/.test(specifier) : true,
          `${file}: relative imports carry .ts (or are JSON documents)`,
        );
      }
      assert.ok(!/\bBuffer\b/.test(source), `${file} uses Buffer`);
      assert.ok(!/\bprocess\./.test(source), `${file} uses process`);
      assert.ok(!/\brequire\(/.test(source), `${file} uses require`);
    }
    assert.ok(seen > 30, `only ${seen} imports found: the scan is broken`);
  });
});

const ROOT = new URL("../../../", import.meta.url).pathname;
const FRONTEND_SRC = `${ROOT}frontend/src/`;

/** Every module a source file names: static imports and re-exports, side-effect imports and dynamic `import()`. */
function specifiersOf(source: string): string[] {
  const found = source.matchAll(
    /^\s*(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)"|^\s*import\s+"([^"]+)"|\bimport\s*\(\s*"([^"]+)"\s*\)/gm,
  );
  return [...found].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

/** The app's TypeScript files, as paths relative to frontend/src. */
function frontendFiles(dir = ""): string[] {
  return readdirSync(`${FRONTEND_SRC}${dir}`, { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}${entry.name}`;
    if (entry.isDirectory()) return frontendFiles(`${path}/`);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Where a relative specifier of `file` (relative to frontend/src) leads, relative to frontend/src ("../" above it). */
function resolveFrom(file: string, specifier: string): string {
  const url = new URL(specifier, `file:///src/${file}`);
  return url.pathname.startsWith("/src/") ? url.pathname.slice("/src/".length) : `../${url.pathname.slice(1)}`;
}

describe("frontend (import direction)", () => {
  const files = frontendFiles();
  const imports = files.flatMap((file) =>
    specifiersOf(readFileSync(`${FRONTEND_SRC}${file}`, "utf8")).map((specifier) => ({ file, specifier })),
  );

  it("reaches the core only through its public API, @acredita/core (core/index.ts)", () => {
    assert.ok(files.length > 50 && imports.length > 300, `only ${imports.length} imports found: the scan is broken`);
    const core = imports.filter(({ specifier }) => specifier.startsWith("@acredita/core"));
    assert.ok(core.length > 30, `only ${core.length} core imports found: the scan is broken`);
    for (const { file, specifier } of imports) {
      if (specifier.startsWith("@acredita/")) assert.equal(specifier, "@acredita/core", `${file} imports ${specifier}`);
      if (specifier.startsWith(".")) {
        const target = resolveFrom(file, specifier);
        assert.ok(!target.startsWith("../"), `${file} imports ${specifier}, outside the app (use @acredita/core)`);
      }
    }
  });

  it("keeps each feature folder to itself: features import components, lib, config and i18n, never another feature", () => {
    let crossings = 0;
    for (const { file, specifier } of imports) {
      const [top, feature] = file.split("/");
      if (top !== "features" || !specifier.startsWith(".")) continue;
      const [targetTop, targetFeature] = resolveFrom(file, specifier).split("/");
      if (targetTop === "features") crossings++;
      assert.ok(
        targetTop !== "features" || targetFeature === feature,
        `${file} (feature ${feature}) imports ${specifier}: shared parts belong in components/ or lib/, composition in app/`,
      );
    }
    assert.ok(crossings > 60, `only ${crossings} imports within features found: the scan is broken`);
  });

  it("keeps components and lib below the features: they import no feature and no app module", () => {
    for (const { file, specifier } of imports) {
      const [top] = file.split("/");
      if ((top !== "components" && top !== "lib") || !specifier.startsWith(".")) continue;
      const [targetTop] = resolveFrom(file, specifier).split("/");
      assert.ok(targetTop !== "features" && targetTop !== "app", `${file} imports ${specifier}`);
    }
  });
});

describe("core/index.ts (the public API)", () => {
  it("names every export (no `export *`), and the core never imports the CLI or the app", () => {
    const index = readFileSync(`${CORE}index.ts`, "utf8");
    assert.doesNotMatch(index, /export\s*\*/);
    assert.ok((index.match(/^export \{/gm) ?? []).length > 20, "the index re-exports by name");
    for (const file of files) {
      for (const specifier of specifiersOf(readFileSync(`${CORE}${file}`, "utf8"))) {
        assert.ok(!/(^|\/)(scripts|frontend)\//.test(specifier), `${file} imports ${specifier}`);
      }
    }
  });
});
