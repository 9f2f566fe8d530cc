/** Worker thread of issue-outputs.ts: renders the chunks it is sent and answers with their links. */
import { parentPort, workerData } from "node:worker_threads";
import { enableFastHashing } from "../../core/index.ts";
import { type OutputContext, type OutputJob, renderJobs } from "./issue-outputs.ts";

// The paper link's redaction recomputes the credential's field digests: the WebAssembly keccak, as the issuer's
// other workers use (the same digests, several times faster).
await enableFastHashing();
const context = workerData as OutputContext;
parentPort?.on("message", (jobs: OutputJob[]) => {
  parentPort?.postMessage(renderJobs(jobs, context));
});
