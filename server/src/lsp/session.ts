// The server's state machine, free of the connection: roots, open documents, analysis runs, publishing.
import { basename } from "node:path";
import type { Diagnostic, FileEvent } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { type AnalysisResult, analyze } from "../analysis/engine";
import type { Config } from "../analysis/types";
import { Coalescer } from "./coalescer";
import { diagnosticsByFile } from "./diagnostics";
import { describeError, type LogLine } from "./guard";
import type { CheckWorkspaceSummary } from "./protocol";
import type { DiagnosticsPublisher } from "./publisher";
import type { AnalysisRoot, RootSet } from "./roots";

/** Changes arriving within this window share one analysis run (well under the 10 ms didChange budget). */
const coalesceMs = 2;

export interface SessionDependencies {
  roots: RootSet;
  publisher: DiagnosticsPublisher;
  loadConfig(root: AnalysisRoot): Promise<Config>;
  log: LogLine;
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

  documentChanged(document: TextDocument): void {
    const located = this.deps.roots.locate(document.uri);
    if (!located) return;
    located.root.open.set(located.path, document);
    this.schedule(located.root);
  }

  /** The editor's buffer is gone: analyse the disk's text again (saved or not; saves reach the disk cache as watcher events). */
  documentClosed(document: TextDocument): void {
    const located = this.deps.roots.locate(document.uri);
    if (!located) return;
    located.root.open.delete(located.path);
    this.schedule(located.root);
  }

  filesChanged(changes: readonly FileEvent[]): void {
    for (const change of changes) {
      const located = this.deps.roots.locate(change.uri);
      if (!located) continue;
      located.root.disk.invalidate(located.path);
      this.schedule(located.root);
    }
  }

  async configurationChanged(): Promise<void> {
    await this.reloadConfigs();
    for (const root of this.deps.roots.all()) this.schedule(root);
  }

  async foldersChanged(added: readonly string[], removed: readonly string[]): Promise<void> {
    for (const uri of removed) {
      const root = this.deps.roots.remove(uri);
      if (root) this.deps.publisher.clear(root.uri);
    }
    const roots = added.map((uri) => this.deps.roots.add(uri)).filter((root) => root !== undefined);
    for (const root of roots) root.config = await this.deps.loadConfig(root);
    // Findings of a nested folder move between roots: every root publishes again.
    for (const root of this.deps.roots.all()) this.schedule(root);
  }

  /** The whole workspace from a fresh look at the disk: every root analysed and published now. */
  checkWorkspace(): CheckWorkspaceSummary {
    this.coalescer.flush();
    const summary: CheckWorkspaceSummary = { roots: 0, projects: 0, findings: 0, files: 0 };
    for (const root of this.deps.roots.all()) {
      root.disk.invalidate();
      const result = this.analyzeAndLog(root);
      summary.roots++;
      summary.projects += result.projects.length;
      summary.findings += result.findings.length;
      summary.files += new Set(result.findings.map((finding) => finding.file)).size;
    }
    return summary;
  }

  dispose(): void {
    this.coalescer.dispose();
  }

  private schedule(root: AnalysisRoot): void {
    if (this.started) this.coalescer.schedule(root);
  }

  private async reloadConfigs(): Promise<void> {
    for (const root of this.deps.roots.all()) root.config = await this.deps.loadConfig(root);
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
    for (const [path, diagnostics] of diagnosticsByFile(result.findings)) {
      if (this.deps.roots.owns(root, path)) next.set(root.uriOf(path), diagnostics);
    }
    this.deps.publisher.replace(root.uri, next);
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
