// The server's state machine, free of the connection: roots, open documents, analysis runs, publishing.
import { basename } from "node:path";
import { type CancellationToken, type Diagnostic, type FileEvent, LSPErrorCodes, ResponseError } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { AnalysisResult } from "../analysis/engine";
import type { Finding } from "../analysis/types";
import { currentSettingsFiles } from "../node/history-scan";
import { abortedWhenCancelled } from "./cancelSignal";
import { Coalescer } from "./coalescer";
import { withEditorBaseline } from "./baseline";
import { diagnosticsByFile } from "./diagnostics";
import { describeError, type LogLine } from "./guard";
import type { CheckWorkspaceParams, CheckWorkspaceResult } from "./protocol";
import type { DiagnosticsPublisher } from "./publisher";
import { type ReadinessPublisher, readinessOf, reportOf, rootReport } from "./readiness";
import { noProgress, type ScanProgress } from "./backgroundScan";
import type { AnalysisRoot, RootSet } from "./roots";
import { inScopeListing, mergeScoped, projectScopeOf, type Scope } from "./scopes";
import { type AnalysisSnapshots, openVersions, snapshotOf } from "./snapshots";
import type { ReadProgress } from "./analysisTasks";
import { AnalysisCancelled, type AnalysisBackend, inProcessBackend } from "./analysisWorker";
import { pyprojectPath, resolveRootSettings } from "./rootSettings";
import type { EditorSettings } from "./settings";

/**
 * Changes handled in the same turn of the event loop share one analysis run; a later change supersedes (cancels)
 * the run under way instead of waiting behind it, so a timer window would only add its delay to every keystroke.
 */
const coalesceMs = 0;

export interface SessionDependencies {
  roots: RootSet;
  publisher: DiagnosticsPublisher;
  readiness: ReadinessPublisher;
  /** What each root's latest analysis found, for code actions. */
  snapshots: AnalysisSnapshots;
  /** The editor's djangoReady settings for a root. */
  loadSettings(root: AnalysisRoot): Promise<EditorSettings>;
  /** Work-done progress shown by the client (a reporter that discards everything when the client shows none). */
  createProgress?(): Promise<ScanProgress>;
  log: LogLine;
  /** Runs one analysis of a root (or of a scope's listing) off the protocol thread; in-process when absent. */
  analysis?: AnalysisBackend;
}

function requestCancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, "the workspace check was cancelled");
}

/** An analysis' reads as the scan's progress: reading is most of a whole root's first analysis. */
function readProgressReporter(progress: ScanProgress): ReadProgress {
  let reported = -1;
  return (read, expected) => {
    const percentage = Math.min(95, Math.floor((read * 95) / Math.max(expected, 1)));
    if (percentage <= reported) return;
    reported = percentage;
    progress.report(percentage, `${Math.min(read, expected)} of ${expected} files read`);
  };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class Session {
  private started = false;
  private readonly coalescer: Coalescer<AnalysisRoot>;
  /** Each root's last analysis of the whole root: what a scope's analysis is merged with. */
  private readonly lastFull = new Map<AnalysisRoot, AnalysisResult>();
  /** Roots whose next run must analyse everything (files changed on disk, settings changed). */
  private readonly needsFull = new Set<AnalysisRoot>();
  /** Open documents touched since their root's last run: only their scopes need analysing. */
  private readonly touchedPaths = new Map<AnalysisRoot, Set<string>>();
  /** Bumped to make a running background scan of the root stale. */
  private readonly scanGeneration = new Map<AnalysisRoot, number>();
  private readonly scopeListings = new WeakMap<readonly string[], Map<Scope, readonly string[]>>();
  private readonly provisionalListings = new Map<AnalysisRoot, Map<Scope, readonly string[]>>();
  private readonly listedSets = new WeakMap<readonly string[], ReadonlySet<string>>();
  private readonly analysis: AnalysisBackend;
  /** Roots with a coalesced run under way, and those changed meanwhile (run once more when it ends). */
  private readonly running = new Set<AnalysisRoot>();
  private readonly rerun = new Set<AnalysisRoot>();
  /**
   * Each root's automatic analyses under way (coalesced runs, the first scopes, the background scan) share one
   * controller: a change to the root aborts them, so the newest text is analysed at once instead of after them.
   */
  private readonly superseding = new Map<AnalysisRoot, AbortController>();
  /** The progress of a background scan a change cancelled: it ends with the next whole-root analysis. */
  private readonly scanProgress = new Map<AnalysisRoot, ScanProgress>();

  constructor(private readonly deps: SessionDependencies) {
    this.analysis = deps.analysis ?? inProcessBackend;
    this.coalescer = new Coalescer(coalesceMs, (root) => this.runOnce(root));
  }

  /**
   * Read every root's settings, then publish the projects of the open documents first and analyse each whole root
   * in the background. Changes before this only mark documents.
   */
  async start(): Promise<void> {
    await this.reloadConfigs();
    this.started = true;
    const unscanned: AnalysisRoot[] = [];
    for (const root of this.deps.roots.all()) {
      if (!(await this.runGuarded(root, () => this.analyzeOpenScopes(root, this.signalOf(root))))) unscanned.push(root);
    }
    for (const root of unscanned) await this.scanInBackground(root);
  }

  documentOpened(document: TextDocument): void {
    const located = this.deps.roots.locate(document.uri);
    if (!located || !this.hasText(document)) return;
    located.root.open.set(located.path, document);
    this.edited(located.root, located.path);
  }

  /** With djangoReady.run "onSave" the new text is only kept for the next analysis (on open, save or check). */
  documentChanged(document: TextDocument): void {
    const located = this.deps.roots.locate(document.uri);
    if (!located || !this.hasText(document)) return;
    located.root.open.set(located.path, document);
    if (located.root.run === "onType") this.edited(located.root, located.path);
  }

  documentSaved(document: TextDocument): void {
    const located = this.deps.roots.locate(document.uri);
    if (located) this.edited(located.root, located.path);
  }

  /** The editor's buffer is gone: analyse the disk's text again (saved or not; saves reach the disk cache as watcher events). */
  documentClosed(document: TextDocument): void {
    const located = this.deps.roots.locate(document.uri);
    if (!located) return;
    located.root.open.delete(located.path);
    this.edited(located.root, located.path);
  }

  filesChanged(changes: readonly FileEvent[]): void {
    for (const change of changes) {
      const located = this.deps.roots.locate(change.uri);
      if (!located) continue;
      located.root.diskChanged(located.path);
      this.provisionalListings.delete(located.root);
      this.needsFull.add(located.root);
      this.touched(located.root, located.path);
    }
  }

  async configurationChanged(): Promise<void> {
    await this.reloadConfigs();
    for (const root of this.deps.roots.all()) this.scheduleFull(root);
  }

  async foldersChanged(added: readonly string[], removed: readonly string[]): Promise<void> {
    for (const uri of removed) {
      const root = this.deps.roots.remove(uri);
      if (root) {
        this.superseding.get(root)?.abort();
        this.superseding.delete(root);
        this.endScanProgress(root);
        this.lastFull.delete(root);
        this.provisionalListings.delete(root);
        this.deps.publisher.clear(root.uri);
        this.deps.readiness.clear(root.uri);
        this.deps.snapshots.clear(root.uri);
      }
    }
    const roots = added.map((uri) => this.deps.roots.add(uri)).filter((root) => root !== undefined);
    for (const root of roots) await this.reloadSettings(root);
    // Findings of a nested folder move between roots: every root publishes again.
    for (const root of this.deps.roots.all()) this.scheduleFull(root);
  }

  /**
   * The whole workspace from a fresh look at the disk (pyproject.toml included): every root analysed and
   * published now, with its report. A $/cancelRequest cancels the analysis under way and answers RequestCancelled.
   */
  async checkWorkspace(token: CancellationToken, params: CheckWorkspaceParams = {}): Promise<CheckWorkspaceResult> {
    const cancelled = abortedWhenCancelled(token);
    try {
      return await this.checkEveryRoot(token, cancelled.signal, params);
    } catch (error) {
      if (error instanceof AnalysisCancelled && token.isCancellationRequested) throw requestCancelled();
      throw error;
    } finally {
      cancelled.dispose();
    }
  }

  private async checkEveryRoot(token: CancellationToken, signal: AbortSignal, params: CheckWorkspaceParams): Promise<CheckWorkspaceResult> {
    this.coalescer.flush();
    const summary: CheckWorkspaceResult = { roots: 0, projects: 0, findings: 0, files: 0, reports: [] };
    for (const root of this.deps.roots.all()) {
      // Lets a $/cancelRequest that arrived meanwhile reach the token.
      await yieldToEventLoop();
      if (token.isCancellationRequested) throw requestCancelled();
      root.diskChanged();
      this.configure(root);
      const result = await this.analyzeAndLog(root, signal);
      summary.roots++;
      summary.projects += result.projects.length;
      summary.findings += result.findings.length;
      summary.files += new Set(result.findings.map((finding) => finding.file)).size;
      const report = reportOf(result, root.access.files());
      if (params.history) report.history = await this.analysis.run(root, { kind: "history", settings: [...currentSettingsFiles(result)] }, signal);
      summary.reports.push(rootReport(root, report));
    }
    return summary;
  }

  /** Stops at once: pending work is dropped and an analysis under way is abandoned (shutdown is answered now). */
  dispose(): void {
    this.coalescer.dispose();
    for (const controller of this.superseding.values()) controller.abort();
    this.superseding.clear();
    for (const root of [...this.scanProgress.keys()]) this.endScanProgress(root);
    for (const root of this.deps.roots.all()) this.scanGeneration.set(root, (this.scanGeneration.get(root) ?? 0) + 1);
    this.analysis.dispose();
  }

  /** A document a client opened without text (malformed didOpen) is ignored: the disk's text stays what is analysed. */
  private hasText(document: TextDocument): boolean {
    if (typeof document.getText() === "string") return true;
    this.deps.log("ignored a document without text (malformed didOpen)");
    return false;
  }

  /**
   * One coalesced run per root at a time; changes arriving meanwhile cancel it (schedule) and are picked up, with
   * what it had not published, by one more run after it.
   */
  private runOnce(root: AnalysisRoot): void {
    if (this.running.has(root)) {
      this.rerun.add(root);
      return;
    }
    this.running.add(root);
    void this.runGuarded(root, () => this.analyzeTouched(root, this.signalOf(root))).finally(() => {
      this.running.delete(root);
      if (this.rerun.delete(root)) this.scheduleAgain(root);
    });
  }

  /** The root changed: what its analyses under way would publish is stale, so they are cancelled and one more run is due. */
  private schedule(root: AnalysisRoot): void {
    if (!this.started) return;
    this.superseding.get(root)?.abort();
    this.superseding.delete(root);
    this.coalescer.schedule(root);
  }

  /** One more run for work left over (a change during a run, a cancelled scan), cancelling nothing. */
  private scheduleAgain(root: AnalysisRoot): void {
    if (this.started) this.coalescer.schedule(root);
  }

  private signalOf(root: AnalysisRoot): AbortSignal {
    let controller = this.superseding.get(root);
    if (!controller) this.superseding.set(root, (controller = new AbortController()));
    return controller.signal;
  }

  private scheduleFull(root: AnalysisRoot): void {
    this.needsFull.add(root);
    this.schedule(root);
  }

  /** An open document's text changed (or it opened, closed, was saved): its project scope needs analysing. */
  private edited(root: AnalysisRoot, path: string): void {
    const paths = this.touchedPaths.get(root) ?? new Set<string>();
    paths.add(path);
    this.touchedPaths.set(root, paths);
    this.touched(root, path);
  }

  /**
   * The coalesced run of a root: everything when needed, else the scopes of the documents touched. Cancelled, it
   * leaves what it took for the next run.
   */
  private async analyzeTouched(root: AnalysisRoot, signal: AbortSignal): Promise<void> {
    const paths = this.touchedPaths.get(root) ?? new Set<string>();
    this.touchedPaths.delete(root);
    const full = this.needsFull.delete(root);
    try {
      // The edited documents' projects first: their diagnostics must not wait for the whole root, which the next
      // keystroke may cancel again.
      const analysedRoot = paths.size > 0 && (await this.analyzeScopes(root, paths, signal));
      if (full && !analysedRoot) await this.analyzeAndPublish(root, signal);
    } catch (error) {
      if (error instanceof AnalysisCancelled) this.leaveForNextRun(root, paths, full);
      throw error;
    }
  }

  private leaveForNextRun(root: AnalysisRoot, paths: Iterable<string>, full: boolean): void {
    const touched = this.touchedPaths.get(root) ?? new Set<string>();
    for (const path of paths) touched.add(path);
    this.touchedPaths.set(root, touched);
    if (full) this.needsFull.add(root);
  }

  /** Whether that analysed the whole root. */
  private analyzeOpenScopes(root: AnalysisRoot, signal: AbortSignal): Promise<boolean> {
    this.touchedPaths.delete(root);
    return this.analyzeScopes(root, [...root.open.keys()], signal);
  }

  /**
   * Each distinct scope of `paths` analysed and published, merged with the root's last full result; returns
   * whether the whole root was analysed instead (a path with no smaller scope).
   */
  private async analyzeScopes(root: AnalysisRoot, paths: Iterable<string>, signal: AbortSignal): Promise<boolean> {
    const last = this.lastFull.get(root);
    const listed = last ? this.listedSet(root.access.files()) : undefined;
    const scopes = new Set([...paths].map((path) => projectScopeOf(root.access, path, last, listed)));
    if (scopes.has("")) {
      await this.analyzeAndPublish(root, signal);
      return true;
    }
    for (const scope of scopes) await this.analyzeScope(root, scope, signal);
    return false;
  }

  /** A listing as a set, made once per listing (a keystroke must not rebuild a set of the whole workspace). */
  private listedSet(files: readonly string[]): ReadonlySet<string> {
    let set = this.listedSets.get(files);
    if (!set) this.listedSets.set(files, (set = new Set(files)));
    return set;
  }

  private async analyzeScope(root: AnalysisRoot, scope: Scope, signal: AbortSignal): Promise<void> {
    const versions = openVersions(root);
    const { result } = await this.analysis.run(root, { kind: "analyze", files: [...this.scopeListing(root, scope)] }, signal);
    if (!this.deps.roots.all().includes(root)) return;
    this.publishFindings(root, mergeScoped(this.lastFull.get(root)?.findings ?? [], result.findings, scope), versions);
  }

  /** The scope's part of the root's listing, or before the root is listed, the scope's folder walked on its own. */
  private scopeListing(root: AnalysisRoot, scope: Scope): readonly string[] {
    if (!this.lastFull.has(root)) {
      const provisional = this.provisionalListings.get(root) ?? new Map<Scope, readonly string[]>();
      this.provisionalListings.set(root, provisional);
      if (!provisional.has(scope)) provisional.set(scope, root.provisionalListing(scope));
      return provisional.get(scope)!;
    }
    const files = root.access.files();
    const byScope = this.scopeListings.get(files) ?? new Map<Scope, readonly string[]>();
    this.scopeListings.set(files, byScope);
    if (!byScope.has(scope)) byScope.set(scope, files.filter((file) => inScopeListing(file, scope)));
    return byScope.get(scope)!;
  }

  /**
   * The whole root's first analysis: files listed and read ahead in slices with progress, then analysed and
   * published. Cancelled by the client, or made stale by a newer scan.
   */
  private async scanInBackground(root: AnalysisRoot): Promise<void> {
    const generation = (this.scanGeneration.get(root) ?? 0) + 1;
    this.scanGeneration.set(root, generation);
    const stale = () => this.scanGeneration.get(root) !== generation || !this.deps.roots.all().includes(root);
    const progress = (await this.deps.createProgress?.().catch(() => noProgress)) ?? noProgress;
    progress.begin(`django-ready: checking ${basename(root.fsPath)}`, 0, "listing files", true);
    let handedOver = false;
    try {
      // The worker lists and reads the root itself (the protocol thread keeps no copy of its texts) and says how far it is.
      await yieldToEventLoop();
      if (stale() || progress.token?.isCancellationRequested) return;
      const superseded = this.signalOf(root);
      // Cancelled in the client's progress UI: the scan ends there (a later change analyses the root again).
      const dismissed = abortedWhenCancelled(progress.token);
      const signal = AbortSignal.any([superseded, dismissed.signal]);
      try {
        await this.runGuarded(root, () => this.analyzeAndLog(root, signal, readProgressReporter(progress)));
      } finally {
        dismissed.dispose();
      }
      // Cancelled by a change: the run that change scheduled analyses the whole root instead (after the changed
      // documents' projects), and the progress stays until it has.
      if (superseded.aborted && !dismissed.signal.aborted && !stale()) {
        this.endScanProgress(root);
        this.scanProgress.set(root, progress);
        handedOver = true;
        this.needsFull.add(root);
        this.scheduleAgain(root);
      }
    } finally {
      if (!handedOver) progress.done();
    }
  }

  private endScanProgress(root: AnalysisRoot): void {
    this.scanProgress.get(root)?.done();
    this.scanProgress.delete(root);
  }

  /** A change to a root's pyproject.toml may change its settings before it changes findings. */
  private touched(root: AnalysisRoot, path: string): void {
    if (path === pyprojectPath) {
      this.configure(root);
      this.needsFull.add(root);
    }
    this.schedule(root);
  }

  private async reloadConfigs(): Promise<void> {
    for (const root of this.deps.roots.all()) await this.reloadSettings(root);
  }

  private async reloadSettings(root: AnalysisRoot): Promise<void> {
    root.editor = await this.deps.loadSettings(root);
    this.configure(root);
  }

  /** The editor's settings over the root's pyproject.toml (an invalid one is logged and left out). */
  private configure(root: AnalysisRoot): void {
    const { settings, error } = resolveRootSettings(root.access.read(pyprojectPath), root.editor);
    if (error) this.deps.log(`${basename(root.fsPath)}: ignoring [tool.django-ready]: ${error}`);
    root.configure(settings);
  }

  /** The run's result, or undefined when it failed (logged) or was abandoned by shutdown (not logged). */
  private async runGuarded<T>(root: AnalysisRoot, run: () => T | Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof AnalysisCancelled)) this.deps.log(`analysis of ${basename(root.fsPath)} failed: ${describeError(error)}`);
      return undefined;
    }
  }

  private async analyzeAndPublish(root: AnalysisRoot, signal: AbortSignal, progress?: ReadProgress): Promise<AnalysisResult> {
    const versions = openVersions(root);
    const { result, files } = await this.analysis.run(root, { kind: "analyze" }, signal, progress);
    // A folder removed while it was analysed publishes nothing.
    if (!this.deps.roots.all().includes(root)) return result;
    this.lastFull.set(root, result);
    this.provisionalListings.delete(root);
    this.publishFindings(root, result.findings, versions);
    this.deps.readiness.publish(readinessOf(root.uri, reportOf(result, files)));
    this.endScanProgress(root);
    return result;
  }

  private publishFindings(root: AnalysisRoot, findings: readonly Finding[], versions: ReadonlyMap<string, number>): void {
    const next = new Map<string, Diagnostic[]>();
    for (const [path, diagnostics] of diagnosticsByFile(withEditorBaseline(root, findings, this.deps.log))) {
      if (this.deps.roots.owns(root, path)) next.set(root.uriOf(path), diagnostics);
    }
    this.deps.publisher.replace(root.uri, next);
    this.deps.snapshots.record(root.uri, snapshotOf(root, findings, (path) => this.deps.roots.owns(root, path), versions));
  }

  private async analyzeAndLog(root: AnalysisRoot, signal: AbortSignal, progress?: ReadProgress): Promise<AnalysisResult> {
    const started = performance.now();
    const result = await this.analyzeAndPublish(root, signal, progress);
    const ms = (performance.now() - started).toFixed(1);
    const name = basename(root.fsPath);
    this.deps.log(`${name}: ${result.projects.length} Django project(s), ${result.findings.length} finding(s) in ${ms} ms`);
    for (const problem of result.problems) this.deps.log(`${name}: skipped ${problem.file}: ${problem.message}`);
    return result;
  }
}
