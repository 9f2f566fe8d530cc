import type { Page } from "playwright-core";

/** Pastes `size` characters into the JSON box the way a browser does; returns ms until the refusal shows. */
export async function pasteHuge(page: Page, size: number): Promise<number> {
  await page.locator("#paste-input").waitFor();
  return await page.evaluate<number>(`(() => {
    const text = "x".repeat(${size});
    const data = new DataTransfer();
    data.setData("text/plain", text);
    const box = document.querySelector("#paste-input");
    const started = performance.now();
    box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    return new Promise((done) => {
      const poll = () => document.querySelector('[data-testid="input-problem"]') ? done(performance.now() - started) : requestAnimationFrame(poll);
      poll();
    });
  })()`);
}
