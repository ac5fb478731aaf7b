// A long analysis runs off the protocol thread and can be cancelled: requests, shutdown included, are answered while
// it runs; a newer change or a $/cancelRequest stops it, and what it would have published never is.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { CancellationTokenSource, type Diagnostic, LSPErrorCodes, ResponseError } from "vscode-languageserver/node";
import { checkWorkspaceMethod } from "../../server/src/lsp/protocol";
import { EDITOR_CAPABILITIES, ensureServerBuilt, fileUri, LspTestClient } from "../lsp/client";
import { SECRET, SETTINGS_PY, workspace } from "./hostile";

const LARGE_LINES = 12_000;

/** A settings module of about 700 KB: seconds of analysis. Its own findings lie past line LARGE_LINES. */
function largeSettings(variant = ""): string {
  const lines = Array.from({ length: LARGE_LINES }, (_, i) => `SETTING_${i} = os.environ.get("VARIABLE_${i}${variant}", "default-value-${i}")`);
  return `import os\n${lines.join("\n")}\n${SETTINGS_PY}`;
}

/** A small settings module whose findings (DEBUG, the secret) lie on its first lines. */
const SMALL_SETTINGS = `DEBUG = True\nSECRET_KEY = "${SECRET}"\n`;

const fromLargeText = (diagnostic: Diagnostic) => diagnostic.range.start.line >= LARGE_LINES;

/** Polls `probe` until it holds; the timeout is a safety net against a hang, not a measure of speed. */
function eventually(what: string, probe: () => boolean, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (probe()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

/** Settles into the order list under `name`, whatever the outcome. */
function recordSettling(order: string[], name: string, request: Promise<unknown>): Promise<unknown> {
  return request.then(
    (value) => (order.push(name), value),
    (error: unknown) => (order.push(name), error),
  );
}

describe("language server during a long analysis", { timeout: 180_000 }, () => {
  it("answers shutdown before the analysis under way ends, and exits", async () => {
    ensureServerBuilt();
    const ws = workspace({ "mysite/settings.py": largeSettings() });
    const client = LspTestClient.start();
    try {
      await client.initialize(ws.root);
      let checkSettled = false;
      // The workspace check waits for a full analysis of the large module in the worker.
      const check = client.connection.sendRequest(checkWorkspaceMethod).then(
        () => (checkSettled = true),
        () => (checkSettled = true),
      );
      await client.connection.sendRequest("shutdown");
      assert.equal(checkSettled, false, "shutdown was only answered after the analysis");
      const settingsUri = fileUri(join(ws.root, "mysite/settings.py"));
      assert.equal(client.latestDiagnostics(settingsUri), undefined, "the analysis had already ended: the test proves nothing");
      await client.connection.sendNotification("exit");
      assert.equal(await client.waitForExit(10_000), 0);
      void check;
    } finally {
      client.dispose();
    }
  });

  it("cancels the analysis a newer text supersedes: the newer text's diagnostics arrive, the stale run's never do", async () => {
    ensureServerBuilt();
    const ws = workspace({ "mysite/settings.py": largeSettings() });
    const settingsUri = fileUri(join(ws.root, "mysite/settings.py"));
    const client = LspTestClient.start();
    const progress: string[] = [];
    let atProgressEnd: Diagnostic[] | undefined;
    client.connection.onNotification("$/progress", (params: { value: { kind: string; message?: string } }) => {
      progress.push(params.value.message ?? params.value.kind);
      if (params.value.kind === "end") atProgressEnd = client.latestDiagnostics(settingsUri) ?? [];
    });
    try {
      await client.initialize(ws.root, { ...EDITOR_CAPABILITIES, window: { workDoneProgress: true } });
      // Reported by the worker as the background scan's analysis reads the root (the large module from disk).
      await eventually("the background scan's analysis", () => progress.some((message) => / files read$/.test(message)));
      await client.openText(settingsUri, SMALL_SETTINGS);
      const latest = await client.waitForDiagnostics(settingsUri, (diagnostics) => diagnostics.length > 0, 60_000);
      assert.ok(latest.every((diagnostic) => diagnostic.range.start.line < 2), "the newest text's findings");
      const stale = (client.published.get(settingsUri) ?? []).flat().filter(fromLargeText);
      assert.deepEqual(stale, [], "the superseded analysis of the large text published");
      assert.deepEqual(client.logs.filter((line) => /failed/.test(line)), [], "a cancelled run is not a failure");
      // The scan's progress lasts until the whole root is analysed with the newer text.
      await eventually("the end of the scan's progress", () => atProgressEnd !== undefined);
      assert.deepEqual(atProgressEnd, latest, "the progress ended before the whole root was analysed again");
      assert.equal(progress.filter((message) => message === "end").length, 1);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.dispose();
    }
  });

  it("answers a cancelled workspace check with RequestCancelled while an analysis is still running", async () => {
    ensureServerBuilt();
    // The invalid configuration makes the server log a line just before the check hands the root to the worker.
    const ws = workspace({ "pyproject.toml": "[tool.django-ready]\nrules = 5\n" });
    const settingsUri = fileUri(join(ws.root, "mysite/settings.py"));
    const configLogs = () => client.logs.filter((line) => line.includes("ignoring [tool.django-ready]")).length;
    const client = LspTestClient.start();
    try {
      await client.initialize(ws.root);
      await client.waitForDiagnostics(settingsUri, (diagnostics) => diagnostics.length > 0, 60_000);
      // A slow analysis of the large open text starts in the worker; the check's analysis queues behind it.
      await client.openText(settingsUri, largeSettings("-opened"));
      const before = configLogs();
      const cancellation = new CancellationTokenSource();
      const check = client.connection.sendRequest(checkWorkspaceMethod, {}, cancellation.token);
      await eventually("the check to hand its root to the worker", () => configLogs() > before);
      cancellation.cancel();
      await assert.rejects(check, (error: unknown) => {
        assert.ok(error instanceof ResponseError);
        assert.equal(error.code, LSPErrorCodes.RequestCancelled);
        return true;
      });
      const largePublished = () => (client.published.get(settingsUri) ?? []).flat().some(fromLargeText);
      assert.equal(largePublished(), false, "the check was only answered after the analysis before it: nothing was cancelled");
      // The analysis of the open text was not the check's: it goes on and publishes.
      await eventually("the open text's diagnostics", largePublished);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.dispose();
    }
  });

  it("answers shutdown before a hover on a module whose parse is slow", async () => {
    ensureServerBuilt();
    const ws = workspace();
    const settingsUri = fileUri(join(ws.root, "mysite/settings.py"));
    const client = LspTestClient.start();
    try {
      await client.initialize(ws.root);
      await client.waitForDiagnostics(settingsUri, (diagnostics) => diagnostics.length > 0, 60_000);
      await client.openText(settingsUri, largeSettings("-hovered"));
      const order: string[] = [];
      // Inside "VARIABLE_0-hovered" on line 1: the hover needs the large module parsed and its project built.
      const hover = recordSettling(order, "hover", client.connection.sendRequest("textDocument/hover", { textDocument: { uri: settingsUri }, position: { line: 1, character: 32 } }));
      await recordSettling(order, "shutdown", client.connection.sendRequest("shutdown"));
      await hover;
      assert.deepEqual(order, ["shutdown", "hover"], "the hover held the protocol thread");
      await client.connection.sendNotification("exit");
      assert.equal(await client.waitForExit(10_000), 0);
    } finally {
      client.dispose();
    }
  });
});
