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

export function toDiagnostic(finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toLspRange(finding.range),
    severity: severities[finding.severity],
    source: diagnosticSource,
    code: finding.rule,
    codeDescription: { href: helpUri(finding.rule) },
    message: finding.message,
    data: { fixes: finding.fixes ?? [] },
  };
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** Diagnostics by root-relative file, in the order the core reported them. */
export function diagnosticsByFile(findings: readonly Finding[]): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(toDiagnostic(finding));
    else byFile.set(finding.file, [toDiagnostic(finding)]);
  }
  return byFile;
}
