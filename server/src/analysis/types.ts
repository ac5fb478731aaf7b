// Plain data shared by the whole core. No vscode, no LSP, no fs.

/** 0-based line, 0-based column in UTF-16 code units (what LSP and web-tree-sitter count). */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = "error" | "warning" | "information" | "hint";
export type SeverityOrOff = Severity | "off";

/** The five practices of the guide, plus deploy security and env hygiene (the report's checklist). */
export type Practice =
  | "environment"
  | "storage"
  | "debug"
  | "logging"
  | "server"
  | "deploy-checks"
  | "env-files"
  | "project";

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Edits to one file, by root-relative POSIX path. `create` makes the file first when it does not exist. */
export interface FileEdit {
  file: string;
  create?: boolean;
  edits: TextEdit[];
}

export interface Fix {
  title: string;
  /** Safe fixes are applied by `--fix` and fix-all; unsafe ones are offered in the editor only. */
  safe: boolean;
  preferred?: boolean;
  edits: FileEdit[];
}

export type RuleId = `DJP${number}`;

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Root-relative POSIX path. */
  file: string;
  range: Range;
  message: string;
  fixes?: Fix[];
  /** Rendered faded (DJP607, unused suppressions). */
  unnecessary?: boolean;
}

/** The injected view of the files the analysis may read. */
export interface FileAccess {
  /** Every file of the workspace (root-relative POSIX paths), already pruned of virtualenvs, node_modules, .git. */
  files(): readonly string[];
  /** The text of a file (the open editor's buffer where there is one); undefined when it cannot be read as text. */
  read(path: string): string | undefined;
  /** Why read() gave undefined ("not UTF-8", "larger than 5 MB", "binary"), for the user. */
  unreadableReason?(path: string): string | undefined;
  /** Folders that could not be listed and names that could not be decoded ("." for the root), with why: never silently skipped. */
  unlisted?(): ReadonlyMap<string, string>;
  /** Git's view of a path, when the root is inside a repository; undefined otherwise (the core then reads .gitignore files). */
  gitStatus?(path: string): "tracked" | "ignored" | "untracked" | undefined;
}

export interface Config {
  /** Dotted module names or root-relative paths of production settings modules. */
  productionSettings: string[];
  /** Per-rule severity overrides. */
  rules: Partial<Record<string, SeverityOrOff>>;
}

export const defaultConfig = (): Config => ({ productionSettings: [], rules: {} });

export const severityRank: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };
