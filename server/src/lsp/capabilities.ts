// What the server declares, and what it needs to know about the client it talks to.
import {
  type InitializeParams,
  type ServerCapabilities,
  TextDocumentSyncKind,
} from "vscode-languageserver/node";
import { editSupport, featureCapabilities } from "./features";
import type { InitializationOptions } from "./protocol";
import type { EditSupport } from "./workspaceEdits";
import { fsPathToUri } from "./uris";

export const serverCapabilities: ServerCapabilities = {
  // didSave drives analysis when djangoReady.run is "onSave".
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  ...featureCapabilities,
};

export interface ClientFeatures {
  /** workspace/configuration: settings are pulled per root. */
  pullsConfiguration: boolean;
  registersConfigurationDynamically: boolean;
  /** The server must register its file watchers (the client does not watch on its own). */
  needsFileWatcherRegistration: boolean;
  sendsWorkspaceFolderChanges: boolean;
  /** The client shows work-done progress the server creates (window/workDoneProgress/create). */
  showsProgress: boolean;
  edits: EditSupport;
}

export function clientFeatures(params: InitializeParams): ClientFeatures {
  const workspace = params.capabilities.workspace;
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  return {
    pullsConfiguration: workspace?.configuration === true,
    registersConfigurationDynamically: workspace?.didChangeConfiguration?.dynamicRegistration === true,
    needsFileWatcherRegistration:
      workspace?.didChangeWatchedFiles?.dynamicRegistration === true && options.clientWatchesFiles !== true,
    sendsWorkspaceFolderChanges: workspace?.workspaceFolders === true,
    showsProgress: params.capabilities.window?.workDoneProgress === true,
    edits: editSupport(params),
  };
}

/** One analysis root per workspace folder; the root URI (or the deprecated root path) when there are none. */
export function initialRootUris(params: InitializeParams): string[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders.map((folder) => folder.uri);
  if (params.rootUri) return [params.rootUri];
  if (params.rootPath) return [fsPathToUri(params.rootPath)];
  return [];
}
