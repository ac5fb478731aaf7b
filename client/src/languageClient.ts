// The LanguageClient for dist/server.js: which documents it syncs, which files it watches.
import { type ExtensionContext, type FileSystemWatcher, type LogOutputChannel, workspace } from "vscode";
import {
  type DocumentSelector,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";
import type { InitializationOptions } from "../../server/src/lsp/protocol";
import { watchedFileGlobs } from "../../server/src/lsp/watched";
import { addFilesExclude } from "./filesExclude";

/** Also the prefix of the `djangoReady.trace.server` setting the client reads. */
const clientId = "djangoReady";
const clientName = "Django Production Readiness";

/** Deployment and dependency files have no language of their own in VS Code: matched by name. */
const filePatterns = [
  "**/Procfile",
  "**/Dockerfile*",
  "**/requirements*.txt",
  "**/docker-compose*.y*ml",
  "**/compose*.y*ml",
  "**/*.sh",
  "**/pyproject.toml",
  "**/.env*",
  "**/*.env",
];

const documentSelector: DocumentSelector = [
  { scheme: "file", language: "python" },
  { scheme: "file", language: "dotenv" },
  ...filePatterns.map((pattern) => ({ scheme: "file", pattern })),
];

/** Created once per activation (restarts reuse them); the caller disposes them. */
export function createFileWatchers(): FileSystemWatcher[] {
  return watchedFileGlobs.map((glob) => workspace.createFileSystemWatcher(glob));
}

export interface ClientResources {
  outputChannel: LogOutputChannel;
  fileWatchers: FileSystemWatcher[];
}

export function createLanguageClient(context: ExtensionContext, resources: ClientResources): LanguageClient {
  const module = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6011"] } },
  };
  const initializationOptions: InitializationOptions = { clientWatchesFiles: true };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: resources.outputChannel,
    initializationOptions,
    synchronize: { fileEvents: resources.fileWatchers },
    middleware: { workspace: { configuration: addFilesExclude } },
  };
  return new LanguageClient(clientId, clientName, serverOptions, clientOptions);
}
