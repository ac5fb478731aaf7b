// The language server (dist/server-main.js, started by the launcher dist/server.js): `--stdio` or `--node-ipc`,
// chosen by the client.
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { listen } from "./lsp/connection";
import { createDiskFileAccess } from "./node/files";
import { initAnalysisFromDisk } from "./node/wasm";

export function startServer(): void {
  listen(createConnection(ProposedFeatures.all), {
    analysisReady: initAnalysisFromDisk(),
    createDiskAccess: (root, options) => createDiskFileAccess(root, options),
  });
}

if (require.main === module) startServer();
