/** Small terminal rendering helpers; colour only on a TTY. */
const useColour = process.stderr.isTTY && !process.env.NO_COLOR;

export const paint = {
  green: (text: string) => (useColour ? `\u001b[32m${text}\u001b[39m` : text),
  yellow: (text: string) => (useColour ? `\u001b[33m${text}\u001b[39m` : text),
  red: (text: string) => (useColour ? `\u001b[31m${text}\u001b[39m` : text),
  dim: (text: string) => (useColour ? `\u001b[2m${text}\u001b[22m` : text),
  bold: (text: string) => (useColour ? `\u001b[1m${text}\u001b[22m` : text),
};

/**
 * Text from outside (an event's detail-type, source or ids, a reason, a company name) made safe for
 * one terminal line: control characters (carriage returns, newlines, escape sequences) and
 * bidirectional overrides are shown as escapes, so a publisher cannot forge or erase lines.
 */
export function printable(text: string): string {
  let safe = "";
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    const unsafe =
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      (code >= 0x202a && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069);
    safe += unsafe ? `\\u${code.toString(16).padStart(4, "0")}` : character;
  }
  return safe;
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Left-aligned text table with a header row. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map((cell) => printable(String(cell))))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? "").length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [
    line(cells[0] ?? []),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...cells.slice(1).map(line),
  ].join("\n");
}

/** A one-line progress bar with counts and ETA, redrawn in place on a TTY, printed every 10 % otherwise. */
export class ProgressBar {
  private readonly started = Date.now();
  private lastPrintedDecile = -1;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, detail: string): void {
    const fraction = this.total === 0 ? 1 : done / this.total;
    const elapsed = Date.now() - this.started;
    const eta =
      done > 0 && done < this.total ? ` ETA ${formatMs((elapsed / done) * (this.total - done))}` : "";
    const width = 30;
    const filled = Math.round(fraction * width);
    const text = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${this.total} ${detail}${eta}`;
    if (this.stream.isTTY) {
      this.stream.write(`\r${text}\u001b[K`);
      if (done >= this.total) this.stream.write("\n");
      return;
    }
    const decile = Math.floor(fraction * 10);
    if (decile !== this.lastPrintedDecile) {
      this.lastPrintedDecile = decile;
      this.stream.write(`${text}\n`);
    }
  }
}
