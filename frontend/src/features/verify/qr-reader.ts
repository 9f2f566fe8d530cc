/**
 * Reads a QR code from an uploaded image, entirely in the page (lazy-loaded with its decoder). Large images are
 * scaled down first so decoding stays fast.
 */
import jsQR from "jsqr";

const MAX_SIDE = 1600;

function decodeAt(bitmap: ImageBitmap, scale: number): string | undefined {
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext("2d");
  if (context === null) return undefined;
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  context.imageSmoothingEnabled = scale < 1;
  context.drawImage(bitmap, 0, 0, width, height);
  return jsQR(context.getImageData(0, 0, width, height).data, width, height)?.data;
}

/** An RGBA frame (a canvas's ImageData, a video frame drawn on one). */
export interface Frame {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** The text of the QR code in one camera frame, if it shows one (dark code on a light background, as printed). */
export function decodeFrame(frame: Frame): string | undefined {
  return jsQR(frame.data, frame.width, frame.height, { inversionAttempts: "dontInvert" })?.data;
}

/** Tries the image at a readable size, then enlarged and reduced (dense codes need more pixels per module). */
export async function readQrCode(file: Blob): Promise<string | undefined> {
  const bitmap = await createImageBitmap(file);
  try {
    const fit = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    for (const scale of [fit, Math.min(2, (MAX_SIDE * 1.5) / Math.max(bitmap.width, bitmap.height)), fit / 2]) {
      const text = decodeAt(bitmap, scale);
      if (text !== undefined) return text;
    }
    return undefined;
  } finally {
    bitmap.close();
  }
}
