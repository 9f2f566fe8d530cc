import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const core = fileURLToPath(new URL("../core", import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@acredita/core": core } },
  // The app is a static site: every asset path is relative so it can be hosted anywhere (IPFS included).
  base: "./",
  build: { target: "es2022", sourcemap: true },
  test: { environment: "jsdom", include: ["src/**/*.test.{ts,tsx}"] },
});
