// Cooperative cancellation of one analysis. The caller hands `analyze` a `shouldStop` question (the language
// server's worker reads a flag the protocol thread sets when a newer edit or a $/cancelRequest supersedes the run);
// the core asks it at cheap checkpoints — per file read or parsed, per project, per rule, inside long per-node loops
// and during a parse — and unwinds with AnalysisStopped. Held for the duration of one synchronous analysis only, so
// the checkpoints need no parameter threaded through every module of the project model and the rules.
export type ShouldStop = () => boolean;

/** Thrown at a checkpoint once the analysis' `shouldStop` says yes; nothing partial is returned. */
export class AnalysisStopped extends Error {
  constructor() {
    super("the analysis was cancelled");
    this.name = "AnalysisStopped";
  }
}

let current: ShouldStop | undefined;

/** Runs `work` with `shouldStop` as the question every checkpoint asks (none: the work cannot be stopped). */
export function cancellable<T>(shouldStop: ShouldStop | undefined, work: () => T): T {
  const outer = current;
  current = shouldStop ?? outer;
  try {
    return work();
  } finally {
    current = outer;
  }
}

/** Whether the analysis under way has been asked to stop. */
export function stopRequested(): boolean {
  return current?.() === true;
}

/** Unwinds the analysis under way when it has been asked to stop. */
export function checkpoint(): void {
  if (stopRequested()) throw new AnalysisStopped();
}

/** Whether a parse can be interrupted at all (no progress callback is installed otherwise: the CLI pays nothing). */
export function isCancellable(): boolean {
  return current !== undefined;
}

/** A checkpoint every `interval` calls, for loops over many small items (nodes of a tree, lines of a file). */
export function everyNth(interval = 1024): () => void {
  let count = 0;
  return () => {
    if (++count % interval === 0) checkpoint();
  };
}
