import { useMemo } from "react";
import { qrSymbol } from "../../lib/qr-symbol.ts";

/** A QR code (error correction M) drawn as SVG from the module matrix (no markup strings, no canvas). */
export function QrCode(props: { text: string; label: string; testId?: string }) {
  const symbol = useMemo(() => qrSymbol(props.text), [props.text]);
  if (symbol === undefined) return null;
  const size = symbol.modules.length;
  let path = "";
  symbol.modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return (
    <svg
      className="qr"
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={props.label}
      data-testid={props.testId ?? "share-qr"}
      data-version={symbol.version}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
