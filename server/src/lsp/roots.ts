// The analysis roots (one per workspace folder) and which root a file belongs to.
import type { TextDocument } from "vscode-languageserver-textdocument";
import { type Config, defaultConfig, type FileAccess } from "../analysis/types";
import type { DiskFileAccess, DiskFileAccessOptions } from "../node/files";
import { createExcludeMatcher, excludingFileAccess, matchNothing, type PathMatcher } from "./exclude";
import { createOverlayFileAccess } from "./overlay";
import { foldersAbove, type Scope } from "./scopes";
import { REQUIREMENTS_FOLDER } from "../analysis/project/dependencies";
import { joinPath } from "../analysis/project/paths";
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
  /** The exclude globs behind the matcher, for an analysis run elsewhere (the worker). */
  exclude: string[] = [];
  /** Disk files changed since the last analysis was requested ("all" after a fresh look), for the worker's cache. */
  private stale: Set<string> | "all" = new Set();
  baseline: string | undefined;
  baselinedFindings: BaselinedFindings = "hint";
  private excluded: PathMatcher = matchNothing;

  constructor(
    readonly uri: string,
    readonly fsPath: string,
    readonly disk: DiskFileAccess,
    private readonly openFolder?: OpenFolder,
  ) {
    this.access = createOverlayFileAccess(excludingFileAccess(disk, () => this.excluded), this.open);
  }

  configure(settings: ServerRootSettings): void {
    this.config = settings.config;
    this.run = settings.run;
    this.exclude = settings.exclude;
    this.baseline = settings.baseline;
    this.baselinedFindings = settings.baselinedFindings;
    this.excluded = createExcludeMatcher(settings.exclude);
  }

  /** Drops the cached disk text of `path` (every cached text when undefined), here and for the next analysis. */
  diskChanged(path?: string): void {
    this.disk.invalidate(path);
    if (path === undefined) this.stale = "all";
    else if (this.stale !== "all") this.stale.add(path);
  }

  /** What changed on disk since the previous call. */
  takeStale(): string[] | "all" {
    const stale = this.stale === "all" ? "all" : [...this.stale];
    this.stale = new Set();
    return stale;
  }

  /**
   * The files of a scope before the root has been listed: its folder walked on its own, and the files lying
   * directly in each folder above it or in its `requirements/` folder. Only the root's .gitignore layers above the
   * scope are not applied.
   */
  provisionalListing(scope: Scope): string[] {
    if (!this.openFolder) return [...this.access.files()];
    const prefixed = (dir: string, files: readonly string[]) => (dir === "" ? [...files] : files.map((file) => `${dir}/${file}`));
    const own = prefixed(scope, this.openFolder(rootRelativeToFsPath(this.fsPath, scope)).files());
    const directly = (dir: string) => prefixed(dir, this.openFolder!(rootRelativeToFsPath(this.fsPath, dir), { exclude: ["*/"] }).files());
    const above = foldersAbove(scope).flatMap((dir) => [...directly(dir), ...directly(joinPath(dir, REQUIREMENTS_FOLDER))]);
    return [...own, ...above].filter((file) => !this.excluded(file)).sort();
  }

  /** The URI to publish a file's diagnostics under: the open document's own URI when there is one. */
  uriOf(path: string): string {
    return this.open.get(path)?.uri ?? fsPathToUri(rootRelativeToFsPath(this.fsPath, path));
  }
}

/** A disk access over another folder (a scope's), with the root's limits. */
export type OpenFolder = (fsPath: string, options?: DiskFileAccessOptions) => DiskFileAccess;

export interface Located {
  root: AnalysisRoot;
  path: string;
}

export class RootSet {
  private roots: AnalysisRoot[] = [];

  constructor(private readonly createDisk: OpenFolder) {}

  all(): readonly AnalysisRoot[] {
    return this.roots;
  }

  /** Adds a root for a file: folder URI; returns undefined for other schemes or a folder already present. */
  add(uri: string): AnalysisRoot | undefined {
    const fsPath = uriToFsPath(uri);
    if (fsPath === undefined || this.roots.some((root) => root.fsPath === fsPath)) return undefined;
    const root = new AnalysisRoot(uri, fsPath, this.createDisk(fsPath), this.createDisk);
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
