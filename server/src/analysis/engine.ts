// The one entry point of the core: files in, findings out. Adapters (CLI, LSP) call only this module.
import type { Config, FileAccess, Finding } from "./types";

export interface ProjectSummary {
  /** Root-relative POSIX folder of the Django project ("" for the root itself). */
  root: string;
  /** Settings modules with their roles. */
  settings: { file: string; module: string; role: string }[];
  /** The modules whose deployed settings were judged (production or single). */
  deployed: string[];
}

export interface AnalysisProblem {
  file: string;
  message: string;
}

export interface AnalysisResult {
  findings: Finding[];
  projects: ProjectSummary[];
  /** Files that could not be analysed, with a user-facing reason (never a stack trace). */
  problems: AnalysisProblem[];
}

export interface WasmBinaries {
  treeSitter: Uint8Array;
  python: Uint8Array;
}

export { initPython as initAnalysis } from "./python/parse";

/** Analyse everything the file access exposes. Call initAnalysis once before. */
export function analyze(files: FileAccess, config: Config): AnalysisResult {
  void files;
  void config;
  return { findings: [], projects: [], problems: [] };
}
