// Coalesces bursts of work requests per key: the first request starts a short timer, requests arriving
// before it fires ride along, and the work runs once per key. Not a trailing debounce: typing never starves it.
export class Coalescer<K> {
  private readonly pending = new Set<K>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly run: (key: K) => void,
  ) {}

  schedule(key: K): void {
    this.pending.add(key);
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  /** Run everything pending now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const keys = [...this.pending];
    this.pending.clear();
    for (const key of keys) this.run(key);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
