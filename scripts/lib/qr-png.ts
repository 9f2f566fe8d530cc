/**
 * QR code → PNG, fast: qrcode builds the symbol (given segments and a fixed mask, which skips its segment
 * optimizer and its eight-mask search, 10× faster), and a few lines here write a 1-bit greyscale PNG with
 * node:zlib. Any mask is a valid QR code; the fixed one only forgoes a small gain in scan robustness.
 *
 * A paper link (`<page>#V2.<base43>`, core/paper-link.ts) is two segments: the page and `#` in byte mode, the
 * rest in alphanumeric mode (5.5 bits a character instead of 8), which is what keeps it within version 25 at
 * error correction M. Any other text is one byte-mode segment.
 *
 * Why not qrcode's own PNG output (`QRCode.toBuffer`): it is about 23 times slower and its files 4.5 times larger.
 * For 10,000 paper links at the CLI's size (the same symbols: segments, level M, mask 0, 4 pixels a module, margin
 * 4), this writer takes 9.9 s of CPU and 3.1 KB a file, `toBuffer` 233–252 s and 13.8 KB (RGBA through pngjs):
 * minutes added to a 10k `acredita issue` that takes 23 s in all (`bench/qr-png.bench.ts`, `cli.qrPng.*`). Both
 * read back with jsQR at that size (37 of 37 cohort links each). At a printed size (`side`, below) qrcode's
 * `width` option scales modules by a fraction (`getScale`: 472 / 125 = 3.78 pixels at version 25) where this
 * writer draws whole dots, centred.
 */
import { crc32, deflateSync } from "node:zlib";
import QRCode from "qrcode";
import { PAPER_LINK_PREFIX } from "../../core/paper-link.ts";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** The QR segments of `text` (see the module comment). */
export function qrSegments(text: string): QRCode.QRCodeSegment[] {
  const cut = text.indexOf(`#${PAPER_LINK_PREFIX}`);
  const rest = cut < 0 ? "" : text.slice(cut + 1);
  if (cut >= 0 && /^[0-9A-Z $%*+\-./:]+$/.test(rest)) {
    return [
      { data: Buffer.from(text.slice(0, cut + 1), "utf8"), mode: "byte" },
      { data: rest, mode: "alphanumeric" },
    ];
  }
  return [{ data: Buffer.from(text, "utf8"), mode: "byte" }];
}

/** The QR symbol of `text` at error correction M (its `version` and `modules`). */
export function qrSymbol(text: string): QRCode.QRCode {
  return QRCode.create(qrSegments(text), { errorCorrectionLevel: "M", maskPattern: 0 });
}

export interface QrPngOptions {
  /** Pixels per module (default 4), unless `side` is given. */
  scale?: number;
  /** Quiet zone in modules (default 4). */
  margin?: number;
  /**
   * The image's side in pixels (472 for 4 cm at 300 dpi): each module is then the largest whole number of pixels
   * (printer dots) that fits, and the symbol is centred on white. Modules sampled at a fractional size (3.78 dots
   * at version 25) come out 3 or 4 dots wide, which readers misread in about one symbol in eight (jsQR, measured on
   * versions 15–25 at 436–520 px); whole dots read every time.
   */
  side?: number;
}

/** A PNG of the QR code of `text`, at error correction M. */
export function qrPng(text: string, options: QrPngOptions = {}): Buffer {
  const { scale = 4, margin = 4 } = options;
  const symbol = qrSymbol(text);
  const size = symbol.modules.size;
  const modules = symbol.modules.data;
  const total = size + 2 * margin;
  const side = options.side ?? total * scale;
  if (side < total) throw new RangeError(`a ${total}-module QR code needs at least ${total} pixels, not ${side}`);
  const dots = Math.floor(side / total);
  // Module (mx, my) covers pixels [offset + mx·dots, offset + (mx + 1)·dots) of columns and rows; the rest of the
  // image is the quiet zone (white).
  const offset = Math.floor((side - dots * total) / 2) + margin * dots;
  const rowBytes = Math.ceil(side / 8);
  const stride = rowBytes + 1; // each PNG row starts with its filter byte (0: none)
  const raw = Buffer.alloc(stride * side, 0xff);
  for (let y = 0; y < side; y++) raw[y * stride] = 0;
  // Build the pixel row of each module row once, module by module, then copy it to every pixel row it covers.
  const line = Buffer.alloc(rowBytes);
  for (let my = 0; my < size; my++) {
    line.fill(0xff);
    for (let mx = 0; mx < size; mx++) {
      if (modules[my * size + mx] !== 1) continue;
      const end = offset + (mx + 1) * dots;
      for (let px = offset + mx * dots; px < end; px++) {
        line[px >> 3] = (line[px >> 3] ?? 0) & ~(0x80 >> (px & 7)); // 0 = black
      }
    }
    const top = offset + my * dots;
    for (let y = top; y < top + dots; y++) line.copy(raw, y * stride + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 1 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
