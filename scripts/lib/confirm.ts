/**
 * Final actions (revoking a whole batch or several credentials, declaring a key compromised, withdrawing an
 * institution) are confirmed before anything is sent: on a terminal the command shows what will happen and asks
 * y/N; anywhere else (a script, a pipe, CI) it needs --yes, and refuses with that hint otherwise.
 */
import { createInterface } from "node:readline/promises";
import { CliError } from "./cli-error.ts";
import { note } from "./output.ts";

/** Answers that mean yes, in the CLI's three languages. */
const YES = new Set(["y", "yes", "s", "si", "sí", "sim"]);

/**
 * Returns when the action `what` (a sentence, "revoke the whole batch 0x…") is confirmed: by --yes, or by the
 * person at the terminal after reading `details`. Throws a CliError — nothing sent — otherwise.
 */
export async function confirmFinal(
  what: string,
  details: readonly string[],
  options: Readonly<Record<string, unknown>>,
  input: NodeJS.ReadStream = process.stdin,
): Promise<void> {
  if (options.yes === true) return;
  if (!input.isTTY) {
    throw new CliError(`${what} cannot be undone, and there is no terminal to confirm it on: pass --yes`, {
      hint: "Nothing was sent. Run it in a terminal to be asked, or add --yes to confirm it in a script.",
    });
  }
  note(`About to ${what}. This cannot be undone.`);
  for (const line of details) note(`  ${line}`);
  const prompt = createInterface({ input, output: process.stderr });
  // Ctrl-C at the question cancels, like anywhere else.
  const interrupt = new AbortController();
  prompt.on("SIGINT", () => {
    interrupt.abort();
  });
  let answer: string;
  try {
    answer = await prompt.question("Proceed? [y/N] ", { signal: interrupt.signal });
  } catch {
    throw new CliError("cancelled: nothing was sent", { exitCode: 130 });
  } finally {
    prompt.close();
  }
  if (!YES.has(answer.trim().toLowerCase())) {
    throw new CliError("not confirmed: nothing was sent");
  }
}
