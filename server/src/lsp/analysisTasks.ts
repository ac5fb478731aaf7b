// What the language server asks of the core — an analysis, or an editor feature's answer — and doing it. Every
// task parses and builds project models, which a huge or hostile module makes slow: they all run in the analysis
// worker (analysisWorker.ts), never on the protocol thread. One home for the worker and the in-process backend.
import type { CompletionItem, Hover, Location, Position as LspPosition } from "vscode-languageserver/node";
import { cancellable, type ShouldStop } from "../analysis/cancellation";
import { analyze, type AnalysisResult, parsedModule } from "../analysis/engine";
import { withReadHook } from "../analysis/readHook";
import type { PythonModule } from "../analysis/python/module";
import type { HistoryReportLine } from "../analysis/history/history";
import type { FileAccess, TextEdit } from "../analysis/types";
import { historyReportLineOf } from "../node/history-scan";
import { envCompletion, envDefinition, envHover, envKeyReferences, type FeatureRoot } from "./envLinks";
import { scopedFileAccess } from "./scopes";
import { lineSuppressionEdit } from "./suppressionEdits";

export interface AnalysisOutcome {
  result: AnalysisResult;
  /** The listing the analysis saw (for the readiness report). */
  files: string[];
}

interface AtPosition {
  path: string;
  position: LspPosition;
}

export type Task =
  /** The whole root, or only `files` (a scope's listing). */
  | { kind: "analyze"; files?: string[] }
  | ({ kind: "hover" } & AtPosition)
  | ({ kind: "definition" } & AtPosition)
  | ({ kind: "completion" } & AtPosition)
  | ({ kind: "references"; includeDeclaration: boolean } & AtPosition)
  /** "Disable <rule> for this line" edits of one document's text, one per [line, rule]. */
  | { kind: "suppressions"; path: string; text: string; lines: Array<[number, string]> }
  /** The readiness report's history line (git history read and each version analysed), given today's settings modules. */
  | { kind: "history"; settings: string[] };

interface TaskResults {
  analyze: AnalysisOutcome;
  hover: Hover | null;
  definition: Location[] | null;
  completion: CompletionItem[] | null;
  references: Location[] | null;
  suppressions: Array<TextEdit | null>;
  history: HistoryReportLine;
}

/** A root as a task sees it: an AnalysisRoot on this thread, the worker's view of one there. */
export interface TaskRoot extends FeatureRoot {
  fsPath: string;
}

export type TaskResult<T extends Task> = TaskResults[T["kind"]];

/** How far an analysis is: files read of those it is expected to read. */
export type ReadProgress = (read: number, expected: number) => void;

/** What an analysis reads of a root: Python files (settings detection by content) and the files named like config. */
const READ_BY_ANALYSIS = /(\.py|\.env[^/]*|\.ya?ml|\.toml|\.txt|\.cfg|\.ini|Procfile|Dockerfile[^/]*|\.gitignore)$/;

/** The root's files, whose reads are counted for `progress` (a whole root's first analysis reads thousands). */
function countingReads(access: FileAccess, progress: ReadProgress): FileAccess {
  const expected = access.files().filter((file) => READ_BY_ANALYSIS.test(file)).length;
  let read = 0;
  return withReadHook(access, () => progress(++read, expected));
}

/**
 * Does `task` on `root`; with `shouldStop`, the core stops at its next checkpoint once it says yes (AnalysisStopped).
 * `progress` hears of an analysis' reads. Values reach the answers masked only (lsp/envLinks.ts).
 */
export function runTask<T extends Task>(root: TaskRoot, task: T, shouldStop?: ShouldStop, progress?: ReadProgress): TaskResult<T> {
  return cancellable(shouldStop, () => answer(root, task, shouldStop, progress)) as TaskResult<T>;
}

function answer(root: TaskRoot, task: Task, shouldStop?: ShouldStop, progress?: ReadProgress): TaskResults[Task["kind"]] {
  switch (task.kind) {
    case "analyze": {
      const scoped = task.files ? scopedFileAccess(root.access, task.files) : root.access;
      const access = progress ? countingReads(scoped, progress) : scoped;
      return { result: analyze(access, root.config, shouldStop), files: [...access.files()] };
    }
    case "hover":
      return envHover({ root, ...task });
    case "definition":
      return envDefinition({ root, ...task });
    case "completion": {
      const text = root.access.read(task.path);
      return text === undefined ? null : envCompletion({ root, ...task }, text);
    }
    case "references": {
      const text = root.access.read(task.path);
      return text === undefined ? null : envKeyReferences({ root, ...task }, text, task.includeDeclaration);
    }
    case "suppressions":
      return suppressionEdits(task);
    case "history":
      return historyReportLineOf(root.fsPath, root.access, new Set(task.settings));
  }
}

function suppressionEdits({ path, text, lines }: Extract<Task, { kind: "suppressions" }>): Array<TextEdit | null> {
  let module: PythonModule | undefined;
  const pythonModule = () => (module ??= parsedModule(path, text));
  return lines.map(([line, rule]) => lineSuppressionEdit(path, text, line, rule, pythonModule) ?? null);
}
