// A small LSP client for protocol tests: spawns the built dist/server.js and speaks JSON-RPC to it.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { after, before } from "node:test";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  type ClientCapabilities,
  ConfigurationRequest,
  createProtocolConnection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type InitializeResult,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type Registration,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
} from "vscode-languageserver/node";

export const repoRoot = join(__dirname, "..", "..");
export const serverPath = join(repoRoot, "dist", "server.js");
const fixturesRoot = join(repoRoot, "test", "fixtures", "lsp");

/** Tests run after `npm run build`; build once when they are run on their own. */
export function ensureServerBuilt(): void {
  if (!existsSync(serverPath)) execFileSync(process.execPath, ["build.mjs"], { cwd: repoRoot, stdio: "inherit" });
}

/** A throwaway copy of test/fixtures/lsp/<name>: the server may read it, the test may edit it. */
export function copyFixture(name: string): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), `django-ready-lsp-${name}-`));
  cpSync(join(fixturesRoot, name), root, { recursive: true });
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * A server for one describe block, on a fixture copy: started (and initialized by `start`, a VS Code-like
 * client by default) before its tests, stopped and the copy removed after them.
 */
export function useServer(
  fixture: { root: string; remove(): void },
  started: (client: LspTestClient) => void,
  start: (client: LspTestClient, root: string) => Promise<unknown> = (client, root) => client.initialize(root),
): void {
  let client: LspTestClient | undefined;
  before(async () => {
    client = LspTestClient.start();
    started(client);
    await start(client, fixture.root);
  });
  after(() => {
    client?.dispose();
    fixture.remove();
  });
}

export function fileUri(fsPath: string): string {
  return pathToFileURL(fsPath).href;
}

export type Transport = "stdio" | "node-ipc";

interface OpenDocument {
  text: string;
  version: number;
}

/** What a VS Code-like client declares for the features the server uses. */
export const EDITOR_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: {
      relatedInformation: true,
      tagSupport: { valueSet: [1, 2] },
      codeDescriptionSupport: true,
      dataSupport: true,
    },
  },
};

export class LspTestClient {
  /** Every publishDiagnostics by URI, oldest first. */
  readonly published = new Map<string, Diagnostic[][]>();
  readonly registrations: Registration[] = [];
  readonly configurationRequests: { scopeUri?: string; section?: string }[] = [];
  readonly logs: string[] = [];
  /** What workspace/configuration answers for the `djangoReady` section. */
  settings: Record<string, unknown> = {};
  private readonly documents = new Map<string, OpenDocument>();
  private readonly listeners = new Set<() => void>();
  private stderr = "";

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    process.stderr?.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    process.on("exit", () => this.notifyListeners());
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const history = this.published.get(params.uri) ?? [];
      history.push(params.diagnostics);
      this.published.set(params.uri, history);
      this.notifyListeners();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(...params.items);
      return params.items.map((item) => (item.section === "djangoReady" ? this.settings : null));
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    connection.onRequest(UnregistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.listen();
  }

  static start(transport: Transport = "stdio"): LspTestClient {
    if (transport === "stdio") {
      const child = spawn(process.execPath, [serverPath, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
      const connection = createProtocolConnection(
        new StreamMessageReader(child.stdout),
        new StreamMessageWriter(child.stdin),
      );
      return new LspTestClient(child, connection);
    }
    const child = spawn(process.execPath, [serverPath, "--node-ipc"], { stdio: ["pipe", "pipe", "pipe", "ipc"] });
    return new LspTestClient(child, createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child)));
  }

  /** initialize (one workspace folder) then initialized, with the capabilities VS Code has that the server uses. */
  async initialize(root: string, capabilities: ClientCapabilities = EDITOR_CAPABILITIES): Promise<InitializeResult> {
    const result = await this.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: fileUri(root),
      workspaceFolders: [{ uri: fileUri(root), name: "workspace" }],
      capabilities,
    });
    await this.connection.sendNotification("initialized", {});
    return result as InitializeResult;
  }

  async open(fsPath: string, languageId = "python"): Promise<string> {
    const uri = fileUri(fsPath);
    await this.openText(uri, readFileSync(fsPath, "utf8"), languageId);
    return uri;
  }

  async openText(uri: string, text: string, languageId = "python"): Promise<void> {
    this.documents.set(uri, { text, version: 1 });
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** An incremental change replacing the first occurrence of `search` in the open document. */
  async replace(uri: string, search: string, replacement: string): Promise<void> {
    const document = this.document(uri);
    const offset = document.text.indexOf(search);
    if (offset < 0) throw new Error(`"${search}" is not in ${uri}`);
    const change: TextDocumentContentChangeEvent = {
      range: { start: positionAt(document.text, offset), end: positionAt(document.text, offset + search.length) },
      text: replacement,
    };
    document.text = document.text.slice(0, offset) + replacement + document.text.slice(offset + search.length);
    document.version++;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: document.version },
      contentChanges: [change],
    });
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  latestDiagnostics(uri: string): Diagnostic[] | undefined {
    return this.published.get(uri)?.at(-1);
  }

  /** Resolves with the latest diagnostics of `uri` once they satisfy `predicate` (already received ones count). */
  waitForDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean, timeoutMs = 5000): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics of ${uri}`, timeoutMs, () => {
      const latest = this.latestDiagnostics(uri);
      return latest !== undefined && predicate(latest) ? latest : undefined;
    });
  }

  /** Resolves with the exit code once the server process has exited. */
  waitForExit(timeoutMs = 5000): Promise<number> {
    return this.waitFor("the server process to exit", timeoutMs, () => this.process.exitCode ?? undefined);
  }

  /** Polite shutdown: shutdown request, exit notification, process gone. */
  async shutdown(): Promise<number> {
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    return this.waitForExit();
  }

  dispose(): void {
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }

  private document(uri: string): OpenDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }

  private waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        finish();
        resolve(value);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; server stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  private notifyListeners(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}
