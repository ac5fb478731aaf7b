// The node-side FileAccess over a folder on disk: a pruned listing, cached exact texts, git's view.
import { join } from "node:path";
import ignore from "ignore";
import type { FileAccess } from "../analysis/types";
import { readGitSnapshot, type GitSnapshot } from "./git-status";
import { DEFAULT_MAX_FILE_BYTES, MISSING_FILE_REASON, readTextFile } from "./read-text";
import { walkFiles } from "./walk";

export interface DiskFileAccess extends FileAccess {
  unreadableReason(path: string): string | undefined;
  /** Drops the cached text of `path` (with the listing and git's view), or every cache when no path is given. */
  invalidate(path?: string): void;
  /** Existing files read() was asked for and could not give, with the reason: what the CLI reports as skipped. */
  unreadable(): Map<string, string>;
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

  let listing: string[] | undefined;
  // null: git was asked and the root is not in a repository (or git is missing).
  let git: GitSnapshot | null | undefined;
  const texts = new Map<string, string>();
  const reasons = new Map<string, string>();

  function load(path: string): void {
    const result = readTextFile(join(root, path), maxBytes);
    if ("text" in result) texts.set(path, result.text);
    else reasons.set(path, result.reason);
  }

  return {
    files() {
      listing ??= walkFiles(root, excluded);
      return listing;
    },
    read(path) {
      if (!texts.has(path) && !reasons.has(path)) load(path);
      return texts.get(path);
    },
    unreadableReason(path) {
      return reasons.get(path);
    },
    gitStatus(path) {
      if (git === undefined) git = readGitSnapshot(root) ?? null;
      return git?.status(path);
    },
    invalidate(path) {
      listing = undefined;
      git = undefined;
      if (path === undefined) {
        texts.clear();
        reasons.clear();
      } else {
        texts.delete(path);
        reasons.delete(path);
      }
    },
    unreadable() {
      return new Map([...reasons].filter(([, reason]) => reason !== MISSING_FILE_REASON));
    },
  };
}
