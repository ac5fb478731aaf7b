// django-ready's own requests; dependency-free so the VS Code client can import it too.

/** Analyse every root, publish diagnostics for every file, answer with a summary. No params. */
export const checkWorkspaceMethod = "djangoReady/checkWorkspace";

export interface CheckWorkspaceSummary {
  /** Analysis roots (workspace folders). */
  roots: number;
  /** Django projects found across the roots. */
  projects: number;
  findings: number;
  /** Files that carry at least one finding. */
  files: number;
}

/** Sent by the VS Code client, which watches files itself (synchronize.fileEvents). */
export interface InitializationOptions {
  clientWatchesFiles?: boolean;
}
