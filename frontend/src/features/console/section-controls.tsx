import { useState } from "react";
import type { Hex } from "viem";
import type { TrustedRegistry } from "../../config/env.ts";
import { useConsoleI18n } from "./console-i18n.tsx";
import type { ConsoleKey } from "./console-messages.ts";
import { WriteAction } from "./WriteAction.tsx";

/** Reason codes of the registry's specification (ICredentialRegistry.sol). */
const REASONS = [0, 1, 2, 3, 4, 5, 6] as const;

export function ReasonSelect(props: { value: number; onChange: (value: number) => void; testId: string }) {
  const { ct } = useConsoleI18n();
  return (
    <label>
      {ct("field.reason")}{" "}
      <select
        data-testid={props.testId}
        value={props.value}
        onChange={(e) => {
          props.onChange(Number(e.target.value));
        }}
      >
        {REASONS.map((r) => (
          <option key={r} value={r}>
            {ct(`reason.${String(r)}` as ConsoleKey)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A picker for credential or manifest JSON files. */
export function JsonFilePicker(props: {
  label: string;
  testId: string;
  multiple?: boolean;
  onPick: (files: FileList | null) => void;
}) {
  return (
    <label>
      {props.label}{" "}
      <input
        type="file"
        multiple={props.multiple}
        accept=".json,application/json"
        data-testid={props.testId}
        onChange={(e) => {
          props.onPick(e.target.files);
        }}
      />
    </label>
  );
}

/**
 * The files last picked, read as text and turned into what a section writes by `parse`; when they cannot be used,
 * `explain` gives the sentence to show instead. A new pick clears the previous one at once.
 */
export function usePickedFiles<T>(
  parse: (texts: readonly string[]) => T,
  explain: (error: unknown) => string,
): { value?: T; error?: string; pick: (files: FileList | null) => void } {
  const [picked, setPicked] = useState<{ value?: T; error?: string }>({});
  const read = async (files: FileList | null) => {
    setPicked({});
    if (files === null || files.length === 0) return;
    try {
      const texts = await Promise.all([...files].map((f) => f.text()));
      setPicked({ value: parse(texts) });
    } catch (error) {
      setPicked({ error: explain(error) });
    }
  };
  return {
    ...picked,
    pick: (files) => {
      void read(files);
    },
  };
}

/** Revokes the listed positions of one batch with one reason (`revokeCredentials`). */
export function RevokeCredentialsAction(props: {
  registry: TrustedRegistry;
  institutionId: number;
  root: Hex;
  indexes: readonly number[];
  reason: number;
  onDone: () => void;
}) {
  const { ct } = useConsoleI18n();
  return (
    <WriteAction
      registry={props.registry}
      label={ct("action.revokeCredentials", { n: props.indexes.length })}
      summary={ct("summary.revokeCredentials", {
        indexes: props.indexes.join(", "),
        root: props.root,
        reason: ct(`reason.${String(props.reason)}` as ConsoleKey),
      })}
      functionName="revokeCredentials"
      args={[props.institutionId, props.root, props.indexes, props.reason]}
      onDone={props.onDone}
    />
  );
}
