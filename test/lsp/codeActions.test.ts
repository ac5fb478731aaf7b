// Code actions over stdio: the core's fixes as one WorkspaceEdit, line suppressions, the rule's documentation,
// and fix-all (only on diagnostics computed on the current text).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import {
  type CodeAction,
  type CodeActionParams,
  type CreateFile,
  type Diagnostic,
  DidSaveTextDocumentNotification,
  ShowDocumentRequest,
  type TextDocumentEdit,
  type TextEdit,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { copyFixture, ensureServerBuilt, fileUri, LspTestClient, useServer } from "./client";
import { initializeRichEditor } from "./editorProfile";

before(ensureServerBuilt);

const fixAllKind = "source.fixAll.django-ready";
const has = (rule: string) => (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === rule);

function only(diagnostics: Diagnostic[], rule: string): Diagnostic {
  const matching = diagnostics.filter((d) => d.code === rule);
  assert.equal(matching.length, 1, `one ${rule} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  return matching[0]!;
}

function requestActions(client: LspTestClient, uri: string, diagnostics: Diagnostic[], onlyKinds?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const params: CodeActionParams = { textDocument: { uri }, range, context: { diagnostics, only: onlyKinds } };
  return client.connection.sendRequest("textDocument/codeAction", params) as Promise<CodeAction[]>;
}

function titled(actions: CodeAction[], title: string): CodeAction {
  const action = actions.find((candidate) => candidate.title === title);
  assert.ok(action, `"${title}" in ${JSON.stringify(actions.map((a) => a.title))}`);
  return action;
}

function documentChanges(action: CodeAction): (TextDocumentEdit | CreateFile)[] {
  const changes = action.edit?.documentChanges;
  assert.ok(changes, `${action.title} carries documentChanges`);
  return changes as (TextDocumentEdit | CreateFile)[];
}

function textEdits(action: CodeAction): TextDocumentEdit[] {
  return documentChanges(action).filter((change): change is TextDocumentEdit => "textDocument" in change);
}

function editsOf(action: CodeAction, uri: string): TextEdit[] {
  return textEdits(action)
    .filter((change) => change.textDocument.uri === uri)
    .flatMap((change) => change.edits as TextEdit[]);
}

/** Applies an action's edits to one open document the way the editor would, as one full-text change. */
async function applyTo(client: LspTestClient, uri: string, before: string, action: CodeAction): Promise<string> {
  const after = TextDocument.applyEdits(TextDocument.create(uri, "python", 1, before), editsOf(action, uri));
  await client.replace(uri, before, after);
  return after;
}

describe("quick fixes, suppressions and documentation (documentChanges client)", () => {
  const fixture = copyFixture("actions");
  const settingsPath = join(fixture.root, "mysite", "settings.py");
  const settingsUri = fileUri(settingsPath);
  const envUri = fileUri(join(fixture.root, ".env"));
  const gitignoreUri = fileUri(join(fixture.root, ".gitignore"));
  let client: LspTestClient;
  let capabilities: Awaited<ReturnType<typeof initializeRichEditor>>["capabilities"];

  useServer(
    fixture,
    (started) => (client = started),
    async (started, root) => {
      capabilities = (await initializeRichEditor(started, root)).capabilities;
    },
  );

  it("declares code actions with resolve (edits deferred for clients that resolve them), and the documentation command", () => {
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ["quickfix", fixAllKind], resolveProvider: true });
    assert.deepEqual(capabilities.executeCommandProvider?.commands, ["djangoReady.showDocumentation"]);
  });

  it("offers the DJP101 fix as one preferred WorkspaceEdit creating .env and .gitignore", async () => {
    await client.open(settingsPath);
    const diagnostics = await client.waitForDiagnostics(settingsUri, has("DJP101"));
    const secret = only(diagnostics, "DJP101");
    const actions = await requestActions(client, settingsUri, [secret]);
    const fix = titled(actions, "Move SECRET_KEY to environment variable SECRET_KEY");
    assert.equal(fix.kind, "quickfix");
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [secret]);

    const changes = documentChanges(fix);
    const creations = changes.filter((change): change is CreateFile => "kind" in change);
    assert.deepEqual(creations, [
      { kind: "create", uri: envUri, options: { ignoreIfExists: true } },
      { kind: "create", uri: gitignoreUri, options: { ignoreIfExists: true } },
    ]);
    const firstTextEdit = changes.findIndex((change) => "textDocument" in change);
    assert.ok(firstTextEdit >= creations.length, "files are created before they are edited");
    assert.deepEqual(
      textEdits(fix).map((change) => [change.textDocument.uri, change.textDocument.version]),
      [
        [settingsUri, 1],
        [envUri, null],
        [gitignoreUri, null],
      ],
    );
    // Nothing loads .env in this fixture: the loader comes in the same edit (issue 13).
    const [replace, loader] = editsOf(fix, settingsUri);
    assert.deepEqual(replace, { range: secret.range, newText: 'os.environ.get("SECRET_KEY")' });
    assert.match(loader?.newText ?? "", /^from dotenv import load_dotenv\n[\s\S]*load_dotenv\(/);
    assert.match(editsOf(fix, envUri)[0]!.newText, /^SECRET_KEY='django-insecure-/);
    assert.deepEqual(editsOf(fix, gitignoreUri).map((edit) => edit.newText), [".env\n"]);

    const strict = titled(actions, "Move SECRET_KEY to required environment variable SECRET_KEY (os.environ[…] fails when unset)");
    assert.equal(strict.isPreferred, undefined);
  });

  it("disables a rule on a multi-line statement's first line, and the finding goes away", async () => {
    const before = readFileSync(settingsPath, "utf8");
    const password = only(await client.waitForDiagnostics(settingsUri, has("DJP102")), "DJP102");
    const disable = titled(await requestActions(client, settingsUri, [password]), "Disable DJP102 for this line");
    const statementLine = before.split("\n").indexOf("DATABASES = {");
    assert.ok(statementLine < password.range.start.line, "the finding is inside the statement, below its first line");
    const end = { line: statementLine, character: "DATABASES = {".length };
    assert.deepEqual(editsOf(disable, settingsUri), [{ range: { start: end, end }, newText: "  # noqa: DJP102" }]);

    await applyTo(client, settingsUri, before, disable);
    const after = await client.waitForDiagnostics(settingsUri, (d) => !has("DJP102")(d));
    assert.ok(!has("DJP002")(after), "the new suppression is in use");
  });

  it("extends an existing noqa list instead of adding a second comment", async () => {
    const debug = only(await client.waitForDiagnostics(settingsUri, has("DJP301")), "DJP301");
    const disable = titled(await requestActions(client, settingsUri, [debug]), "Disable DJP301 for this line");
    const at = { line: debug.range.start.line, character: "DEBUG = True  # noqa: E501".length };
    assert.deepEqual(editsOf(disable, settingsUri), [{ range: { start: at, end: at }, newText: ", DJP301" }]);
  });

  it("suppresses an env-file finding with an ignore comment on the line above", async () => {
    const envLocalPath = join(fixture.root, ".env.local");
    const envLocalUri = await client.open(envLocalPath, "dotenv");
    const duplicate = only(await client.waitForDiagnostics(envLocalUri, has("DJP604")), "DJP604");
    const disable = titled(await requestActions(client, envLocalUri, [duplicate]), "Disable DJP604 for this line");
    const lineStart = { line: duplicate.range.start.line, character: 0 };
    assert.deepEqual(editsOf(disable, envLocalUri), [
      { range: { start: lineStart, end: lineStart }, newText: "# django-ready: ignore DJP604\n" },
    ]);
    await applyTo(client, envLocalUri, readFileSync(envLocalPath, "utf8"), disable);
    await client.waitForDiagnostics(envLocalUri, (d) => !has("DJP604")(d));
  });

  it("shows a rule's documentation through window/showDocument, externally", async () => {
    const shown: unknown[] = [];
    client.connection.onRequest(ShowDocumentRequest.type, (params) => {
      shown.push(params);
      return { success: true };
    });
    const secret = only(await client.waitForDiagnostics(settingsUri, has("DJP101")), "DJP101");
    const docs = titled(await requestActions(client, settingsUri, [secret]), "Show documentation for DJP101");
    assert.equal(docs.edit, undefined);
    assert.deepEqual(docs.command, {
      title: "Show documentation for DJP101",
      command: "djangoReady.showDocumentation",
      arguments: ["DJP101"],
    });
    const result = await client.connection.sendRequest("workspace/executeCommand", {
      command: docs.command!.command,
      arguments: docs.command!.arguments,
    });
    assert.equal(result, true);
    assert.deepEqual(shown, [{ uri: "https://github.com/django-ready/django-ready/blob/main/docs/rules/DJP101.md", external: true }]);
    await assert.rejects(
      client.connection.sendRequest("workspace/executeCommand", { command: docs.command!.command, arguments: ["https://example.com"] }),
    );
  });
});

describe("fix-all only on diagnostics of the current text", () => {
  const fixture = copyFixture("actions");
  const settingsPath = join(fixture.root, "mysite", "settings.py");
  const settingsUri = fileUri(settingsPath);
  let client: LspTestClient;

  useServer(
    fixture,
    (started) => {
      client = started;
      // On save only: an edit leaves the published diagnostics on the previous version until the next save.
      client.settings = { run: "onSave" };
    },
    (started, root) => initializeRichEditor(started, root),
  );

  it("merges the first safe fix of each finding, skipping fixes that touch text already edited", async () => {
    await client.open(settingsPath);
    const diagnostics = await client.waitForDiagnostics(settingsUri, (d) => has("DJP101")(d) && has("DJP301")(d));
    const actions = await requestActions(client, settingsUri, [], [fixAllKind]);
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [["Fix all auto-fixable problems", fixAllKind]]);
    const [fixAll] = actions;
    const debug = only(diagnostics, "DJP301");
    const settingsEdits = editsOf(fixAll!, settingsUri);
    assert.ok(settingsEdits.some((edit) => edit.newText.includes("LOGGING = {")), "the DJP401 fix is in");
    assert.ok(settingsEdits.some((edit) => edit.newText === 'os.environ.get("SECRET_KEY")'), "the DJP101 fix is in");
    // DJP301's fix writes .env at the very place the DJP101 fix does: it waits for the next fix-all.
    assert.ok(!settingsEdits.some((edit) => edit.range.start.line === debug.range.start.line), "the DJP301 fix waits");
    assert.deepEqual(
      textEdits(fixAll!).map((change) => [change.textDocument.uri, change.textDocument.version]),
      [
        [settingsUri, 1],
        [fileUri(join(fixture.root, ".env")), null],
        [fileUri(join(fixture.root, ".gitignore")), null],
      ],
    );
  });

  it("offers fix-all among the quick fixes when several findings are fixable", async () => {
    const secret = only(client.latestDiagnostics(settingsUri)!, "DJP101");
    const actions = await requestActions(client, settingsUri, [secret], ["quickfix"]);
    const fixAll = titled(actions, "Fix all auto-fixable problems");
    assert.equal(fixAll.kind, "quickfix");
    assert.ok(!actions.some((action) => action.kind === fixAllKind), "source actions only when asked for");
  });

  it("gives no edit while the diagnostics are older than the text, and again once they are re-computed", async () => {
    const text = readFileSync(settingsPath, "utf8");
    await client.replace(settingsUri, "import os\n", "import os\n# edited\n");
    assert.deepEqual(await requestActions(client, settingsUri, [], [fixAllKind]), []);

    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: settingsUri } });
    const secretLine = text.split("\n").findIndex((line) => line.startsWith("SECRET_KEY")) + 1;
    await client.waitForDiagnostics(settingsUri, (d) => d.some((x) => x.code === "DJP101" && x.range.start.line === secretLine));
    const [fixAll] = await requestActions(client, settingsUri, [], [fixAllKind]);
    assert.ok(fixAll?.edit, "fix-all is back");
    assert.equal(textEdits(fixAll).find((change) => change.textDocument.uri === settingsUri)?.textDocument.version, 2);
  });
});

describe("clients without documentChanges", () => {
  const fixture = copyFixture("actions");
  const settingsPath = join(fixture.root, "mysite", "settings.py");
  const settingsUri = fileUri(settingsPath);
  let client: LspTestClient;

  useServer(fixture, (started) => (client = started));

  it("get the same fix as plain changes by URI", async () => {
    await client.open(settingsPath);
    const secret = only(await client.waitForDiagnostics(settingsUri, has("DJP101")), "DJP101");
    const fix = titled(await requestActions(client, settingsUri, [secret]), "Move SECRET_KEY to environment variable SECRET_KEY");
    assert.equal(fix.edit?.documentChanges, undefined);
    const changes = fix.edit?.changes ?? {};
    assert.deepEqual(Object.keys(changes), [settingsUri, fileUri(join(fixture.root, ".env")), fileUri(join(fixture.root, ".gitignore"))]);
    assert.deepEqual(changes[settingsUri]?.[0], { range: secret.range, newText: 'os.environ.get("SECRET_KEY")' });
    assert.match(changes[settingsUri]?.[1]?.newText ?? "", /load_dotenv\(/);
  });

  it("ignore fix data that is not django-ready's own", async () => {
    const forged: Diagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      source: "django-ready",
      code: "DJP101",
      message: "forged",
      data: { fixes: [{ title: "not a fix", safe: true, edits: [] }], id: "DJP101@0:0-0:1#7" },
    };
    const actions = await requestActions(client, settingsUri, [forged], ["quickfix"]);
    assert.ok(!actions.some((action) => action.title === "not a fix"));
    titled(actions, "Show documentation for DJP101");
  });
});
