// The editor features beyond diagnostics: code actions and their command, env-link hover, definition,
// completion and references. Each handler locates the document's root and delegates.
import { isRuntimeEnvFile } from "../analysis/project/envFileNames";
import { MISSING_FILE_REASON } from "../node/guarded-read";
import { whyNotWritable } from "../node/guarded-write";
import {
  type Connection,
  type InitializeParams,
  type ServerCapabilities,
  type TextDocumentPositionParams,
  type TextDocuments,
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { PythonModule } from "../analysis/python/module";
import { parsedModule } from "../analysis/engine";
import { type CodeActionDocument, codeActionKinds, codeActions, resolveCodeAction, resolvedDocumentUri } from "./codeActions";
import { showDocumentation, showDocumentationCommand } from "./documentation";
import { envCompletion, envDefinition, envHover, envKeyReferences, type RootPosition } from "./envLinks";
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

export function registerFeatures(connection: Connection, deps: FeatureDependencies): void {
  function locate(uri: string): LocatedDocument | undefined {
    const located = deps.roots.locate(uri);
    const text = located && (deps.documents.get(uri)?.getText() ?? located.root.access.read(located.path));
    return located && text !== undefined ? { ...located, text } : undefined;
  }

  function at(params: TextDocumentPositionParams): (RootPosition & { text: string }) | undefined {
    const located = locate(params.textDocument.uri);
    return located && { ...located, position: params.position };
  }

  function target(root: AnalysisRoot, file: string): EditTarget {
    const uri = root.uriOf(file);
    const version = deps.snapshots.analysedVersion(uri) ?? deps.documents.get(uri)?.version ?? null;
    const exists = root.open.has(file) || root.access.read(file) !== undefined;
    return { uri, version, exists, refused: whyNotEditable(root, file) };
  }

  function codeActionDocument(uri: string, { root, path, text }: LocatedDocument): CodeActionDocument {
    let module: PythonModule | undefined;
    const pythonModule = () => (module ??= parsedModule(path, text));
    return {
      path,
      uri,
      target: (file) => target(root, file),
      suppressionEdit: (line, rule) => lineSuppressionEdit(path, text, line, rule, pythonModule),
      currentFindings: () => {
        const analysed = deps.snapshots.analysedVersion(uri);
        return analysed !== undefined && analysed === deps.documents.get(uri)?.version ? deps.snapshots.findings(uri) : undefined;
      },
      finding: (id) => deps.snapshots.finding(uri, id),
      support: deps.editSupport(),
    };
  }

  connection.onCodeAction((params) => {
    const located = locate(params.textDocument.uri);
    return located ? codeActions(params, codeActionDocument(params.textDocument.uri, located)) : null;
  });
  connection.onCodeActionResolve((action) => {
    const uri = resolvedDocumentUri(action);
    const located = uri === undefined ? undefined : locate(uri);
    return uri && located ? resolveCodeAction(action, codeActionDocument(uri, located)) : action;
  });
  connection.onExecuteCommand((params) => {
    if (params.command === showDocumentationCommand) return showDocumentation(connection, params.arguments);
    throw new Error(`unknown command ${params.command}`);
  });
  connection.onHover((params) => {
    const position = at(params);
    return position ? envHover(position) : null;
  });
  connection.onDefinition((params) => {
    const position = at(params);
    return position ? envDefinition(position) : null;
  });
  connection.onCompletion((params) => {
    const position = at(params);
    return position ? envCompletion(position, position.text) : null;
  });
  connection.onReferences((params) => {
    const position = at(params);
    return position ? envKeyReferences(position, position.text, params.context.includeDeclaration) : null;
  });
}
