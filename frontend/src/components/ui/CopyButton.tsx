import { useState } from "react";

/** Copies `text` to the clipboard and says so (politely, for screen readers too). */
export function CopyButton(props: { text: string; label: string; copiedLabel: string; failedLabel: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <span className="copy">
      <button
        type="button"
        onClick={() => {
          navigator.clipboard.writeText(props.text).then(
            () => {
              setState("copied");
            },
            () => {
              setState("failed");
            },
          );
        }}
      >
        {props.label}
      </button>
      <span role="status" className="copy-status">
        {state === "copied" ? props.copiedLabel : state === "failed" ? props.failedLabel : ""}
      </span>
    </span>
  );
}
