// Array helpers the whole core shares.

/** `target.push(...items)` without the spread: a spread passes every item as an argument and overflows the stack past ~100,000. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
