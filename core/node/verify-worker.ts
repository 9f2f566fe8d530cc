/**
 * Worker thread of parallel-verify.ts: for each chunk, core's `localChecks` of its inputs (with the WebAssembly
 * hashing and each issuer key imported once, as the CLI's bulk verification); answers with them, without what only
 * the signature check needed (the anchored copy, the anchor's keys and signers), which would only cost cloning.
 */
import { parentPort } from "node:worker_threads";
import { enableFastHashing } from "../hash.ts";
import type { LocalCheck } from "../local-checks.ts";
import { localChecks } from "../verify.ts";
import { useNodeEd25519Verify } from "./ed25519-verify.ts";
import type { VerifyChunkMessage, VerifyChunkReply } from "./parallel-verify.ts";

await enableFastHashing();
useNodeEd25519Verify();

function lean(local: LocalCheck): LocalCheck {
  const rest = { ...local };
  delete rest.anchored;
  delete rest.keys;
  delete rest.signedBy;
  return rest;
}

parentPort?.on("message", (message: VerifyChunkMessage) => {
  void localChecks(message.inputs, message.options).then((locals) => {
    const reply: VerifyChunkReply = { call: message.call, start: message.start, locals: locals.map(lean) };
    parentPort?.postMessage(reply);
  });
});
