/**
 * A fake camera for headless Chromium: Chromium's `--use-file-for-fake-video-capture` plays a Y4M file as the
 * camera. The file is read when a page starts the camera, so a test may write it after the browser started.
 */
import { writeFileSync } from "node:fs";
import encodeQR from "@paulmillr/qr";

const WIDTH = 640;
const HEIGHT = 480;

/** The Chromium flags that make `path` the camera. */
export function fakeCameraArgs(path: string): string[] {
  return ["--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${path}`];
}

/** Writes a Y4M video (4:2:0, two identical frames) of `text` as a QR code held in front of the camera. */
export function writeQrVideo(path: string, text: string): void {
  const modules = encodeQR(text, "raw", { ecc: "medium" });
  const scale = Math.max(2, Math.floor((HEIGHT - 40) / (modules.length + 8)));
  const side = (modules.length + 8) * scale;
  const luma = Buffer.alloc(WIDTH * HEIGHT, 140);
  const left = Math.floor((WIDTH - side) / 2);
  const top = Math.floor((HEIGHT - side) / 2);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const dark = modules[Math.floor(y / scale) - 4]?.[Math.floor(x / scale) - 4] === true;
      luma[(top + y) * WIDTH + left + x] = dark ? 16 : 235;
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma]);
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from(`YUV4MPEG2 W${String(WIDTH)} H${String(HEIGHT)} F10:1 Ip A1:1 C420jpeg\n`),
      frame,
      frame,
    ]),
  );
}
