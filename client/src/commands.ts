// The command palette entries.
import { commands, type Disposable, ProgressLocation, window } from "vscode";
import { type CheckWorkspaceSummary, checkWorkspaceMethod } from "../../server/src/lsp/protocol";
import type { ServerController } from "./serverController";

export function describeSummary(summary: CheckWorkspaceSummary): string {
  if (summary.projects === 0) return "Django production readiness: no Django project found in the workspace.";
  const projects = summary.projects === 1 ? "1 Django project" : `${summary.projects} Django projects`;
  if (summary.findings === 0) return `Django production readiness: ${projects}, no findings.`;
  const findings = summary.findings === 1 ? "1 finding" : `${summary.findings} findings`;
  const files = summary.files === 1 ? "1 file" : `${summary.files} files`;
  return `Django production readiness: ${projects}, ${findings} in ${files} (see the Problems panel).`;
}

async function checkProductionReadiness(server: ServerController): Promise<void> {
  const summary = await window.withProgress(
    { location: ProgressLocation.Window, title: "Checking production readiness" },
    () => server.sendRequest<CheckWorkspaceSummary>(checkWorkspaceMethod),
  );
  await window.showInformationMessage(describeSummary(summary));
}

async function reportFailure(what: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    await window.showErrorMessage(`${what} failed: ${error instanceof Error ? error.message : "unknown error"}`);
  }
}

export function registerCommands(server: ServerController): Disposable[] {
  return [
    commands.registerCommand("djangoReady.restartServer", () =>
      reportFailure("Restarting the django-ready server", () => server.restart()),
    ),
    commands.registerCommand("djangoReady.checkProductionReadiness", () =>
      reportFailure("Checking production readiness", () => checkProductionReadiness(server)),
    ),
  ];
}
