// Findings reach the editor: published on start, updated on edits (also across files), cleared with empty arrays.
// Expectations follow RULES.md (DJP301 at the DEBUG literal, DJP101 at the SECRET_KEY literal, DJP401, DJP303).
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { type Diagnostic, DiagnosticSeverity } from "vscode-languageserver/node";
import { copyFixture, ensureServerBuilt, fileUri, LspTestClient, useServer } from "./client";

before(ensureServerBuilt);

const has = (rule: string) => (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === rule);
const lacks = (rule: string) => (diagnostics: Diagnostic[]) => !has(rule)(diagnostics);

function only(diagnostics: Diagnostic[], rule: string): Diagnostic {
  const matching = diagnostics.filter((d) => d.code === rule);
  assert.equal(matching.length, 1, `one ${rule} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  return matching[0]!;
}

/** The range of the first `token` on the line starting with `linePrefix`. */
function rangeOf(text: string, linePrefix: string, token: string) {
  const lines = text.split("\n");
  const line = lines.findIndex((l) => l.startsWith(linePrefix));
  const character = lines[line]!.indexOf(token, linePrefix.length - token.length);
  return { start: { line, character }, end: { line, character: character + token.length } };
}

describe("diagnostics of a single settings module", () => {
  const fixture = copyFixture("single");
  const settingsPath = join(fixture.root, "mysite", "settings.py");
  const settingsUri = fileUri(settingsPath);
  let client: LspTestClient;

  useServer(fixture, (started) => (client = started));

  it("publishes DJP301 and DJP101 with source, code, help link and the literal's range", async () => {
    await client.open(settingsPath);
    const diagnostics = await client.waitForDiagnostics(settingsUri, (d) => has("DJP301")(d) && has("DJP101")(d));
    const debug = only(diagnostics, "DJP301");
    assert.equal(debug.source, "django-ready");
    assert.equal(debug.severity, DiagnosticSeverity.Error);
    assert.deepEqual(debug.codeDescription, {
      href: "https://github.com/django-ready/django-ready/blob/main/docs/rules/DJP301.md",
    });
    assert.equal(typeof (debug.data as { id: unknown }).id, "string");
    const source = await readFile(settingsPath, "utf8");
    assert.deepEqual(debug.range, rangeOf(source, "DEBUG = True", "True"));
    const secret = only(diagnostics, "DJP101");
    const secretLiteral = '"django-insecure-k3j9x!b2m@q8w#z5r7t1y4u6i0o-p2a8s4d6f8g0h2j4"';
    assert.deepEqual(secret.range, rangeOf(source, "SECRET_KEY = ", secretLiteral));
    assert.equal(secret.severity, DiagnosticSeverity.Error);
  });

  it("clears DJP301 when an edit turns DEBUG off, keeping the other findings", async () => {
    await client.replace(settingsUri, "DEBUG = True", "DEBUG = False");
    const diagnostics = await client.waitForDiagnostics(settingsUri, lacks("DJP301"));
    assert.ok(has("DJP101")(diagnostics), "the hard-coded SECRET_KEY is still reported");
  });

  it("reports again after an edit brings it back, and re-reads the disk on close", async () => {
    await client.replace(settingsUri, "DEBUG = False", "DEBUG = 1");
    await client.waitForDiagnostics(settingsUri, has("DJP301"));
    await client.replace(settingsUri, "DEBUG = 1", "DEBUG = False");
    await client.waitForDiagnostics(settingsUri, lacks("DJP301"));
    // The disk still says DEBUG = True: closing the unsaved buffer brings the finding back.
    await client.close(settingsUri);
    await client.waitForDiagnostics(settingsUri, has("DJP301"));
  });
});

describe("diagnostics of a split settings package", () => {
  const fixture = copyFixture("split");
  const settingsDir = join(fixture.root, "mysite", "settings");
  const baseUri = fileUri(join(settingsDir, "base.py"));
  const productionUri = fileUri(join(settingsDir, "production.py"));
  const herokuUri = fileUri(join(settingsDir, "heroku.py"));
  let client: LspTestClient;

  useServer(fixture, (started) => (client = started));

  it("publishes at start, without any open document: DEBUG of base.py, deployed by production.py, at base's literal", async () => {
    const base = await client.waitForDiagnostics(baseUri, has("DJP301"));
    const source = await readFile(join(settingsDir, "base.py"), "utf8");
    assert.deepEqual(only(base, "DJP301").range, rangeOf(source, "DEBUG = True", "True"));
    // heroku.py is deployed too (RULES.md role step 3: its name says production), so its own ALLOWED_HOSTS is judged.
    await client.waitForDiagnostics(herokuUri, has("DJP303"));
  });

  it("publishes production-only findings at line 1 of production.py (LOGGING missing)", async () => {
    const production = await client.waitForDiagnostics(productionUri, has("DJP401"));
    assert.equal(only(production, "DJP401").range.start.line, 0);
  });

  it("editing base.py clears base's DJP301 with an empty array", async () => {
    await client.open(join(settingsDir, "base.py"));
    await client.replace(baseUri, "DEBUG = True", "DEBUG = False");
    const base = await client.waitForDiagnostics(baseUri, lacks("DJP301"));
    assert.deepEqual(base, [], "base.py has nothing left and gets an empty array");
  });

  it("editing base.py updates production.py's findings: LOGGING added in base clears DJP401", async () => {
    await client.waitForDiagnostics(productionUri, has("DJP401"));
    await client.replace(
      baseUri,
      'ROOT_URLCONF = "mysite.urls"',
      'ROOT_URLCONF = "mysite.urls"\n\nLOGGING = {\n    "version": 1,\n    "disable_existing_loggers": False,\n' +
        '    "handlers": {"console": {"class": "logging.StreamHandler"}},\n' +
        '    "root": {"handlers": ["console"], "level": "INFO"},\n}',
    );
    const production = await client.waitForDiagnostics(productionUri, lacks("DJP401"));
    assert.ok(production.every((d) => d.source === "django-ready"));
  });

  it("re-analyses with the production settings the user configures", async () => {
    await client.changeSettings({ productionSettings: ["mysite.settings.heroku"] });
    const heroku = await client.waitForDiagnostics(herokuUri, has("DJP303"));
    assert.equal(only(heroku, "DJP303").severity, DiagnosticSeverity.Warning);
  });

  it("answers djangoReady/checkWorkspace with a summary of what it published", async () => {
    const summary = await client.connection.sendRequest<{ roots: number; projects: number; findings: number; files: number }>(
      "djangoReady/checkWorkspace",
    );
    assert.equal(summary.roots, 1);
    assert.equal(summary.projects, 1);
    const published = [...client.published.values()].map((history) => history.at(-1)!).filter((d) => d.length > 0);
    assert.equal(summary.files, published.length);
    assert.equal(summary.findings, published.reduce((sum, d) => sum + d.length, 0));
  });
});

