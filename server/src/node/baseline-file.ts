// The one place the baseline file is read and written on disk (CLI and language server), so moving to the
// guarded reader and writer is a change here only.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { DEFAULT_MAX_FILE_BYTES, readTextFile, type TextReadResult } from "./read-text";

export function readBaselineText(absPath: string): TextReadResult {
  return readTextFile(absPath, DEFAULT_MAX_FILE_BYTES);
}

/** Throws the file system's error. */
export function writeBaselineText(absPath: string, text: string): void {
  mkdirSync(dirname(absPath), { recursive: true });
  writeFileSync(absPath, text);
}
