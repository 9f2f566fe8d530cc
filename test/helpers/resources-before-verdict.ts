import type { Page } from "playwright-core";

/**
 * The URLs of the resources `page` requested before its verdict showed: those whose request started before the
 * app's `acredita:verdict` User Timing mark (set when the banner is committed); all of them when there is no mark.
 */
export function resourcesBeforeVerdict(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const perf = (globalThis as unknown as { performance: typeof performance }).performance;
    const mark = perf.getEntriesByName("acredita:verdict")[0]?.startTime ?? Number.POSITIVE_INFINITY;
    return perf
      .getEntriesByType("resource")
      .filter((entry) => entry.startTime <= mark)
      .map((entry) => entry.name);
  });
}
