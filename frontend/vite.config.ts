import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import react from "@vitejs/plugin-react";
import { loadEnv, type Plugin, runnerImport } from "vite";
import { defineConfig } from "vitest/config";
import { contentSecurityPolicy } from "./src/config/csp.ts";
import { parseRegistries } from "./src/config/env.ts";
import { INTL_LOCALE, isLanguage } from "./src/i18n/languages.ts";
import { precompileCatalog } from "./src/i18n/precompile.ts";

/** The core's public API (core/index.ts), the one entry through which the app imports the core. */
const core = fileURLToPath(new URL("../core/index.ts", import.meta.url));
const coreAlias = { find: /^@acredita\/core$/, replacement: core };
/**
 * Importing a core module changes nothing outside it (its top level only declares, or fills its own tables), so the
 * bundler may leave out of a chunk any core module whose exports the chunk does not use. Without this rule, a module
 * whose top level builds a table would be kept in the first bundle merely because the entry re-exports it.
 */
const pureCore = {
  test: new RegExp(
    `^${fileURLToPath(new URL("../core/", import.meta.url)).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*\\.ts$`,
  ),
  sideEffects: false,
};

/**
 * Injects the Content-Security-Policy as the first element of <head> at build time. The policy's connect-src
 * lists exactly the RPC URLs of VITE_ACREDITA_REGISTRIES, so the build fails here when that configuration is
 * missing or invalid. (The dev server gets no policy: its hot reload needs inline scripts and a websocket.)
 */
function contentSecurityPolicyMeta(mode: string): Plugin {
  return {
    name: "acredita-content-security-policy",
    apply: "build",
    transformIndexHtml() {
      const env = { ...loadEnv(mode, process.cwd(), "VITE_"), ...process.env };
      const policy = contentSecurityPolicy(parseRegistries(env.VITE_ACREDITA_REGISTRIES));
      return [
        {
          tag: "meta",
          attrs: { "http-equiv": "Content-Security-Policy", content: policy },
          injectTo: "head-prepend",
        },
      ];
    },
  };
}

/** The text catalogs the build precompiles, each with its language (none: the catalog is keyed by language). */
const CATALOGS = new Map<string, string | undefined>([
  [fileURLToPath(new URL("src/i18n/messages/en.ts", import.meta.url)), INTL_LOCALE.en],
  [fileURLToPath(new URL("src/i18n/messages/es.ts", import.meta.url)), INTL_LOCALE.es],
  [fileURLToPath(new URL("src/i18n/messages/pt-BR.ts", import.meta.url)), INTL_LOCALE["pt-BR"]],
  [fileURLToPath(new URL("src/features/console/console-messages.ts", import.meta.url)), undefined],
]);

/**
 * Builds each text catalog as its values, evaluated at build time, with every ICU message that is not plain text
 * precompiled into its syntax tree (src/i18n/precompile.ts), so the app ships intl-messageformat without its parser
 * (the build aliases it to the parser package's `no-parser` entry). The dev server and the tests keep the sources.
 */
function precompiledCatalogs(): Plugin {
  return {
    name: "acredita-precompiled-catalogs",
    apply: "build",
    enforce: "pre",
    async load(id) {
      if (!CATALOGS.has(id)) return null;
      const { module } = await runnerImport<Record<string, unknown>>(id, {
        configFile: false,
        logLevel: "silent",
        resolve: { alias: [coreAlias] },
      });
      return Object.entries(module)
        .map(([name, value]) => `export const ${name} = ${JSON.stringify(precompileCatalog(value, CATALOGS.get(id)))};`)
        .join("\n");
    },
  };
}

const REASONS = "virtual:acredita-reasons/";

/**
 * `virtual:acredita-reasons/<language>`: core's reason sentences in that one language (a table of reason code to
 * sentence, made from core/reasons.ts when the module is built), so the app loads only its language's sentences.
 */
function reasonTables(): Plugin {
  return {
    name: "acredita-reason-tables",
    resolveId: (id) => (id.startsWith(REASONS) ? `\0${id}` : null),
    async load(id) {
      if (!id.startsWith(`\0${REASONS}`)) return null;
      const language = id.slice(REASONS.length + 1);
      if (!isLanguage(language)) throw new Error(`${id}: no such language`);
      const reasons = (await import(
        pathToFileURL(fileURLToPath(new URL("../core/reasons.ts", import.meta.url))).href
      )) as typeof import("../core/reasons.ts");
      const table = Object.fromEntries(
        reasons.reasonCodes.map((code) => [code, reasons.reasonMessage(code, language)]),
      );
      return `export default ${JSON.stringify(table)};`;
    },
  };
}

/** The names a module imports from `specifier` (its transformed code: type-only imports are gone). */
function namesImported(code: string, specifier: string): string[] {
  const quoted = specifier.replace(/[/.]/g, "\\$&");
  const pattern = new RegExp(`\\bimport\\s*\\{([^}]*)\\}\\s*from\\s*["']${quoted}["']`, "g");
  return [...code.matchAll(pattern)].flatMap((m) =>
    (m[1] ?? "")
      .split(",")
      .map((name) => name.trim().split(/\s+as\s+/)[0] ?? "")
      .filter((name) => name !== "" && !name.startsWith("type ")),
  );
}

/** A module of re-exports (`export { a, b as c } from "./x"`): each exported name and the module that defines it. */
function reexports(file: string): Map<string, string> {
  const exports = new Map<string, string>();
  for (const m of readFileSync(file, "utf8").matchAll(/\bexport\s*\{([^}]*)\}\s*from\s*["'](\.\.?\/[^"']+)["']/g)) {
    const target = fileURLToPath(new URL(m[2] ?? "", pathToFileURL(file)));
    for (const name of (m[1] ?? "").split(",")) {
      const exported =
        name
          .trim()
          .split(/\s+as\s+/)
          .at(-1) ?? "";
      if (exported !== "" && !exported.startsWith("type ")) exports.set(exported, target);
    }
  }
  return exports;
}

/** The modules that only re-export, by the specifier the app and the core import them with. */
const BARRELS: Record<string, string> = {
  "@acredita/core": core,
  viem: fileURLToPath(import.meta.resolve("viem")),
  "viem/actions": fileURLToPath(import.meta.resolve("viem/actions")),
};

/**
 * The libraries whose start-up modules the start-up chunk takes. Not every library: a module that start-up code
 * imports but only lazy code calls (e.g. `@noble/curves`'s, for signature checking) is left by the bundler in a lazy
 * chunk, and must stay there.
 */
const STARTUP_PACKAGES =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|zod|intl-messageformat|@formatjs|fflate|viem|ox|abitype)[\\/]/;

/**
 * Puts every module the page loads at start-up into one chunk that the entry imports, rather than into a score of
 * small chunks split by which lazy chunks also use them: the same code, loaded at the same moment, but one file
 * compresses better than many and needs no import glue between them. Start-up is the entry's static import graph,
 * re-exporting modules ({@link BARRELS}: the core's public API, viem's) followed name by name to the modules that
 * define what is imported. Lazy chunks keep what start-up does not load; of node_modules, only
 * {@link STARTUP_PACKAGES} are taken.
 */
function startupChunk(): {
  plugin: Plugin;
  group: { name: string; test: (id: string) => boolean; includeDependenciesRecursively: boolean };
} {
  const startup = new Set<string>();
  const plugin: Plugin = {
    name: "acredita-startup-chunk",
    apply: "build",
    buildEnd() {
      startup.clear();
      const barrels = Object.entries(BARRELS).map(([specifier, file]) => ({
        specifier,
        file,
        exports: reexports(file),
      }));
      const visit = (id: string) => {
        if (startup.has(id)) return;
        startup.add(id);
        const info = this.getModuleInfo(id);
        for (const imported of info?.importedIds ?? []) {
          const barrel = barrels.find((b) => b.file === imported);
          if (barrel === undefined) visit(imported);
          else
            for (const name of namesImported(info?.code ?? "", barrel.specifier))
              visit(barrel.exports.get(name) ?? imported);
        }
      };
      const entries = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry === true);
      for (const id of entries) visit(id);
      // The entry (index.html's script, src/main.tsx) stays in its own chunk, which imports this one.
      for (const id of entries)
        for (const main of [id, ...(this.getModuleInfo(id)?.importedIds ?? [])]) startup.delete(main);
    },
  };
  return {
    plugin,
    group: {
      name: "startup",
      test: (id) => startup.has(id) && (!id.includes("/node_modules/") || STARTUP_PACKAGES.test(id)),
      includeDependenciesRecursively: false,
    },
  };
}

const startup = startupChunk();

export default defineConfig(({ mode, command }) => ({
  plugins: [react(), contentSecurityPolicyMeta(mode), precompiledCatalogs(), reasonTables(), startup.plugin],
  resolve: {
    alias: [
      coreAlias,
      // The built app's messages are precompiled (precompiledCatalogs): intl-messageformat formats without a parser.
      ...(command === "build"
        ? [
            {
              find: /^@formatjs\/icu-messageformat-parser$/,
              replacement: "@formatjs/icu-messageformat-parser/no-parser.js",
            },
          ]
        : []),
    ],
  },
  // The app is a static site: every asset path is relative so it can be hosted anywhere (IPFS included).
  base: "./",
  build: {
    target: "es2022",
    sourcemap: true,
    // The start-up chunk (startupChunk) holds what every page loads: about 540 kB before compression.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      treeshake: { moduleSideEffects: [pureCore] },
      output: { codeSplitting: { groups: [startup.group] } },
    },
  },
  test: {
    // Components (*.test.tsx) render into jsdom; the other tests run in plain Node, which starts in a fraction of
    // jsdom's time (each test file gets a fresh environment). A *.test.ts that needs the DOM says so in its first
    // line: `// @vitest-environment jsdom`.
    projects: [
      { extends: true, test: { name: "dom", environment: "jsdom", include: ["src/**/*.test.tsx"] } },
      { extends: true, test: { name: "node", environment: "node", include: ["src/**/*.test.ts"] } },
    ],
  },
}));
