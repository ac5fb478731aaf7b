// Reads a file as exact UTF-8 text (BOM kept, so ranges match the editor), or says why it cannot.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The reason for a path that does not exist: not a skipped file, just an absent one. */
export const MISSING_FILE_REASON = "no such file";

export type TextReadResult = { text: string } | { reason: string };

const BINARY_SNIFF_BYTES = 8 * 1024;
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** "5 MB" for a limit, "50.0 MB" for a measured size (binary megabytes, as file managers show). */
export function formatMegabytes(bytes: number, decimals: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(decimals)} MB`;
}

function describeError(error: unknown): string {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOENT":
      return MISSING_FILE_REASON;
    case "EISDIR":
      return "is a directory";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function readAll(fd: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let filled = 0;
  while (filled < size) {
    const n = readSync(fd, bytes, filled, size - filled, null);
    if (n === 0) break;
    filled += n;
  }
  return bytes.subarray(0, filled);
}

/** Exact UTF-8 text of bytes, or why they are not text (binary, not UTF-8): also for file versions read from git. */
export function decode(bytes: Uint8Array): TextReadResult {
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { reason: "binary file" };
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return { reason: "not valid UTF-8" };
  }
}

/** The size is checked before reading, so a huge file costs one stat. */
export function readTextFile(absPath: string, maxBytes: number): TextReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(absPath, "r");
    const { size } = fstatSync(fd);
    if (size > maxBytes) {
      const limitDecimals = maxBytes % (1024 * 1024) === 0 ? 0 : 1;
      return { reason: `larger than ${formatMegabytes(maxBytes, limitDecimals)} (${formatMegabytes(size, 1)})` };
    }
    return decode(readAll(fd, size));
  } catch (error) {
    return { reason: describeError(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
