// Findings as the CLI handles them after analysis (the engine already applied configured severities): file filters, order, exit status.
import { join, relative, sep } from "node:path";
import type { FileEdit, Finding, Fix } from "../analysis/types";
import { severityRank } from "../analysis/types";
import type { FailOn } from "./args";

export function keepFiles(findings: readonly Finding[], only: ReadonlySet<string> | undefined): Finding[] {
  return only === undefined ? [...findings] : findings.filter((f) => only.has(f.file));
}

export function isFixable(finding: Finding): boolean {
  return finding.fixes?.some((f) => f.safe) ?? false;
}

/** Whether the exit code is 1: a finding at or above the --fail-on level. */
export function failsOn(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === "never") return false;
  const threshold = severityRank[failOn];
  return findings.some((f) => severityRank[f.severity] >= threshold);
}

/** A root-relative POSIX path re-expressed relative to another folder. */
export function rebasePath(file: string, fromRoot: string, toRoot: string): string {
  if (fromRoot === toRoot) return file;
  return relative(toRoot, join(fromRoot, file)).split(sep).join("/");
}

function rebaseFix(fix: Fix, move: (file: string) => string): Fix {
  return { ...fix, edits: fix.edits.map((e: FileEdit) => ({ ...e, file: move(e.file) })) };
}

/** The same finding with its file and its fixes' files relative to `toRoot`. */
export function rebaseFinding(finding: Finding, fromRoot: string, toRoot: string): Finding {
  if (fromRoot === toRoot) return finding;
  const move = (file: string): string => rebasePath(file, fromRoot, toRoot);
  const fixes = finding.fixes?.map((fix) => rebaseFix(fix, move));
  return { ...finding, file: move(finding.file), ...(fixes ? { fixes } : {}) };
}
