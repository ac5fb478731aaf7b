// django-ready's own requests and notifications; dependency-free so the VS Code client can import it too.

/**
 * Analyse every root from a fresh look at the disk, publish diagnostics for every file (open or not), answer
 * with a summary and each root's readiness report. Optional params: CheckWorkspaceParams; cancellable.
 */
export const checkWorkspaceMethod = "djangoReady/checkWorkspace";

export interface CheckWorkspaceParams {
  /** Also read each root's git history for secrets: a line in its report. */
  history?: boolean;
}

export interface CheckWorkspaceSummary {
  /** Analysis roots (workspace folders). */
  roots: number;
  /** Django projects found across the roots. */
  projects: number;
  findings: number;
  /** Files that carry at least one finding. */
  files: number;
}

/** A root's readiness at a glance: what the status bar shows. */
export interface ReadinessStatus {
  rootUri: string;
  /** Django projects found in the root; 0 means there is nothing to judge. */
  projects: number;
  /** Checks passed and applicable, summed over the root's projects. */
  passed: number;
  applicable: number;
  /** Every project has deployed settings and no failed check. */
  verdictPassed: boolean;
  /** "5 of 7 checks pass". */
  summary: string;
}

export interface RootReport extends ReadinessStatus {
  /** The readiness report; its links are absolute file: URIs with a `#Lnn` line fragment. */
  markdown: string;
  /** The same report as an HTML fragment (no page around it); its links are relative to the root (`a/b.py#L3`). */
  html: string;
}

export interface CheckWorkspaceResult extends CheckWorkspaceSummary {
  reports: RootReport[];
}

/** Server → client after an analysis changed a root's readiness. Params: ReadinessStatus. */
export const readinessStatusMethod = "djangoReady/status";

/** djangoReady.run: analyse on every change, or only when a document is opened or saved. */
export type RunMode = "onType" | "onSave";

/** Sent by the VS Code client, which watches files itself (synchronize.fileEvents). */
export interface InitializationOptions {
  clientWatchesFiles?: boolean;
}
