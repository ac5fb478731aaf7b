// The server's state machine, free of the connection: roots, open documents, analysis runs, publishing.
import { basename } from "node:path";
import { type CancellationToken, type Diagnostic, type FileEvent, LSPErrorCodes, ResponseError } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { type AnalysisResult, analyze } from "../analysis/engine";
import type { Finding } from "../analysis/types";
import { Coalescer } from "./coalescer";
import { diagnosticsByFile } from "./diagnostics";
import { describeError, type LogLine } from "./guard";
import type { CheckWorkspaceResult } from "./protocol";
import type { DiagnosticsPublisher } from "./publisher";
import { type ReadinessPublisher, readinessOf, reportOf, rootReport } from "./readiness";
import { noProgress, type ScanProgress, warmUp } from "./backgroundScan";
import type { AnalysisRoot, RootSet } from "./roots";
import { inScopeListing, mergeScoped, projectScopeOf, type Scope, scopedFileAccess } from "./scopes";
import { type AnalysisSnapshots, snapshotOf } from "./snapshots";
import { pyprojectPath, resolveRootSettings } from "./rootSettings";
import type { EditorSettings } from "./settings";

/** Changes arriving within this window share one analysis run (well under the 10 ms didChange budget). */
const coalesceMs = 2;

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

  constructor(private readonly deps: SessionDependencies) {
    this.coalescer = new Coalescer(coalesceMs, (root) => this.runGuarded(root, () => this.analyzeTouched(root)));
  }

  /**
   * Read every root's settings, then publish the projects of the open documents first and analyse each whole root
   * in the background. Changes before this only mark documents.
   */
  async start(): Promise<void> {
    await this.reloadConfigs();
    this.started = true;
    const unscanned = this.deps.roots.all().filter((root) => {
      let whole = false;
      this.runGuarded(root, () => (whole = this.analyzeOpenScopes(root)));
      return !whole;
    });
    for (const root of unscanned) await this.scanInBackground(root);
  }

  documentOpened(document: TextDocument): void {
    const located = this.deps.roots.locate(document.uri);
    if (!located) return;
    located.root.open.set(located.path, document);
    this.edited(located.root, located.path);
  }

  /** With djangoReady.run "onSave" the new text is only kept for the next analysis (on open, save or check). */
  documentChanged(document: TextDocument): void {
    const located = this.deps.roots.locate(document.uri);
    if (!located) return;
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
      located.root.disk.invalidate(located.path);
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
   * published now, with its report. Cancellation is honoured between roots.
   */
  async checkWorkspace(token: CancellationToken): Promise<CheckWorkspaceResult> {
    this.coalescer.flush();
    const summary: CheckWorkspaceResult = { roots: 0, projects: 0, findings: 0, files: 0, reports: [] };
    for (const root of this.deps.roots.all()) {
      // Lets a $/cancelRequest that arrived meanwhile reach the token.
      await yieldToEventLoop();
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "the workspace check was cancelled");
      root.disk.invalidate();
      this.configure(root);
      const result = this.analyzeAndLog(root);
      summary.roots++;
      summary.projects += result.projects.length;
      summary.findings += result.findings.length;
      summary.files += new Set(result.findings.map((finding) => finding.file)).size;
      summary.reports.push(rootReport(root, reportOf(result, root.access.files())));
    }
    return summary;
  }

  dispose(): void {
    this.coalescer.dispose();
    for (const root of this.deps.roots.all()) this.scanGeneration.set(root, (this.scanGeneration.get(root) ?? 0) + 1);
  }

  private schedule(root: AnalysisRoot): void {
    if (this.started) this.coalescer.schedule(root);
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

  /** The coalesced run of a root: everything when needed, else the scopes of the documents touched. */
  private analyzeTouched(root: AnalysisRoot): void {
    const paths = this.touchedPaths.get(root) ?? new Set<string>();
    this.touchedPaths.delete(root);
    if (this.needsFull.delete(root)) {
      this.analyzeAndPublish(root);
      return;
    }
    this.analyzeScopes(root, paths);
  }

  /** Whether that analysed the whole root. */
  private analyzeOpenScopes(root: AnalysisRoot): boolean {
    this.touchedPaths.delete(root);
    return this.analyzeScopes(root, root.open.keys());
  }

  /**
   * Each distinct scope of `paths` analysed and published, merged with the root's last full result; returns
   * whether the whole root was analysed instead (a path with no smaller scope).
   */
  private analyzeScopes(root: AnalysisRoot, paths: Iterable<string>): boolean {
    const last = this.lastFull.get(root);
    const listed = last ? this.listedSet(root.access.files()) : undefined;
    const scopes = new Set([...paths].map((path) => projectScopeOf(root.access, path, last, listed)));
    if (scopes.has("")) {
      this.analyzeAndPublish(root);
      return true;
    }
    for (const scope of scopes) this.analyzeScope(root, scope);
    return false;
  }

  /** A listing as a set, made once per listing (a keystroke must not rebuild a set of the whole workspace). */
  private listedSet(files: readonly string[]): ReadonlySet<string> {
    let set = this.listedSets.get(files);
    if (!set) this.listedSets.set(files, (set = new Set(files)));
    return set;
  }

  private analyzeScope(root: AnalysisRoot, scope: Scope): void {
    const result = analyze(scopedFileAccess(root.access, this.scopeListing(root, scope)), root.config);
    this.publishFindings(root, mergeScoped(this.lastFull.get(root)?.findings ?? [], result.findings, scope));
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
    try {
      if (!(await warmUp(root.access, progress, stale))) return;
      progress.report(90, "analysing");
      this.runGuarded(root, () => this.analyzeAndLog(root));
    } finally {
      progress.done();
    }
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

  private runGuarded(root: AnalysisRoot, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.deps.log(`analysis of ${basename(root.fsPath)} failed: ${describeError(error)}`);
    }
  }

  private analyzeAndPublish(root: AnalysisRoot): AnalysisResult {
    const result = analyze(root.access, root.config);
    this.lastFull.set(root, result);
    this.provisionalListings.delete(root);
    this.publishFindings(root, result.findings);
    this.deps.readiness.publish(readinessOf(root.uri, reportOf(result, root.access.files())));
    return result;
  }

  private publishFindings(root: AnalysisRoot, findings: readonly Finding[]): void {
    const next = new Map<string, Diagnostic[]>();
    for (const [path, diagnostics] of diagnosticsByFile(findings)) {
      if (this.deps.roots.owns(root, path)) next.set(root.uriOf(path), diagnostics);
    }
    this.deps.publisher.replace(root.uri, next);
    this.deps.snapshots.record(root.uri, snapshotOf(root, findings, (path) => this.deps.roots.owns(root, path)));
  }

  private analyzeAndLog(root: AnalysisRoot): AnalysisResult {
    const started = performance.now();
    const result = this.analyzeAndPublish(root);
    const ms = (performance.now() - started).toFixed(1);
    const name = basename(root.fsPath);
    this.deps.log(`${name}: ${result.projects.length} Django project(s), ${result.findings.length} finding(s) in ${ms} ms`);
    for (const problem of result.problems) this.deps.log(`${name}: skipped ${problem.file}: ${problem.message}`);
    return result;
  }
}
