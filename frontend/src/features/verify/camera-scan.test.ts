import encodeQR from "@paulmillr/qr";
import { describe, expect, it } from "vitest";
import { cameraProblem } from "./camera-scan.ts";
import { decodeFrame, type Frame } from "./qr-reader.ts";

/** A camera-sized RGBA frame showing `text` as a QR code (4 px a module, a quiet zone), on a grey background. */
function frameShowing(text: string, width = 640, height = 480): Frame {
  const modules = encodeQR(text, "raw", { ecc: "medium" });
  const scale = 4;
  const side = (modules.length + 8) * scale;
  const data = new Uint8ClampedArray(width * height * 4).fill(128);
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const row = modules[Math.floor(y / scale) - 4];
      const dark = row?.[Math.floor(x / scale) - 4] === true;
      const at = ((top + y) * width + left + x) * 4;
      data.fill(dark ? 20 : 235, at, at + 3);
      data[at + 3] = 255;
    }
  }
  return { data, width, height };
}

describe("camera scanning", () => {
  it("reads the link in a QR code from a video-sized frame", () => {
    const link = "https://verify.example/#v1.r.0x" + "ab".repeat(32);
    expect(decodeFrame(frameShowing(link))).toBe(link);
  });

  it("reads nothing from a frame without a QR code", () => {
    expect(decodeFrame({ data: new Uint8ClampedArray(320 * 240 * 4).fill(200), width: 320, height: 240 })).toBe(
      undefined,
    );
  });

  it("says why the camera could not start, from getUserMedia's errors", () => {
    expect(cameraProblem(new DOMException("Permission denied", "NotAllowedError"))).toBe("denied");
    expect(cameraProblem(new DOMException("Requested device not found", "NotFoundError"))).toBe("none");
    expect(cameraProblem(new DOMException("Could not start video source", "NotReadableError"))).toBe("busy");
    expect(cameraProblem(new TypeError("getUserMedia is not a function"))).toBe("unavailable");
  });
});
