// Wires the LSP connection to the session: handlers, dynamic registrations, configuration.
import {
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Config } from "../analysis/types";
import type { DiskFileAccess } from "../node/files";
import { type ClientFeatures, clientFeatures, initialRootUris, serverCapabilities } from "./capabilities";
import { describeError, guard, type LogLine } from "./guard";
import { checkWorkspaceMethod } from "./protocol";
import { DiagnosticsPublisher } from "./publisher";
import { type AnalysisRoot, RootSet } from "./roots";
import { Session } from "./session";
import { configFromSettings, settingsSection } from "./settings";
import { watchedFileGlobs } from "./watched";

export interface ServerOptions {
  /** Resolves once the parser is loaded (initAnalysisFromDisk). */
  analysisReady: Promise<void>;
  createDiskAccess(rootFsPath: string): DiskFileAccess;
}

export function listen(connection: Connection, options: ServerOptions): void {
  const log: LogLine = (line) => connection.console.log(line);
  // Handled at once: a parser that fails to load must not crash the process as an unhandled rejection.
  const analysisReady = options.analysisReady.then(
    () => true,
    (error: unknown) => {
      log(`loading the Python parser failed, settings modules cannot be analysed: ${describeError(error)}`);
      return false;
    },
  );
  const documents = new TextDocuments(TextDocument);
  const roots = new RootSet(options.createDiskAccess);
  const publisher = new DiagnosticsPublisher((uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }));
  let client: ClientFeatures | undefined;
  let pushedSettings: unknown;
  let startup: Promise<void> | undefined;

  async function loadConfig(root: AnalysisRoot): Promise<Config> {
    if (!client?.pullsConfiguration) return configFromSettings(pushedSettings);
    try {
      return configFromSettings(await connection.workspace.getConfiguration({ scopeUri: root.uri, section: settingsSection }));
    } catch (error) {
      log(`reading settings failed, using defaults: ${describeError(error)}`);
      return configFromSettings(undefined);
    }
  }

  const session = new Session({ roots, publisher, log, loadConfig });

  connection.onInitialize((params) => {
    client = clientFeatures(params);
    for (const uri of initialRootUris(params)) roots.add(uri);
    return { capabilities: serverCapabilities, serverInfo: { name: "django-ready" } };
  });

  connection.onInitialized(
    guard(log, "initialized", () => {
      startup = initialized();
      return startup;
    }),
  );

  async function initialized(): Promise<void> {
    if (!client) return;
    await registerDynamically(connection, client);
    if (client.sendsWorkspaceFolderChanges) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guard(log, "didChangeWorkspaceFolders", (event) =>
          session.foldersChanged(
            event.added.map((folder) => folder.uri),
            event.removed.map((folder) => folder.uri),
          ),
        ),
      );
    }
    await analysisReady;
    await session.start();
  }

  documents.onDidChangeContent(guard(log, "didChange", (event) => session.documentChanged(event.document)));
  documents.onDidClose(guard(log, "didClose", (event) => session.documentClosed(event.document)));
  connection.onDidChangeWatchedFiles(guard(log, "didChangeWatchedFiles", (params) => session.filesChanged(params.changes)));
  connection.onDidChangeConfiguration(
    guard(log, "didChangeConfiguration", (params) => {
      pushedSettings = (params.settings as Record<string, unknown> | null)?.[settingsSection];
      return session.configurationChanged();
    }),
  );
  connection.onRequest(checkWorkspaceMethod, async () => {
    if (!startup) throw new Error("the server is not initialized");
    await startup;
    return session.checkWorkspace();
  });
  connection.onShutdown(() => session.dispose());

  documents.listen(connection);
  connection.listen();
}

async function registerDynamically(connection: Connection, client: ClientFeatures): Promise<void> {
  if (client.needsFileWatcherRegistration) {
    await connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: watchedFileGlobs.map((globPattern) => ({ globPattern })),
    });
  }
  if (client.registersConfigurationDynamically) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: settingsSection });
  }
}
