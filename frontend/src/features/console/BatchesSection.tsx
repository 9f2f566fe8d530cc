import { useState } from "react";
import type { TrustedRegistry } from "../../config/env.ts";
import { useI18n } from "../../i18n/I18nProvider.tsx";
import type { BatchRecord } from "../../lib/chain-history.ts";
import { useConsoleI18n } from "./console-i18n.tsx";
import type { ConsoleKey } from "./console-messages.ts";
import { ReasonSelect } from "./section-controls.tsx";
import { useRefresh } from "./use-console-data.ts";
import { WriteAction } from "./WriteAction.tsx";

/** The institution's batches with their revocations, each revocable as a whole with the reason chosen below. */
export function BatchesSection(props: {
  registry: TrustedRegistry;
  institutionId: number;
  batches: readonly (BatchRecord & { revokedCredentials: number })[];
}) {
  const { ct } = useConsoleI18n();
  const { date, number } = useI18n();
  const refresh = useRefresh();
  const [reason, setReason] = useState(1);
  const { batches } = props;
  return (
    <>
      <h5>{ct("batches.title", { n: number(batches.length) })}</h5>
      {batches.length === 0 ? (
        <p>{ct("batches.none")}</p>
      ) : (
        <table className="batches-table">
          <thead>
            <tr>
              <th scope="col">{ct("batches.anchored")}</th>
              <th scope="col">{ct("batches.root")}</th>
              <th scope="col">{ct("batches.count")}</th>
              <th scope="col">{ct("batches.revoked")}</th>
              <th scope="col">{ct("batches.action")}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((batch) => (
              <tr key={batch.root} data-testid="console-batch" data-root={batch.root}>
                <td>{date(batch.anchoredAt * 1000, true)}</td>
                <td>
                  <code className="hash">{batch.root}</code>
                </td>
                <td>{number(batch.count)}</td>
                <td data-testid="batch-revocations">
                  {batch.revokedAt !== 0
                    ? ct("batches.wholeRevoked", { time: date(batch.revokedAt * 1000, true) })
                    : number(batch.revokedCredentials)}
                </td>
                <td>
                  {batch.revokedAt === 0 && (
                    <WriteAction
                      registry={props.registry}
                      label={ct("action.revokeBatch")}
                      summary={ct("summary.revokeBatch", {
                        n: batch.count,
                        reason: ct(`reason.${String(reason)}` as ConsoleKey),
                      })}
                      functionName="revokeBatch"
                      args={[props.institutionId, batch.root, reason]}
                      onDone={refresh}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {batches.length > 0 && <ReasonSelect value={reason} onChange={setReason} testId="batch-reason" />}
    </>
  );
}
