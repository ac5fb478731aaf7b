// The one guarded writer of workspace files. A fix is applied as a unit: every file it touches is checked
// first, then written through temporary files renamed into place, the env file (which receives the
// secret) first; when any part fails nothing stays changed and the error names the file and the reason.
// A target must lie inside the root with no symbolic link anywhere on its path (a link — even a
// dangling one — could send a secret to a shell rc file), must have been read exactly before (so
// nothing the reader could not decode is replaced) and must be unchanged since that read.
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  constants,
  accessSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmdirSync,
  type Stats,
  unlinkSync,
  writeSync,
} from "node:fs";
import { dirname, isAbsolute, join, normalize } from "node:path";
import { type FileStamp, readGuarded } from "./guarded-read";

export interface PlannedWrite {
  /** Root-relative POSIX path. */
  file: string;
  text: string;
  /** What the read this text was computed from saw; undefined when the file did not exist then. */
  expected: FileStamp | undefined;
  /** Env files are written first (they receive the secret) and created with mode 0600. */
  envFile: boolean;
}

export interface WriteGuards {
  /** Git's view of a file; a tracked env file is never written. */
  gitStatus?(file: string): "tracked" | "ignored" | "untracked" | undefined;
  /** Why the reader could not read a file, for the refusal message. */
  unreadableReason?(file: string): string | undefined;
}

export class WriteRefused extends Error {
  constructor(
    readonly file: string,
    readonly why: string,
  ) {
    super(`${file}: ${why}`);
    this.name = "WriteRefused";
  }
}

const NEW_ENV_MODE = 0o600;
const NEW_FILE_MODE = 0o666; // less the umask, as any editor creates files

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The folders from the root down to the file's folder that do not exist yet (to create, then to remove on rollback). */
function checkPath(root: string, file: string): { absolute: string; missingFolders: string[]; existing: Stats | undefined } {
  if (file === "" || isAbsolute(file) || normalize(file).split(/[\\/]/).includes("..")) {
    throw new WriteRefused(file, "the path leaves the folder");
  }
  const parts = file.split("/");
  const missingFolders: string[] = [];
  let current = root;
  for (const [index, part] of parts.entries()) {
    current = join(current, part);
    const stats = missingFolders.length > 0 ? undefined : lstatOrUndefined(current);
    const last = index === parts.length - 1;
    if (stats?.isSymbolicLink()) throw new WriteRefused(file, `${last ? "it" : parts.slice(0, index + 1).join("/")} is a symbolic link; django-ready never writes through one`);
    if (!last && stats && !stats.isDirectory()) throw new WriteRefused(file, `${parts.slice(0, index + 1).join("/")} is not a folder`);
    if (!last && !stats) missingFolders.push(current);
    if (last) return { absolute: current, missingFolders, existing: stats };
  }
  throw new WriteRefused(file, "empty path");
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why a root-relative file may not be written (outside the root, a symlink on its path, not a regular file), else undefined. */
export function whyNotWritable(root: string, file: string): string | undefined {
  try {
    const { existing } = checkPath(root, file);
    return existing && !existing.isFile() ? "it is not a regular file" : undefined;
  } catch (error) {
    return error instanceof WriteRefused ? error.why : describeWriteError(error);
  }
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.hash === b.hash;
}

interface Checked {
  write: PlannedWrite;
  absolute: string;
  missingFolders: string[];
  /** The exact current text, to put back on rollback; undefined for a file this write creates. */
  original: string | undefined;
  mode: number;
  /** A kept mode or a new env file's 0600 is set exactly; other new files get the umask like any editor's. */
  exactMode: boolean;
}

function check(root: string, write: PlannedWrite, guards: WriteGuards): Checked {
  const { file } = write;
  const { absolute, missingFolders, existing } = checkPath(root, file);
  if (write.envFile && guards.gitStatus?.(file) === "tracked") {
    throw new WriteRefused(file, "git tracks this env file; a secret written there would be committed (untrack it: git rm --cached)");
  }
  if (!existing) {
    if (write.expected) throw new WriteRefused(file, "it was deleted since it was read");
    return { write, absolute, missingFolders, original: undefined, mode: write.envFile ? NEW_ENV_MODE : NEW_FILE_MODE, exactMode: write.envFile };
  }
  if (!existing.isFile()) throw new WriteRefused(file, "it is not a regular file");
  if (!isWritable(absolute)) throw new WriteRefused(file, "it is read-only");
  if (!write.expected) {
    const why = guards.unreadableReason?.(file);
    throw new WriteRefused(file, why ? `it could not be read exactly (${why}), so it is not replaced` : "it appeared since it was read; run the fix again");
  }
  const now = readGuarded(root, file);
  if (!("text" in now)) throw new WriteRefused(file, `it can no longer be read (${now.reason})`);
  if (!sameStamp(now.stamp, write.expected)) throw new WriteRefused(file, "it changed since it was read; run the fix again");
  return { write, absolute, missingFolders, original: now.text, mode: existing.mode & 0o7777, exactMode: true };
}

/** The text into a new temporary file beside `absolute`, with `mode`; returns the temporary path. */
function writeTemporary(absolute: string, text: string, mode: number, exactMode: boolean): string {
  const temporary = join(dirname(absolute), `.${randomBytes(6).toString("hex")}.django-ready.tmp`);
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), mode);
  try {
    const bytes = Buffer.from(text, "utf8");
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // The umask must not change a kept mode; a new env file stays 0600 whatever the umask.
  if (exactMode) chmodSync(temporary, mode);
  return temporary;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EROFS") return "read-only file system";
  if (code === "ENOSPC") return "no space left on the device";
  if (code === "EISDIR") return "it is a directory";
  return code ? `cannot be written (${code})` : "cannot be written";
}

interface Staged {
  checked: Checked;
  temporary: string;
  createdFolders: string[];
}

function stage(checked: Checked): Staged {
  const createdFolders: string[] = [];
  try {
    for (const folder of checked.missingFolders) {
      mkdirSync(folder);
      createdFolders.push(folder);
    }
    return { checked, temporary: writeTemporary(checked.absolute, checked.write.text, checked.mode, checked.exactMode), createdFolders };
  } catch (error) {
    for (const folder of createdFolders.reverse()) rmdirSync(folder);
    throw new WriteRefused(checked.write.file, describeWriteError(error));
  }
}

function unstage(staged: readonly Staged[]): void {
  for (const s of [...staged].reverse()) {
    removeQuietly(s.temporary);
    for (const folder of [...s.createdFolders].reverse()) {
      try {
        rmdirSync(folder);
      } catch {
        // not empty any more: leave it
      }
    }
  }
}

/** Puts back what a committed rename replaced. */
function rollBack(committed: readonly Staged[]): void {
  for (const s of [...committed].reverse()) {
    const { absolute, original, mode } = s.checked;
    if (original === undefined) removeQuietly(absolute);
    else renameSync(writeTemporary(absolute, original, mode, true), absolute);
  }
}

/**
 * Writes every planned text, or nothing. Throws WriteRefused naming the file and the reason; the files are then
 * as they were (a failure while putting them back, which needs a second failing disk, is the one exception).
 */
export function writeGuarded(root: string, writes: readonly PlannedWrite[], guards: WriteGuards = {}): void {
  const ordered = [...writes].sort((a, b) => Number(b.envFile) - Number(a.envFile));
  const checked = ordered.map((write) => check(root, write, guards));
  const staged: Staged[] = [];
  try {
    for (const c of checked) staged.push(stage(c));
  } catch (error) {
    unstage(staged);
    throw error;
  }
  const committed: Staged[] = [];
  for (const s of staged) {
    try {
      renameSync(s.temporary, s.checked.absolute);
      committed.push(s);
    } catch (error) {
      unstage(staged.filter((other) => !committed.includes(other)));
      rollBack(committed);
      throw new WriteRefused(s.checked.write.file, describeWriteError(error));
    }
  }
}
