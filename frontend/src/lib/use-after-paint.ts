import { useEffect, useState } from "react";

/**
 * False until the current screen has been painted, then true: what the verdict does not need (sharing, the
 * anchoring transaction lookup) waits until the verdict is on screen, so its code never delays the verdict.
 */
export function useAfterPaint(key: unknown): boolean {
  const [ready, setReady] = useState<unknown>(undefined);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      setTimeout(() => {
        setReady(key);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [key]);
  return ready === key && key !== undefined;
}
