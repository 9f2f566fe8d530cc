import { useState } from "react";
import type { TrustedRegistry } from "../../config/env.ts";
import { useConsoleI18n } from "./console-i18n.tsx";
import { PickedFilesError } from "./picked-files.ts";
import { revocationTarget } from "./revocation-files.ts";
import { JsonFilePicker, ReasonSelect, RevokeCredentialsAction, usePickedFiles } from "./section-controls.tsx";
import { useRefresh } from "./use-console-data.ts";

/** Revokes the credentials whose files the user picks (their anchor proofs give the batch and positions). */
export function RevokeByFilesSection({
  registry,
  institutionId,
}: {
  registry: TrustedRegistry;
  institutionId: number;
}) {
  const { ct } = useConsoleI18n();
  const refresh = useRefresh();
  const [reason, setReason] = useState(1);
  const target = usePickedFiles(
    (texts) => revocationTarget(texts, institutionId),
    (error) =>
      error instanceof PickedFilesError && (error.code === "another-institution" || error.code === "several-batches")
        ? ct(`files.${error.code}`)
        : ct("files.invalid"),
  );
  return (
    <fieldset>
      <legend>{ct("files.title")}</legend>
      <JsonFilePicker label={ct("files.pick")} testId="revoke-files" multiple onPick={target.pick} />
      <ReasonSelect value={reason} onChange={setReason} testId="file-reason" />
      {target.error !== undefined && <p role="alert">{target.error}</p>}
      {target.value !== undefined && (
        <RevokeCredentialsAction
          registry={registry}
          institutionId={institutionId}
          root={target.value.root}
          indexes={target.value.indexes}
          reason={reason}
          onDone={refresh}
        />
      )}
    </fieldset>
  );
}
