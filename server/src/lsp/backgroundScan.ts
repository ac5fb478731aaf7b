// The whole root's first analysis runs after the open documents' projects have been published. It runs in the
// analysis worker, which lists and reads the root itself (the protocol thread keeps no copy of the texts) and reports
// how many files it has read: that is the scan's work-done progress ($/progress), which the client may cancel.
import type { CancellationToken } from "vscode-languageserver/node";

export interface ScanProgress {
  begin(title: string, percentage: number, message: string, cancellable: boolean): void;
  report(percentage: number, message: string): void;
  done(): void;
  readonly token?: CancellationToken;
}

export const noProgress: ScanProgress = { begin() {}, report() {}, done() {} };
