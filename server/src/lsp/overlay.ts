// The analysis' view of one root: the disk, overlaid with the texts of the documents open in the editor.
import type { FileAccess } from "../analysis/types";

export interface OpenText {
  getText(): string;
}

/**
 * Open documents win over the disk. The file list stays the disk's (already pruned of virtualenvs and the
 * like): an open file the walk skipped must stay skipped, and a newly created one arrives with its watcher event.
 */
export function createOverlayFileAccess(disk: FileAccess, open: ReadonlyMap<string, OpenText>): FileAccess {
  return {
    files: () => disk.files(),
    read: (path) => open.get(path)?.getText() ?? disk.read(path),
    unreadableReason: (path) => (open.has(path) ? undefined : disk.unreadableReason?.(path)),
    gitStatus: (path) => disk.gitStatus?.(path),
  };
}
