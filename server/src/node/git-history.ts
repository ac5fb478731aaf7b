// Reads a repository's history for the history scan, with read-only plumbing only (through runGit):
// `rev-parse` to name the start, one `log --raw` for the changed files of every reachable commit, and
// `cat-file --batch-check` / `--batch` to read each distinct file version once. Nothing here compares
// the work tree, so no filter, textconv or diff driver runs; every call is bounded in time and size.
import type { HistoryChange, HistoryCommit } from "../analysis/history/history";
import { runGit, runGitBytes, SAFE_DIFF_OPTIONS } from "./git";
import { decode } from "./read-text";

export const HISTORY_LIMITS = {
  /** One log or cat-file call. */
  timeoutMs: 60_000,
  /** A file version larger than this is not read (settings modules and env files are small). */
  maxBlobBytes: 1024 * 1024,
  /** Distinct file versions read at most; past it the scan says it was not complete. */
  maxBlobs: 50_000,
  /** Bytes of file versions one `cat-file --batch` call returns. */
  maxBatchBytes: 32 * 1024 * 1024,
  maxLogBytes: 256 * 1024 * 1024,
};

export type GitAnswer<T> = { ok: true; value: T } | { ok: false; failure: string };

function fail<T>(failure: string): GitAnswer<T> {
  return { ok: false, failure };
}

/** Whether `root` lies in a git work tree (and git can be run the safe way). */
export function isInGitWorkTree(root: string): GitAnswer<boolean> {
  const result = runGit(root, root, ["rev-parse", "--is-inside-work-tree"]);
  if (result.failure === "no git executable outside the workspace") return fail(result.failure);
  return { ok: true, value: result.ok && result.stdout.trim() === "true" };
}

/** The commit a user's REF names; `--end-of-options` keeps a REF from being read as an option. */
export function resolveCommit(root: string, ref: string): GitAnswer<string> {
  const result = runGit(root, root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  const sha = result.stdout.trim();
  return result.ok && /^[0-9a-f]{40,64}$/.test(sha) ? { ok: true, value: sha } : fail(`'${ref}' names no commit`);
}

const OBJECT_ID = /^[0-9a-f]{40,64}$/;
const NULL_ID = /^0+$/;

/** `:100644 100644 <old> <new> M` (or `::…` for a merge, whose last id is the result): the version the commit left. */
function newBlob(meta: string): string | undefined {
  const ids = meta.split(" ").filter((part) => OBJECT_ID.test(part));
  const last = ids.at(-1);
  return last !== undefined && !NULL_ID.test(last) ? last : undefined;
}

/** `\x01<sha> <time>\0\n` then `<meta>\0<path>\0` pairs, per commit. */
export function parseRawLog(output: string): HistoryCommit[] {
  const commits: HistoryCommit[] = [];
  for (const chunk of output.split("\x01")) {
    const headerEnd = chunk.indexOf("\0");
    if (headerEnd < 0) continue;
    const [sha, time] = chunk.slice(0, headerEnd).split(" ");
    if (!sha || !OBJECT_ID.test(sha)) continue;
    const tokens = chunk.slice(headerEnd + 1).replace(/^\n/, "").split("\0");
    const changes: HistoryChange[] = [];
    for (let i = 0; i + 1 < tokens.length; i += 2) {
      const meta = tokens[i] ?? "";
      const path = tokens[i + 1] ?? "";
      const blob = meta.startsWith(":") ? newBlob(meta) : undefined;
      if (blob && path) changes.push({ path, blob });
    }
    commits.push({ sha, time: Number(time) || 0, changes });
  }
  return commits;
}

/**
 * Every commit reachable from a ref (or HEAD) and not from `since`, oldest first, with the versions of the
 * matching paths it brought in. Paths come relative to `root`. `--full-history` keeps side branches whose
 * changes were undone before the merge; `--cc` shows versions a merge itself made.
 */
export function readHistoryLog(root: string, pathspecs: readonly string[], since: string | undefined): GitAnswer<HistoryCommit[]> {
  const args = [
    "log", "--all", ...(since ? ["--not", since] : []),
    "--full-history", "--reverse", "--raw", "--no-abbrev", "--no-renames", "--cc", "--relative", "-z",
    ...SAFE_DIFF_OPTIONS, "--format=%x01%H %ct", "--", ...pathspecs,
  ];
  const result = runGit(root, root, args, { timeoutMs: HISTORY_LIMITS.timeoutMs, maxOutputBytes: HISTORY_LIMITS.maxLogBytes });
  if (!result.ok) return fail(result.failure ?? "git log failed");
  return { ok: true, value: parseRawLog(result.stdout) };
}

export interface BlobTexts {
  texts: Map<string, string>;
  /** Versions not read, with why (too large, binary, not UTF-8, missing from a shallow clone). */
  unread: Map<string, string>;
}

function blobSizes(root: string, blobs: readonly string[]): GitAnswer<Map<string, number | undefined>> {
  const result = runGit(root, root, ["cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)"], {
    input: `${blobs.join("\n")}\n`,
    timeoutMs: HISTORY_LIMITS.timeoutMs,
  });
  if (!result.ok) return fail(result.failure ?? "git cat-file failed");
  const sizes = new Map<string, number | undefined>();
  for (const line of result.stdout.split("\n")) {
    const [id, type, size] = line.split(" ");
    if (id) sizes.set(id, type === "blob" ? Number(size) : undefined);
  }
  return { ok: true, value: sizes };
}

/** `<id> blob <size>\n<bytes>\n` per object, cut by the byte counts. */
function parseBatch(output: Buffer, into: BlobTexts): void {
  let at = 0;
  while (at < output.length) {
    const headerEnd = output.indexOf(0x0a, at);
    if (headerEnd < 0) break;
    const [id, type, sizeText] = output.subarray(at, headerEnd).toString("latin1").split(" ");
    const size = Number(sizeText);
    if (!id || type !== "blob" || !Number.isFinite(size)) {
      at = headerEnd + 1;
      continue;
    }
    const decoded = decode(output.subarray(headerEnd + 1, headerEnd + 1 + size));
    if ("text" in decoded) into.texts.set(id, decoded.text);
    else into.unread.set(id, decoded.reason);
    at = headerEnd + 1 + size + 1;
  }
}

/** Batches of object ids whose summed size stays under the per-call limit. */
function batches(blobs: readonly string[], sizes: ReadonlyMap<string, number | undefined>): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const blob of blobs) {
    const size = sizes.get(blob) ?? 0;
    if (current.length > 0 && bytes + size > HISTORY_LIMITS.maxBatchBytes) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(blob);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Reads each distinct version once. */
export function readBlobs(root: string, blobs: readonly string[]): GitAnswer<BlobTexts> {
  const found: BlobTexts = { texts: new Map(), unread: new Map() };
  if (blobs.length === 0) return { ok: true, value: found };
  const sizes = blobSizes(root, blobs);
  if (!sizes.ok) return sizes;
  const wanted: string[] = [];
  for (const blob of blobs) {
    const size = sizes.value.get(blob);
    if (size === undefined) found.unread.set(blob, "not in the repository (a shallow or partial clone?)");
    else if (size > HISTORY_LIMITS.maxBlobBytes) found.unread.set(blob, `larger than ${HISTORY_LIMITS.maxBlobBytes / 1024 / 1024} MB`);
    else wanted.push(blob);
  }
  for (const batch of batches(wanted, sizes.value)) {
    const result = runGitBytes(root, root, ["cat-file", "--batch"], {
      input: `${batch.join("\n")}\n`,
      timeoutMs: HISTORY_LIMITS.timeoutMs,
      maxOutputBytes: HISTORY_LIMITS.maxBatchBytes * 2,
    });
    if (!result.ok) return fail(result.failure ?? "git cat-file failed");
    parseBatch(result.stdout, found);
  }
  return { ok: true, value: found };
}
