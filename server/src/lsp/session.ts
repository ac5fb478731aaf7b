// The server's state machine, free of the connection: roots, open documents, analysis runs, publishing.
import { basename } from "node:path";
import { type CancellationToken, type Diagnostic, type FileEvent, LSPErrorCodes, ResponseError } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { type AnalysisResult, analyze } from "../analysis/engine";
import { historyReportLineFor } from "../node/history-scan";
import { Coalescer } from "./coalescer";
import { withEditorBaseline } from "./baseline";
import { diagnosticsByFile } from "./diagnostics";
import { describeError, type LogLine } from "./guard";
import type { CheckWorkspaceParams, CheckWorkspaceResult } from "./protocol";
import type { DiagnosticsPublisher } from "./publisher";
import { type ReadinessPublisher, readinessOf, reportOf, rootReport } from "./readiness";
import type { AnalysisRoot, RootSet } from "./roots";
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
  log: LogLine;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class Session {
  private started = false;
  private readonly coalescer: Coalescer<AnalysisRoot>;

  constructor(private readonly deps: SessionDependencies) {
    this.coalescer = new Coalescer(coalesceMs, (root) => this.runGuarded(root, () => this.analyzeAndPublish(root)));
  }

  /** Read every root's settings, then analyse and publish each once. Changes before this only mark documents. */
  async start(): Promise<void> {
    await this.reloadConfigs();
    this.started = true;
    for (const root of this.deps.roots.all()) this.runGuarded(root, () => this.analyzeAndLog(root));
  }

  documentOpened(document: TextDocument): void {
    const located = this.deps.roots.locate(document.uri);
    if (!located) return;
    located.root.open.set(located.path, document);
    this.touched(located.root, located.path);
  }

  /** With djangoReady.run "onSave" the new text is only kept for the next analysis (on open, save or check). */
  documentChanged(document: TextDocument): void {
    const located = this.deps.roots.locate(document.uri);
    if (!located) return;
    located.root.open.set(located.path, document);
    if (located.root.run === "onType") this.touched(located.root, located.path);
  }

  documentSaved(document: TextDocument): void {
    const located = this.deps.roots.locate(document.uri);
    if (located) this.touched(located.root, located.path);
  }

  /** The editor's buffer is gone: analyse the disk's text again (saved or not; saves reach the disk cache as watcher events). */
  documentClosed(document: TextDocument): void {
    const located = this.deps.roots.locate(document.uri);
    if (!located) return;
    located.root.open.delete(located.path);
    this.touched(located.root, located.path);
  }

  filesChanged(changes: readonly FileEvent[]): void {
    for (const change of changes) {
      const located = this.deps.roots.locate(change.uri);
      if (!located) continue;
      located.root.disk.invalidate(located.path);
      this.touched(located.root, located.path);
    }
  }

  async configurationChanged(): Promise<void> {
    await this.reloadConfigs();
    for (const root of this.deps.roots.all()) this.schedule(root);
  }

  async foldersChanged(added: readonly string[], removed: readonly string[]): Promise<void> {
    for (const uri of removed) {
      const root = this.deps.roots.remove(uri);
      if (root) {
        this.deps.publisher.clear(root.uri);
        this.deps.readiness.clear(root.uri);
        this.deps.snapshots.clear(root.uri);
      }
    }
    const roots = added.map((uri) => this.deps.roots.add(uri)).filter((root) => root !== undefined);
    for (const root of roots) await this.reloadSettings(root);
    // Findings of a nested folder move between roots: every root publishes again.
    for (const root of this.deps.roots.all()) this.schedule(root);
  }

  /**
   * The whole workspace from a fresh look at the disk (pyproject.toml included): every root analysed and
   * published now, with its report. Cancellation is honoured between roots.
   */
  async checkWorkspace(token: CancellationToken, params: CheckWorkspaceParams = {}): Promise<CheckWorkspaceResult> {
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
      const report = reportOf(result, root.access.files());
      if (params.history) report.history = historyReportLineFor(root.fsPath, root.access, result);
      summary.reports.push(rootReport(root, report));
    }
    return summary;
  }

  dispose(): void {
    this.coalescer.dispose();
  }

  private schedule(root: AnalysisRoot): void {
    if (this.started) this.coalescer.schedule(root);
  }

  /** A change to a root's pyproject.toml may change its settings before it changes findings. */
  private touched(root: AnalysisRoot, path: string): void {
    if (path === pyprojectPath) this.configure(root);
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
    const next = new Map<string, Diagnostic[]>();
    for (const [path, diagnostics] of diagnosticsByFile(withEditorBaseline(root, result.findings, this.deps.log))) {
      if (this.deps.roots.owns(root, path)) next.set(root.uriOf(path), diagnostics);
    }
    this.deps.publisher.replace(root.uri, next);
    this.deps.snapshots.record(root.uri, snapshotOf(root, result.findings, (path) => this.deps.roots.owns(root, path)));
    this.deps.readiness.publish(readinessOf(root.uri, reportOf(result, root.access.files())));
    return result;
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
