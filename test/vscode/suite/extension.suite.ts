// The extension inside a real VS Code: activation, diagnostics for a settings module and a .env, the
// SECRET_KEY quick fix reaching the disk, and the readiness command opening its report (a webview).
import assert from "node:assert/strict";
import * as vscode from "vscode";
import { suite, suiteSetup, test } from "./mocha";
import { extensionId, poll, readFromDisk, ruleOf, waitForDiagnostics, workspaceUri } from "./helpers";

const secretLiteral = "django-insecure-7v$w2q!m9x#k4r8t1z6b3n5c0p-j2h4g6f8d0s2a4l6e8";
const quickFixTitle = "Move SECRET_KEY to environment variable SECRET_KEY";

suite("django-ready in VS Code", () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not loaded`);
    await extension.activate();
  });

  test("publishes the settings module's findings with rule ids, links and lines", async () => {
    const uri = workspaceUri("mysite/settings.py");
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await waitForDiagnostics(uri, ["DJP101@5", "DJP301@7", "DJP303@9", "DJP401@1"]);
    const secretKey = diagnostics.find((d) => ruleOf(d) === "DJP101");
    assert.equal(secretKey?.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(secretKey?.source, "django-ready");
    assert.equal(secretKey?.range.start.character, 13);
    assert.ok(diagnostics.every((d) => !d.message.includes(secretLiteral)), "a message echoes the secret");
  });

  test("publishes the .env file's findings", async () => {
    const uri = workspaceUri(".env");
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, "dotenv");
    await waitForDiagnostics(uri, ["DJP604@2"]);
  });

  test("the SECRET_KEY quick fix moves the value to .env on disk", async () => {
    const uri = workspaceUri("mysite/settings.py");
    const [secretKey] = await waitForDiagnostics(uri, ["DJP101@5"]).then((all) => all.filter((d) => ruleOf(d) === "DJP101"));
    assert.ok(secretKey);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      "vscode.executeCodeActionProvider",
      uri,
      secretKey.range,
      vscode.CodeActionKind.QuickFix.value,
      // Fix edits are resolved lazily (they hold the secret): resolve the listed actions as the editor does on apply.
      100,
    );
    const fix = actions.find((action) => action.title === quickFixTitle);
    assert.ok(fix, `no "${quickFixTitle}" among: ${actions.map((a) => a.title).join(" / ")}`);
    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), "the workspace edit was rejected");
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.ok(await vscode.workspace.saveAll(false));
    const settings = await poll(() => {
      const text = readFromDisk("mysite/settings.py");
      return text && !text.includes(secretLiteral) ? text : undefined;
    }, "settings.py on disk without the literal");
    assert.match(settings, /^SECRET_KEY = os\.(environ\.get\("SECRET_KEY"\)|environ\["SECRET_KEY"\]|getenv\("SECRET_KEY"\))$/m);
    // The .env edit reaches the disk on its own schedule (a separate document): wait for it as for settings.py.
    const env = await poll(() => {
      const text = readFromDisk(".env");
      return text?.includes("SECRET_KEY=") ? text : undefined;
    }, ".env on disk with SECRET_KEY");
    const line = env.split("\n").find((l) => l.startsWith("SECRET_KEY="));
    assert.ok(line?.includes(secretLiteral), `.env holds ${JSON.stringify(line)}`);
    assert.match(env, /^DJANGO_ALLOWED_HOSTS=localhost$/m, "the fix kept the existing keys");
    await poll(
      () => (vscode.languages.getDiagnostics(uri).some((d) => ruleOf(d) === "DJP101") ? undefined : true),
      "DJP101 to go away",
    );
  });

  test("Django: Check production readiness opens the readiness report", async () => {
    await vscode.commands.executeCommand("djangoReady.checkProductionReadiness");
    // The report is a webview (its text is for the end-to-end test to read): the command opened its panel.
    const reportTab = await poll(
      () =>
        vscode.window.tabGroups.all
          .flatMap((group) => group.tabs)
          .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith("djangoReady.report")),
      "the readiness report's webview tab",
    );
    assert.equal(reportTab.label, "Django production readiness");
  });
});
