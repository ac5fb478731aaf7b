// Analyses run off the protocol thread. The core is synchronous, and a large settings module takes seconds:
// run on the thread that reads the connection, it would leave every request — `shutdown` included —
// unanswered until it ends. A worker thread (the same bundle, started with workerData) owns its own disk
// cache per root and receives what the editor holds: open texts, the exclude globs, the configuration and
// which cached files changed. The main thread stays free; disposing terminates the worker mid-analysis.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { analyze, type AnalysisResult } from "../analysis/engine";
import type { Config } from "../analysis/types";
import { createDiskFileAccess, type DiskFileAccess } from "../node/files";
import { initAnalysisFromDisk } from "../node/wasm";
import { createExcludeMatcher, excludingFileAccess } from "./exclude";
import { createOverlayFileAccess } from "./overlay";
import { scopedFileAccess } from "./scopes";
import type { AnalysisRoot } from "./roots";

export interface AnalysisRequest {
  root: string;
  config: Config;
  exclude: string[];
  /** Open documents' texts by root-relative path: they win over the disk. */
  open: Array<[string, string]>;
  /** Files whose cached disk text is stale since the previous request; "all" after a fresh look. */
  invalidate: string[] | "all";
  /** A scope's listing: only these files are analysed (reads stay the root's). */
  files?: string[];
}

export interface AnalysisOutcome {
  result: AnalysisResult;
  /** The listing the analysis saw (for the readiness report). */
  files: string[];
}

interface WorkerMessage {
  id: number;
  outcome?: AnalysisOutcome;
  error?: string;
}

/** How the session has a root analysed. */
export interface AnalysisBackend {
  /** The whole root, or only `files` (a scope's listing). */
  run(root: AnalysisRoot, files?: string[]): Promise<AnalysisOutcome>;
  /** Stops at once; runs under way reject with AnalysisCancelled. */
  dispose(): void;
}

/** A backend analysing in a worker started from `script` (the server bundle). */
export function workerBackend(script: string): AnalysisBackend {
  const runner = new AnalysisRunner(script);
  return {
    run: (root, files) =>
      runner.run({
        files,
        root: root.fsPath,
        config: root.config,
        exclude: root.exclude,
        open: [...root.open].map(([path, document]) => [path, document.getText()]),
        invalidate: root.takeStale(),
      }),
    dispose: () => runner.dispose(),
  };
}

/** The error a run rejects with when the runner is disposed (shutdown) or the worker died. */
export class AnalysisCancelled extends Error {
  constructor(why: string) {
    super(why);
    this.name = "AnalysisCancelled";
  }
}

const WORKER_FLAG = "django-ready-analysis-worker";
const WORKER_HEAP_MB = 2048;

/** Worker side: one disk cache per root, kept between requests. */
function analyzeRequest(disks: Map<string, DiskFileAccess>, request: AnalysisRequest): AnalysisOutcome {
  let disk = disks.get(request.root);
  if (!disk) {
    disk = createDiskFileAccess(request.root);
    disks.set(request.root, disk);
  }
  if (request.invalidate === "all") disk.invalidate();
  else for (const path of request.invalidate) disk.invalidate(path);
  const matcher = createExcludeMatcher(request.exclude);
  const open = new Map(request.open.map(([path, text]) => [path, { getText: () => text }]));
  const rootAccess = createOverlayFileAccess(excludingFileAccess(disk, () => matcher), open);
  const access = request.files ? scopedFileAccess(rootAccess, request.files) : rootAccess;
  const result = analyze(access, request.config);
  return { result, files: [...access.files()] };
}

/** Whether this thread is the analysis worker (then it serves requests and nothing else). */
export function isAnalysisWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | undefined)?.role === WORKER_FLAG;
}

export function serveAnalysisRequests(): void {
  const port = parentPort;
  if (!port) return;
  const disks = new Map<string, DiskFileAccess>();
  const ready = initAnalysisFromDisk();
  port.on("message", async ({ id, request }: { id: number; request: AnalysisRequest }) => {
    try {
      await ready;
      port.postMessage({ id, outcome: analyzeRequest(disks, request) } satisfies WorkerMessage);
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? `${error.name}: ${error.message.split("\n", 1)[0]}` : "non-Error exception" } satisfies WorkerMessage);
    }
  });
}

/** Main side: sends requests to one worker, in order; answers come back in the same order. */
export class AnalysisRunner {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(outcome: AnalysisOutcome): void; reject(error: Error): void }>();
  private disposed = false;

  /** `script`: the bundle to start the worker from (dist/server.js). */
  constructor(private readonly script: string) {}

  run(request: AnalysisRequest): Promise<AnalysisOutcome> {
    if (this.disposed) return Promise.reject(new AnalysisCancelled("the server is shutting down"));
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, request });
    });
  }

  /** Stops at once, also in the middle of an analysis; pending runs reject with AnalysisCancelled. */
  dispose(): void {
    this.disposed = true;
    void this.worker?.terminate();
    this.worker = undefined;
    this.failAll("the server is shutting down");
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    // The worker's stdout would reach the protocol stream: anything it prints goes to stderr instead.
    // A bounded heap: a file that makes the analysis eat memory kills the worker, not the server.
    const worker = new Worker(this.script, { workerData: { role: WORKER_FLAG }, stdout: true, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.stdout.pipe(process.stderr);
    worker.unref();
    worker.on("message", (message: WorkerMessage) => {
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (!waiter) return;
      if (message.outcome) waiter.resolve(message.outcome);
      else waiter.reject(new Error(message.error ?? "the analysis failed"));
    });
    // A worker that dies (out of memory on a hostile file, say) fails its runs; the next run starts a new one.
    const lost = (why: string) => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(why);
    };
    worker.on("error", (error) => lost(`the analysis worker failed: ${error.message.split("\n", 1)[0]}`));
    worker.on("exit", (code) => lost(`the analysis worker exited (${code})`));
    this.worker = worker;
    return worker;
  }

  private failAll(why: string): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const waiter of waiting) waiter.reject(new AnalysisCancelled(why));
  }
}
