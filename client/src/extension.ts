// VS Code entry point (dist/client.js): starts the language server and registers the commands.
import { type ExtensionContext, window } from "vscode";
import { registerCommands } from "./commands";
import { createFileWatchers } from "./languageClient";
import { ServerController } from "./serverController";

let server: ServerController | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const outputChannel = window.createOutputChannel("Django Production Readiness", { log: true });
  const fileWatchers = createFileWatchers();
  server = new ServerController(context, { outputChannel, fileWatchers });
  context.subscriptions.push(outputChannel, ...fileWatchers, ...registerCommands(server));
  await server.start();
}

export function deactivate(): Promise<void> | undefined {
  return server?.stop();
}
