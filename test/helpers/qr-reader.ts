/**
 * What a phone does with a printed QR code, for tests: decode the PNG to pixels with a real PNG decoder (pngjs,
 * qrcode's own PNG library) and read the symbol with a real QR reader (jsQR).
 */
import { createRequire } from "node:module";
import jsQRModule from "jsqr";

/** The decoded image, as pngjs gives it: RGBA pixels plus the header's bit depth and colour type. */
export interface DecodedPng {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  data: Buffer;
}

// pngjs ships no types: the one call used here.
const { PNG } = createRequire(import.meta.url)("pngjs") as { PNG: { sync: { read(png: Buffer): DecodedPng } } };
// jsqr is CommonJS with an ES-module-shaped default export: take whichever Node hands us.
const loaded = jsQRModule as unknown;
const jsQR = ((loaded as { default?: unknown }).default ?? loaded) as typeof jsQRModule.default;

/** Decodes a PNG (throws on a malformed one: bad signature, CRC or compressed data). */
export function decodePng(png: Buffer): DecodedPng {
  return PNG.sync.read(png);
}

/** The text a QR reader finds in the PNG, or undefined when it finds none. */
export function readQr(png: Buffer): string | undefined {
  const image = decodePng(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}
