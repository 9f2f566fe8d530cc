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

/**
 * A progress bar with rate and ETA on stderr when it is a terminal; elsewhere (a log, CI) a plain line every
 * {@link Progress.PLAIN_EVERY_MS} ms, and a last one when it ends, only for work that lasts that long.
 */
export class Progress {
  static readonly PLAIN_EVERY_MS = 10_000;
  private readonly label: string;
  private readonly total: number;
  private readonly unit: string;
  private readonly started = performance.now();
  private readonly live: boolean;
  private readonly write: (text: string) => void;
  private done = 0;
  private lastDraw = 0;
  private plainLines = 0;

  constructor(
    label: string,
    total: number,
    unit: string,
    stream: { isTTY?: boolean; write(text: string): unknown } = process.stderr,
  ) {
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.live = stream.isTTY === true;
    this.write = (text) => {
      stream.write(text);
    };
    this.lastDraw = this.started;
  }

  tick(count = 1, now = performance.now()): void {
    this.done += count;
    if (this.live) {
      if (now - this.lastDraw > 100 || this.done >= this.total) {
        this.lastDraw = now;
        this.write(`\r${this.line(now)}  `);
      }
    } else if (now - this.lastDraw >= Progress.PLAIN_EVERY_MS && this.done < this.total) {
      this.lastDraw = now;
      this.plainLines += 1;
      this.write(`${this.line(now)}\n`);
    }
  }

  /** "Writing credentials ████░░ 4,000/10,000 credentials · 950/s · ETA 7 s" (without the bar off a terminal). */
  line(now = performance.now()): string {
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const fraction = this.total === 0 ? 1 : Math.min(1, this.done / this.total);
    const eta = rate > 0 ? (this.total - this.done) / rate : Number.POSITIVE_INFINITY;
    const counts = `${this.done.toLocaleString("en")}/${this.total.toLocaleString("en")} ${this.unit}`;
    const speed = `${rate.toFixed(0)}/s · ETA ${duration(eta)}`;
    if (!this.live) return `${this.label}: ${counts} (${Math.floor(fraction * 100)} %) · ${speed}`;
    const width = 24;
    const filled = Math.round(fraction * width);
    return `${this.label} ${"█".repeat(filled)}${"░".repeat(width - filled)} ${counts} · ${speed}`;
  }

  finish(now = performance.now()): number {
    const seconds = (now - this.started) / 1000;
    if (this.live) this.write(`\r${this.line(now)}  \n`);
    else if (this.plainLines > 0) {
      this.write(`${this.label}: ${this.done.toLocaleString("en")} ${this.unit} done in ${duration(seconds)}\n`);
    }
    return seconds;
  }
}
