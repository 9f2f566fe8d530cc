/**
 * The schema library of core's parsers: zod's small build (`zod/mini`, functions instead of methods, so a bundle
 * keeps only what its schemas use: the web app's first bundle carries a fraction of the classic API), with the
 * English messages the classic API sets by default, so a problem reads the same in the CLI and in the browser.
 */
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

z.config(en());

/** Each problem of a failed parse as "path: message" ("(root)" for the value itself). */
export function schemaProblems(error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
}

export { z };
