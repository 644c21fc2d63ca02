/**
 * An async read shared by every page and live stream for `maxAgeMs`: ten open tabs polling the
 * ledger cost one read a second, not ten. A failed read is not kept.
 */
export class Snapshot<T> {
  private current: { at: number; value: Promise<T> } | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    const at = this.now();
    if (this.current && at - this.current.at < this.maxAgeMs) return this.current.value;
    const value = this.load();
    const entry = { at, value };
    this.current = entry;
    value.catch(() => {
      if (this.current === entry) this.current = undefined;
    });
    return value;
  }
}
