import type { TrustedRegistry } from "../../config/env.ts";
import { anchorTarget } from "./anchor-files.ts";
import { useConsoleI18n } from "./console-i18n.tsx";
import { PickedFilesError, writeScope } from "./picked-files.ts";
import { JsonFilePicker, usePickedFiles } from "./section-controls.tsx";
import { useRefresh } from "./use-console-data.ts";
import { WriteAction } from "./WriteAction.tsx";

/** Anchors a batch the CLI sealed but did not anchor, from every one of its credential files. */
export function AnchorSection({ registry, institutionId }: { registry: TrustedRegistry; institutionId: number }) {
  const { ct } = useConsoleI18n();
  const refresh = useRefresh();
  const anchor = usePickedFiles(
    (texts) => anchorTarget(texts, writeScope(registry, institutionId)),
    (error) => ct(error instanceof PickedFilesError ? `anchor.${error.code}` : "anchor.invalid"),
  );
  return (
    <fieldset data-testid="anchor-fieldset">
      <legend>{ct("anchor.title")}</legend>
      <p className="hint">{ct("anchor.hint")}</p>
      <JsonFilePicker label={ct("files.pick")} testId="anchor-files" multiple onPick={anchor.pick} />
      {anchor.error !== undefined && <p role="alert">{anchor.error}</p>}
      {anchor.value !== undefined && (
        <WriteAction
          registry={registry}
          label={ct("action.anchor", { n: anchor.value.count })}
          summary={ct("summary.anchor", { n: anchor.value.count, root: anchor.value.root })}
          functionName="anchorBatch"
          args={[anchor.value.root, anchor.value.count]}
          onDone={refresh}
        />
      )}
    </fieldset>
  );
}
