import type { VerificationResult } from "@acredita/core";
import { useCallback, useRef, useState } from "react";
import type { TrustedRegistry } from "../../config/env.ts";
import { runVerification, type VerifyRequest } from "./verify-request.ts";

export type VerificationState =
  | { phase: "idle" }
  | { phase: "checking"; request: VerifyRequest }
  | { phase: "done"; request: VerifyRequest; result: VerificationResult; run: number }
  /** The engine itself failed (it should never throw): shown as "could not check", never as valid. */
  | { phase: "failed"; request: VerifyRequest; run: number };

/** Runs core's verification for the latest request; answers to older requests are dropped. */
export function useVerification(registries: readonly TrustedRegistry[]) {
  const [state, setState] = useState<VerificationState>({ phase: "idle" });
  const latest = useRef(0);
  const verify = useCallback(
    async (request: VerifyRequest) => {
      const id = ++latest.current;
      setState({ phase: "checking", request });
      let next: VerificationState;
      try {
        next = { phase: "done", request, result: await runVerification(request, registries), run: id };
      } catch {
        next = { phase: "failed", request, run: id };
      }
      if (id === latest.current) setState(next);
    },
    [registries],
  );
  const reset = useCallback(() => {
    latest.current++;
    setState({ phase: "idle" });
  }, []);
  return { state, verify, reset };
}
