// The analysis' view of one root: the disk, overlaid with the texts of the documents open in the editor.
import type { FileAccess } from "../analysis/types";
import { DEFAULT_MAX_FILE_BYTES } from "../node/read-text";

export interface OpenText {
  getText(): string;
}

/**
 * Open documents win over the disk. The file list stays the disk's (already pruned of virtualenvs and the
 * like): an open file the walk skipped must stay skipped, and a newly created one arrives with its watcher event.
 */
export function createOverlayFileAccess(disk: FileAccess, open: ReadonlyMap<string, OpenText>, maxChars = DEFAULT_MAX_FILE_BYTES): FileAccess {
  // An open buffer over the size limit is skipped like such a file on disk (one DJP003 instead of a slow analysis).
  const oversized = (path: string) => (open.get(path)?.getText().length ?? 0) > maxChars;
  return {
    files: () => disk.files(),
    read: (path) => (oversized(path) ? undefined : open.get(path)?.getText() ?? disk.read(path)),
    unreadableReason: (path) => {
      if (oversized(path)) return `larger than ${Math.round(maxChars / (1024 * 1024))} MB`;
      return open.has(path) ? undefined : disk.unreadableReason?.(path);
    },
    unlisted: () => disk.unlisted?.() ?? new Map(),
    gitStatus: (path) => disk.gitStatus?.(path),
  };
}
