// The analysis roots (one per workspace folder) and which root a file belongs to.
import type { TextDocument } from "vscode-languageserver-textdocument";
import { type Config, defaultConfig, type FileAccess } from "../analysis/types";
import type { DiskFileAccess } from "../node/files";
import { createExcludeMatcher, excludingFileAccess, matchNothing, type PathMatcher } from "./exclude";
import { createOverlayFileAccess } from "./overlay";
import type { BaselinedFindings } from "./baseline";
import type { RunMode } from "./protocol";
import type { ServerRootSettings } from "./rootSettings";
import { defaultEditorSettings, type EditorSettings } from "./settings";
import { fsPathToUri, relativeToRoot, rootRelativeToFsPath, uriToFsPath } from "./uris";

export class AnalysisRoot {
  /** Open documents of this root by root-relative path. */
  readonly open = new Map<string, TextDocument>();
  readonly access: FileAccess;
  /** The editor's settings for this root as last pulled; pyproject.toml is merged under them by configure(). */
  editor: EditorSettings = defaultEditorSettings();
  config: Config = defaultConfig();
  run: RunMode = "onType";
  baseline: string | undefined;
  baselinedFindings: BaselinedFindings = "hint";
  private excluded: PathMatcher = matchNothing;

  constructor(
    readonly uri: string,
    readonly fsPath: string,
    readonly disk: DiskFileAccess,
  ) {
    this.access = createOverlayFileAccess(excludingFileAccess(disk, () => this.excluded), this.open);
  }

  configure(settings: ServerRootSettings): void {
    this.config = settings.config;
    this.run = settings.run;
    this.baseline = settings.baseline;
    this.baselinedFindings = settings.baselinedFindings;
    this.excluded = createExcludeMatcher(settings.exclude);
  }

  /** The URI to publish a file's diagnostics under: the open document's own URI when there is one. */
  uriOf(path: string): string {
    return this.open.get(path)?.uri ?? fsPathToUri(rootRelativeToFsPath(this.fsPath, path));
  }
}

export interface Located {
  root: AnalysisRoot;
  path: string;
}

export class RootSet {
  private roots: AnalysisRoot[] = [];

  constructor(private readonly createDisk: (fsPath: string) => DiskFileAccess) {}

  all(): readonly AnalysisRoot[] {
    return this.roots;
  }

  /** Adds a root for a file: folder URI; returns undefined for other schemes or a folder already present. */
  add(uri: string): AnalysisRoot | undefined {
    const fsPath = uriToFsPath(uri);
    if (fsPath === undefined || this.roots.some((root) => root.fsPath === fsPath)) return undefined;
    const root = new AnalysisRoot(uri, fsPath, this.createDisk(fsPath));
    this.roots.push(root);
    return root;
  }

  remove(uri: string): AnalysisRoot | undefined {
    const fsPath = uriToFsPath(uri);
    const root = this.roots.find((candidate) => candidate.fsPath === fsPath);
    if (root) this.roots = this.roots.filter((candidate) => candidate !== root);
    return root;
  }

  /** The deepest root holding the file (nested workspace folders), with the file's root-relative path. */
  locate(uri: string): Located | undefined {
    const fsPath = uriToFsPath(uri);
    return fsPath === undefined ? undefined : this.locatePath(fsPath);
  }

  locatePath(fsPath: string): Located | undefined {
    let best: Located | undefined;
    for (const root of this.roots) {
      const path = relativeToRoot(root.fsPath, fsPath);
      if (path !== undefined && (!best || root.fsPath.length > best.root.fsPath.length)) best = { root, path };
    }
    return best;
  }

  /** Whether `path` of `root` belongs to root rather than to a workspace folder nested inside it. */
  owns(root: AnalysisRoot, path: string): boolean {
    return this.roots.length === 1 || this.locatePath(rootRelativeToFsPath(root.fsPath, path))?.root === root;
  }
}
