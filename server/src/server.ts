// The language server (dist/server-main.js, started by the launcher dist/server.js): `--stdio` or `--node-ipc`,
// chosen by the client. The same bundle is the analysis worker's script.
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import type { Worker } from "node:worker_threads";
import { serveAnalysisRequests } from "./lsp/analysisWorker";
import { isAnalysisWorker } from "./lsp/workerThread";

export { afterFirstAnalysis } from "./lsp/analysisWorker";
import { FramingGuard } from "./lsp/framing";
import { listen } from "./lsp/connection";
import { createDiskFileAccess } from "./node/files";

/** Over stdio the input is re-framed by the guard (a malformed header must not wedge the connection). */
function stdioConnection() {
  const report = (line: string) => process.stderr.write(`django-ready: protocol: ${line}\n`);
  const input = process.stdin.pipe(new FramingGuard(report));
  // vscode-languageserver redirects console output to the client only when it opens stdio itself; stdout is the
  // protocol, so stray console output goes to stderr.
  for (const method of ["log", "info", "warn", "debug"] as const) console[method] = console.error;
  return createConnection(ProposedFeatures.all, input, process.stdout);
}

/**
 * The protocol thread: analyses and the editor features run in a worker started from this same bundle, so `shutdown`
 * is answered at once. The worker starts, and loads the parser, while the client initializes; this thread never
 * parses, so it does not load the parser. `workerScript`: what the worker starts from (the launcher, with its code
 * cache, when there is one); `prestarted`: a worker the launcher started from it before loading this bundle.
 */
export function startServer(workerScript = __filename, prestarted?: Worker): void {
  const connection = process.argv.includes("--stdio") ? stdioConnection() : createConnection(ProposedFeatures.all);
  listen(connection, {
    createDiskAccess: (root, options) => createDiskFileAccess(root, options),
    analysisWorkerScript: workerScript,
    prestartedWorker: prestarted,
  });
}

if (isAnalysisWorker()) serveAnalysisRequests();
else if (require.main === module) startServer();
