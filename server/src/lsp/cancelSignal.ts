// A client's cancellation (a $/cancelRequest, or the cancel button of a work-done progress) as the AbortSignal the
// analysis backend takes.
import type { CancellationToken } from "vscode-languageserver/node";

/** A signal that aborts when `token` is cancelled (already, or later; no token: never), with the subscription to dispose. */
export function abortedWhenCancelled(token: CancellationToken | undefined): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token?.isCancellationRequested) controller.abort();
  const subscription = token?.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => subscription?.dispose() };
}
