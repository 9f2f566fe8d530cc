/**
 * Reads a QR code from an uploaded image, entirely in the page (lazy-loaded with its decoder). Large images are
 * scaled down first so decoding stays fast.
 */
import decodeQR from "@paulmillr/qr/decode.js";

const MAX_SIDE = 1600;

export async function readQrCode(file: Blob): Promise<string | undefined> {
  const bitmap = await createImageBitmap(file);
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext("2d");
    if (context === null) return undefined;
    context.fillStyle = "#fff";
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    const pixels = context.getImageData(0, 0, width, height);
    try {
      return decodeQR({ width, height, data: pixels.data });
    } catch {
      return undefined;
    }
  } finally {
    bitmap.close();
  }
}
