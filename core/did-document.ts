/**
 * DID documents as Acredita reads and writes them: Multikey verification methods holding Ed25519 keys, read
 * strictly (DID_DOCUMENT_INVALID with the offending path), and a verification method looked up with its controller
 * and purpose checked.
 */
import { z } from "zod";
import { AcreditaError } from "./errors.ts";
import { ed25519PublicKeyFromMultibase } from "./multikey.ts";

/** The contexts of a DID document whose keys are Multikeys. */
export const DID_DOCUMENT_CONTEXT = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"] as const;
/** The context of a Multikey verification method served on its own (what a document loader returns for its id). */
export const MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1";

/** A Multikey verification method with an Ed25519 public key. */
export interface VerificationMethod {
  id: string;
  type: "Multikey";
  controller: string;
  publicKeyMultibase: string;
}

/** A DID document as Acredita reads and writes it (other members of a published document are kept, unused). */
export interface DidDocument {
  "@context": string | string[];
  id: string;
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
  [member: string]: unknown;
}

/** The longest DID (or DID document URL) read. */
export const MAX_DID_LENGTH = 2048;
const MAX_KEYS = 256;

const vmSchema = z.looseObject({
  id: z.string().min(1).max(MAX_DID_LENGTH),
  type: z.string().min(1).max(200),
  controller: z.string().min(1).max(MAX_DID_LENGTH),
  publicKeyMultibase: z.string().max(200).optional(),
});

const documentSchema = z.looseObject({
  "@context": z.union([z.string(), z.array(z.string()).min(1).max(32)]),
  id: z.string().min(1).max(MAX_DID_LENGTH),
  verificationMethod: z.array(vmSchema).max(MAX_KEYS).optional(),
  assertionMethod: z
    .array(z.union([z.string().min(1).max(MAX_DID_LENGTH), vmSchema]))
    .max(MAX_KEYS)
    .optional(),
});

/** DID_DOCUMENT_INVALID for `reason`. */
export function documentError(reason: string, details: Record<string, unknown> = {}): AcreditaError {
  return new AcreditaError("DID_DOCUMENT_INVALID", reason, { reason, ...details });
}

/** A verification method id as absolute (DID core allows `#key-1`, relative to the document's DID). */
function absolute(id: string, did: string): string {
  return id.startsWith("#") ? `${did}${id}` : id;
}

/**
 * Reads a DID document strictly: it must be the document of `did` (its `id`), name the DID v1 context first, and
 * every verification method must have a string id (unique, `<did>#…`), type and controller. Multikey methods
 * must carry an Ed25519 `publicKeyMultibase`. `assertionMethod` entries are references to listed methods (or
 * embedded methods, which join the list). Other members (service, authentication…) are kept and ignored.
 * Throws DID_DOCUMENT_INVALID with the offending path.
 */
export function parseDidDocument(value: unknown, did: string): DidDocument {
  const parsed = documentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue === undefined ? "" : issue.path.map(String).join(".");
    throw documentError(`the DID document is malformed at ${path === "" ? "its root" : path}: ${issue?.message}`, {
      path,
    });
  }
  const document = parsed.data;
  const contexts = typeof document["@context"] === "string" ? [document["@context"]] : document["@context"];
  if (contexts[0] !== DID_DOCUMENT_CONTEXT[0]) {
    throw documentError(`a DID document's first @context is ${DID_DOCUMENT_CONTEXT[0]}`, { path: "@context" });
  }
  if (document.id !== did) {
    throw documentError(`the document is the DID document of ${document.id}, not of ${did}`, { path: "id" });
  }
  const methods: VerificationMethod[] = [];
  const others = new Set<string>();
  const add = (method: z.infer<typeof vmSchema>, path: string) => {
    const id = absolute(method.id, did);
    if (!id.startsWith(`${did}#`) || id.length === did.length + 1) {
      throw documentError(`verification method ${id} is not a fragment of ${did}`, { path });
    }
    if (methods.some((m) => m.id === id) || others.has(id)) {
      throw documentError(`verification method ${id} is listed twice`, { path });
    }
    if (method.type !== "Multikey") {
      others.add(id);
      return;
    }
    if (method.publicKeyMultibase === undefined) {
      throw documentError(`verification method ${id} has no publicKeyMultibase`, { path });
    }
    try {
      ed25519PublicKeyFromMultibase(method.publicKeyMultibase);
    } catch {
      throw documentError(`verification method ${id} does not hold an Ed25519 Multikey`, { path });
    }
    methods.push({
      id,
      type: "Multikey",
      controller: method.controller,
      publicKeyMultibase: method.publicKeyMultibase,
    });
  };
  for (const [i, method] of (document.verificationMethod ?? []).entries()) add(method, `verificationMethod.${i}`);
  const assertionMethod: string[] = [];
  (document.assertionMethod ?? []).forEach((entry, i) => {
    if (typeof entry !== "string") add(entry, `assertionMethod.${i}`);
    const id = absolute(typeof entry === "string" ? entry : entry.id, did);
    if (!methods.some((m) => m.id === id) && !others.has(id)) {
      throw documentError(`assertionMethod names ${id}, which the document does not list`, {
        path: `assertionMethod.${i}`,
      });
    }
    if (!assertionMethod.includes(id)) assertionMethod.push(id);
  });
  return {
    ...document,
    "@context": document["@context"],
    id: document.id,
    verificationMethod: methods,
    assertionMethod,
  };
}

/**
 * The verification method `id` of `document`, checked: listed (DID_VERIFICATION_METHOD_NOT_FOUND), controlled by
 * the document's DID (DID_CONTROLLER_MISMATCH), and, with `purpose: "assertionMethod"`, authorised to issue
 * credentials (DID_KEY_NOT_AUTHORIZED: a retired key).
 */
export function findVerificationMethod(
  document: DidDocument,
  id: string,
  options: { purpose?: "assertionMethod" } = {},
): VerificationMethod {
  const wanted = absolute(id, document.id);
  const method = document.verificationMethod.find((m) => m.id === wanted);
  if (method === undefined) {
    throw new AcreditaError("DID_VERIFICATION_METHOD_NOT_FOUND", `${document.id} lists no Multikey ${wanted}`, {
      did: document.id,
      verificationMethod: wanted,
    });
  }
  if (method.controller !== document.id) {
    throw new AcreditaError(
      "DID_CONTROLLER_MISMATCH",
      `${wanted} is controlled by ${method.controller}, not by ${document.id}`,
      { did: document.id, verificationMethod: wanted, controller: method.controller },
    );
  }
  if (options.purpose === "assertionMethod" && !document.assertionMethod.includes(wanted)) {
    throw new AcreditaError("DID_KEY_NOT_AUTHORIZED", `${wanted} is not in the assertionMethod of ${document.id}`, {
      did: document.id,
      verificationMethod: wanted,
    });
  }
  return method;
}

/** What a document loader returns for a verification method's id: the method with the Multikey context. */
export function verificationMethodDocument(method: VerificationMethod): Record<string, string> {
  return { "@context": MULTIKEY_CONTEXT, ...method };
}
