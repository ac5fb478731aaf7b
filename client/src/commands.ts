// The command palette entries.
import { type CancellationToken, commands, type Disposable, ProgressLocation, window } from "vscode";
import { type CheckWorkspaceParams, type CheckWorkspaceResult, checkWorkspaceMethod } from "../../server/src/lsp/protocol";
import type { ReportView } from "./reportView";
import type { ServerController } from "./serverController";
import { checkCommand, type ReadinessStatusItem } from "./statusItem";

const checkWithHistoryCommand = "djangoReady.checkProductionReadinessWithHistory";

export interface CommandTargets {
  server: ServerController;
  report: ReportView;
  status: ReadinessStatusItem;
}

/** undefined when the user cancelled (the server answers RequestCancelled; that is no failure). */
async function checkWorkspace(server: ServerController, token: CancellationToken, params?: CheckWorkspaceParams): Promise<CheckWorkspaceResult | undefined> {
  try {
    return await server.sendRequest<CheckWorkspaceResult>(checkWorkspaceMethod, token, params);
  } catch (error) {
    if (token.isCancellationRequested) return undefined;
    throw error;
  }
}

async function checkProductionReadiness({ server, report, status }: CommandTargets, params?: CheckWorkspaceParams): Promise<void> {
  const title = params?.history ? "Django: checking production readiness and git history" : "Django: checking production readiness";
  const result = await window.withProgress(
    { location: ProgressLocation.Notification, title, cancellable: true },
    (_progress, token) => checkWorkspace(server, token, params),
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
    commands.registerCommand(checkWithHistoryCommand, () =>
      reportFailure("Checking production readiness", () => checkProductionReadiness(targets, { history: true })),
    ),
  ];
}
