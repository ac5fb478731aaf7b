// The editor features beyond diagnostics: code actions and their command, env-link hover, definition,
// completion and references. Each handler locates the document's root and delegates; whatever needs a parse or
// a project model is answered by the analysis worker (analysisTasks.ts), never computed on this thread.
import { isRuntimeEnvFile } from "../analysis/project/envFileNames";
import { MISSING_FILE_REASON } from "../node/guarded-read";
import { whyNotWritable } from "../node/guarded-write";
import {
  type CancellationToken,
  type CodeActionParams,
  type Connection,
  type InitializeParams,
  LSPErrorCodes,
  ResponseError,
  type ServerCapabilities,
  type TextDocumentPositionParams,
  type TextDocuments,
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { TextEdit } from "../analysis/types";
import type { Task, TaskResult } from "./analysisTasks";
import { AnalysisCancelled, type AnalysisBackend } from "./analysisWorker";
import { abortedWhenCancelled } from "./cancelSignal";
import { type CodeActionDocument, codeActionKinds, codeActions, resolveCodeAction, resolvedDocumentUri, suppressionCandidates } from "./codeActions";
import { showDocumentation, showDocumentationCommand } from "./documentation";
import type { AnalysisRoot, RootSet } from "./roots";
import type { AnalysisSnapshots } from "./snapshots";
import { lineSuppressionEdit } from "./suppressionEdits";
import type { EditSupport, EditTarget } from "./workspaceEdits";

export const featureCapabilities: ServerCapabilities = {
  codeActionProvider: { codeActionKinds, resolveProvider: true },
  executeCommandProvider: { commands: [showDocumentationCommand] },
  hoverProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  completionProvider: { triggerCharacters: ['"', "'"] },
};

export function editSupport(params: InitializeParams): EditSupport {
  const workspaceEdit = params.capabilities.workspace?.workspaceEdit;
  return {
    documentChanges: workspaceEdit?.documentChanges === true,
    createFiles: workspaceEdit?.resourceOperations?.includes("create") === true,
    resolvesEdits: params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes("edit") === true,
  };
}

export interface FeatureDependencies {
  documents: TextDocuments<TextDocument>;
  roots: RootSet;
  snapshots: AnalysisSnapshots;
  /** Known once the client has initialized. */
  editSupport(): EditSupport;
  /** Where hover, definition, completion, references and the suppression edits are computed (off this thread). */
  analysis: AnalysisBackend;
}

interface LocatedDocument {
  root: AnalysisRoot;
  path: string;
  text: string;
}

/**
 * The guarded writer's rules for the editor's edits: no file outside the root or behind a symlink, none the disk
 * holds in a form the reader could not read exactly (not UTF-8, binary, too large), never a .env git tracks.
 */
function whyNotEditable(root: AnalysisRoot, file: string): string | undefined {
  const unwritable = whyNotWritable(root.fsPath, file);
  if (unwritable) return unwritable;
  if (root.disk.read(file) === undefined) {
    const reason = root.disk.unreadableReason(file);
    if (reason !== undefined && reason !== MISSING_FILE_REASON) return reason;
  }
  if (isRuntimeEnvFile(file) && root.disk.gitStatus?.(file) === "tracked") return "git tracks this env file";
  return undefined;
}

/**
 * The task's answer from the analysis worker: the protocol thread never parses (a huge or hostile module would keep
 * it from answering, `shutdown` included). Null when the server shuts down; RequestCancelled when the client cancels.
 */
async function answered<T extends Task>(analysis: AnalysisBackend, root: AnalysisRoot, task: T, token: CancellationToken): Promise<TaskResult<T> | null> {
  const cancelled = abortedWhenCancelled(token);
  try {
    return await analysis.run(root, task, cancelled.signal);
  } catch (error) {
    if (!(error instanceof AnalysisCancelled)) throw error;
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "the request was cancelled");
    return null;
  } finally {
    cancelled.dispose();
  }
}

const lineKey = (line: number, rule: string) => `${line}:${rule}`;

export function registerFeatures(connection: Connection, deps: FeatureDependencies): void {
  function locate(uri: string): LocatedDocument | undefined {
    const located = deps.roots.locate(uri);
    const text = located && (deps.documents.get(uri)?.getText() ?? located.root.access.read(located.path));
    return located && text !== undefined ? { ...located, text } : undefined;
  }

  function target(root: AnalysisRoot, file: string): EditTarget {
    const uri = root.uriOf(file);
    const version = deps.snapshots.analysedVersion(uri) ?? deps.documents.get(uri)?.version ?? null;
    const exists = root.open.has(file) || root.access.read(file) !== undefined;
    return { uri, version, exists, refused: whyNotEditable(root, file) };
  }

  /**
   * A Python module's suppression edits need its parse: computed by the worker for the diagnostics of the request.
   * Env files need none; other files take no line comment.
   */
  async function suppressionEdits(params: CodeActionParams, { root, path, text }: LocatedDocument, token: CancellationToken) {
    const candidates = path.endsWith(".py") ? suppressionCandidates(params) : [];
    const edits = candidates.length ? await answered(deps.analysis, root, { kind: "suppressions", path, text, lines: candidates }, token) : null;
    const byLine = new Map(candidates.map(([line, rule], i) => [lineKey(line, rule), edits?.[i] ?? undefined]));
    return (line: number, rule: string): TextEdit | undefined =>
      path.endsWith(".py") ? byLine.get(lineKey(line, rule)) : lineSuppressionEdit(path, text, line, rule, () => undefined);
  }

  function codeActionDocument(uri: string, { root, path }: LocatedDocument, suppressionEdit: CodeActionDocument["suppressionEdit"]): CodeActionDocument {
    return {
      path,
      uri,
      target: (file) => target(root, file),
      suppressionEdit,
      currentFindings: () => {
        const analysed = deps.snapshots.analysedVersion(uri);
        return analysed !== undefined && analysed === deps.documents.get(uri)?.version ? deps.snapshots.findings(uri) : undefined;
      },
      finding: (id) => deps.snapshots.finding(uri, id),
      support: deps.editSupport(),
    };
  }

  function atPosition<T extends Task>(params: TextDocumentPositionParams, token: CancellationToken, task: (path: string) => T) {
    const located = deps.roots.locate(params.textDocument.uri);
    return located ? answered(deps.analysis, located.root, task(located.path), token) : null;
  }

  connection.onCodeAction(async (params, token) => {
    const located = locate(params.textDocument.uri);
    if (!located) return null;
    const suppressionEdit = await suppressionEdits(params, located, token);
    return codeActions(params, codeActionDocument(params.textDocument.uri, located, suppressionEdit));
  });
  connection.onCodeActionResolve((action) => {
    const uri = resolvedDocumentUri(action);
    const located = uri === undefined ? undefined : locate(uri);
    // Resolving fills in a fix's edit only; it never needs a suppression edit.
    return uri && located ? resolveCodeAction(action, codeActionDocument(uri, located, () => undefined)) : action;
  });
  connection.onExecuteCommand((params) => {
    if (params.command === showDocumentationCommand) return showDocumentation(connection, params.arguments);
    throw new Error(`unknown command ${params.command}`);
  });
  connection.onHover((params, token) => atPosition(params, token, (path) => ({ kind: "hover", path, position: params.position })));
  connection.onDefinition((params, token) => atPosition(params, token, (path) => ({ kind: "definition", path, position: params.position })));
  connection.onCompletion((params, token) => atPosition(params, token, (path) => ({ kind: "completion", path, position: params.position })));
  connection.onReferences((params, token) =>
    atPosition(params, token, (path) => ({ kind: "references", path, position: params.position, includeDeclaration: params.context.includeDeclaration })),
  );
}
