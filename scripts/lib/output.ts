/**
 * Everything the CLI prints goes through here: results on stdout, progress and notes on stderr, colours only
 * when the stream is a terminal (and NO_COLOR is unset), progress bars only on a terminal.
 */
import { styleText } from "node:util";

type Style = "green" | "red" | "yellow" | "cyan" | "bold" | "dim";

/** `text` in a style, when stdout shows colours. */
export function paint(style: Style, text: string, stream: NodeJS.WriteStream = process.stdout): string {
  return styleText(style, text, { validateStream: true, stream });
}

/** A result line (stdout). */
export function print(line = ""): void {
  process.stdout.write(`${line}\n`);
}

/** A note for the person at the terminal (stderr): progress, what happens next, retries. */
export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** "1 credential", "2 credentials", "10,000 credentials" ("1 batch", "2 batches" with `many`). */
export function plural(count: number, noun: string, many = `${noun}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? noun : many}`;
}

/** A table with aligned columns. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--";
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s`;
}

/** A progress bar with rate and ETA on stderr; silent when stderr is not a terminal. */
export class Progress {
  private readonly label: string;
  private readonly total: number;
  private readonly unit: string;
  private readonly started = performance.now();
  private readonly live = process.stderr.isTTY;
  private done = 0;
  private lastDraw = 0;

  constructor(label: string, total: number, unit: string) {
    this.label = label;
    this.total = total;
    this.unit = unit;
  }

  tick(count = 1): void {
    this.done += count;
    const now = performance.now();
    if (this.live && (now - this.lastDraw > 100 || this.done >= this.total)) {
      this.lastDraw = now;
      this.draw(now);
    }
  }

  private draw(now: number): void {
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const fraction = this.total === 0 ? 1 : Math.min(1, this.done / this.total);
    const width = 24;
    const filled = Math.round(fraction * width);
    const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
    const eta = rate > 0 ? (this.total - this.done) / rate : Number.POSITIVE_INFINITY;
    process.stderr.write(
      `\r${this.label} ${bar} ${this.done}/${this.total} ${this.unit} · ${rate.toFixed(0)}/s · ETA ${duration(eta)}  `,
    );
  }

  finish(): number {
    const seconds = (performance.now() - this.started) / 1000;
    if (this.live) {
      this.draw(performance.now());
      process.stderr.write("\n");
    }
    return seconds;
  }
}
