// How an env file's key is named to the user. python-dotenv reads a line without `=` as a key with no
// value — and such a line is most often a pasted secret (a token, a private key line). It is never shown.
import type { DotenvEntry } from "./parse";

/** Whether the entry is a line without `=` (python-dotenv's bare key). */
export function isBareLine(entry: DotenvEntry): boolean {
  return entry.value === undefined;
}

/** The key, or for a line without `=` a description that does not repeat the line. */
export function shownKey(entry: DotenvEntry): string {
  return isBareLine(entry) ? `The line without "=" on line ${entry.keyRange.start.line + 1} (not shown: it may be a secret)` : entry.key;
}
