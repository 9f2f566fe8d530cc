import { useState } from "react";
import type { TrustedRegistry } from "../../config/env.ts";
import { useConsoleI18n } from "./console-i18n.tsx";
import { manifestFor } from "./manifest-file.ts";
import { PickedFilesError, writeScope } from "./picked-files.ts";
import { JsonFilePicker, ReasonSelect, RevokeCredentialsAction, usePickedFiles } from "./section-controls.tsx";
import { useRefresh } from "./use-console-data.ts";

/** Revokes the credentials the user ticks in a batch manifest the issuer kept. */
export function ManifestSection({ registry, institutionId }: { registry: TrustedRegistry; institutionId: number }) {
  const { ct } = useConsoleI18n();
  const refresh = useRefresh();
  const [reason, setReason] = useState(1);
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const manifest = usePickedFiles(
    ([text]) => manifestFor(text ?? "", writeScope(registry, institutionId)),
    (error) =>
      error instanceof PickedFilesError && error.code === "another-institution"
        ? ct("files.another-institution")
        : ct("manifest.invalid"),
  );
  const toggle = (index: number) => {
    const next = new Set(picked);
    if (next.has(index)) next.delete(index);
    else next.add(index);
    setPicked(next);
  };
  const pickedIndexes = [...picked].sort((a, b) => a - b);
  return (
    <fieldset data-testid="manifest-fieldset">
      <legend>{ct("manifest.title")}</legend>
      <JsonFilePicker
        label={ct("manifest.pick")}
        testId="manifest-file"
        onPick={(files) => {
          setPicked(new Set());
          manifest.pick(files);
        }}
      />
      {manifest.error !== undefined && <p role="alert">{manifest.error}</p>}
      {manifest.value !== undefined && (
        <>
          <p className="hint">{ct("manifest.batch", { root: manifest.value.batchRoot, n: manifest.value.count })}</p>
          <ul className="console-keys">
            {manifest.value.credentials.map((entry) => (
              <li key={entry.index}>
                <label>
                  <input
                    type="checkbox"
                    data-testid="manifest-entry"
                    checked={picked.has(entry.index)}
                    onChange={() => {
                      toggle(entry.index);
                    }}
                  />{" "}
                  #{entry.index} <code>{entry.id === "" ? entry.credentialDigest : entry.id}</code>
                </label>
              </li>
            ))}
          </ul>
          <ReasonSelect value={reason} onChange={setReason} testId="manifest-reason" />
          {pickedIndexes.length > 0 && (
            <RevokeCredentialsAction
              registry={registry}
              institutionId={institutionId}
              root={manifest.value.batchRoot}
              indexes={pickedIndexes}
              reason={reason}
              onDone={refresh}
            />
          )}
        </>
      )}
    </fieldset>
  );
}
