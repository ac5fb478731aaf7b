// Text reading for callers that hold bytes or a path outside any workspace root; both go through the guarded reader's rules.
import { basename, dirname } from "node:path";
import { decodeText, DEFAULT_MAX_FILE_BYTES, MISSING_FILE_REASON, formatMegabytes, readGuarded } from "./guarded-read";

export { DEFAULT_MAX_FILE_BYTES, formatMegabytes, MISSING_FILE_REASON };

export type TextReadResult = { text: string } | { reason: string };

/** Bytes (a git blob, say) as exact UTF-8 text, or why not. */
export const decode: (bytes: Uint8Array) => TextReadResult = decodeText;

/** A file named by absolute path, read with the guards of its own folder (regular file, bounded, not blocking). */
export function readTextFile(absPath: string, maxBytes = DEFAULT_MAX_FILE_BYTES): TextReadResult {
  const read = readGuarded(dirname(absPath), basename(absPath), { maxBytes });
  return "text" in read ? { text: read.text } : { reason: read.reason };
}
