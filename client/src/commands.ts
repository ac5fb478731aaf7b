// The command palette entries.
import { type CancellationToken, commands, type Disposable, ProgressLocation, window } from "vscode";
import { type CheckWorkspaceResult, checkWorkspaceMethod } from "../../server/src/lsp/protocol";
import type { ReportView } from "./reportView";
import type { ServerController } from "./serverController";
import { checkCommand, type ReadinessStatusItem } from "./statusItem";

export interface CommandTargets {
  server: ServerController;
  report: ReportView;
  status: ReadinessStatusItem;
}

/** undefined when the user cancelled (the server answers RequestCancelled; that is no failure). */
async function checkWorkspace(server: ServerController, token: CancellationToken): Promise<CheckWorkspaceResult | undefined> {
  try {
    return await server.sendRequest<CheckWorkspaceResult>(checkWorkspaceMethod, token);
  } catch (error) {
    if (token.isCancellationRequested) return undefined;
    throw error;
  }
}

async function checkProductionReadiness({ server, report, status }: CommandTargets): Promise<void> {
  const result = await window.withProgress(
    { location: ProgressLocation.Notification, title: "Django: checking production readiness", cancellable: true },
    (_progress, token) => checkWorkspace(server, token),
  );
  if (!result) return;
  if (result.reports.length === 0) {
    await window.showInformationMessage("Django: open a folder to check its production readiness.");
    return;
  }
  for (const root of result.reports) status.update(root);
  await report.show(result.reports);
}

async function reportFailure(what: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    await window.showErrorMessage(`${what} failed: ${error instanceof Error ? error.message : "unknown error"}`);
  }
}

export function registerCommands(targets: CommandTargets): Disposable[] {
  return [
    commands.registerCommand("djangoReady.restartServer", () =>
      reportFailure("Restarting the django-ready server", () => targets.server.restart()),
    ),
    commands.registerCommand(checkCommand, () => reportFailure("Checking production readiness", () => checkProductionReadiness(targets))),
  ];
}
