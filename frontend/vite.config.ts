import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { loadEnv, type Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { contentSecurityPolicy } from "./src/config/csp.ts";
import { parseRegistries } from "./src/config/env.ts";

/** The core's public API (core/index.ts), the one entry through which the app imports the core. */
const core = fileURLToPath(new URL("../core/index.ts", import.meta.url));
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

export default defineConfig(({ mode }) => ({
  plugins: [react(), contentSecurityPolicyMeta(mode)],
  resolve: { alias: [{ find: /^@acredita\/core$/, replacement: core }] },
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
