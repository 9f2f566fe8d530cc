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

export default defineConfig(({ mode, command }) => ({
  plugins: [react(), contentSecurityPolicyMeta(mode), precompiledCatalogs(), reasonTables()],
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
  build: { target: "es2022", sourcemap: true, rolldownOptions: { treeshake: { moduleSideEffects: [pureCore] } } },
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
