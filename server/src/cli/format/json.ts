// The machine format of DESIGN.md: exactly these keys, 1-based positions, paths relative to root.
import type { Finding, RuleId, Severity } from "../../analysis/types";
import { isFixable } from "../findings";
import { oneBased, type CheckOutput } from "./model";

export interface JsonFinding {
  rule: RuleId;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  fixable: boolean;
}

export interface JsonOutput {
  version: 1;
  root: string;
  findings: JsonFinding[];
}

function toJsonFinding(f: Finding): JsonFinding {
  const start = oneBased(f.range.start);
  const end = oneBased(f.range.end);
  return {
    rule: f.rule,
    severity: f.severity,
    file: f.file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    message: f.message,
    fixable: isFixable(f),
  };
}

export function toJsonOutput(output: CheckOutput): JsonOutput {
  return { version: 1, root: output.root, findings: output.findings.map(toJsonFinding) };
}

export function formatJson(output: CheckOutput): string {
  return JSON.stringify(toJsonOutput(output), null, 2) + "\n";
}
