// "Disable <ID> for this line" (RULES.md "Suppression"): a trailing `# noqa: ID` on a Python statement's
// first line, or a `# django-ready: ignore ID` line above an env-file line. An existing list is extended.
import { isEnvFileName } from "../analysis/project/envFileNames";
import type { PythonModule } from "../analysis/python/module";
import type { TextEdit } from "../analysis/types";

const NOQA_CODES = /#\s*noqa\s*:\s*[A-Za-z0-9]+(?:[\s,]+[A-Za-z0-9]+)*/i;
const ENV_IGNORE = /^(\s*#\s*django-ready:\s*ignore\b)(\s*[A-Za-z0-9,\s]*?)\s*$/i;

function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function insertAt(line: number, column: number, newText: string): TextEdit {
  return { range: { start: { line, column }, end: { line, column } }, newText };
}

function listsCode(list: string, rule: string): boolean {
  return list.toUpperCase().split(/[\s,:]+/).includes(rule);
}

/** The line a statement's suppression goes on: the first line of the module-level statement holding `line`. */
function anchorLine(module: PythonModule, line: number): number {
  return module.statementSpans.find(([start, end]) => start <= line && line <= end)?.[0] ?? line;
}

/** A trailing comment would land inside a multi-line string or after a line continuation. */
function cannotTakeComment(module: PythonModule, line: number, lineText: string): boolean {
  if (lineText.trimEnd().endsWith("\\")) return true;
  return module.strings.some((s) => s.range.start.line <= line && line < s.range.end.line);
}

function pythonSuppression(module: PythonModule, lines: readonly string[], findingLine: number, rule: string): TextEdit | undefined {
  const line = anchorLine(module, findingLine);
  const lineText = lines[line];
  if (lineText === undefined) return undefined;
  const existing = module.suppressions.find((s) => s.line === line);
  if (existing) {
    // A bare `# noqa` already silences every rule on the line.
    if (existing.codes === undefined || existing.codes.includes(rule)) return undefined;
    const comment = lineText.slice(existing.range.start.column);
    const codes = NOQA_CODES.exec(comment);
    if (!codes) return undefined;
    return insertAt(line, existing.range.start.column + codes.index + codes[0].length, `, ${rule}`);
  }
  if (cannotTakeComment(module, line, lineText)) return undefined;
  const contentEnd = lineText.trimEnd().length;
  return {
    range: { start: { line, column: contentEnd }, end: { line, column: lineText.length } },
    newText: `  # noqa: ${rule}`,
  };
}

function envSuppression(text: string, lines: readonly string[], line: number, rule: string): TextEdit | undefined {
  const above = line > 0 ? ENV_IGNORE.exec(lines[line - 1] ?? "") : null;
  if (above) {
    const [, head, list] = above;
    if (list!.trim() === "" || listsCode(list!, rule)) return undefined;
    return insertAt(line - 1, head!.length + list!.length, `, ${rule}`);
  }
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  return insertAt(line, 0, `# django-ready: ignore ${rule}${eol}`);
}

/**
 * The edit that silences `rule` on `findingLine` of `file`, or undefined where no line comment can
 * (other file kinds, a Python line that cannot take a trailing comment, a rule already listed).
 */
export function lineSuppressionEdit(
  file: string,
  text: string,
  findingLine: number,
  rule: string,
  pythonModule: () => PythonModule | undefined,
): TextEdit | undefined {
  const lines = linesOf(text);
  if (isEnvFileName(file)) return envSuppression(text, lines, findingLine, rule);
  if (!file.endsWith(".py")) return undefined;
  const module = pythonModule();
  return module ? pythonSuppression(module, lines, findingLine, rule) : undefined;
}
