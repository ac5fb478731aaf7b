// The built server over the wire: capabilities, registrations, robustness, shutdown. Independent of findings.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ErrorCodes, ResponseError, TextDocumentSyncKind } from "vscode-languageserver/node";
import { copyFixture, ensureServerBuilt, fileUri, LspTestClient, type Transport } from "./client";

const fixture = copyFixture("single");
before(ensureServerBuilt);
after(() => fixture.remove());

async function started(transport: Transport = "stdio"): Promise<LspTestClient> {
  const client = LspTestClient.start(transport);
  await client.initialize(fixture.root);
  return client;
}

async function checkWorkspace(client: LspTestClient) {
  return client.connection.sendRequest<{ roots: number; projects: number; findings: number; files: number }>(
    "djangoReady/checkWorkspace",
  );
}

describe("the language server over stdio", () => {
  it("answers initialize with incremental sync, save notifications and workspace folder support", async () => {
    const client = LspTestClient.start("stdio");
    try {
      const result = await client.initialize(fixture.root);
      assert.deepEqual(result.capabilities.textDocumentSync, {
        openClose: true,
        change: TextDocumentSyncKind.Incremental,
        save: { includeText: false },
      });
      assert.deepEqual(result.capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
      assert.equal(result.serverInfo?.name, "django-ready");
    } finally {
      client.dispose();
    }
  });

  it("registers its file watchers and the djangoReady configuration section, and pulls the settings per root", async () => {
    const client = await started();
    try {
      // The request is answered only after startup (registrations, settings, first analysis) completed.
      const summary = await checkWorkspace(client);
      assert.equal(summary.roots, 1);
      const watchers = client.registrations.find((r) => r.method === "workspace/didChangeWatchedFiles");
      const globs = (watchers?.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
      for (const glob of ["**/*.py", "**/.env*", "**/*.env", "**/requirements*.txt", "**/pyproject.toml", "**/Procfile", "**/Dockerfile*", "**/.gitignore"]) {
        assert.ok(globs.includes(glob), `watches ${glob}`);
      }
      const configuration = client.registrations.find((r) => r.method === "workspace/didChangeConfiguration");
      assert.deepEqual(configuration?.registerOptions, { section: "djangoReady" });
      assert.deepEqual(client.configurationRequests, [{ scopeUri: fileUri(fixture.root), section: "djangoReady" }]);
    } finally {
      client.dispose();
    }
  });

  it("answers an unknown request with MethodNotFound and keeps serving", async () => {
    const client = await started();
    try {
      await assert.rejects(client.connection.sendRequest("djangoReady/noSuchRequest", { x: 1 }), (error) => {
        assert.ok(error instanceof ResponseError);
        assert.equal(error.code, ErrorCodes.MethodNotFound);
        return true;
      });
      assert.equal((await checkWorkspace(client)).roots, 1);
    } finally {
      client.dispose();
    }
  });

  it("survives a message whose body is not JSON", async () => {
    const client = await started();
    try {
      const body = '{"jsonrpc":"2.0","id":99,"method":';
      client.process.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      assert.equal((await checkWorkspace(client)).roots, 1);
      assert.equal(client.process.exitCode, null);
    } finally {
      client.dispose();
    }
  });

  it("ignores untitled documents, files outside the workspace and changes to documents it never saw", async () => {
    const client = await started();
    try {
      const untitled = "untitled:Untitled-1";
      const outside = "file:///nonexistent-elsewhere/settings.py";
      await client.openText(untitled, "SECRET_KEY = 'django-insecure-abc'\nDEBUG = True\n");
      await client.openText(outside, "DEBUG = True\n");
      await client.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri: "file:///never/opened.py", version: 2 },
        contentChanges: [{ text: "x = 1" }],
      });
      await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: 42 } });
      // Requests are answered in order, so once this returns the notifications above have been handled.
      assert.equal((await checkWorkspace(client)).roots, 1);
      assert.equal(client.published.has(untitled), false);
      assert.equal(client.published.has(outside), false);
      assert.equal(client.process.exitCode, null);
    } finally {
      client.dispose();
    }
  });

  it("shuts down and exits with code 0", async () => {
    const client = await started();
    try {
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.dispose();
    }
  });

  it("exits with code 1 on exit without shutdown", async () => {
    const client = await started();
    try {
      await client.connection.sendNotification("exit");
      assert.equal(await client.waitForExit(), 1);
    } finally {
      client.dispose();
    }
  });
});

describe("the language server over node IPC", () => {
  it("starts with --node-ipc, answers initialize and shuts down", async () => {
    const client = await started("node-ipc");
    try {
      assert.equal((await checkWorkspace(client)).roots, 1);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.dispose();
    }
  });
});
