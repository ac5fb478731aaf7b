// "Django: Check production readiness" over the built server: djangoReady/checkWorkspace publishes for files
// nobody opened, honours excludes and rule severities from pyproject.toml and the editor (the editor wins),
// answers with the readiness report, and can be cancelled; djangoReady.run "onSave" analyses on save only.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  CancellationTokenSource,
  ConfigurationRequest,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeWorkspaceFoldersNotification,
  DidSaveTextDocumentNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
} from "vscode-languageserver/node";
import type { CheckWorkspaceResult, ReadinessStatus } from "../../server/src/lsp/protocol";
import { copyFixture, ensureServerBuilt, fileUri, LspTestClient } from "./client";

before(ensureServerBuilt);

const checkMethod = "djangoReady/checkWorkspace";
const codes = (diagnostics: Diagnostic[] | undefined) => (diagnostics ?? []).map((d) => d.code);
const has = (rule: string) => (diagnostics: Diagnostic[]) => codes(diagnostics).includes(rule);

function only(diagnostics: Diagnostic[] | undefined, rule: string): Diagnostic {
  const matching = (diagnostics ?? []).filter((d) => d.code === rule);
  assert.equal(matching.length, 1, `one ${rule} in ${JSON.stringify(codes(diagnostics))}`);
  return matching[0]!;
}

/** A copy of test/fixtures/lsp/workspace-check: pyproject.toml names mysite.settings.eu as production, excludes legacy/, DJP303 error, DJP401 off. */
function workspace() {
  const fixture = copyFixture("workspace-check");
  const uri = (path: string) => fileUri(join(fixture.root, ...path.split("/")));
  return { ...fixture, uri, path: (path: string) => join(fixture.root, ...path.split("/")) };
}

async function started(root: string, settings: Record<string, unknown> = {}): Promise<LspTestClient> {
  const client = LspTestClient.start();
  client.settings = settings;
  await client.initialize(root);
  return client;
}

function check(client: LspTestClient): Promise<CheckWorkspaceResult> {
  return client.connection.sendRequest<CheckWorkspaceResult>(checkMethod);
}

describe("djangoReady/checkWorkspace", () => {
  const fixture = workspace();
  const production = fixture.uri("mysite/settings/production.py");
  let client: LspTestClient;
  const statuses: ReadinessStatus[] = [];

  before(async () => {
    client = LspTestClient.start();
    client.connection.onNotification("djangoReady/status", (status: ReadinessStatus) => {
      statuses.push(status);
    });
    await client.initialize(fixture.root);
  });
  after(() => {
    client.dispose();
    fixture.remove();
  });

  it("publishes diagnostics for files nobody opened, from a fresh look at the disk", async () => {
    await check(client);
    // Written behind the server's back: no didOpen, no watcher event.
    writeFileSync(fixture.path("mysite/settings/staging.py"), "from .base import *  # noqa: F403\n\nDEBUG = True\n");
    const result = await check(client);
    assert.equal(result.roots, 1);
    assert.equal(result.projects, 1);
    assert.equal(only(client.latestDiagnostics(fixture.uri("mysite/settings/staging.py")), "DJP301").range.start.line, 2);
    assert.ok(has("DJP301")(client.latestDiagnostics(production) ?? []));
    assert.ok(has("DJP101")(client.latestDiagnostics(fixture.uri("tools/settings.py")) ?? []));
  });

  it("leaves out what pyproject.toml excludes", () => {
    assert.equal(client.published.get(fixture.uri("legacy/settings.py")), undefined);
  });

  it("applies pyproject.toml's rule severities", () => {
    const diagnostics = client.latestDiagnostics(production);
    assert.equal(only(diagnostics, "DJP303").severity, DiagnosticSeverity.Error, "DJP303 defaults to warning; pyproject says error");
    assert.ok(!has("DJP401")(diagnostics ?? []), "DJP401 is off in pyproject.toml");
  });

  it("answers with the Markdown report: deployed module names, absolute file links with the line", async () => {
    const [report, ...others] = (await check(client)).reports;
    assert.equal(others.length, 0);
    assert.equal(report?.rootUri, fileUri(fixture.root));
    assert.match(report.markdown, /^# Django production readiness/);
    assert.ok(report.markdown.includes("`mysite.settings.eu`"), "configured in pyproject.toml");
    assert.ok(report.markdown.includes("`mysite.settings.production`"), "production by its name");
    const debugLine = (await readFile(fixture.path("mysite/settings/production.py"), "utf8")).split("\n").indexOf("DEBUG = True") + 1;
    assert.ok(report.markdown.includes(`](${production}#L${debugLine})`), "DJP301 links to its line");
    assert.ok(!report.markdown.includes("legacy/"), "excluded files are not reported");
    assert.equal(report.verdictPassed, false);
    assert.match(report.summary, /^\d+ of \d+ checks pass/);
    assert.equal(report.summary.startsWith(`${report.passed} of ${report.applicable} checks pass`), true);
    const status = statuses.at(-1);
    assert.deepEqual(status && { ...status }, {
      rootUri: report.rootUri,
      projects: 1,
      passed: report.passed,
      applicable: report.applicable,
      verdictPassed: false,
      summary: report.summary,
    });
  });

  it("lets the editor's rules win over pyproject.toml's, rule by rule", async () => {
    await client.changeSettings({ rules: { DJP303: "information", DJP301: "off" } });
    const diagnostics = await client.waitForDiagnostics(production, (d) => !has("DJP301")(d));
    assert.equal(only(diagnostics, "DJP303").severity, DiagnosticSeverity.Information);
    assert.ok(!has("DJP401")(diagnostics), "pyproject's DJP401 = off still applies");
  });

  it("honours djangoReady.exclude and the client's files.exclude globs", async () => {
    const tools = fixture.uri("tools/settings.py");
    await client.changeSettings({ exclude: ["tools/"] });
    await client.waitForDiagnostics(tools, (d) => d.length === 0);
    await client.changeSettings({});
    await client.waitForDiagnostics(tools, has("DJP101"));
    await client.changeSettings({ filesExclude: ["**/tools"] });
    await client.waitForDiagnostics(tools, (d) => d.length === 0);
    const [report] = (await check(client)).reports;
    assert.ok(!report?.markdown.includes("tools/settings.py"));
    assert.equal(client.latestDiagnostics(tools)?.length, 0, "the check does not bring it back");
  });
});

describe("djangoReady.run: onSave", () => {
  const first = workspace();
  const second = copyFixture("single");
  const productionPath = first.path("mysite/settings/production.py");
  const production = first.uri("mysite/settings/production.py");
  const singlePath = join(second.root, "mysite", "settings.py");
  const single = fileUri(singlePath);
  let client: LspTestClient;

  before(async () => {
    client = await started(first.root, { run: "onSave" });
    await check(client);
  });
  after(() => {
    client.dispose();
    first.remove();
    second.remove();
  });

  const debugLine = (diagnostics: Diagnostic[] | undefined) => only(diagnostics, "DJP301").range.start.line;

  it("analyses on open and on save, not on each change", async () => {
    const diskLine = debugLine(client.latestDiagnostics(production));
    // A second root: its analyses, queued after anything a change of the first root scheduled, serve as a barrier.
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: fileUri(second.root), name: "second" }], removed: [] },
    });
    const singleLine = debugLine(await client.waitForDiagnostics(single, has("DJP301")));

    await client.openText(production, `# opened\n${await readFile(productionPath, "utf8")}`);
    await client.waitForDiagnostics(production, (d) => debugLine(d) === diskLine + 1);

    await client.replace(production, "# opened\n", "# opened\n# changed\n");
    await client.openText(single, `# opened\n${await readFile(singlePath, "utf8")}`);
    await client.waitForDiagnostics(single, (d) => debugLine(d) === singleLine + 1);
    assert.equal(debugLine(client.latestDiagnostics(production)), diskLine + 1, "the change alone was not analysed");

    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: production } });
    await client.waitForDiagnostics(production, (d) => debugLine(d) === diskLine + 2);
  });
});

describe("cancelling djangoReady/checkWorkspace", () => {
  const fixture = workspace();
  after(() => fixture.remove());

  it("answers RequestCancelled without checking, and the next check runs", async () => {
    const client = LspTestClient.start();
    try {
      // Holds the server's start-up (it pulls settings first), so the check is still waiting when it is cancelled.
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      client.connection.onRequest(ConfigurationRequest.type, async (params) => {
        await gate;
        return params.items.map(() => ({}));
      });
      await client.initialize(fixture.root);
      const cancellation = new CancellationTokenSource();
      const pending = client.connection.sendRequest<CheckWorkspaceResult>(checkMethod, cancellation.token);
      cancellation.cancel();
      // The server handles messages in order: once this is answered, it has seen the $/cancelRequest.
      await assert.rejects(client.connection.sendRequest("djangoReady/noSuchRequest"), (error: ResponseError<unknown>) => {
        return error.code === ErrorCodes.MethodNotFound;
      });
      release();
      await assert.rejects(pending, (error: unknown) => {
        assert.ok(error instanceof ResponseError);
        assert.equal(error.code, LSPErrorCodes.RequestCancelled);
        return true;
      });
      assert.equal((await check(client)).roots, 1);
    } finally {
      client.dispose();
    }
  });
});
