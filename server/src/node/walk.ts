// A fast recursive listing of a project's files, pruned of folders that never hold project code.
// Every folder and `.gitignore` is read through the guarded reader; what cannot be listed is reported, never dropped.
import { statSync } from "node:fs";
import { join } from "node:path";
import { gitignoreLayers, layeredVerdict, type GitignoreLayer } from "../analysis/project/gitIgnore";
import { NEVER_ENTERED } from "../analysis/project/paths";
import { listGuarded, type ListedEntry, readGuarded } from "./guarded-read";

/** Decides whether a root-relative POSIX path (a folder when `dir`) is left out. */
export type PathFilter = (relPath: string, dir: boolean) => boolean;

export interface WalkResult {
  /** Sorted root-relative POSIX paths of every file (and file-like entry: FIFOs are listed so the reader can refuse them). */
  files: string[];
  /** Folders that could not be listed and names that are not valid UTF-8 ("." for the root), with why. */
  unlisted: Map<string, string>;
}

/** A virtualenv of any name holds a `pyvenv.cfg` at its top. */
function isVirtualenv(entries: readonly ListedEntry[]): boolean {
  return entries.some((e) => e.name === "pyvenv.cfg" && e.kind !== "directory");
}

/** Symlinked folders are never followed (they may loop or leave the root); a symlink to anything else is listed. */
function isSymlinkToFolder(absPath: string): boolean {
  try {
    return statSync(absPath).isDirectory();
  } catch {
    return false;
  }
}

function ownGitignore(root: string, rel: string, entries: readonly ListedEntry[]): GitignoreLayer[] {
  if (!entries.some((e) => e.name === ".gitignore" && e.kind === "file")) return [];
  const read = readGuarded(root, rel === "" ? ".gitignore" : `${rel}/.gitignore`);
  return "text" in read ? gitignoreLayers(rel, read.text) : [];
}

/**
 * Every file under root as sorted root-relative POSIX paths. Folders the `.gitignore` files ignore (build output,
 * uploaded media, caches) are not entered; ignored files are still listed, since `.env` files are judged too.
 */
export function walkFiles(root: string, excluded: PathFilter): WalkResult {
  const files: string[] = [];
  const unlisted = new Map<string, string>();
  const pending: Array<{ rel: string; layers: GitignoreLayer[] }> = [{ rel: "", layers: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { rel } = next;
    const listing = listGuarded(root, rel);
    if (!("entries" in listing)) {
      unlisted.set(rel === "" ? "." : rel, listing.reason);
      continue;
    }
    const { entries, undecodable } = listing;
    if (rel !== "" && isVirtualenv(entries)) continue;
    for (const name of undecodable) unlisted.set(rel === "" ? name : `${rel}/${name}`, "the name is not valid UTF-8");
    const layers = [...next.layers, ...ownGitignore(root, rel, entries)];
    for (const entry of entries) {
      const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.kind === "directory") {
        if (!NEVER_ENTERED.has(entry.name) && !excluded(child, true) && !layeredVerdict(layers, child, true)) pending.push({ rel: child, layers });
      } else if (entry.kind !== "symlink" || !isSymlinkToFolder(join(root, child))) {
        if (!excluded(child, false)) files.push(child);
      }
    }
  }
  return { files: files.sort(), unlisted };
}
