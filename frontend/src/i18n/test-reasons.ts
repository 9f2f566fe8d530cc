import en from "virtual:acredita-reasons/en";
import es from "virtual:acredita-reasons/es";
import ptBR from "virtual:acredita-reasons/pt-BR";

/** core's reason sentences in every language, for component tests (the app loads its own language's only). */
export const REASONS = { en, es, "pt-BR": ptBR } as const;
