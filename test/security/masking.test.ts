// Secrets never leave masked: a line without `=`, diagnostic data, completion; control characters in names are escaped.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it, test } from "node:test";
import { CodeActionRequest, CodeActionResolveRequest, CompletionRequest, type CodeAction, type Diagnostic } from "vscode-languageserver-protocol";
import { escapeControls } from "../../server/src/analysis/report/escapeControls";
import { ensureServerBuilt, fileUri, LspTestClient } from "../lsp/client";
import { cli, SECRET, workspace } from "./hostile";

const PASTED_TOKEN = "ghp_R4nd0mT0k3nV4lu3Th4tW4sP4st3dH3r3xyz";

describe("a line of an env file without =", () => {
  for (const format of ["text", "json", "sarif"]) {
    test(`is never printed by check --format ${format}`, () => {
      const ws = workspace({ ".env": `DEBUG=0\n${PASTED_TOKEN}\n` });
      const run = cli(["check", "--format", format, "."], ws.root);
      assert.ok(!run.stdout.includes(PASTED_TOKEN) && !run.stderr.includes(PASTED_TOKEN), `${format} printed the line`);
      assert.match(run.stdout, /DJP607/);
    });
  }

  test("is never printed by report (markdown, html, json)", () => {
    const ws = workspace({ ".env": `${PASTED_TOKEN}\n` });
    for (const format of ["markdown", "html", "json"]) {
      const run = cli(["report", "--format", format, "."], ws.root);
      assert.ok(!run.stdout.includes(PASTED_TOKEN), `${format} printed the line`);
    }
  });
});

test("control characters in file names are escaped in text output", () => {
  const ws = workspace();
  const name = "evil\u001b[2J\u001b[31mforged\nmysite/settings.py:1:1: error DJP999 fake.env";
  try {
    writeFileSync(join(ws.root, name), "A=1\n");
  } catch {
    return;
  }
  const run = cli(["check", "."], ws.root);
  assert.ok(!run.stdout.includes("\u001b"), "ESC reached the terminal");
  assert.ok(!run.stderr.includes("\u001b"));
  assert.ok(!run.stdout.split("\n").some((line) => line.startsWith("mysite/settings.py:1:1: error DJP999")), "a forged line");
  assert.match(run.stdout, /evil\\x1b\[2J\\x1b\[31mforged\\nmysite/);
});

test("escapeControls makes C0, C1, DEL and bidi controls visible", () => {
  assert.equal(escapeControls("a\u001bb\nc\rd\te\u007f\u0085\u202e"), "a\\x1bb\\nc\\rd\\te\\x7f\\x85\\u202e");
  assert.equal(escapeControls("plain/path.py"), "plain/path.py");
});

describe("language server", { timeout: 60_000 }, () => {
  it("publishes diagnostics whose data carries an id, never a fix's secret; completion never offers a line without =", async () => {
    ensureServerBuilt();
    const ws = workspace({ ".env": `DEBUG=0\n${PASTED_TOKEN}\n` });
    const client = LspTestClient.start();
    try {
      await client.initialize(ws.root);
      const settingsUri = fileUri(join(ws.root, "mysite/settings.py"));
      const diagnostics: Diagnostic[] = await client.waitForDiagnostics(settingsUri, (d) => d.some((x) => x.code === "DJP101"), 20_000);
      const secretDiagnostic = diagnostics.find((d) => d.code === "DJP101")!;
      assert.deepEqual(Object.keys(secretDiagnostic.data as object), ["id"]);
      const published = JSON.stringify([...client.published.values()]);
      assert.ok(!published.includes(SECRET.slice(10)), "a secret travelled in publishDiagnostics");
      assert.ok(!published.includes(PASTED_TOKEN), "the line without = travelled in publishDiagnostics");
      const text = `import os\nX = os.environ.get("")\n`;
      const uri = settingsUri;
      await client.openText(uri, text);
      const completion = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 20 } });
      const labels = JSON.stringify(completion);
      assert.match(labels, /"DEBUG"/, "completion offers the env keys");
      assert.ok(!labels.includes(PASTED_TOKEN), "completion offered the line without =");
      assert.equal(client.logs.some((line) => line.includes(PASTED_TOKEN) || line.includes(SECRET)), false, "a log line held a secret");
    } finally {
      client.dispose();
    }
  });
});

describe("code actions for a client that resolves edits lazily", { timeout: 60_000 }, () => {
  it("carry no edit (no secret) until the user picks one; resolving gives the edit", async () => {
    ensureServerBuilt();
    const ws = workspace();
    const client = LspTestClient.start();
    try {
      await client.initialize(ws.root, {
        workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ["create"] } },
        textDocument: {
          publishDiagnostics: { dataSupport: true },
          codeAction: { dataSupport: true, resolveSupport: { properties: ["edit"] }, codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix"] } } },
        },
      });
      const uri = fileUri(join(ws.root, "mysite/settings.py"));
      const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === "DJP101"), 20_000);
      const secret = diagnostics.filter((d) => d.code === "DJP101");
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: secret[0]!.range, context: { diagnostics: secret } })) as CodeAction[];
      const move = actions.find((action) => action.title.startsWith("Move SECRET_KEY"));
      assert.ok(move, "the fix is offered");
      assert.equal(move.edit, undefined);
      assert.ok(!JSON.stringify(actions).includes(SECRET.slice(10)), "a secret travelled in the code action list");
      const resolved = (await client.connection.sendRequest(CodeActionResolveRequest.type, move)) as CodeAction;
      assert.ok(JSON.stringify(resolved.edit).includes(SECRET.slice(10)), "the resolved edit writes the value to .env");
    } finally {
      client.dispose();
    }
  });
});
