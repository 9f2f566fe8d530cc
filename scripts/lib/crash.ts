/**
 * Crash injection for tests: `ACREDITA_CRASH_AT=<point>` makes the process die abruptly (SIGKILL: no cleanup,
 * no flushing, exactly like a power cut) when it reaches that point. Unset in normal use, where this is a no-op.
 * A point may carry a count, `<point>:<n>`, to die the n-th time it is reached (e.g. after 500 files).
 */
const target = process.env.ACREDITA_CRASH_AT;
const seen = new Map<string, number>();

/** Dies here if the environment asks for it. */
export function crashPoint(point: string): void {
  if (target === undefined || target === "") return;
  const times = (seen.get(point) ?? 0) + 1;
  seen.set(point, times);
  if (target === point || target === `${point}:${times}`) process.kill(process.pid, "SIGKILL");
}
