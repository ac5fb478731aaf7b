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
  /** The document's URI (where a deferred action finds it again). */
  uri?: string;
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

/**
 * What a deferred action carries instead of its edit: where to find the fix again. A fix's edits hold the value it
 * moves to .env; a client that resolves edits lazily gets them only for the action the user picks.
 */
interface DeferredEdit {
  uri: string;
  /** The diagnostic's finding id and the fix's title, or "fixAll". */
  fix: { id: string; title: string } | "fixAll";
}

function deferred(action: CodeAction, document: CodeActionDocument, fix: DeferredEdit["fix"]): CodeAction {
  if (!document.support.resolvesEdits || !document.uri) return action;
  const { edit: _dropped, ...rest } = action;
  return { ...rest, data: { uri: document.uri, fix } satisfies DeferredEdit };
}

function isDeferred(data: unknown): data is DeferredEdit {
  const candidate = data as DeferredEdit | undefined;
  const fix = candidate?.fix;
  return typeof candidate?.uri === "string" && (fix === "fixAll" || (typeof fix?.id === "string" && typeof fix.title === "string"));
}

/** The document a deferred action belongs to, when it is one of ours. */
export function resolvedDocumentUri(action: CodeAction): string | undefined {
  return isDeferred(action.data) ? action.data.uri : undefined;
}

/** The deferred action with its edit, computed now from the latest analysis; unchanged when the fix is gone. */
export function resolveCodeAction(action: CodeAction, document: CodeActionDocument): CodeAction {
  if (!isDeferred(action.data)) return action;
  const { fix } = action.data;
  const edits =
    fix === "fixAll"
      ? mergedSafeFixes(document.currentFindings() ?? [])
      : document.finding(fix.id)?.fixes?.find((candidate) => candidate.title === fix.title)?.edits;
  const edit = edits && toWorkspaceEdit(edits, document.target, document.support);
  return edit ? { ...action, edit } : action;
}

function fixActions(diagnostic: Diagnostic, document: CodeActionDocument): CodeAction[] {
  const id = (diagnostic.data as { id?: unknown } | undefined)?.id;
  return fixesOf(diagnostic, document).flatMap((fix) => {
    const found = quickFix(fix.title, diagnostic, fix.edits, document);
    const action = found && typeof id === "string" ? deferred(found, document, { id, title: fix.title }) : found;
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

/** The [line, rule] of each django-ready diagnostic a "Disable <rule> for this line" action may be offered for. */
export function suppressionCandidates(params: CodeActionParams): Array<[number, string]> {
  if (!wants(params, CodeActionKind.QuickFix)) return [];
  return params.context.diagnostics.flatMap((diagnostic): Array<[number, string]> =>
    diagnostic.source === diagnosticSource && typeof diagnostic.code === "string" ? [[diagnostic.range.start.line, diagnostic.code]] : [],
  );
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
  if (wantsSource) actions.push(deferred({ title: fixAllTitle, kind: fixAllKind, edit }, document, "fixAll"));
  if (wantsQuickFix && fixableCount(findings) >= 2) actions.push(deferred({ title: fixAllTitle, kind: CodeActionKind.QuickFix, edit }, document, "fixAll"));
  return actions;
}

export function codeActions(params: CodeActionParams, document: CodeActionDocument): CodeAction[] {
  const perDiagnostic = wants(params, CodeActionKind.QuickFix)
    ? params.context.diagnostics.flatMap((diagnostic) => actionsForDiagnostic(diagnostic, document))
    : [];
  return [...perDiagnostic, ...fixAllActions(params, document, perDiagnostic.length > 0)];
}
