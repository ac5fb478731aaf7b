// The human format: `path:line:col: severity DJPnnn message` per finding, then a summary line.
import type { Finding, Severity } from "../../analysis/types";
import { escapeControls } from "../../analysis/report/escapeControls";
import { oneBased, type CheckOutput } from "./model";

export interface TextOptions {
  color: boolean;
  /** How a root-relative path is shown (the CLI shows it relative to the working folder). */
  displayPath: (file: string) => string;
  /** The last line, when not the severity count of `check` (`history` says what it read). */
  summary?: string;
}

const RESET = "\u001b[0m";
const BOLD = "\u001b[1m";
const DIM = "\u001b[2m";
const severityColor: Record<Severity, string> = {
  error: "\u001b[31m",
  warning: "\u001b[33m",
  information: "\u001b[34m",
  hint: DIM,
};

function paint(text: string, style: string, color: boolean): string {
  return color ? `${style}${text}${RESET}` : text;
}

function findingLine(f: Finding, options: TextOptions): string {
  const { line, column } = oneBased(f.range.start);
  // A file name or message holding ESC or a line break must not recolour the terminal or forge a CI log line.
  const where = paint(`${escapeControls(options.displayPath(f.file))}:${line}:${column}:`, BOLD, options.color);
  const severity = paint(f.severity, severityColor[f.severity], options.color);
  return `${where} ${severity} ${paint(f.rule, DIM, options.color)} ${escapeControls(f.message)}`;
}

function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "3 errors, 2 warnings, 1 information in 2 files", or "No problems found". */
export function summaryLine(findings: readonly Finding[]): string {
  if (findings.length === 0) return "No problems found";
  const bySeverity = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  const parts = [
    count(bySeverity("error"), "error", "errors"),
    count(bySeverity("warning"), "warning", "warnings"),
    count(bySeverity("information"), "information", "information"),
    count(bySeverity("hint"), "hint", "hints"),
  ].filter((p) => !p.startsWith("0 "));
  const files = new Set(findings.map((f) => f.file)).size;
  return `${parts.join(", ")} in ${count(files, "file", "files")}`;
}

export function formatText(output: CheckOutput, options: TextOptions): string {
  const lines = output.findings.map((f) => findingLine(f, options));
  if (lines.length > 0) lines.push("");
  lines.push(options.summary ?? summaryLine(output.findings));
  return lines.join("\n") + "\n";
}
