// Wires the LSP connection to the session: handlers, dynamic registrations, configuration.
import {
  type CancellationToken,
  type Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { DiskFileAccess, DiskFileAccessOptions } from "../node/files";
import { type ClientFeatures, clientFeatures, initialRootUris, serverCapabilities } from "./capabilities";
import { noProgress } from "./backgroundScan";
import { registerFeatures } from "./features";
import { describeError, guard, type LogLine } from "./guard";
import { type CheckWorkspaceParams, checkWorkspaceMethod, type ReadinessStatus, readinessStatusMethod } from "./protocol";
import { DiagnosticsPublisher } from "./publisher";
import { ReadinessPublisher } from "./readiness";
import { type AnalysisRoot, RootSet } from "./roots";
import { Session } from "./session";
import type { Worker } from "node:worker_threads";
import { inProcessBackend, workerBackend } from "./analysisWorker";
import { escapeControls } from "../analysis/report/escapeControls";
import { AnalysisSnapshots } from "./snapshots";
import { type EditorSettings, editorSettingsFrom, settingsSection } from "./settings";
import { watchedFileGlobs } from "./watched";

export interface ServerOptions {
  /** Resolves once the parser is loaded on this thread (initAnalysisFromDisk): for analyses on this thread only. */
  analysisReady?: Promise<void>;
  createDiskAccess(rootFsPath: string, options?: DiskFileAccessOptions): DiskFileAccess;
  /** The bundle to start the analysis worker from; analyses run on the protocol thread when absent. */
  analysisWorkerScript?: string;
  /** A worker already started from analysisWorkerScript (by the launcher, while this bundle loaded). */
  prestartedWorker?: Worker;
}

export function listen(connection: Connection, options: ServerOptions): void {
  // One line each: a file name holding a line break or ESC must not forge or garble the output channel.
  const log: LogLine = (line) => connection.console.log(escapeControls(line));
  // Handled at once: a parser that fails to load must not crash the process as an unhandled rejection.
  const analysisReady = (options.analysisReady ?? Promise.resolve()).then(
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

  const readiness = new ReadinessPublisher((status) => void connection.sendNotification(readinessStatusMethod, status satisfies ReadinessStatus));

  async function loadSettings(root: AnalysisRoot): Promise<EditorSettings> {
    if (!client?.pullsConfiguration) return editorSettingsFrom(pushedSettings);
    try {
      return editorSettingsFrom(await connection.workspace.getConfiguration({ scopeUri: root.uri, section: settingsSection }));
    } catch (error) {
      log(`reading settings failed, using defaults: ${describeError(error)}`);
      return editorSettingsFrom(undefined);
    }
  }

  const snapshots = new AnalysisSnapshots();
  const analysis = options.analysisWorkerScript === undefined ? inProcessBackend : workerBackend(options.analysisWorkerScript, options.prestartedWorker);
  const createProgress = async () => (client?.showsProgress ? connection.window.createWorkDoneProgress() : noProgress);
  const session = new Session({ roots, publisher, readiness, snapshots, log, loadSettings, createProgress, analysis });
  registerFeatures(connection, {
    documents,
    roots,
    snapshots,
    editSupport: () => client?.edits ?? { documentChanges: false, createFiles: false },
    analysis,
  });

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

  // On open, TextDocuments fires onDidOpen and then onDidChangeContent.
  documents.onDidOpen(guard(log, "didOpen", (event) => session.documentOpened(event.document)));
  documents.onDidChangeContent(guard(log, "didChange", (event) => session.documentChanged(event.document)));
  documents.onDidSave(guard(log, "didSave", (event) => session.documentSaved(event.document)));
  documents.onDidClose(guard(log, "didClose", (event) => session.documentClosed(event.document)));
  connection.onDidChangeWatchedFiles(guard(log, "didChangeWatchedFiles", (params) => session.filesChanged(params.changes)));
  connection.onDidChangeConfiguration(
    guard(log, "didChangeConfiguration", (params) => {
      pushedSettings = (params.settings as Record<string, unknown> | null)?.[settingsSection];
      return session.configurationChanged();
    }),
  );
  // Params are optional: vscode-jsonrpc passes the token alone without them, after them with.
  connection.onRequest(checkWorkspaceMethod, async (...args: unknown[]) => {
    const token = args.at(-1) as CancellationToken;
    const params = args.length > 1 ? (args[0] as CheckWorkspaceParams | null | undefined) : undefined;
    if (!startup) throw new Error("the server is not initialized");
    await startup;
    return session.checkWorkspace(token, { history: params?.history === true });
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
