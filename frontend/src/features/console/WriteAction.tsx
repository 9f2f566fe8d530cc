import { useState } from "react";
import { formatEther, formatGwei, type Address, type Hex } from "viem";
import { useConfig, useConnection } from "wagmi";
import { getConnectorClient } from "wagmi/actions";
import type { TrustedRegistry } from "../../config/env.ts";
import { TransactionLink, useActivity } from "./activity.tsx";
import { useConsoleI18n } from "./console-i18n.tsx";
import {
  describeFailure,
  estimateWrite,
  sendWrite,
  type Estimate,
  type RegistryWrite,
  type WriteFailure,
} from "./write-flow.ts";
import { useRegistryReader } from "./use-console-data.ts";

type Step =
  | { step: "idle" }
  | { step: "estimating" }
  | { step: "review"; estimate: Estimate }
  | { step: "wallet"; estimate: Estimate }
  | { step: "pending"; hash: Hex }
  | { step: "done"; hash: Hex }
  | { step: "failed"; failure: WriteFailure };

/** What a write button shows and does; `functionName` and `args` are checked against the registry's ABI. */
export type WriteActionProps = {
  registry: TrustedRegistry;
  label: string;
  summary: string;
  disabled?: boolean;
  onDone?: () => void;
} & RegistryWrite;

/**
 * A button for one registry write. Pressing it shows what the write will do and its estimated cost (or why the
 * registry would refuse it) before the wallet is asked; then progress and the outcome with a transaction link.
 */
export function WriteAction(props: WriteActionProps) {
  const { ct, failure: failureText } = useConsoleI18n();
  const config = useConfig();
  const { address } = useConnection();
  const reader = useRegistryReader(props.registry);
  const activity = useActivity();
  const [state, setState] = useState<Step>({ step: "idle" });
  const registry = props.registry.address;

  const review = async (account: Address) => {
    setState({ step: "estimating" });
    try {
      setState({ step: "review", estimate: await estimateWrite(reader, account, registry, props) });
    } catch (error) {
      setState({ step: "failed", failure: describeFailure(error) });
    }
  };
  const confirm = async (account: Address, estimate: Estimate) => {
    setState({ step: "wallet", estimate });
    try {
      const wallet = await getConnectorClient(config, { chainId: props.registry.chainId, account });
      const hash = await sendWrite(wallet, reader, account, registry, props, estimate.gas, (sent) => {
        setState({ step: "pending", hash: sent });
      });
      setState({ step: "done", hash });
      activity.record({ summary: props.summary, hash, registry: props.registry });
      props.onDone?.();
    } catch (error) {
      setState({ step: "failed", failure: describeFailure(error) });
    }
  };
  const txLink = (hash: Hex) => <TransactionLink registry={props.registry} hash={hash} />;

  return (
    <div className="write-action" data-testid={`write-${props.functionName}`}>
      {(state.step === "idle" || state.step === "done" || state.step === "failed") && (
        <button
          type="button"
          disabled={props.disabled === true || address === undefined}
          onClick={() => {
            if (address !== undefined) void review(address);
          }}
        >
          {props.label}
        </button>
      )}
      {state.step === "estimating" && <p role="status">{ct("write.estimating")}</p>}
      {(state.step === "review" || state.step === "wallet") && (
        <div className="write-review" role="group" aria-label={ct("write.review")}>
          <p data-testid="write-summary">{props.summary}</p>
          <p data-testid="write-cost">
            {ct("write.cost", {
              gas: state.estimate.gas.toString(),
              gwei: formatGwei(state.estimate.gasPrice),
              eth: formatEther(state.estimate.cost),
            })}
          </p>
          {state.step === "review" ? (
            <>
              <button
                type="button"
                onClick={() => {
                  if (address !== undefined) void confirm(address, state.estimate);
                }}
              >
                {ct("write.confirm")}
              </button>{" "}
              <button
                type="button"
                onClick={() => {
                  setState({ step: "idle" });
                }}
              >
                {ct("write.cancel")}
              </button>
            </>
          ) : (
            <p role="status">{ct("write.wallet")}</p>
          )}
        </div>
      )}
      {state.step === "pending" && (
        <p role="status">
          {ct("write.pending")} {txLink(state.hash)}
        </p>
      )}
      {state.step === "done" && (
        <p role="status" data-testid="write-done">
          {ct("write.done")} {txLink(state.hash)}
        </p>
      )}
      {state.step === "failed" && (
        <p role="alert" data-testid="write-error">
          {failureText(state.failure)}
        </p>
      )}
    </div>
  );
}
