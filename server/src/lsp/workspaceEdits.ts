// The core's file edits (root-relative paths, plain ranges) → one LSP WorkspaceEdit, shaped for what the client supports.
import {
  type CreateFile,
  type TextDocumentEdit,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import type { FileEdit, TextEdit } from "../analysis/types";

/** What the client said about workspace edits in its capabilities. */
export interface EditSupport {
  documentChanges: boolean;
  /** The client may be sent CreateFile operations (resourceOperations includes "create"). */
  createFiles: boolean;
  /** The client resolves a code action's edit lazily (codeAction resolveSupport lists "edit"). */
  resolvesEdits?: boolean;
}

/** Where a root-relative file lives and what is known about it. */
export interface EditTarget {
  uri: string;
  /** The version the edits were computed against when the file is open in the editor, else null. */
  version: number | null;
  exists: boolean;
  /** Why the file may not be edited (outside the root, a symlink, not valid UTF-8, a tracked .env); undefined when it may. */
  refused?: string;
}

function toLspTextEdit(edit: TextEdit): LspTextEdit {
  return {
    range: {
      start: { line: edit.range.start.line, character: edit.range.start.column },
      end: { line: edit.range.end.line, character: edit.range.end.column },
    },
    newText: edit.newText,
  };
}

/** One entry per file, first-seen order; a file is created when any of its edits asks for it. */
function mergeByFile(fileEdits: readonly FileEdit[]): FileEdit[] {
  const byFile = new Map<string, FileEdit>();
  for (const fe of fileEdits) {
    const entry = byFile.get(fe.file);
    if (entry) {
      entry.edits.push(...fe.edits);
      entry.create ||= fe.create === true;
    } else {
      byFile.set(fe.file, { file: fe.file, create: fe.create === true, edits: [...fe.edits] });
    }
  }
  return [...byFile.values()];
}

/** A root-relative POSIX path that stays inside the root. */
function staysInside(file: string): boolean {
  return file !== "" && !file.startsWith("/") && !/^[A-Za-z]:/.test(file) && !file.split(/[\\/]/).includes("..");
}

/**
 * All edits of one fix (or of a fix-all) as one WorkspaceEdit: one undo in the editor. Undefined when any file
 * may not be edited: a fix is offered whole or not at all.
 */
export function toWorkspaceEdit(
  fileEdits: readonly FileEdit[],
  target: (file: string) => EditTarget,
  support: EditSupport,
): WorkspaceEdit | undefined {
  const merged = mergeByFile(fileEdits);
  if (!merged.every((fe) => staysInside(fe.file))) return undefined;
  const files = merged.map((fe) => ({ fe, target: target(fe.file) }));
  if (files.some(({ target }) => target.refused !== undefined)) return undefined;
  if (!support.documentChanges) {
    return { changes: Object.fromEntries(files.map(({ fe, target }) => [target.uri, fe.edits.map(toLspTextEdit)])) };
  }
  const creations: CreateFile[] = support.createFiles
    ? files
        .filter(({ fe, target }) => fe.create && !target.exists)
        .map(({ target }) => ({ kind: "create", uri: target.uri, options: { ignoreIfExists: true } }))
    : [];
  const textEdits: TextDocumentEdit[] = files.map(({ fe, target }) => ({
    // A file created by this edit has no version yet; a closed file is not checked against one.
    textDocument: { uri: target.uri, version: target.exists ? target.version : null },
    edits: fe.edits.map(toLspTextEdit),
  }));
  return { documentChanges: [...creations, ...textEdits] };
}
