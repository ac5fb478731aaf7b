// The whole root's first analysis runs after the open documents' projects have been published: its slow part,
// reading thousands of files, is done here in slices that yield to the event loop, so keystrokes and requests are
// served meanwhile. Progress goes to the client ($/progress); the client may cancel it.
import type { CancellationToken } from "vscode-languageserver/node";
import type { FileAccess } from "../analysis/types";

export interface ScanProgress {
  begin(title: string, percentage: number, message: string, cancellable: boolean): void;
  report(percentage: number, message: string): void;
  done(): void;
  readonly token?: CancellationToken;
}

export const noProgress: ScanProgress = { begin() {}, report() {}, done() {} };

/** How long one slice may hold the event loop. */
const SLICE_MS = 8;

/** What the analysis reads of every root: Python files (settings detection by content) and the files named like config. */
const READ_AHEAD = /(\.py|\.env[^/]*|\.ya?ml|\.toml|\.txt|\.cfg|\.ini|Procfile|Dockerfile[^/]*|\.gitignore)$/;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Lists the root and reads ahead the files its analysis will read, a slice at a time. Resolves false when
 * cancelled (by the client or by `stale()`, when newer work made the scan pointless).
 */
export async function warmUp(access: FileAccess, progress: ScanProgress, stale: () => boolean): Promise<boolean> {
  const cancelled = () => stale() || progress.token?.isCancellationRequested === true;
  await yieldToEventLoop();
  if (cancelled()) return false;
  const files = access.files().filter((file) => READ_AHEAD.test(file));
  let sliceStart = performance.now();
  let reported = 0;
  for (let i = 0; i < files.length; i++) {
    access.read(files[i]!);
    if (performance.now() - sliceStart < SLICE_MS) continue;
    const percentage = Math.floor((i * 90) / files.length);
    if (percentage > reported) progress.report((reported = percentage), `${i} of ${files.length} files read`);
    await yieldToEventLoop();
    if (cancelled()) return false;
    sliceStart = performance.now();
  }
  return !cancelled();
}
