// Minimal declarations for the two untyped JSON-LD libraries the core calls (jsonld 9, rdf-canonize 5): only the
// functions used, with the options passed.
declare module "jsonld" {
  const jsonld: {
    toRDF(input: object, options: Record<string, unknown>): Promise<unknown>;
    canonize(input: object, options: Record<string, unknown>): Promise<string>;
  };
  export default jsonld;
}
declare module "rdf-canonize" {
  export function canonize(input: unknown, options: { algorithm: "RDFC-1.0" }): Promise<string>;
}
