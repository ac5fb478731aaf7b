// The language server as an editor drives it: spawned over stdio, incremental didChange, timed publishes.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { peakRssMb } from "./measure.mjs";

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require("vscode-languageserver/node");

const PUBLISH_TIMEOUT_MS = 20_000;
const now = () => performance.now();

/** A spawned server with waiters for the next publish of a URI and for the end of its work-done progress. */
export function startServer(serverPath, root, extraArgs = []) {
  const spawnedAt = now();
  const child = spawn(process.execPath, [...extraArgs, serverPath, "--stdio"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = [];
  const progress = { begun: 0, ended: 0, endedAt: undefined, onEnd: [] };
  connection.onNotification("textDocument/publishDiagnostics", (params) => {
    const at = now();
    for (const waiter of [...waiters]) {
      if (waiter.uri !== params.uri) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve({ at, params });
    }
  });
  connection.onNotification("$/progress", ({ value }) => {
    if (value?.kind === "begin") progress.begun++;
    if (value?.kind !== "end") return;
    progress.ended++;
    progress.endedAt = now();
    for (const resolve of progress.onEnd.splice(0)) resolve(progress.endedAt);
  });
  for (const method of ["workspace/configuration", "client/registerCapability", "client/unregisterCapability", "window/workDoneProgress/create"]) {
    connection.onRequest(method, (params) => (method === "workspace/configuration" ? params.items.map(() => ({})) : null));
  }
  connection.listen();

  const waitForDiagnostics = (uri) =>
    new Promise((resolve, reject) => {
      const waiter = { uri, resolve };
      waiters.push(waiter);
      setTimeout(() => {
        if (!waiters.includes(waiter)) return;
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`no diagnostics for ${uri} within ${PUBLISH_TIMEOUT_MS} ms; stderr: ${stderr.slice(-500)}`));
      }, PUBLISH_TIMEOUT_MS).unref();
    });

  /** Resolves with the time the background scan's progress ended (undefined when the server reports none in time). */
  const waitForScanEnd = (timeoutMs) =>
    progress.begun > 0 && progress.ended >= progress.begun
      ? Promise.resolve(progress.endedAt)
      : new Promise((resolve) => {
          progress.onEnd.push(resolve);
          setTimeout(() => resolve(undefined), timeoutMs).unref();
        });

  const initialize = async () => {
    await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: "bench" }],
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: {} },
      },
    });
    await connection.sendNotification("initialized", {});
  };

  const stop = async () => {
    try {
      await Promise.race([connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
      await connection.sendNotification("exit");
    } catch {
      // already gone
    }
    connection.dispose();
    setTimeout(() => child.exitCode === null && child.kill(), 1000).unref();
  };
  return { child, connection, spawnedAt, initialize, waitForDiagnostics, waitForScanEnd, progress, stop, stderr: () => stderr, peakRssMb: () => peakRssMb(child.pid) };
}

/** didOpen of a file as the editor sends it, resolved with the first publish for it. */
export async function openDocument(server, path) {
  const uri = pathToFileURL(path).href;
  const text = readFileSync(path, "utf8");
  const pending = server.waitForDiagnostics(uri);
  await server.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "python", version: 1, text } });
  return { uri, text, first: await pending };
}

/** Sends incremental changes and times each until the server publishes for the document. */
export class EditingSession {
  constructor(server, uri, text) {
    this.server = server;
    this.uri = uri;
    this.lines = text.split("\n");
    this.version = 1;
  }

  lineOf(content) {
    const line = this.lines.indexOf(content);
    if (line === -1) throw new Error(`line not found: ${content}`);
    return line;
  }

  /** One LSP range change; the local copy of the text follows it. Resolves with the ms until the next publish. */
  async change(range, text) {
    const { start, end } = range;
    const before = this.lines[start.line].slice(0, start.character);
    const after = this.lines[end.line].slice(end.character);
    this.lines.splice(start.line, end.line - start.line + 1, ...`${before}${text}${after}`.split("\n"));
    const pending = this.server.waitForDiagnostics(this.uri);
    const sentAt = now();
    await this.server.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: this.uri, version: ++this.version },
      contentChanges: [{ range, text }],
    });
    const { at } = await pending;
    return at - sentAt;
  }

  /** Types or deletes the one `#` at column 0 of `line`: a single-character edit that adds or removes a finding. */
  toggleComment(line) {
    const commented = this.lines[line].startsWith("#");
    const range = { start: { line, character: 0 }, end: { line, character: commented ? 1 : 0 } };
    return this.change(range, commented ? "" : "#");
  }

  /** Pastes `block` (ending in a newline) before `line`, or cuts it again when it is there. */
  togglePaste(line, block) {
    const blockLines = block.split("\n").length - 1;
    const present = this.lines[line] === block.split("\n")[0];
    if (present) return this.change({ start: { line, character: 0 }, end: { line: line + blockLines, character: 0 } }, "");
    return this.change({ start: { line, character: 0 }, end: { line, character: 0 } }, block);
  }
}
