// A file access whose every read first runs a hook: the engine's cancellation checkpoints, the language server's count
// of files read for its progress. Everything else is the wrapped access's own.
import type { FileAccess } from "./types";

export function withReadHook(access: FileAccess, beforeRead: (path: string) => void): FileAccess {
  const { unreadableReason, unlisted, gitStatus } = access;
  return {
    files: () => access.files(),
    read: (path) => {
      beforeRead(path);
      return access.read(path);
    },
    unreadableReason: unreadableReason && ((path) => unreadableReason.call(access, path)),
    unlisted: unlisted && (() => unlisted.call(access)),
    gitStatus: gitStatus && ((path) => gitStatus.call(access, path)),
  };
}
