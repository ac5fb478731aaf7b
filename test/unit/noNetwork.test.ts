// Nothing is sent anywhere: the CLI and the language server, with a preloaded hook that records and blocks every
// network call (test/support/no-network.cjs, also inherited by any Node child through NODE_OPTIONS), never try one.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from "vscode-languageserver/node";
import { cliPath, ensureBuilt, repoRoot } from "../cli/helpers";
import { secretProject } from "../support/secrets/fixtureSecrets";

const hook = join(repoRoot, "test/support/no-network.cjs");
const serverPath = join(repoRoot, "dist/server.js");
let root = "";
let log = "";

function hookedEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, NODE_OPTIONS: `--require ${hook}`, NO_NETWORK_LOG: log };
}

function attempts(): string[] {
  return readFileSync(log, "utf8").split("\n").filter((line) => line !== "");
}

before(() => {
  ensureBuilt();
  root = mkdtempSync(join(tmpdir(), "django-ready-offline-"));
  log = join(mkdtempSync(join(tmpdir(), "django-ready-offline-log-")), "attempts.jsonl");
  writeFileSync(log, "");
  for (const [path, text] of Object.entries(secretProject().files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
});

after(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(dirname(log), { recursive: true, force: true });
});

test("the hook records and blocks http, sockets and DNS, but lets local pipes through", () => {
  const script = [
    "for (const attempt of [",
    "  () => require('node:https').get('https://example.org/'),",
    "  () => require('node:net').connect(443, '192.0.2.1'),",
    "  () => require('node:dns').lookup('example.org', () => {}),",
    "  () => require('node:net').connect(join(tmpdir(), 'absent.sock')).on('error', () => {}),",
    "]) { try { attempt(); } catch {} }",
  ].join("\n");
  const run = spawnSync(process.execPath, ["-e", `const { join } = require('node:path'); const { tmpdir } = require('node:os');\n${script}`], {
    env: hookedEnvironment(),
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const apis = attempts().map((line) => (JSON.parse(line) as { api: string }).api);
  assert.deepEqual(apis, ["https.get", "net.Socket.connect", "dns.lookup"]);
  writeFileSync(log, "");
});

for (const args of [["check", "--format", "sarif", "--fail-on", "never"], ["check", "--fix", "--fail-on", "never"], ["report", "--format", "html"]]) {
  test(`CLI ${args.join(" ")} attempts no network connection`, () => {
    const run = spawnSync(process.execPath, [cliPath, args[0], root, ...args.slice(1)], { env: hookedEnvironment(), encoding: "utf8", timeout: 60_000 });
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr.slice(0, 2000)}`);
    assert.ok(run.stdout.length > 0, "the CLI printed nothing");
    assert.deepEqual(attempts(), []);
  });
}

test("the language server attempts no network connection while it analyses a workspace", { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, [serverPath, "--stdio"], { env: hookedEnvironment(), stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const settingsUri = pathToFileURL(join(root, "vault/settings.py")).href;
  const published = new Promise<PublishDiagnosticsParams>((resolve) => {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      if (params.uri === settingsUri && params.diagnostics.length > 0) resolve(params);
    });
  });
  for (const method of ["workspace/configuration", "client/registerCapability", "window/workDoneProgress/create"]) {
    connection.onRequest(method, () => null);
  }
  connection.listen();
  try {
    await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: "offline" }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true } },
    });
    await connection.sendNotification("initialized", {});
    await connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: settingsUri, languageId: "python", version: 1, text: readFileSync(join(root, "vault/settings.py"), "utf8") },
    });
    const diagnostics = await published;
    assert.ok(diagnostics.diagnostics.length > 0);
    await connection.sendRequest("shutdown");
    await connection.sendNotification("exit");
  } finally {
    connection.dispose();
    if (child.exitCode === null) child.kill();
  }
  assert.deepEqual(attempts(), [], stderr.slice(-2000));
});
