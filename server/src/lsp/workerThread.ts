// How the analysis worker thread is started: by the runner, and by dist/server.js before it loads the protocol
// thread's bundle, so that the worker's own start (a V8 isolate, Node's bootstrap, the bundle, the parser) runs on
// the other core meanwhile instead of after it. Kept free of the rest of the server: the launcher bundles it.
import { isMainThread, Worker, workerData } from "node:worker_threads";

const WORKER_ROLE = "django-ready-analysis-worker";
const WORKER_HEAP_MB = 2048;
const WORKER_YOUNG_GENERATION_MB = 8;

/** Whether this thread is the analysis worker (then it serves requests and nothing else). */
export function isAnalysisWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | undefined)?.role === WORKER_ROLE;
}

/** `script`: the bundle to start the worker from (dist/server.js). Attach its listeners in the same turn. */
export function spawnAnalysisWorker(script: string): Worker {
  // The worker's stdout would reach the protocol stream: anything it prints goes to stderr instead.
  // A bounded heap: a file that makes the analysis eat memory kills the worker, not the server.
  const worker = new Worker(script, {
    workerData: { role: WORKER_ROLE },
    stdout: true,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  worker.stdout.pipe(process.stderr);
  worker.unref();
  return worker;
}
