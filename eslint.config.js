// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** @type {import("eslint").Linter.RuleEntry} node:test's describe/it return promises that the runner awaits itself. */
const noFloatingPromises = [
  "error",
  {
    allowForKnownSafeCalls: [{ from: "package", name: ["describe", "it", "test", "suite"], package: "node:test" }],
  },
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "**/dist/",
      "artifacts/",
      "cache/",
      "coverage/",
      "artifacts-coverage/",
      "cache-coverage/",
      "core/generated/",
      ".acredita/",
      "ignition/deployments/",
      "out/",
      ".scratch*/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["*.js", "tools/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Template literals with numbers are the clearest way to print figures.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/no-floating-promises": noFloatingPromises,
    },
  },
  {
    // Tests and benchmarks: the rules that need no types, and of the type-aware ones only those that catch a promise
    // not awaited (an assertion that never runs). The other type-aware rules there cost a third of the lint's CPU
    // time (tests and benchmarks are 40% of the code) for little: a test that misuses a type fails when it runs.
    files: ["test/**/*.ts", "bench/**/*.ts", "frontend/src/**/*.test.{ts,tsx}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["*.js", "tools/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-floating-promises": noFloatingPromises,
      "@typescript-eslint/no-misused-promises": "error",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { console: "readonly", process: "readonly", URL: "readonly" } },
  },
);
