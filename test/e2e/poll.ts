// Waits for a condition by polling it: the only synchronisation the end-to-end tests use (no fixed sleeps).
import { setTimeout as delay } from "node:timers/promises";

export interface PollOptions {
  /** What is awaited, for the timeout message. */
  what: string;
  timeoutMs?: number;
  intervalMs?: number;
}

/** Calls `probe` until it returns something other than undefined; throws after the timeout with the last error. */
export async function poll<T>(probe: () => Promise<T | undefined> | T | undefined, options: PollOptions): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new Error(`timed out waiting for ${options.what}${cause}`);
    }
    await delay(options.intervalMs ?? 100);
  }
}
