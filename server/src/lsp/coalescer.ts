// Coalesces bursts of work requests per key: the first request starts a timer, requests arriving before it
// fires ride along, and the work runs once per key. Not a trailing debounce: typing never starves it.
// A delay of 0 waits for the current turn of the event loop only (`setImmediate`): what arrived with the same
// message rides along, and a keystroke costs no timer's millisecond or two.
export class Coalescer<K> {
  private readonly pending = new Set<K>();
  private cancelTimer: (() => void) | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly run: (key: K) => void,
  ) {}

  schedule(key: K): void {
    this.pending.add(key);
    this.cancelTimer ??= this.startTimer();
  }

  /** Run everything pending now. */
  flush(): void {
    this.stopTimer();
    const keys = [...this.pending];
    this.pending.clear();
    for (const key of keys) this.run(key);
  }

  dispose(): void {
    this.stopTimer();
    this.pending.clear();
  }

  private startTimer(): () => void {
    if (this.delayMs <= 0) {
      const immediate = setImmediate(() => this.flush());
      return () => clearImmediate(immediate);
    }
    const timer = setTimeout(() => this.flush(), this.delayMs);
    return () => clearTimeout(timer);
  }

  private stopTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }
}
