// Env links over stdio: hover, definition and completion on env lookups, references from env keys,
// and settings re-checked when an env file changes. Values only ever reach the client masked.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import type { CompletionItem, CompletionList, Hover, Location, MarkupContent, Position } from "vscode-languageserver/node";
import { copyFixture, ensureServerBuilt, fileUri, LspTestClient, useServer } from "./client";
import { initializeRichEditor } from "./editorProfile";

before(ensureServerBuilt);

// The fixture's .env value for SECRET_KEY: it must never reach the client.
const rawSecret = "Zr8vQ2mW9xLk4TnB7pYc3HdF6sJa1GeU5oKi0RqV";
const maskedSecret = "Zr8v••••";

/** The position `offset` characters into the first occurrence of `token` in `text`. */
function positionOf(text: string, token: string, offset = 1): Position {
  const index = text.indexOf(token);
  assert.ok(index >= 0, `"${token}" is in the text`);
  const before = text.slice(0, index);
  const line = before.split("\n").length - 1;
  return { line, character: index - (before.lastIndexOf("\n") + 1) + offset };
}

function neverRaw(result: unknown): void {
  assert.ok(!JSON.stringify(result).includes(rawSecret), "the raw value never reaches the client");
}

describe("env links", () => {
  const fixture = copyFixture("envlinks");
  const settingsPath = join(fixture.root, "mysite", "settings.py");
  const envPath = join(fixture.root, ".env");
  const settingsUri = fileUri(settingsPath);
  const envUri = fileUri(envPath);
  const exampleUri = fileUri(join(fixture.root, ".env.example"));
  const settingsText = readFileSync(settingsPath, "utf8");
  let client: LspTestClient;
  let capabilities: Awaited<ReturnType<typeof initializeRichEditor>>["capabilities"];

  const request = <T>(method: string, uri: string, position: Position, extra: object = {}): Promise<T> =>
    client.connection.sendRequest(method, { textDocument: { uri }, position, ...extra }) as Promise<T>;

  useServer(
    fixture,
    (started) => (client = started),
    async (started, root) => {
      capabilities = (await initializeRichEditor(started, root)).capabilities;
      await started.open(settingsPath);
      await started.waitForDiagnostics(settingsUri, (d) => d.length > 0);
    },
  );

  it("declares hover, definition, references and completion", () => {
    assert.equal(capabilities.hoverProvider, true);
    assert.equal(capabilities.definitionProvider, true);
    assert.equal(capabilities.referencesProvider, true);
    assert.ok(capabilities.completionProvider);
  });

  it("hovers an env lookup's variable with every defining line and masked values", async () => {
    const at = positionOf(settingsText, '"SECRET_KEY"', 3);
    const hover = await request<Hover>("textDocument/hover", settingsUri, at);
    neverRaw(hover);
    const { value } = hover.contents as MarkupContent;
    assert.match(value, /`SECRET_KEY` is defined in:/);
    assert.ok(value.includes(`[.env:1](${envUri}#L1): \`${maskedSecret}\``), value);
    assert.ok(value.includes(`[.env.example:1](${exampleUri}#L1) (template): \`chan••••\``), value);
    const start = positionOf(settingsText, '"SECRET_KEY"', 0);
    assert.deepEqual(hover.range, { start, end: { line: start.line, character: start.character + '"SECRET_KEY"'.length } });
  });

  it("says when no env file defines the variable, and stays silent outside lookups", async () => {
    const undefinedHover = await request<Hover>("textDocument/hover", settingsUri, positionOf(settingsText, '"SENTRY_DSN"'));
    assert.equal((undefinedHover.contents as MarkupContent).value, "`SENTRY_DSN` is not defined in any env file of this project.");
    const emptyHover = await request<Hover>("textDocument/hover", settingsUri, positionOf(settingsText, '"EMAIL_HOST_PASSWORD"'));
    assert.match((emptyHover.contents as MarkupContent).value, /\.env\.example:4\]\([^)]*\) \(template\): empty$/);
    assert.equal(await request("textDocument/hover", settingsUri, positionOf(settingsText, "ROOT_URLCONF")), null);
  });

  it("goes to the defining lines, runtime env files first", async () => {
    const locations = await request<Location[]>("textDocument/definition", settingsUri, positionOf(settingsText, '"DEBUG"'));
    assert.deepEqual(locations, [
      { uri: envUri, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } } },
      { uri: exampleUri, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } } },
    ]);
  });

  it("completes env keys inside a lookup's string, with masked values and their file", async () => {
    const edited = 'SENTRY_DSN = os.environ["SE"]';
    await client.replace(settingsUri, 'SENTRY_DSN = os.environ["SENTRY_DSN"]', edited);
    const text = settingsText.replace('SENTRY_DSN = os.environ["SENTRY_DSN"]', edited);
    const at = positionOf(text, '["SE"]', 4);
    const result = await request<CompletionItem[] | CompletionList>("textDocument/completion", settingsUri, at);
    neverRaw(result);
    const items = Array.isArray(result) ? result : result.items;
    assert.deepEqual(
      items.map((item) => [item.label, item.detail]),
      [
        ["ALLOWED_HOSTS", "blog•••• (.env)"],
        ["DEBUG", "Fals•••• (.env)"],
        ["EMAIL_HOST_PASSWORD", "empty (.env.example)"],
        ["SECRET_KEY", `${maskedSecret} (.env)`],
      ],
    );
    const content = { start: { line: at.line, character: at.character - 2 }, end: at };
    assert.deepEqual(items[3]!.textEdit, { range: content, newText: "SECRET_KEY" });
    assert.equal(await request("textDocument/completion", settingsUri, positionOf(text, "ROOT_URLCONF")), null);
  });

  it("finds the lookups reading a key from the env file, and its definitions on request", async () => {
    await client.open(envPath, "dotenv");
    const envText = readFileSync(envPath, "utf8");
    const at = positionOf(envText, "SECRET_KEY", 2);
    const lookup = positionOf(settingsText, '"SECRET_KEY"', 0);
    const lookupLocation = { uri: settingsUri, range: { start: lookup, end: { line: lookup.line, character: lookup.character + 12 } } };
    const keyRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } };
    assert.deepEqual(await request("textDocument/references", envUri, at, { context: { includeDeclaration: false } }), [lookupLocation]);
    assert.deepEqual(await request("textDocument/references", envUri, at, { context: { includeDeclaration: true } }), [
      { uri: envUri, range: keyRange },
      { uri: exampleUri, range: keyRange },
      lookupLocation,
    ]);
    const onValue = positionOf(envText, rawSecret.slice(0, 4));
    assert.equal(await request("textDocument/references", envUri, onValue, { context: { includeDeclaration: true } }), null);
  });

  it("re-checks the settings module when an env file it reads changes", async () => {
    await client.replace(settingsUri, 'SENTRY_DSN = os.environ["SE"]', 'SENTRY_DSN = os.environ["SENTRY_DSN"]');
    await client.waitForDiagnostics(settingsUri, (d) => d.some((x) => x.code === "DJP108"));
    await client.replace(envUri, "DEBUG=False\n", "DEBUG=False\nSENTRY_DSN=https://key@sentry.example.com/1\n");
    await client.waitForDiagnostics(settingsUri, (d) => !d.some((x) => x.code === "DJP108"));
  });
});
