import type { Language } from "./languages.ts";
import { en, type Messages } from "./messages/en.ts";

/** English ships with the app; Spanish and Portuguese are loaded on demand (each its own small chunk). */
export async function loadMessages(language: Language): Promise<Messages> {
  if (language === "es") return (await import("./messages/es.ts")).es;
  if (language === "pt-BR") return (await import("./messages/pt-BR.ts")).ptBR;
  return en;
}
