/**
 * The URLs of the JSON-LD contexts an Acredita credential uses (the documents themselves are contexts.ts): a module
 * of its own so that code that only names a context (building or checking a credential's `@context`) does not
 * bring the documents along (the web app loads them with the signature-checking code).
 */
export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/** 1EdTech's extensions context (defines `1EdTechJsonSchemaValidator2019` and friends). */
export const OB3_EXTENSIONS_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";
/** Acredita's context (core/contexts/acredita-v2.json). */
export const ACREDITA_CONTEXT = "https://w3id.org/acredita/v2";
