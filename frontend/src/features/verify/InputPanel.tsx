import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type SyntheticEvent,
} from "react";
import { Choice } from "../../components/ui/Choice.tsx";
import { useI18n } from "../../i18n/I18nProvider.tsx";
import {
  MAX_CREDENTIAL_CHARS,
  MAX_CREDENTIAL_FILE_BYTES,
  MAX_QR_IMAGE_BYTES,
  MAX_STATUS_INPUT_CHARS,
  sizeProblem,
  type InputProblem,
} from "./input-limits.ts";
import { decodeCredentialFile, DEFAULT_MAX_LINK_LENGTH } from "@acredita/core";

export type InputMode = "paste" | "file" | "link" | "status" | "qr";

export interface InputHandlers {
  /** Credential JSON text from a paste or a file. */
  onCredentialText: (text: string, source: "paste" | "file") => void;
  /** A verification link (or its fragment), typed, pasted or read from a QR code. */
  onLink: (link: string, source: "link" | "qr" | "paste" | "status") => void;
  /** A 32-byte value for a status-only check (not yet validated). */
  onStatusValue: (value: string) => void;
  onProblem: (problem: InputProblem) => void;
}

const LINK_INPUT_LIMIT = DEFAULT_MAX_LINK_LENGTH + 2048;

// The camera and its QR decoder load only when the user asks to scan.
const CameraScanner = lazy(() => import("./CameraScanner.tsx"));

/** Text that is a verification link (or a bare link fragment) rather than JSON or a hash. */
export function looksLikeLink(text: string): boolean {
  const value = text.trim();
  return /^v\d+\.[a-z]\./.test(value) || (/^https?:\/\//i.test(value) && value.includes("#"));
}

function rejectHugePaste(event: ClipboardEvent<HTMLElement>, limit: number, onProblem: InputHandlers["onProblem"]) {
  // Checked before the text ever reaches the field: a 10 MB paste never lands in the DOM.
  const text = event.clipboardData.getData("text");
  const problem = sizeProblem(text.length, limit);
  if (problem !== undefined) {
    event.preventDefault();
    onProblem(problem);
  }
}

export function InputPanel(
  props: InputHandlers & { busy: boolean; /** Take the focus when shown (reopened). */ focus?: boolean },
) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const focus = props.focus === true;
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  const [mode, setMode] = useState<InputMode>("paste");
  const [pasted, setPasted] = useState("");
  const [link, setLink] = useState("");
  const [status, setStatus] = useState("");
  const [dragging, setDragging] = useState(false);
  const [camera, setCamera] = useState(false);
  const { onLink } = props;
  const scanned = useCallback(
    (text: string) => {
      setCamera(false);
      onLink(text, "qr");
    },
    [onLink],
  );
  const closeCamera = useCallback(() => {
    setCamera(false);
  }, []);

  function submitPaste(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pasted.trim() === "") props.onProblem({ kind: "empty" });
    else if (looksLikeLink(pasted)) props.onLink(pasted, "paste");
    else props.onCredentialText(pasted, "paste");
  }

  function readFile(file: File | undefined) {
    if (file === undefined) {
      props.onProblem({ kind: "not-a-file" });
      return;
    }
    const problem = sizeProblem(file.size, MAX_CREDENTIAL_FILE_BYTES);
    if (problem !== undefined) {
      props.onProblem(problem);
      return;
    }
    // Decoded by core exactly as `acredita verify` decodes a file (UTF-8, a byte order mark dropped).
    file.arrayBuffer().then(
      (buffer) => {
        const text = decodeCredentialFile(new Uint8Array(buffer));
        if (looksLikeLink(text)) props.onLink(text, "link");
        else props.onCredentialText(text, "file");
      },
      () => {
        props.onProblem({ kind: "unreadable" });
      },
    );
  }

  function onDrop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    setDragging(false);
    readFile(event.dataTransfer.files[0]);
  }

  function readQr(file: File | undefined) {
    if (file === undefined) {
      props.onProblem({ kind: "not-a-file" });
      return;
    }
    const problem = sizeProblem(file.size, MAX_QR_IMAGE_BYTES);
    if (problem !== undefined) {
      props.onProblem(problem);
      return;
    }
    import("./qr-reader.ts")
      .then(({ readQrCode }) => readQrCode(file))
      .then(
        (text) => {
          if (text === undefined) props.onProblem({ kind: "unreadable" });
          else props.onLink(text, "qr");
        },
        () => {
          props.onProblem({ kind: "unreadable" });
        },
      );
  }

  const modes: { value: InputMode; label: string }[] = [
    { value: "paste", label: t("input.mode.paste") },
    { value: "file", label: t("input.mode.file") },
    { value: "link", label: t("input.mode.link") },
    { value: "qr", label: t("input.mode.qr") },
    { value: "status", label: t("input.mode.status") },
  ];

  return (
    <section className="panel input-panel" aria-labelledby="input-title">
      <h2 id="input-title" tabIndex={-1} ref={heading}>
        {t("input.title")}
      </h2>
      <Choice legend={t("input.mode.legend")} name="input-mode" value={mode} options={modes} onChange={setMode} />

      {mode === "paste" && (
        <form onSubmit={submitPaste}>
          <label htmlFor="paste-input">{t("input.paste.label")}</label>
          <textarea
            id="paste-input"
            value={pasted}
            rows={8}
            spellCheck={false}
            autoComplete="off"
            aria-describedby="paste-hint"
            onPaste={(e) => {
              rejectHugePaste(e, MAX_CREDENTIAL_CHARS, props.onProblem);
            }}
            onChange={(e) => {
              const problem = sizeProblem(e.target.value.length, MAX_CREDENTIAL_CHARS);
              if (problem === undefined) setPasted(e.target.value);
              else props.onProblem(problem);
            }}
          />
          <p id="paste-hint" className="hint">
            {t("input.paste.hint")}
          </p>
          <button type="submit" disabled={props.busy}>
            {t("input.verify")}
          </button>
        </form>
      )}

      {mode === "file" && (
        <div
          className={dragging ? "dropzone dragging" : "dropzone"}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => {
            setDragging(false);
          }}
          onDrop={onDrop}
          data-testid="dropzone"
        >
          <p>{t("input.file.drop")}</p>
          <label htmlFor="file-input">{t("input.file.label")}</label>
          <input
            id="file-input"
            type="file"
            accept=".json,application/json,application/ld+json,text/plain"
            onChange={(e) => {
              readFile(e.target.files?.[0]);
              e.target.value = "";
            }}
          />
        </div>
      )}

      {mode === "link" && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (link.trim() === "") props.onProblem({ kind: "empty" });
            else props.onLink(link, "link");
          }}
        >
          <label htmlFor="link-input">{t("input.link.label")}</label>
          <input
            id="link-input"
            type="text"
            inputMode="url"
            value={link}
            spellCheck={false}
            autoComplete="off"
            aria-describedby="link-hint"
            onPaste={(e) => {
              rejectHugePaste(e, LINK_INPUT_LIMIT, props.onProblem);
            }}
            onChange={(e) => {
              setLink(e.target.value.slice(0, LINK_INPUT_LIMIT));
            }}
          />
          <p id="link-hint" className="hint">
            {t("input.link.hint")}
          </p>
          <button type="submit" disabled={props.busy}>
            {t("input.verify")}
          </button>
        </form>
      )}

      {mode === "qr" && (
        <div className="dropzone">
          <label htmlFor="qr-input">{t("input.qr.label")}</label>
          <input
            id="qr-input"
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            aria-describedby="qr-hint"
            onChange={(e) => {
              readQr(e.target.files?.[0]);
              e.target.value = "";
            }}
          />
          <p id="qr-hint" className="hint">
            {t("input.qr.hint")}
          </p>
          {camera ? (
            <Suspense fallback={null}>
              <CameraScanner onText={scanned} onClose={closeCamera} />
            </Suspense>
          ) : (
            <button
              type="button"
              className="secondary"
              data-testid="camera-start"
              onClick={() => {
                setCamera(true);
              }}
            >
              {t("camera.start")}
            </button>
          )}
        </div>
      )}

      {mode === "status" && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (looksLikeLink(status)) props.onLink(status, "status");
            else props.onStatusValue(status);
          }}
        >
          <label htmlFor="status-input">{t("input.status.label")}</label>
          <input
            id="status-input"
            type="text"
            value={status}
            placeholder="0x…"
            spellCheck={false}
            autoComplete="off"
            aria-describedby="status-hint"
            onPaste={(e) => {
              rejectHugePaste(e, LINK_INPUT_LIMIT, props.onProblem);
            }}
            onChange={(e) => {
              setStatus(e.target.value.slice(0, LINK_INPUT_LIMIT));
            }}
          />
          <p id="status-hint" className="hint">
            {t("input.status.hint", { max: MAX_STATUS_INPUT_CHARS })}
          </p>
          <button type="submit" disabled={props.busy}>
            {t("input.check")}
          </button>
        </form>
      )}
    </section>
  );
}
