// Whether git tracks, ignores or would add a file (RULES.md DJP601/DJP602): git's own answer where the folder
// is a repository, else the `.gitignore` files from the project's root down to the file's folder.
import ignore from "ignore";
import type { FileAccess } from "../types";
import { dirname, isUnder, joinPath, relativeTo } from "./paths";

export type GitState = "tracked" | "ignored" | "untracked";

export function gitState(access: FileAccess, file: string, projectRoot: string): GitState {
  return access.gitStatus?.(file) ?? (isIgnoredByGitignoreFiles(access, file, projectRoot) ? "ignored" : "untracked");
}

type Ignore = ignore.Ignore;

export interface GitignoreLayer {
  /** The folder holding the `.gitignore`; its patterns are relative to it. */
  dir: string;
  matcher: Ignore;
}

type Layer = GitignoreLayer;

/**
 * Git's rules: a deeper `.gitignore` overrides the ones above it, the last matching pattern of a file wins,
 * and nothing inside an ignored folder can be re-included.
 */
export function isIgnoredByGitignoreFiles(access: FileAccess, file: string, projectRoot: string): boolean {
  if (!isUnder(file, projectRoot)) return false;
  const folders = foldersDown(projectRoot, dirname(file));
  const layers = folders.flatMap((dir) => layerOf(access, dir));
  const parentIgnored = folders.slice(1).some((dir) => layeredVerdict(layers, dir, true));
  return parentIgnored || layeredVerdict(layers, file, false);
}

/** `from`, then each folder below it down to `to`. */
function foldersDown(from: string, to: string): string[] {
  const folders: string[] = [];
  for (let dir = to; dir !== from && dir !== ""; dir = dirname(dir)) folders.unshift(dir);
  return [from, ...folders];
}

/** The deepest `.gitignore` with a pattern that matches decides; none matching means not ignored. */
export function layeredVerdict(layers: readonly Layer[], path: string, isFolder: boolean): boolean {
  for (const layer of [...layers].reverse()) {
    if (layer.dir === path || !isUnder(path, layer.dir)) continue;
    const result = layer.matcher.test(relativeTo(path, layer.dir) + (isFolder ? "/" : ""));
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

const matcherCache = new Map<string, Ignore>();
const MATCHER_CACHE_LIMIT = 200;

function layerOf(access: FileAccess, dir: string): Layer[] {
  return gitignoreLayers(dir, access.read(joinPath(dir, ".gitignore")));
}

/** The layer a folder's `.gitignore` text adds (none when it has no such file). */
export function gitignoreLayers(dir: string, text: string | undefined): GitignoreLayer[] {
  return text === undefined ? [] : [{ dir, matcher: matcherFor(text) }];
}

function matcherFor(text: string): Ignore {
  const cached = matcherCache.get(text);
  if (cached) return cached;
  // Git compares case-sensitively unless core.ignorecase is set (only the default on case-insensitive disks).
  const matcher = ignore({ ignorecase: false }).add(text);
  if (matcherCache.size >= MATCHER_CACHE_LIMIT) matcherCache.delete(matcherCache.keys().next().value as string);
  matcherCache.set(text, matcher);
  return matcher;
}
