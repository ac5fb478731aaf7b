// Git's view of a folder's files from two `git ls-files` runs: what is tracked, what is ignored.
import { runGit, runGitAsync } from "./git";

export type GitFileStatus = "tracked" | "ignored" | "untracked";

export interface GitSnapshot {
  status(relPath: string): GitFileStatus;
}

/** Runs git in `cwd`, trusting nothing inside it; undefined when git is missing or fails (as ls-files does outside a work tree). */
function git(cwd: string, args: readonly string[]): string | undefined {
  const result = runGit(cwd, cwd, args);
  return result.ok ? result.stdout : undefined;
}

/** The top folder of the git work tree holding `dir`, or undefined. */
export function gitTopLevel(dir: string): string | undefined {
  return git(dir, ["rev-parse", "--show-toplevel"])?.trim() || undefined;
}

function splitNul(output: string): string[] {
  return output.split("\0").filter((p) => p !== "");
}

/** An ignored folder is listed once, as `dir/`; every path under it is ignored too. */
function isUnder(relPath: string, ignored: ReadonlySet<string>, ignoredDirs: readonly string[]): boolean {
  return ignored.has(relPath) || ignoredDirs.some((dir) => relPath.startsWith(dir));
}

const TRACKED_ARGS = ["ls-files", "-z", "--cached"];
const IGNORED_ARGS = ["ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory"];

/**
 * Paths come back relative to `root` (git's ls-files answers relative to its working directory),
 * also when the repository's top is above root.
 */
export function readGitSnapshot(root: string): GitSnapshot | undefined {
  return snapshotOf(git(root, TRACKED_ARGS), git(root, IGNORED_ARGS));
}

/** readGitSnapshot with both git runs at once, in the background. */
export async function readGitSnapshotAsync(root: string): Promise<GitSnapshot | undefined> {
  const [tracked, ignored] = await Promise.all([runGitAsync(root, root, TRACKED_ARGS), runGitAsync(root, root, IGNORED_ARGS)]);
  return snapshotOf(tracked.ok ? tracked.stdout : undefined, ignored.ok ? ignored.stdout : undefined);
}

function snapshotOf(tracked: string | undefined, ignored: string | undefined): GitSnapshot | undefined {
  if (tracked === undefined || ignored === undefined) return undefined;
  const trackedSet = new Set(splitNul(tracked));
  const ignoredPaths = splitNul(ignored);
  const ignoredSet = new Set(ignoredPaths);
  const ignoredDirs = ignoredPaths.filter((p) => p.endsWith("/"));
  return {
    status(relPath) {
      if (trackedSet.has(relPath)) return "tracked";
      return isUnder(relPath, ignoredSet, ignoredDirs) ? "ignored" : "untracked";
    },
  };
}
