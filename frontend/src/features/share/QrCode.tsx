import encodeQR from "@paulmillr/qr";
import { useMemo } from "react";

/** A QR code drawn as SVG from the encoder's module matrix (no markup strings, no canvas). */
export function QrCode(props: { text: string; label: string }) {
  const modules = useMemo(() => {
    try {
      return encodeQR(props.text, "raw", { ecc: "low", border: 2 });
    } catch {
      return undefined;
    }
  }, [props.text]);
  if (modules === undefined) return null;
  const size = modules.length;
  let path = "";
  modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    <svg className="qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={props.label} data-testid="share-qr">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

/** Whether `text` fits in a QR code at all. */
export function fitsInQr(text: string): boolean {
  try {
    encodeQR(text, "raw", { ecc: "low" });
    return true;
  } catch {
    return false;
  }
}
