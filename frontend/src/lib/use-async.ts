import { useEffect, useState } from "react";

export type AsyncState<T> =
  { status: "idle" } | { status: "pending" } | { status: "success"; data: T } | { status: "error"; error: unknown };

/**
 * Runs `run` when `key` changes (not while `key` is undefined) and holds its outcome; a newer run supersedes an
 * older one. A few lines instead of a query library in the initial bundle (the first verdict needs nothing more).
 */
export function useAsync<T>(key: string | undefined, run: () => Promise<T>): AsyncState<T> {
  const [state, setState] = useState<{ key: string | undefined; value: AsyncState<T> }>({
    key: undefined,
    value: { status: "idle" },
  });
  useEffect(() => {
    if (key === undefined) return;
    let current = true;
    setState({ key, value: { status: "pending" } });
    run().then(
      (data) => {
        if (current) setState({ key, value: { status: "success", data } });
      },
      (error: unknown) => {
        if (current) setState({ key, value: { status: "error", error } });
      },
    );
    return () => {
      current = false;
    };
    // `run` is a closure over what `key` names; the key alone decides when to run again.
  }, [key]);
  if (key === undefined) return { status: "idle" };
  return state.key === key ? state.value : { status: "pending" };
}
