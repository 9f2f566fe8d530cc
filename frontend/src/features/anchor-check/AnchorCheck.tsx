import { useState, type SyntheticEvent } from "react";
import type { Hex } from "viem";
import type { TrustedRegistry } from "../../config/env.ts";
import { parseRoot, rootProblemMessages } from "./parse-root.ts";
import { useAnchorStatus } from "./use-anchor-status.ts";
import { useNodeChainId } from "./use-node-chain-id.ts";

export function AnchorCheck({ registry }: { registry: TrustedRegistry }) {
  const [input, setInput] = useState("");
  const [problem, setProblem] = useState<string>();
  const [root, setRoot] = useState<Hex>();
  const nodeChainId = useNodeChainId(registry.chainId);
  const status = useAnchorStatus(registry, root);

  function onSubmit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = parseRoot(input);
    if (parsed.ok) {
      setProblem(undefined);
      setRoot(parsed.root);
    } else {
      setProblem(rootProblemMessages[parsed.problem]);
      setRoot(undefined);
    }
  }

  return (
    <section aria-labelledby="anchor-check-title">
      <h2 id="anchor-check-title">Is this batch root anchored?</h2>
      <dl className="facts">
        <dt>Chain id</dt>
        <dd data-testid="chain-id">
          {nodeChainId.isPending ? "connecting…" : nodeChainId.isError ? "node unreachable" : nodeChainId.data}
        </dd>
        <dt>Registry</dt>
        <dd data-testid="registry-address">
          <code>{registry.address}</code> ({registry.name})
        </dd>
      </dl>
      <form onSubmit={onSubmit}>
        <label htmlFor="root-input">Batch root</label>
        <input
          id="root-input"
          value={input}
          onChange={(e) => {
            setInput(e.target.value);
          }}
          placeholder="0x…"
          spellCheck={false}
          autoComplete="off"
          aria-describedby="root-result"
        />
        <button type="submit">Check</button>
      </form>
      <p id="root-result" role="status" data-testid="root-result">
        {problem ??
          (root === undefined
            ? ""
            : status.isPending
              ? "Checking…"
              : status.isError
                ? "Could not check: the chain did not answer."
                : status.data
                  ? "Anchored"
                  : "Not anchored")}
      </p>
    </section>
  );
}
