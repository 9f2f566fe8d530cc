import { stripVTControlCharacters } from "node:util";

export interface Counts {
  passed: number;
  failed: number;
}

/** Pass/fail counts from whichever runner printed `output`: Hardhat, Vitest or node:test's spec reporter. */
export function parseCounts(output: string): Counts | undefined {
  const text = stripVTControlCharacters(output);
  const last = (re: RegExp): number | undefined => {
    const all = [...text.matchAll(re)];
    const hit = all.at(-1);
    return hit ? Number(hit[1]) : undefined;
  };
  // A test cancelled (its suite timed out, or it did not finish before its parent) did not pass: it counts as failed.
  const hardhatPassed = last(/^\s*(\d+) passing/gm);
  if (hardhatPassed !== undefined) {
    const failed = (last(/^\s*(\d+) failing/gm) ?? 0) + (last(/^\s*(\d+) cancelled/gm) ?? 0);
    return { passed: hardhatPassed, failed };
  }
  const vitest = text.match(/^\s*Tests\s+(.*)$/m);
  if (vitest) {
    const line = vitest[1] ?? "";
    return { passed: Number(/(\d+) passed/.exec(line)?.[1] ?? 0), failed: Number(/(\d+) failed/.exec(line)?.[1] ?? 0) };
  }
  const nodePassed = last(/^ℹ pass (\d+)/gm);
  if (nodePassed !== undefined) {
    return { passed: nodePassed, failed: (last(/^ℹ fail (\d+)/gm) ?? 0) + (last(/^ℹ cancelled (\d+)/gm) ?? 0) };
  }
  return undefined;
}
