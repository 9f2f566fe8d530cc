import type { ReasonCode } from "@acredita/core";
import englishReasons from "virtual:acredita-reasons/en";
import type { Language } from "./languages.ts";
import { en, type Messages } from "./messages/en.ts";

/** core's sentence for each reason code, in one language (vite.config.ts builds one table per language). */
export type Reasons = Readonly<Record<ReasonCode, string>>;

/** A language's texts: the app's messages and core's reason sentences. */
export interface Catalog {
  messages: Messages;
  reasons: Reasons;
}

/**
 * English ships with the app; Spanish and Portuguese are loaded on demand (each its own small chunks: the messages
 * and the reasons), so a page downloads the sentences of its own language only.
 */
export async function loadCatalog(language: Language): Promise<Catalog> {
  if (language === "es") {
    const [{ es }, reasons] = await Promise.all([import("./messages/es.ts"), import("virtual:acredita-reasons/es")]);
    return { messages: es, reasons: reasons.default };
  }
  if (language === "pt-BR") {
    const [{ ptBR }, reasons] = await Promise.all([
      import("./messages/pt-BR.ts"),
      import("virtual:acredita-reasons/pt-BR"),
    ]);
    return { messages: ptBR, reasons: reasons.default };
  }
  return { messages: en, reasons: englishReasons };
}
