// VS Code entry point (dist/client.js): starts the language server, registers the commands, the report view
// and the status item.
import { type ExtensionContext, window, workspace } from "vscode";
import { registerCommands } from "./commands";
import { affectsFilesExclude } from "./filesExclude";
import { createFileWatchers } from "./languageClient";
import { ReportView } from "./reportView";
import { ServerController } from "./serverController";
import { ReadinessStatusItem } from "./statusItem";

let server: ServerController | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const outputChannel = window.createOutputChannel("Django Production Readiness", { log: true });
  const fileWatchers = createFileWatchers();
  const status = new ReadinessStatusItem();
  const report = new ReportView();
  server = new ServerController(
    context,
    { outputChannel, fileWatchers },
    { status: (readiness) => status.update(readiness), stopped: () => status.reset() },
  );
  const controller = server;
  context.subscriptions.push(
    outputChannel,
    ...fileWatchers,
    status,
    report,
    ...registerCommands({ server: controller, report, status }),
    workspace.onDidChangeConfiguration((event) => {
      if (!affectsFilesExclude(event)) return;
      controller.configurationChanged().catch((error: unknown) => {
        outputChannel.warn(`Sending the files.exclude change failed: ${error instanceof Error ? error.message : "unknown error"}`);
      });
    }),
  );
  await server.start();
}

export function deactivate(): Promise<void> | undefined {
  return server?.stop();
}
