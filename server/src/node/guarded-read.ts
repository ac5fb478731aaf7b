// The one guarded reader of workspace files and folders. A workspace is untrusted: a file may be a FIFO
// (an ordinary open would wait for a writer forever), a device (/dev/zero never ends), a symlink to a
// credential file elsewhere, or far larger than anything a settings module needs. So a read
// - resolves the path and refuses a target outside the root (symlinks are followed only inside it); on Linux the
//   common case opens first and asks the kernel where the opened file is, one system call instead of one per
//   path component;
// - opens without blocking (O_NONBLOCK) and without becoming a controlling terminal, then accepts only
//   a regular file, judged on the opened descriptor (no race between the check and the read);
// - reads at most the size limit, also when the file claims a smaller size than it has;
// - decodes strictly as UTF-8 (BOM kept, so ranges match the editor).
import { createHash } from "node:crypto";
import { closeSync, constants, type Dirent, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, type Stats } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { isUtf8 } from "node:buffer";

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The reason for a path that does not exist: not a skipped file, just an absent one. */
export const MISSING_FILE_REASON = "no such file";

/** What a read saw, so a writer can tell whether the file changed since. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  /** sha256 of the bytes read, hex. */
  hash: string;
}

export type GuardedRead = { text: string; stamp: FileStamp } | { reason: string; missing?: true };

export interface GuardedReadOptions {
  maxBytes?: number;
}

const BINARY_SNIFF_BYTES = 8 * 1024;
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
// O_NONBLOCK and O_NOCTTY do not exist on Windows, where FIFOs and terminals cannot sit in a folder anyway.
// The resolved path is opened without following a link, so a file swapped for one after the check is refused.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** "5 MB" for a limit, "50.0 MB" for a measured size (binary megabytes, as file managers show). */
export function formatMegabytes(bytes: number, decimals: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(decimals)} MB`;
}

function tooLarge(maxBytes: number, size: number): string {
  const limitDecimals = maxBytes % (1024 * 1024) === 0 ? 0 : 1;
  return `larger than ${formatMegabytes(maxBytes, limitDecimals)} (${formatMegabytes(size, 1)})`;
}

export function describeFsError(error: unknown): string {
  const code = error instanceof Error && "code" in error ? String(error.code) : "";
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOENT":
    case "ENOTDIR":
      return MISSING_FILE_REASON;
    case "EISDIR":
      return "is a directory";
    case "ELOOP":
      return "symbolic link loop";
    default:
      return code ? `cannot be read (${code})` : "cannot be read";
  }
}

/** Whether `path` is `folder` or lies below it (both absolute and already resolved). */
export function isInsideFolder(path: string, folder: string): boolean {
  // Resolved POSIX paths compare as strings (path.relative normalises both again, on every read); Windows paths
  // compare without case, as relative() does.
  if (sep === "/") return path === folder || path.startsWith(folder.endsWith("/") ? folder : `${folder}/`);
  const rel = relative(folder, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "is a directory";
  if (stats.isFIFO()) return "not a regular file (a FIFO)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "not a regular file (a device)";
  if (stats.isSocket()) return "not a regular file (a socket)";
  return "not a regular file";
}

// One realpath(3) call instead of Node's JavaScript walk (an lstat per path component); on Windows, where the native
// call resolves subst drives and network paths differently, the JavaScript one as before.
const realpath = process.platform === "win32" ? realpathSync : realpathSync.native;

const realRoots = new Map<string, string>();

function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realpath(root);
    realRoots.set(root, real);
  }
  return real;
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The resolved path of a root-relative path, or why it may not be read. */
function resolveInside(root: string, relPath: string): { real: string } | { reason: string; missing?: true } {
  let rootReal: string;
  let real: string;
  try {
    rootReal = realRoot(root);
    real = realpath(join(root, relPath));
  } catch (error) {
    const reason = describeFsError(error);
    if (reason !== MISSING_FILE_REASON) return { reason };
    return isSymlink(join(root, relPath)) ? { reason: "a symbolic link to a missing file" } : { reason, missing: true };
  }
  if (!isInsideFolder(real, rootReal)) return { reason: "a symbolic link to a file outside the folder (not read)" };
  return { real };
}

/**
 * The file's bytes, at most `maxBytes` (undefined when there are more). One buffer of the size fstat gave (plus one
 * byte, to see a file that grew), grown only when the file turns out longer than it said.
 */
function readBounded(fd: number, maxBytes: number, statedSize: number): Buffer | undefined {
  let buffer = Buffer.allocUnsafe(Math.min(statedSize, maxBytes) + 1);
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      if (total > maxBytes) return undefined;
      const grown = Buffer.allocUnsafe(Math.min(Math.max(buffer.length * 2, 64 * 1024), maxBytes + 1));
      buffer.copy(grown, 0, 0, total);
      buffer = grown;
    }
    const n = readSync(fd, buffer, total, buffer.length - total, null);
    if (n === 0) break;
    total += n;
  }
  return total > maxBytes ? undefined : buffer.subarray(0, total);
}

/** Exact UTF-8 text (BOM kept), or why not: a NUL in the first 8 KB means binary. */
export function decodeText(bytes: Uint8Array): { text: string } | { reason: string } {
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { reason: "binary file" };
  // isUtf8 is the strict check the fatal decoder makes, much faster; valid UTF-8 then decodes exactly (BOM kept).
  if (!isUtf8(bytes)) return { reason: "not valid UTF-8" };
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8") };
}

/** The SHA-256 of the bytes read, computed when a writer asks: strictly decoded UTF-8 encodes back to the same bytes. */
function lazyStamp(text: string, size: number, mtimeMs: number): FileStamp {
  let hash: string | undefined;
  return {
    size,
    mtimeMs,
    get hash() {
      return (hash ??= createHash("sha256").update(text, "utf8").digest("hex"));
    },
  };
}

function decode(bytes: Uint8Array, stats: Stats): GuardedRead {
  const decoded = decodeText(bytes);
  if (!("text" in decoded)) return decoded;
  return { text: decoded.text, stamp: lazyStamp(decoded.text, bytes.length, stats.mtimeMs) };
}

/** Why a read failed, for the user; a file that is not there is marked missing (not an unreadable file). */
function failedRead(error: unknown): GuardedRead {
  const reason = describeFsError(error);
  return reason === MISSING_FILE_REASON ? { reason, missing: true } : { reason };
}

/** The file behind an open descriptor, under the guards: a regular file, bounded, strictly decoded. */
function readOpened(fd: number, maxBytes: number): GuardedRead {
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { reason: kindOf(stats) };
    if (stats.size > maxBytes) return { reason: tooLarge(maxBytes, stats.size) };
    const bytes = readBounded(fd, maxBytes, stats.size);
    if (bytes === undefined) return { reason: tooLarge(maxBytes, maxBytes + 1) };
    return decode(bytes, stats);
  } catch (error) {
    return failedRead(error);
  }
}

/** Reads an already resolved, already permitted path under the guards. */
function readResolved(real: string, maxBytes: number): GuardedRead {
  let fd: number;
  try {
    fd = openSync(real, OPEN_FLAGS);
  } catch (error) {
    return failedRead(error);
  }
  try {
    return readOpened(fd, maxBytes);
  } finally {
    closeSync(fd);
  }
}

/** Where the kernel says the file of an open descriptor is: Linux only (elsewhere every read resolves first). */
const DESCRIPTOR_PATHS = process.platform === "linux" ? "/proc/self/fd/" : undefined;

/**
 * The common case with one open instead of resolving every component first: the path is opened as it stands (a
 * link at its end is not followed), then the kernel is asked where the opened file is; inside the root, it is the
 * file the resolved path names — checked on what was actually opened. Anything else (a link at the end, a link
 * leaving the folder, an error, no /proc) gives undefined, and the read goes the long way, which says why.
 */
function readDirect(root: string, relPath: string, maxBytes: number): GuardedRead | undefined {
  if (DESCRIPTOR_PATHS === undefined) return undefined;
  let fd: number;
  try {
    fd = openSync(join(root, relPath), OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const opened = readlinkSync(`${DESCRIPTOR_PATHS}${fd}`);
    return isAbsolute(opened) && isInsideFolder(opened, realRoot(root)) ? readOpened(fd, maxBytes) : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** A workspace file (`relPath` root-relative, POSIX or native separators) as exact text, or why not. */
export function readGuarded(root: string, relPath: string, options: GuardedReadOptions = {}): GuardedRead {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const direct = readDirect(root, relPath, maxBytes);
  if (direct) return direct;
  const resolved = resolveInside(root, relPath);
  if (!("real" in resolved)) return resolved;
  return readResolved(resolved.real, maxBytes);
}

export interface ListedEntry {
  name: string;
  kind: "file" | "directory" | "symlink" | "other";
}

export interface GuardedListing {
  entries: ListedEntry[];
  /** Names that are not valid UTF-8, with undecodable bytes as \xNN: reported, never silently dropped. */
  undecodable: string[];
}

/** `\xNN` for each byte that is not part of valid UTF-8. */
export function escapeUndecodable(bytes: Buffer): string {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    let decoded: string | undefined;
    for (let length = 1; length <= 4 && i + length <= bytes.length && decoded === undefined; length++) {
      try {
        decoded = decoder.decode(bytes.subarray(i, i + length));
        i += length;
      } catch {
        // a longer sequence may still decode
      }
    }
    if (decoded === undefined) {
      out += `\\x${(bytes[i] ?? 0).toString(16).padStart(2, "0")}`;
      i++;
    } else out += decoded;
  }
  return out;
}

function kindOfEntry(entry: Dirent<Buffer>): ListedEntry["kind"] {
  if (entry.isFile()) return "file";
  if (entry.isDirectory()) return "directory";
  return entry.isSymbolicLink() ? "symlink" : "other";
}

const isDecodable = (name: Buffer): boolean => isUtf8(name);

/** One folder of the workspace (`relDir` root-relative, "" for the root), or why it cannot be listed. */
export function listGuarded(root: string, relDir: string): GuardedListing | { reason: string } {
  const dir = relDir === "" ? root : join(root, relDir);
  let raw: Dirent<Buffer>[];
  try {
    raw = readdirSync(dir, { withFileTypes: true, encoding: "buffer" });
  } catch (error) {
    return { reason: `folder cannot be listed: ${describeFsError(error)}` };
  }
  const entries: ListedEntry[] = [];
  const undecodable: string[] = [];
  for (const entry of raw) {
    if (isDecodable(entry.name)) entries.push({ name: entry.name.toString("utf8"), kind: kindOfEntry(entry) });
    else undecodable.push(escapeUndecodable(entry.name));
  }
  return { entries, undecodable };
}
