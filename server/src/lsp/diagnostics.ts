// Findings (plain data from the core) → LSP diagnostics, grouped by file.
import { type Diagnostic, DiagnosticSeverity, DiagnosticTag } from "vscode-languageserver/node";
import { helpUri } from "../analysis/rules/meta";
import type { Finding, Range, Severity } from "../analysis/types";

export const diagnosticSource = "django-ready";

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toLspRange(range: Range): Diagnostic["range"] {
  return {
    start: { line: range.start.line, character: range.start.column },
    end: { line: range.end.line, character: range.end.column },
  };
}

/**
 * What a diagnostic's `data` carries: an id naming the finding in the server's latest analysis, never the fixes
 * themselves (a fix's edits hold the secret it moves, and clients log diagnostics). The id is the rule, the range
 * and the how-many-th such finding of the file, so the server finds the finding again when actions are asked for.
 */
export interface DiagnosticData {
  id: string;
}

/** Each finding of one file with its id, in the given order. */
export function withIds(findings: readonly Finding[]): Array<{ id: string; finding: Finding }> {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const { start, end } = finding.range;
    const base = `${finding.rule}@${start.line}:${start.column}-${end.line}:${end.column}`;
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    return { id: `${base}#${occurrence}`, finding };
  });
}

export function toDiagnostic(finding: Finding, id = withIds([finding])[0]!.id): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toLspRange(finding.range),
    severity: severities[finding.severity],
    source: diagnosticSource,
    code: finding.rule,
    codeDescription: { href: helpUri(finding.rule) },
    message: finding.message,
    data: { id } satisfies DiagnosticData,
  };
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** Diagnostics by root-relative file, in the order the core reported them. */
export function diagnosticsByFile(findings: readonly Finding[]): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  return new Map([...byFile].map(([file, list]) => [file, withIds(list).map(({ id, finding }) => toDiagnostic(finding, id))]));
}
