// Suppression comments (RULES.md "Suppression"): `# noqa[: IDS]` at a line's end, `# django-ready: ignore IDS`
// above an env-file line, `# django-ready: disable=IDS` anywhere for the whole file.
import { appendAll } from "./arrays";
import type { FileAccess, Finding, Range } from "./types";
import type { PythonModule } from "./python/module";
import { isEnvFileName } from "./project/envFileNames";

/** Silences findings on one line (`codes` undefined: every rule). */
export interface LineSuppression {
  line: number;
  codes: string[] | undefined;
  range: Range;
}

export interface FileDisable {
  codes: string[];
  range: Range;
}

export type ParsedSuppression = { kind: "line"; suppression: LineSuppression } | { kind: "file"; disable: FileDisable };

const NOQA = /#\s*noqa\b(?:\s*:\s*([A-Za-z0-9]+(?:[\s,]+[A-Za-z0-9]+)*))?/i;
const IGNORE_NEXT = /^#\s*django-ready:\s*ignore\b\s*([A-Za-z0-9,\s]*)$/i;
const DISABLE = /#\s*django-ready:\s*disable\s*=\s*([A-Za-z0-9,\s]+)/i;

function codeList(text: string | undefined): string[] | undefined {
  const codes = (text ?? "").split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase());
  return codes.length ? codes : undefined;
}

/** Interpret a Python comment (its text starts with `#`). */
export function parseSuppressionComment(text: string, range: Range): ParsedSuppression | undefined {
  const disable = DISABLE.exec(text);
  if (disable) return { kind: "file", disable: { codes: codeList(disable[1]) ?? [], range } };
  const noqa = NOQA.exec(text);
  if (noqa) return { kind: "line", suppression: { line: range.start.line, codes: codeList(noqa[1]), range } };
  return undefined;
}

/** Interpret an env-file comment: `# django-ready: ignore DJP604` silences the next line. */
export function parseEnvSuppressionComment(text: string, range: Range): ParsedSuppression | undefined {
  const disable = DISABLE.exec(text);
  if (disable) return { kind: "file", disable: { codes: codeList(disable[1]) ?? [], range } };
  const ignore = IGNORE_NEXT.exec(text.trim());
  if (ignore) return { kind: "line", suppression: { line: range.start.line + 1, codes: codeList(ignore[1]), range } };
  return undefined;
}

export interface FileSuppressions {
  lines: LineSuppression[];
  disables: FileDisable[];
  /** Maps a finding's line to the line its suppression comment must be on (a multi-line statement's first line). */
  anchorLine?(line: number): number;
  /** A finding only a `noqa` naming its rule silences (a missing setting reported at line 1). */
  needsNamedCode?(finding: Finding): boolean;
}

function silences(codes: string[] | undefined, rule: string, named = false): boolean {
  return named ? !!codes?.includes(rule) : codes === undefined || codes.includes(rule);
}

/** Rules whose line-1 findings say something is missing from the module (RULES.md "Suppression"). */
const ABSENCE_RULES = new Set(["DJP001", "DJP201", "DJP401"]);
const DEPLOY_CHECK = /^DJP3(1\d|2[0-2])$/;

/**
 * `from .base import *  # noqa` on line 1 quiets flake8's F403, not the production module's missing LOGGING: a
 * finding at line 1 about a missing setting needs a `noqa` that names its rule. A deploy check at line 1 is about a
 * missing setting unless line 1 itself assigns one.
 */
function absenceAtLineOne(module: PythonModule): (finding: Finding) => boolean {
  return (finding) => {
    if (finding.range.start.line !== 0) return false;
    if (ABSENCE_RULES.has(finding.rule)) return true;
    return DEPLOY_CHECK.test(finding.rule) && !module.statements.some((s) => s.range.start.line === 0 && (s.kind === "assign" || s.kind === "augassign" || s.kind === "mutate"));
  };
}

/** Split findings of one file into kept and suppressed, and report which suppressions silenced something. */
export function applySuppressions(findings: Finding[], suppressions: FileSuppressions): { kept: Finding[]; used: Set<LineSuppression | FileDisable> } {
  const used = new Set<LineSuppression | FileDisable>();
  const kept: Finding[] = [];
  for (const finding of findings) {
    const disable = suppressions.disables.find((d) => d.codes.includes(finding.rule));
    const line = suppressions.anchorLine ? suppressions.anchorLine(finding.range.start.line) : finding.range.start.line;
    // DJP004 sits on a template's line 1, whose comments belong to the template, not to django-ready.
    const named = finding.rule === "DJP004" || (suppressions.needsNamedCode?.(finding) ?? false);
    const lineSuppression = suppressions.lines.find(
      (s) => (s.line === line || s.line === finding.range.start.line) && silences(s.codes, finding.rule, named),
    );
    const by = disable ?? lineSuppression;
    if (by) used.add(by);
    else kept.push(finding);
  }
  return { kept, used };
}

/** Suppressions written in a non-Python file: env files take `ignore` comments on whole lines, others a trailing `# noqa`. */
function scanTextSuppressions(file: string, text: string): FileSuppressions {
  const env = isEnvFileName(file);
  const lines: LineSuppression[] = [];
  const disables: FileDisable[] = [];
  text.split(/\r\n|\r|\n/).forEach((lineText, line) => {
    const hash = env ? (lineText.trimStart().startsWith("#") ? lineText.indexOf("#") : -1) : lineText.search(/#\s*(noqa|django-ready)/i);
    if (hash < 0) return;
    const range = { start: { line, column: hash }, end: { line, column: lineText.length } };
    const parsed = env ? parseEnvSuppressionComment(lineText.slice(hash), range) : parseSuppressionComment(lineText.slice(hash), range);
    if (parsed?.kind === "line") lines.push(parsed.suppression);
    else if (parsed?.kind === "file") disables.push(parsed.disable);
  });
  return { lines, disables };
}

function pythonSuppressions(module: PythonModule): FileSuppressions {
  const spans = module.statementSpans;
  return {
    lines: module.suppressions,
    disables: module.disables,
    anchorLine: (line) => spans.find(([start, end]) => start <= line && line <= end)?.[0] ?? line,
    needsNamedCode: absenceAtLineOne(module),
  };
}

const zero = { line: 0, column: 0 };

/** Findings for suppressions that name DJP rules but silence nothing (DJP002, a faded hint). */
function unusedSuppressions(file: string, suppressions: FileSuppressions, used: Set<LineSuppression | FileDisable>): Finding[] {
  const all: Array<LineSuppression | FileDisable> = [...suppressions.lines, ...suppressions.disables];
  return all
    .filter((s) => !used.has(s) && (s.codes ?? []).some((code) => code.startsWith("DJP")))
    .map((s) => ({
      rule: "DJP002",
      severity: "hint",
      file,
      range: s.range ?? { start: zero, end: zero },
      message: `This suppression silences nothing: no ${(s.codes ?? []).join(", ")} finding is reported here.`,
      unnecessary: true,
    }));
}

/** Drop suppressed findings and add DJP002 hints, file by file. */
export function suppress(findings: Finding[], access: FileAccess, moduleFor: (file: string) => PythonModule | undefined): Finding[] {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  const files = new Set([...byFile.keys(), ...access.files().filter((f) => f.endsWith(".py") && moduleFor(f))]);
  const out: Finding[] = [];
  for (const file of files) {
    const module = moduleFor(file);
    const text = module ? undefined : access.read(file);
    const suppressions = module ? pythonSuppressions(module) : text !== undefined ? scanTextSuppressions(file, text) : { lines: [], disables: [] };
    const { kept, used } = applySuppressions(byFile.get(file) ?? [], suppressions);
    appendAll(out, kept);
    if (module || byFile.has(file)) appendAll(out, unusedSuppressions(file, suppressions, used));
  }
  return out;
}
