// The node-side FileAccess over a folder on disk: a pruned listing, cached exact texts, git's view.
// Every read goes through the guarded reader.
import ignore from "ignore";
import type { FileAccess } from "../analysis/types";
import { readGitSnapshot, readGitSnapshotAsync, type GitSnapshot } from "./git-status";
import { DEFAULT_MAX_FILE_BYTES, type FileStamp, MISSING_FILE_REASON, readGuarded } from "./guarded-read";
import { walkFiles, type WalkResult } from "./walk";

export interface DiskFileAccess extends FileAccess {
  unreadableReason(path: string): string | undefined;
  /** Folders the walk could not list and names it could not decode, with why. */
  unlisted(): ReadonlyMap<string, string>;
  /** What the read that produced read(path)'s text saw: for the writer's "unchanged since read" check. */
  stamp(path: string): FileStamp | undefined;
  /** Drops the cached text of `path` (with the listing and git's view), or every cache when no path is given. */
  invalidate(path?: string): void;
  /** Existing files read() was asked for and could not give, with the reason: what the CLI reports as skipped. */
  unreadable(): Map<string, string>;
  /** Asks git for its view in the background (both runs at once, while the caller lists and reads); gitStatus uses it once it has come. */
  prefetchGitStatus(): Promise<void>;
}

export interface DiskFileAccessOptions {
  /** Root-relative gitignore-style globs of files and folders to leave out. */
  exclude?: string[];
  maxFileBytes?: number;
}

export function createDiskFileAccess(root: string, options: DiskFileAccessOptions = {}): DiskFileAccess {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const matcher = ignore().add(options.exclude ?? []);
  // Asked of every entry of the walk: with nothing to exclude, not asked at all.
  const excluded = options.exclude?.length ? (rel: string, dir: boolean): boolean => matcher.ignores(dir ? `${rel}/` : rel) : () => false;

  let walk: WalkResult | undefined;
  // null: git was asked and the root is not in a repository (or git is missing).
  let git: GitSnapshot | null | undefined;
  // A prefetch's answer is dropped when the caches were invalidated after it started.
  let gitGeneration = 0;
  const texts = new Map<string, { text: string; stamp: FileStamp }>();
  const reasons = new Map<string, string>();

  function load(path: string): void {
    const result = readGuarded(root, path, { maxBytes });
    if ("text" in result) texts.set(path, result);
    else reasons.set(path, result.reason);
  }

  const listing = (): WalkResult => (walk ??= walkFiles(root, excluded));

  return {
    files() {
      return listing().files;
    },
    unlisted() {
      return listing().unlisted;
    },
    read(path) {
      if (!texts.has(path) && !reasons.has(path)) load(path);
      return texts.get(path)?.text;
    },
    stamp(path) {
      return texts.get(path)?.stamp;
    },
    unreadableReason(path) {
      return reasons.get(path);
    },
    gitStatus(path) {
      if (git === undefined) git = readGitSnapshot(root) ?? null;
      return git?.status(path);
    },
    prefetchGitStatus() {
      const generation = ++gitGeneration;
      return readGitSnapshotAsync(root).then(
        (snapshot) => {
          if (generation === gitGeneration && git === undefined) git = snapshot ?? null;
        },
        () => undefined,
      );
    },
    invalidate(path) {
      walk = undefined;
      git = undefined;
      gitGeneration++;
      if (path === undefined) {
        texts.clear();
        reasons.clear();
      } else {
        texts.delete(path);
        reasons.delete(path);
      }
    },
    unreadable() {
      const out = new Map([...reasons].filter(([, reason]) => reason !== MISSING_FILE_REASON));
      for (const [path, reason] of listing().unlisted) out.set(path, reason);
      return out;
    },
  };
}
