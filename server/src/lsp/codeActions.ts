// Code actions from what the diagnostics already carry (no re-analysis): each fix, a line suppression,
// the rule's documentation, and fix-all (also as `source.fixAll.django-ready` for fix-on-save).
import { type CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic } from "vscode-languageserver/node";
import type { FileEdit, Finding, Fix, TextEdit } from "../analysis/types";
import { chooseFixes } from "../analysis/fixes/choose";
import { diagnosticSource } from "./diagnostics";
import { showDocumentationCommand } from "./documentation";
import type { EditSupport, EditTarget } from "./workspaceEdits";
import { toWorkspaceEdit } from "./workspaceEdits";

export const fixAllKind = `${CodeActionKind.SourceFixAll}.django-ready`;
export const codeActionKinds = [CodeActionKind.QuickFix, fixAllKind];

/** What the code actions of one document need from the server. */
export interface CodeActionDocument {
  /** The document's root-relative path. */
  path: string;
  /** Where a root-relative file of the document's root lives, for the edits' URIs and versions. */
  target(file: string): EditTarget;
  /** The edit silencing `rule` on `line` of this document, when a line comment can. */
  suppressionEdit(line: number, rule: string): TextEdit | undefined;
  /** The findings the latest published diagnostics came from, if they were computed on the current text. */
  currentFindings(): readonly Finding[] | undefined;
  /** The finding of the latest analysis a diagnostic's data id names. */
  finding(id: string): Finding | undefined;
  support: EditSupport;
}

/**
 * The fixes of the finding a django-ready diagnostic names by its data id, computed by the server (the diagnostic
 * carries no edits: they would put the secret a fix moves into the client's logs). A stale or forged id finds nothing.
 */
function fixesOf(diagnostic: Diagnostic, document: CodeActionDocument): Fix[] {
  const id = (diagnostic.data as { id?: unknown } | undefined)?.id;
  if (typeof id !== "string") return [];
  const finding = document.finding(id);
  return finding && finding.rule === diagnostic.code ? (finding.fixes ?? []) : [];
}

function wants(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

/** Undefined when an edit's file may not be edited (outside the root, a symlink, not valid UTF-8, a tracked .env). */
function quickFix(title: string, diagnostic: Diagnostic, edits: readonly FileEdit[], document: CodeActionDocument): CodeAction | undefined {
  const edit = toWorkspaceEdit(edits, document.target, document.support);
  return edit && { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
}

function fixActions(diagnostic: Diagnostic, document: CodeActionDocument): CodeAction[] {
  return fixesOf(diagnostic, document).flatMap((fix) => {
    const action = quickFix(fix.title, diagnostic, fix.edits, document);
    if (action && fix.preferred) action.isPreferred = true;
    return action ? [action] : [];
  });
}

function suppressionAction(rule: string, diagnostic: Diagnostic, document: CodeActionDocument): CodeAction[] {
  const edit = document.suppressionEdit(diagnostic.range.start.line, rule);
  const action = edit && quickFix(`Disable ${rule} for this line`, diagnostic, [{ file: document.path, edits: [edit] }], document);
  return action ? [action] : [];
}

function documentationAction(rule: string, diagnostic: Diagnostic): CodeAction {
  const title = `Show documentation for ${rule}`;
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title, command: showDocumentationCommand, arguments: [rule] },
  };
}

function actionsForDiagnostic(diagnostic: Diagnostic, document: CodeActionDocument): CodeAction[] {
  const rule = typeof diagnostic.code === "string" ? diagnostic.code : undefined;
  if (diagnostic.source !== diagnosticSource || !rule) return [];
  return [...fixActions(diagnostic, document), ...suppressionAction(rule, diagnostic, document), documentationAction(rule, diagnostic)];
}

const fixAllTitle = "Fix all auto-fixable problems";

/** Each finding's first safe fix, skipping those that touch text an earlier one edits; undefined when nothing is fixable. */
function mergedSafeFixes(findings: readonly Finding[]): FileEdit[] | undefined {
  const chosen = chooseFixes(findings);
  return chosen.length ? chosen.flatMap(({ fix }) => fix.edits) : undefined;
}

function fixableCount(findings: readonly Finding[]): number {
  return findings.filter((finding) => finding.fixes?.some((fix) => fix.safe)).length;
}

/** Fix-all as a source action, and beside the quick fixes of a django-ready diagnostic when several findings are fixable. */
function fixAllActions(params: CodeActionParams, document: CodeActionDocument, besideDiagnostic: boolean): CodeAction[] {
  // Only on request (on save, "Fix All"): clients that list every action would show fix-all twice.
  const wantsSource = params.context.only !== undefined && wants(params, fixAllKind);
  const wantsQuickFix = besideDiagnostic && wants(params, CodeActionKind.QuickFix);
  if (!wantsSource && !wantsQuickFix) return [];
  // Edits computed on an older text would land in the wrong places: offer nothing until the analysis catches up.
  const findings = document.currentFindings();
  const merged = findings && mergedSafeFixes(findings);
  if (!findings || !merged) return [];
  const edit = toWorkspaceEdit(merged, document.target, document.support);
  if (!edit) return [];
  const actions: CodeAction[] = [];
  if (wantsSource) actions.push({ title: fixAllTitle, kind: fixAllKind, edit });
  if (wantsQuickFix && fixableCount(findings) >= 2) actions.push({ title: fixAllTitle, kind: CodeActionKind.QuickFix, edit });
  return actions;
}

export function codeActions(params: CodeActionParams, document: CodeActionDocument): CodeAction[] {
  const perDiagnostic = wants(params, CodeActionKind.QuickFix)
    ? params.context.diagnostics.flatMap((diagnostic) => actionsForDiagnostic(diagnostic, document))
    : [];
  return [...perDiagnostic, ...fixAllActions(params, document, perDiagnostic.length > 0)];
}
