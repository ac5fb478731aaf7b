// What every output format renders: one root and the findings (files relative to it, sorted).
import type { Finding, Position } from "../../analysis/types";

export interface CheckOutput {
  /** Absolute folder the findings' paths are relative to. */
  root: string;
  findings: readonly Finding[];
  /** Files that could not be analysed, relative to root, with the reason. */
  skipped: readonly { file: string; reason: string }[];
  version: string;
}

/** Users and SARIF count from 1; columns are UTF-16 code units, as editors count them. */
export function oneBased(position: Position): { line: number; column: number } {
  return { line: position.line + 1, column: position.column + 1 };
}
