// dist/server.js: the language server as clients spawn it. Loads dist/server-main.js with its build-time code cache.
// The analysis worker starts from this launcher too, so it also loads the bundle with the code cache; loading the
// bundle is all it needs (the bundle serves analysis requests by itself in the worker).
import { dirname, join } from "node:path";
import { isMainThread } from "node:worker_threads";
import { loadBundle } from "./node/codeCache";
import { spawnAnalysisWorker } from "./lsp/workerThread";

// The protocol thread and the analysis worker run different halves of the bundle (the worker does all the parsing
// and analysing), so each has its own cache, written after the half it runs has been compiled.
const CACHE_FILE = isMainThread ? "server-main.cache" : "server-worker.cache";

/** Set by build.mjs only (the main cache's path): write the code caches there, the worker's beside it. */
const writeCacheBeside = process.env.DJANGO_READY_WRITE_CODE_CACHE;
const writeCacheTo = writeCacheBeside && join(dirname(writeCacheBeside), CACHE_FILE);
// The worker first: its start overlaps this thread's loading of the bundle.
const worker = isMainThread ? spawnAnalysisWorker(__filename) : undefined;
const bundle = loadBundle(join(__dirname, "server-main.js"), writeCacheTo ?? join(__dirname, CACHE_FILE));
if (isMainThread) {
  if (writeCacheTo) process.on("exit", () => bundle.writeCache());
  (bundle.exports.startServer as (workerScript: string, prestarted?: typeof worker) => void)(__filename, worker);
} else if (writeCacheTo) {
  (bundle.exports.afterFirstAnalysis as (then: () => void) => void)(() => bundle.writeCache());
}
