/**
 * Per-credential outputs of an issued batch: the credential file, its verification link (the whole credential in
 * the URL fragment), its status link (digest + proof only: status-only, never "valid"), its paper link (the
 * learner's name, the achievement, the institution and the validity dates disclosed with the anchor proof, in
 * core's compact paper layout) and the QR code PNG of the paper link, for the printed certificate. Every file is written once, atomically: a rerun skips what exists (outputs are deterministic).
 * Big batches are spread over worker threads (see output-worker.ts); small ones are done in this thread.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import {
  type AnchorProof,
  type CredentialDocument,
  type CredentialReference,
  encodePaperLink,
  referenceOf,
} from "../../core/index.ts";
import { crashPoint } from "./crash.ts";
import { credentialLink, statusLink as statusLinkOf } from "./fast-link.ts";
import { writeOnce } from "./files.ts";
import { qrPng } from "./qr-png.ts";

export interface OutputJob {
  index: number;
  /** File name without extension. */
  stem: string;
  credential: CredentialDocument;
}

export interface OutputResult {
  index: number;
  link: string;
  statusLink: string;
  paperLink: string;
}

export interface OutputContext {
  outDir: string;
  linkBase: string;
}

/** The anchor proof core itself just appended (last in the proof set): its shape is known, so no re-validation. */
function referenceOfIssued(credential: CredentialDocument): CredentialReference {
  return referenceOf((credential.proof as unknown as AnchorProof[]).at(-1) as AnchorProof);
}

/** Writes one chunk's files and returns its links. */
export function renderJobs(jobs: readonly OutputJob[], context: OutputContext): OutputResult[] {
  return jobs.map(({ index, stem, credential }) => {
    writeOnce(join(context.outDir, "credentials", `${stem}.json`), () => `${JSON.stringify(credential, null, 2)}\n`);
    crashPoint("credential-file");
    const link = credentialLink(context.linkBase, credential) ?? "";
    const statusLink = statusLinkOf(context.linkBase, referenceOfIssued(credential));
    const paperLink = encodePaperLink(context.linkBase, credential);
    writeOnce(join(context.outDir, "qr", `${stem}.png`), () => qrPng(paperLink));
    crashPoint("qr-file");
    return { index, link, statusLink, paperLink };
  });
}

const CHUNK = 200;

/** Renders every job, in worker threads when there are many; `onProgress` counts finished credentials. */
export async function renderAll(
  jobs: readonly OutputJob[],
  context: OutputContext,
  onProgress: (count: number) => void,
): Promise<OutputResult[]> {
  const threads = Math.min(4, availableParallelism());
  if (jobs.length < 2 * CHUNK || threads < 2) {
    const results: OutputResult[] = [];
    for (let start = 0; start < jobs.length; start += CHUNK) {
      const part = renderJobs(jobs.slice(start, start + CHUNK), context);
      results.push(...part);
      onProgress(part.length);
    }
    return results;
  }
  const results = new Array<OutputResult>(jobs.length);
  let next = 0;
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL("./output-worker.ts", import.meta.url), { workerData: context });
      const feed = () => {
        if (next >= jobs.length) {
          void worker.terminate().then(() => {
            resolve();
          });
          return;
        }
        const chunk = jobs.slice(next, next + CHUNK);
        next += CHUNK;
        worker.postMessage(chunk);
      };
      worker.on("message", (done: OutputResult[]) => {
        for (const r of done) results[r.index] = r;
        onProgress(done.length);
        feed();
      });
      worker.on("error", reject);
      worker.on("exit", (code) => {
        if (code !== 0 && code !== 1) reject(new Error(`an output worker stopped (code ${code})`));
      });
      feed();
    });
  await Promise.all(Array.from({ length: threads }, runWorker));
  return results;
}
