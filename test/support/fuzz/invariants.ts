// What must hold for any input: the core does not throw, ranges lie inside their documents, fixes do not break Python.
import { analyze } from "../../../server/src/analysis/engine";
import { parseDotenv } from "../../../server/src/analysis/dotenv/parse";
import { applyFileEdits } from "../../../server/src/analysis/fixes/apply";
import { buildPythonModule } from "../../../server/src/analysis/python/module";
import { defaultConfig, type Finding, type Fix, type Range } from "../../../server/src/analysis/types";
import { memoryAccess, type FileMap } from "../memory";

let lastText: string | undefined;
let lastLengths: number[] = [];

/** Line lengths as LSP counts lines: \r\n, \n and \r each end one. Remembers the last text: findings come file by file. */
export function lineLengths(text: string): number[] {
  if (text !== lastText) [lastText, lastLengths] = [text, text.split(/\r\n|\r|\n/).map((line) => line.length)];
  return lastLengths;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function rangeProblem(range: Range, text: string): string | undefined {
  const lengths = lineLengths(text);
  const { start, end } = range;
  for (const [label, position] of [["start", start], ["end", end]] as const) {
    if (!Number.isInteger(position.line) || !Number.isInteger(position.column) || position.line < 0 || position.column < 0) {
      return `${label} ${JSON.stringify(position)} is not a position`;
    }
    if (position.line >= lengths.length) return `${label} line ${position.line} ≥ line count ${lengths.length}`;
    if (position.column > lengths[position.line]) {
      return `${label} column ${position.column} > length ${lengths[position.line]} of line ${position.line}`;
    }
  }
  if (start.line > end.line || (start.line === end.line && start.column > end.column)) return "start is after end";
  return undefined;
}

function syntaxErrors(file: string, text: string): number {
  return buildPythonModule(file, text).syntaxErrors;
}

/** Syntax error counts of the unfixed files, computed once per case. */
type ErrorsBefore = (file: string) => number;

function fixProblems(fix: Fix, files: FileMap, errorsBefore: ErrorsBefore): string[] {
  const out: string[] = [];
  for (const fileEdit of fix.edits) {
    const text = files[fileEdit.file];
    if (text === undefined && !fileEdit.create) out.push(`fix "${fix.title}" edits ${fileEdit.file}, which does not exist`);
    for (const edit of fileEdit.edits) {
      const problem = rangeProblem(edit.range, text ?? "");
      if (problem) out.push(`fix "${fix.title}" edit in ${fileEdit.file}: ${problem}`);
    }
  }
  if (out.length > 0) return out;
  let applied: Map<string, string>;
  try {
    applied = applyFileEdits((file) => files[file], fix.edits);
  } catch (error) {
    return [`fix "${fix.title}" cannot be applied: ${describe(error)}`];
  }
  for (const [file, after] of applied) {
    if (!file.endsWith(".py")) continue;
    const before = errorsBefore(file);
    const errorsAfter = syntaxErrors(file, after);
    if (errorsAfter > before) out.push(`fix "${fix.title}" raises ${file}'s syntax errors from ${before} to ${errorsAfter}`);
  }
  return out;
}

function rangeProblems(finding: Finding, files: FileMap): string[] {
  const text = files[finding.file];
  if (text === undefined) {
    const { start, end } = finding.range;
    const zero = start.line === 0 && start.column === 0 && end.line === 0 && end.column === 0;
    return zero ? [] : ["a non-empty range in a file that does not exist"];
  }
  const problem = rangeProblem(finding.range, text);
  return problem ? [problem] : [];
}

function findingProblems(finding: Finding, files: FileMap): string[] {
  const out = rangeProblems(finding, files);
  if (typeof finding.message !== "string" || finding.message.trim() === "") out.push("empty message");
  return out.map((problem) => `${finding.rule} ${finding.file}:${finding.range.start.line + 1}: ${problem}`);
}

/** Each distinct fix once (several findings often offer the same edits), with the first finding that offers it. */
function distinctFixes(findings: readonly Finding[]): Array<{ finding: Finding; fix: Fix }> {
  const seen = new Map<string, { finding: Finding; fix: Fix }>();
  for (const finding of findings) {
    for (const fix of finding.fixes ?? []) {
      const key = JSON.stringify(fix.edits);
      if (!seen.has(key)) seen.set(key, { finding, fix });
    }
  }
  return [...seen.values()];
}

function memoErrorsBefore(files: FileMap): ErrorsBefore {
  const memo = new Map<string, number>();
  return (file) => {
    if (files[file] === undefined) return 0;
    if (!memo.has(file)) memo.set(file, syntaxErrors(file, files[file]));
    return memo.get(file) ?? 0;
  };
}

export interface CaseOutcome {
  /** Every broken invariant; empty when all hold. */
  violations: string[];
  findings: number;
  fixes: number;
}

export type Phase = "parse" | "analyze" | "check findings" | "check a fix";

/** Runs the parsers on the target alone, then the whole analysis, and checks every finding and fix. */
export function checkCase(files: FileMap, target: string, onPhase: (phase: Phase) => void = () => {}): CaseOutcome {
  const text = files[target] ?? "";
  const out: string[] = [];
  let findings = 0;
  let fixes = 0;
  onPhase("parse");
  try {
    if (target.endsWith(".py")) buildPythonModule(target, text);
    else parseDotenv(text);
  } catch (error) {
    out.push(`parsing ${target} threw ${describe(error)}`);
  }
  try {
    onPhase("analyze");
    const result = analyze(memoryAccess(files), defaultConfig());
    for (const problem of result.problems) {
      if (/internal error/i.test(problem.message)) out.push(`analysis problem in ${problem.file}: ${problem.message}`);
    }
    onPhase("check findings");
    findings = result.findings.length;
    for (const finding of result.findings) out.push(...findingProblems(finding, files));
    const errorsBefore = memoErrorsBefore(files);
    for (const { finding, fix } of distinctFixes(result.findings)) {
      onPhase("check a fix");
      fixes++;
      const where = `${finding.rule} ${finding.file}:${finding.range.start.line + 1}`;
      out.push(...fixProblems(fix, files, errorsBefore).map((problem) => `${where}: ${problem}`));
    }
  } catch (error) {
    out.push(`analyze threw ${describe(error)}${error instanceof Error && error.stack ? `\n${error.stack.split("\n").slice(1, 6).join("\n")}` : ""}`);
  }
  return { violations: out, findings, fixes };
}
