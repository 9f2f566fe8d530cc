/**
 * Reads a QR code through the device's camera, entirely in the page (lazy-loaded, with its decoder): the
 * browser's own `BarcodeDetector` where it has one that reads QR codes, otherwise the bundled jsQR on video frames.
 */
import { decodeFrame } from "./qr-reader.ts";

export type CameraProblem = "denied" | "none" | "unavailable" | "busy";

export class CameraError extends Error {
  readonly problem: CameraProblem;
  constructor(problem: CameraProblem) {
    super(`camera ${problem}`);
    this.name = "CameraError";
    this.problem = problem;
  }
}

/** Why the camera could not start, from getUserMedia's DOMException name. */
export function cameraProblem(error: unknown): CameraProblem {
  const name = typeof error === "object" && error !== null && "name" in error ? String(error.name) : "";
  if (name === "NotAllowedError" || name === "SecurityError" || name === "PermissionDeniedError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError" || name === "DevicesNotFoundError") return "none";
  if (name === "NotReadableError" || name === "AbortError" || name === "TrackStartError") return "busy";
  return "unavailable";
}

interface Detector {
  detect: (source: HTMLVideoElement) => Promise<{ rawValue: string }[]>;
}

/** The browser's QR detector, when it has one (Chrome on Android and macOS, Safari); undefined elsewhere. */
async function nativeDetector(): Promise<Detector | undefined> {
  const Native = (
    globalThis as {
      BarcodeDetector?: (new (options: { formats: string[] }) => Detector) & {
        getSupportedFormats?: () => Promise<string[]>;
      };
    }
  ).BarcodeDetector;
  if (Native === undefined) return undefined;
  try {
    const formats = (await Native.getSupportedFormats?.()) ?? [];
    return formats.includes("qr_code") ? new Native({ formats: ["qr_code"] }) : undefined;
  } catch {
    return undefined;
  }
}

/** One look at the current video frame with jsQR (the frame scaled so its longer side is at most 960 px). */
function frameReader(video: HTMLVideoElement): () => string | undefined {
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  return () => {
    if (context === null || video.videoWidth === 0) return undefined;
    const scale = Math.min(1, 960 / Math.max(video.videoWidth, video.videoHeight));
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    return decodeFrame(context.getImageData(0, 0, canvas.width, canvas.height));
  };
}

const SCAN_INTERVAL_MS = 150;

/**
 * Shows the rear camera in `video` and resolves with the text of the first QR code it sees. Rejects with a
 * {@link CameraError} when there is no camera or it may not be used; stops the camera when done or aborted.
 */
export async function scanWithCamera(video: HTMLVideoElement, signal: AbortSignal): Promise<string> {
  // Missing outside a secure context (plain http other than localhost) and in very old browsers.
  const media = (navigator as { mediaDevices?: MediaDevices }).mediaDevices;
  if (media === undefined || typeof media.getUserMedia !== "function") throw new CameraError("unavailable");
  let stream: MediaStream;
  try {
    stream = await media.getUserMedia({
      video: { facingMode: { ideal: "environment" } },
      audio: false,
    });
  } catch (error) {
    throw new CameraError(cameraProblem(error));
  }
  const stop = () => {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  if (signal.aborted) {
    stop();
    throw new DOMException("aborted", "AbortError");
  }
  try {
    video.srcObject = stream;
    video.muted = true;
    video.playsInline = true;
    await video.play();
    const detector = await nativeDetector();
    const readFrame = frameReader(video);
    return await new Promise<string>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const abort = () => {
        clearTimeout(timer);
        reject(new DOMException("aborted", "AbortError"));
      };
      signal.addEventListener("abort", abort, { once: true });
      const look = async () => {
        if (signal.aborted) return;
        let text: string | undefined;
        try {
          text = detector === undefined ? readFrame() : (await detector.detect(video))[0]?.rawValue;
        } catch {
          text = undefined; // A frame that cannot be read yet (the video still starting): try the next one.
        }
        if (text !== undefined && text !== "") {
          signal.removeEventListener("abort", abort);
          resolve(text);
        } else timer = setTimeout(() => void look(), SCAN_INTERVAL_MS);
      };
      void look();
    });
  } finally {
    stop();
  }
}
