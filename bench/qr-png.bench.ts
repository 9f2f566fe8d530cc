/**
 * Why the CLI writes its QR PNGs itself (scripts/lib/qr-png.ts) rather than with qrcode's own PNG output:
 * - cli.qrPng.ours.cpuMs.10k: CPU time of `qrPng(link)` for 10,000 paper links (the cohorts' golden credentials,
 *   cycled) at the CLI's size (4 pixels a module, 4-module margin), what `acredita issue` writes per credential;
 * - cli.qrPng.qrcode.cpuMs.10k: qrcode's `toBuffer` for the same symbols (same segments, level M, mask 0, scale 4,
 *   margin 4), timed on 500 links and scaled to 10,000 (a full run costs minutes of CPU);
 * - cli.qrPng.ours.bytes / cli.qrPng.qrcode.bytes: the mean file size of each (1-bit greyscale against RGBA).
 * Run alone with `node bench/run.ts qr-png`.
 */
import QRCode from "qrcode";
import type { JsonObject } from "../core/canonical.ts";
import { encodePaperLink } from "../core/paper-link.ts";
import { qrPng, qrSegments } from "../scripts/lib/qr-png.ts";
import { COHORTS, readGolden } from "../test/helpers/golden.ts";
import type { Metrics } from "./metrics.ts";

const BASE = "https://verify.acredita.example/";

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function measure(links: string[], count: number, make: (link: string) => Buffer | Promise<Buffer>) {
  let bytes = 0;
  const start = cpuMs();
  for (let i = 0; i < count; i++) bytes += (await make(links[i % links.length] as string)).length;
  return { cpuMs: cpuMs() - start, bytes: bytes / count };
}

export default async function bench(): Promise<Metrics> {
  const links = COHORTS.flatMap((c) => (readGolden(`${c.name}.json`) as { credentials: JsonObject[] }).credentials).map(
    (credential) => encodePaperLink(BASE, credential),
  );
  await measure(links, 200, (link) => qrPng(link)); // warm-up
  const ours = await measure(links, 10_000, (link) => qrPng(link));
  const sample = 500;
  const theirs = await measure(links, sample, (link) =>
    QRCode.toBuffer(qrSegments(link), { errorCorrectionLevel: "M", maskPattern: 0, type: "png", scale: 4, margin: 4 }),
  );
  return {
    "cli.qrPng.ours.cpuMs.10k": { value: Math.round(ours.cpuMs), unit: "ms" },
    "cli.qrPng.qrcode.cpuMs.10k": { value: Math.round((theirs.cpuMs * 10_000) / sample), unit: "ms" },
    "cli.qrPng.ours.bytes": { value: Math.round(ours.bytes), unit: "bytes" },
    "cli.qrPng.qrcode.bytes": { value: Math.round(theirs.bytes), unit: "bytes" },
  };
}
