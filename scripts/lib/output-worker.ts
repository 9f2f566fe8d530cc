/** Worker thread of issue-outputs.ts: renders the chunks it is sent and answers with their links. */
import { parentPort, workerData } from "node:worker_threads";
import { type OutputContext, type OutputJob, renderJobs } from "./issue-outputs.ts";

const context = workerData as OutputContext;
parentPort?.on("message", (jobs: OutputJob[]) => {
  parentPort?.postMessage(renderJobs(jobs, context));
});
