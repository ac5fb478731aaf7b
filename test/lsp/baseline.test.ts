// Baselines in the editor: findings the baseline file holds are hints (djangoReady.baselinedFindings "hint"),
// or hidden ("hide"), never errors; new findings keep their severity; checkWorkspace with { history: true }
// adds the git-history line to the report.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Diagnostic, DiagnosticSeverity } from "vscode-languageserver/node";
import type { CheckWorkspaceResult } from "../../server/src/lsp/protocol";
import { copyFixture, ensureServerBuilt, fileUri, LspTestClient, repoRoot } from "./client";

before(ensureServerBuilt);

const severityOf = (diagnostics: Diagnostic[] | undefined, rule: string) => (diagnostics ?? []).filter((d) => d.code === rule).map((d) => d.severity);

describe("djangoReady.baseline", () => {
  const fixture = copyFixture("single");
  const settings = join(fixture.root, "mysite/settings.py");
  const uri = fileUri(settings);
  let client: LspTestClient;

  before(async () => {
    execFileSync(process.execPath, [join(repoRoot, "dist/cli.js"), "baseline", fixture.root], { stdio: "ignore" });
    client = LspTestClient.start();
    client.settings = { baseline: ".django-ready-baseline.json" };
    await client.initialize(fixture.root);
  });
  after(() => {
    client.dispose();
    fixture.remove();
  });

  it("shows baselined findings as hints, never errors", async () => {
    await client.connection.sendRequest<CheckWorkspaceResult>("djangoReady/checkWorkspace");
    const diagnostics = client.latestDiagnostics(uri);
    assert.deepEqual(severityOf(diagnostics, "DJP101"), [DiagnosticSeverity.Hint]);
    assert.ok((diagnostics ?? []).every((d) => d.severity === DiagnosticSeverity.Hint), JSON.stringify(diagnostics));
  });

  it("a new finding keeps its severity", async () => {
    writeFileSync(settings, `${readFileSync(settings, "utf8")}EMAIL_HOST_PASSWORD = "correct-horse-battery-staple-42"\n`);
    await client.connection.sendRequest<CheckWorkspaceResult>("djangoReady/checkWorkspace");
    assert.deepEqual(severityOf(client.latestDiagnostics(uri), "DJP102"), [DiagnosticSeverity.Error]);
    assert.deepEqual(severityOf(client.latestDiagnostics(uri), "DJP101"), [DiagnosticSeverity.Hint]);
  });

  it('"hide" leaves baselined findings out', async () => {
    await client.changeSettings({ baseline: ".django-ready-baseline.json", baselinedFindings: "hide" });
    const diagnostics = await client.waitForDiagnostics(uri, (d) => severityOf(d, "DJP101").length === 0);
    assert.deepEqual(severityOf(diagnostics, "DJP102"), [DiagnosticSeverity.Error]);
  });

  it("without the setting everything is back at its own severity", async () => {
    await client.changeSettings({});
    const diagnostics = await client.waitForDiagnostics(uri, (d) => severityOf(d, "DJP101").length === 1);
    assert.deepEqual(severityOf(diagnostics, "DJP101"), [DiagnosticSeverity.Error]);
  });

  it("checkWorkspace { history: true } adds the git-history line (not judged outside a repository)", async () => {
    const plain = await client.connection.sendRequest<CheckWorkspaceResult>("djangoReady/checkWorkspace");
    assert.ok(!plain.reports[0]?.markdown.includes("Git history"));
    const withHistory = await client.connection.sendRequest<CheckWorkspaceResult>("djangoReady/checkWorkspace", { history: true });
    assert.match(withHistory.reports[0]?.markdown ?? "", /## Git history\n\nGit history: not judged: not inside a git repository/);
  });
});
