/**
 * Worker thread of sign-pool.ts: signs the chunks of documents it receives with the fast eddsa-rdfc-2022 signer
 * and posts their proofs back (or the first error, with the document's index).
 */
import { createHash } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { enableFastHashing } from "../../core/index.ts";
import { createEddsaRdfc2022Signer, type DataIntegrityProof } from "../../core/data-integrity-sign.ts";
import { bundledDocumentLoader } from "../../core/jsonld-contexts.ts";
import { createNodeEd25519Signer } from "./ed25519-signer.ts";
import type { SignChunk, SignChunkResult, SignWorkerData } from "./sign-pool.ts";

const data = workerData as SignWorkerData;
await enableFastHashing();
const signer = createEddsaRdfc2022Signer({
  signer: createNodeEd25519Signer(data.seed, data.verificationMethod),
  documentLoader: bundledDocumentLoader(),
  // Node's native SHA-256 (UTF-8 encoding of strings, as TextEncoder's) beats WebAssembly on these inputs.
  sha256: {
    bytes: (text) => new Uint8Array(createHash("sha256").update(text, "utf8").digest()),
    hex: (text) => createHash("sha256").update(text, "utf8").digest("hex"),
  },
});

/** Freezes a received document so that the signer caches the walk of parts documents share. */
function freeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  for (const member of Object.values(value)) freeze(member);
  Object.freeze(value);
}

parentPort?.on("message", (chunk: SignChunk) => {
  void (async () => {
    const proofs: DataIntegrityProof[] = [];
    for (const [offset, document] of chunk.documents.entries()) {
      try {
        freeze(document);
        proofs.push(await signer.sign(document, chunk.options));
      } catch (error) {
        const reply: SignChunkResult = {
          chunk: chunk.chunk,
          error: { index: chunk.start + offset, message: error instanceof Error ? error.message : String(error) },
        };
        parentPort?.postMessage(reply);
        return;
      }
    }
    const reply: SignChunkResult = { chunk: chunk.chunk, proofs, stats: signer.stats() };
    parentPort?.postMessage(reply);
  })();
});
