// Analyses and the editor features' answers run off the protocol thread. The core is synchronous, and a large
// settings module takes seconds: run on the thread that reads the connection, it would leave every request —
// `shutdown` included — unanswered until it ends. A worker thread (the same bundle, started with workerData) owns
// its own disk cache per root and receives what the editor holds: open texts, the exclude globs, the configuration
// and which cached files changed. The main thread stays free; disposing terminates the worker mid-analysis.
//
// Cancellation: the worker is busy in synchronous code, so it cannot receive a "stop" message. Each request carries
// a flag in a SharedArrayBuffer instead; the protocol thread sets it (a newer edit, a $/cancelRequest) and the core
// reads it at its checkpoints (analysis/cancellation.ts). The cancelled request's promise rejects at once and its
// answer, should it still arrive, is dropped: a superseded run never publishes.
import { parentPort, type Worker } from "node:worker_threads";
import { AnalysisStopped } from "../analysis/cancellation";
import { releaseReplacedTrees } from "../analysis/engine";
import type { Config } from "../analysis/types";
import { createDiskFileAccess, type DiskFileAccess } from "../node/files";
import { initAnalysisFromDisk } from "../node/wasm";
import { type ReadProgress, runTask, type Task, type TaskResult, type TaskRoot } from "./analysisTasks";
import { createExcludeMatcher, excludingFileAccess } from "./exclude";
import { createOverlayFileAccess } from "./overlay";
import type { AnalysisRoot } from "./roots";
import { fsPathToUri, rootRelativeToFsPath } from "./uris";
import { spawnAnalysisWorker } from "./workerThread";

/** A root as the worker sees it, sent with every request. */
export interface RootState {
  root: string;
  config: Config;
  exclude: string[];
  /** Open documents by root-relative path, with their text (it wins over the disk) and URI. */
  open: Array<[path: string, text: string, uri: string]>;
  /** Files whose cached disk text is stale since the previous request; "all" after a fresh look. */
  invalidate: string[] | "all";
}

interface WorkerRequest {
  id: number;
  root: RootState;
  task: Task;
  /** Set to 1 by the protocol thread to cancel the request. */
  stop: Int32Array;
  /** Whether the protocol thread wants progress reports. */
  reportsProgress: boolean;
}

interface WorkerReply {
  id: number;
  result?: unknown;
  error?: string;
  cancelled?: true;
  /** A report on the way, not the answer: files read of those the analysis expects to read. */
  progress?: [read: number, expected: number];
}

/** How often a long analysis tells the protocol thread how far it is. */
const PROGRESS_EVERY_MS = 100;

/** How the session and the features have a root analysed. */
export interface AnalysisBackend {
  /** Rejects with AnalysisCancelled when `signal` aborts first, or on dispose. `progress` hears of an analysis' reads. */
  run<T extends Task>(root: AnalysisRoot, task: T, signal?: AbortSignal, progress?: ReadProgress): Promise<TaskResult<T>>;
  /** Stops at once; runs under way reject with AnalysisCancelled. */
  dispose(): void;
}

/** The error a run rejects with when it was cancelled, the runner disposed (shutdown) or the worker died. */
export class AnalysisCancelled extends Error {
  constructor(why: string) {
    super(why);
    this.name = "AnalysisCancelled";
  }
}

function rootState(root: AnalysisRoot): RootState {
  return {
    root: root.fsPath,
    config: root.config,
    exclude: root.exclude,
    open: [...root.open].map(([path, document]) => [path, document.getText(), document.uri]),
    invalidate: root.takeStale(),
  };
}

/**
 * A backend working in a worker started from `script` (the server's launcher or bundle); the worker starts loading the
 * parser now. `prestarted`: a worker the launcher started from `script` already (used first).
 */
export function workerBackend(script: string, prestarted?: Worker): AnalysisBackend {
  const runner = new AnalysisRunner(script, prestarted);
  runner.start();
  return {
    run: (root, task, signal, progress) => runner.run(rootState(root), task, signal, progress) as Promise<TaskResult<typeof task>>,
    dispose: () => runner.dispose(),
  };
}

/** On this thread (tests and tools that embed the session): not interruptible once started. */
export const inProcessBackend: AnalysisBackend = {
  run: (root, task, signal, progress) => {
    root.takeStale();
    if (signal?.aborted) return Promise.reject(new AnalysisCancelled("superseded"));
    return Promise.resolve(runTask(root, task, undefined, progress));
  },
  dispose: () => undefined,
};

/** Worker side: one disk cache per root, kept between requests (and consistent after a cancelled one: reads are whole). */
function taskRoot(disks: Map<string, DiskFileAccess>, state: RootState): TaskRoot {
  let disk = disks.get(state.root);
  if (!disk) {
    disk = createDiskFileAccess(state.root);
    disks.set(state.root, disk);
  }
  if (state.invalidate === "all") disk.invalidate();
  else for (const path of state.invalidate) disk.invalidate(path);
  const matcher = createExcludeMatcher(state.exclude);
  const open = new Map(state.open.map(([path, text]) => [path, { getText: () => text }]));
  const uris = new Map(state.open.map(([path, , uri]) => [path, uri]));
  return {
    fsPath: state.root,
    access: createOverlayFileAccess(excludingFileAccess(disk, () => matcher), open),
    config: state.config,
    uriOf: (path) => uris.get(path) ?? fsPathToUri(rootRelativeToFsPath(state.root, path)),
  };
}

let onFirstAnalysis: (() => void) | undefined;

/** Worker side, at build time: `then` runs once the worker has done its first analysis (to write its code cache). */
export function afterFirstAnalysis(then: () => void): void {
  onFirstAnalysis = then;
}

export function serveAnalysisRequests(): void {
  const port = parentPort;
  if (!port) return;
  const disks = new Map<string, DiskFileAccess>();
  const ready = initAnalysisFromDisk();
  // Started before any request: a parser that fails to load is reported to each request, never as an unhandled rejection.
  ready.catch(() => undefined);
  port.on("message", async ({ id, root, task, stop, reportsProgress }: WorkerRequest) => {
    const shouldStop = () => Atomics.load(stop, 0) !== 0;
    const progress = reportsProgress ? throttledProgress((read, expected) => port.postMessage({ id, progress: [read, expected] } satisfies WorkerReply)) : undefined;
    try {
      await ready;
      // The invalidations are applied even when the request was cancelled while it waited: they are not sent again.
      const view = taskRoot(disks, root);
      if (shouldStop()) throw new AnalysisStopped();
      const result = runTask(view, task, shouldStop, progress);
      // Before the answer: once it is out, the server may be shut down and this worker terminated.
      if (task.kind === "analyze" && onFirstAnalysis) {
        const then = onFirstAnalysis;
        onFirstAnalysis = undefined;
        then();
      }
      port.postMessage({ id, result } satisfies WorkerReply);
      // The trees this analysis replaced are freed after the answer is out, not before it.
      setImmediate(releaseReplacedTrees);
    } catch (error) {
      if (error instanceof AnalysisStopped) port.postMessage({ id, cancelled: true } satisfies WorkerReply);
      else port.postMessage({ id, error: error instanceof Error ? `${error.name}: ${error.message.split("\n", 1)[0]}` : "non-Error exception" } satisfies WorkerReply);
    }
  });
}

/** At most one report per PROGRESS_EVERY_MS: the analysis reads thousands of files. */
function throttledProgress(report: ReadProgress): ReadProgress {
  let last = Number.NEGATIVE_INFINITY;
  return (read, expected) => {
    const now = performance.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    report(read, expected);
  };
}

interface Waiter {
  resolve(result: unknown): void;
  reject(error: Error): void;
  progress?: ReadProgress;
}

/** Main side: sends requests to one worker, in order; answers come back in the same order. */
export class AnalysisRunner {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private disposed = false;

  /** `script`: the bundle to start workers from (dist/server.js); `prestarted`: one started from it already. */
  constructor(
    private readonly script: string,
    private prestarted?: Worker,
  ) {}

  /** Starts the worker ahead of the first request (its parser loads while the client initializes). */
  start(): void {
    if (!this.disposed) this.started();
  }

  run(root: RootState, task: Task, signal?: AbortSignal, progress?: ReadProgress): Promise<unknown> {
    if (this.disposed) return Promise.reject(new AnalysisCancelled("the server is shutting down"));
    if (signal?.aborted) return Promise.reject(new AnalysisCancelled("superseded"));
    const worker = this.started();
    const id = this.nextId++;
    const stop = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    return new Promise((resolve, reject) => {
      const cancel = () => {
        Atomics.store(stop, 0, 1);
        this.waiting.delete(id);
        reject(new AnalysisCancelled("superseded"));
      };
      signal?.addEventListener("abort", cancel, { once: true });
      const settled = () => signal?.removeEventListener("abort", cancel);
      this.waiting.set(id, {
        resolve: (result) => (settled(), resolve(result)),
        reject: (error) => (settled(), reject(error)),
        progress,
      });
      worker.postMessage({ id, root, task, stop, reportsProgress: progress !== undefined } satisfies WorkerRequest);
    });
  }

  /** Stops at once, also in the middle of an analysis; pending runs reject with AnalysisCancelled. */
  dispose(): void {
    this.disposed = true;
    void this.prestarted?.terminate();
    this.prestarted = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
    this.failAll("the server is shutting down");
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = this.prestarted ?? spawnAnalysisWorker(this.script);
    this.prestarted = undefined;
    worker.on("message", (message: WorkerReply) => {
      const waiter = this.waiting.get(message.id);
      if (message.progress) {
        waiter?.progress?.(...message.progress);
        return;
      }
      this.waiting.delete(message.id);
      if (!waiter) return;
      if (message.cancelled) waiter.reject(new AnalysisCancelled("superseded"));
      else if (message.error !== undefined) waiter.reject(new Error(message.error));
      else waiter.resolve(message.result);
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
