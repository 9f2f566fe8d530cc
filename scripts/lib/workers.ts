/**
 * How many worker threads a bulk command (`issue`, `verify`) runs its CPU work on. Either way the output is the
 * same, byte for byte.
 */
import { availableParallelism } from "node:os";
import { CliError } from "./cli-error.ts";

/** Runs of this many credentials or more use every core by default (smaller ones this thread only). */
export const PARALLEL_FROM = 500;

/**
 * The worker threads for `count` credentials: `ACREDITA_WORKERS` when set (0: this thread only), else every core
 * for {@link PARALLEL_FROM} credentials or more.
 */
export function workerThreads(count: number): number {
  const setting = process.env.ACREDITA_WORKERS;
  if (setting === undefined || setting === "") {
    const cores = availableParallelism();
    return count >= PARALLEL_FROM && cores > 1 ? cores : 0;
  }
  if (!/^\d{1,3}$/.test(setting)) {
    throw new CliError(`ACREDITA_WORKERS must be a number of worker threads (0 for none), not "${setting}"`);
  }
  return Number(setting);
}
