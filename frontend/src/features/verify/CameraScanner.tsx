import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../i18n/I18nProvider.tsx";
import { CameraError, scanWithCamera, type CameraProblem } from "./camera-scan.ts";

const PROBLEM_KEYS = {
  denied: "camera.denied",
  none: "camera.none",
  unavailable: "camera.unavailable",
  busy: "camera.busy",
} as const satisfies Record<CameraProblem, string>;

/**
 * The camera's view while it looks for a QR code (lazy-loaded with its decoder). The text it reads goes to
 * `onText`; when the camera cannot be used, it says why and suggests uploading a photo instead.
 */
export default function CameraScanner(props: { onText: (text: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<CameraProblem>();
  const { onText } = props;
  useEffect(() => {
    const element = video.current;
    if (element === null) return;
    const controller = new AbortController();
    scanWithCamera(element, controller.signal).then(onText, (error: unknown) => {
      if (error instanceof CameraError) setProblem(error.problem);
    });
    return () => {
      controller.abort();
    };
  }, [onText]);
  return (
    <div className="camera" data-testid="camera">
      {problem === undefined ? (
        <p className="hint" role="status">
          {t("camera.scanning")}
        </p>
      ) : (
        <p role="alert" data-testid="camera-problem" data-problem={problem}>
          {t(PROBLEM_KEYS[problem])}
        </p>
      )}
      <video ref={video} className="camera-view" aria-label={t("camera.view")} hidden={problem !== undefined} />
      <button type="button" className="secondary" onClick={props.onClose}>
        {t("camera.stop")}
      </button>
    </div>
  );
}
