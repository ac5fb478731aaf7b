// A fast recursive listing of a project's files, pruned of folders that never hold project code.
import { readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { gitignoreLayers, layeredVerdict, type GitignoreLayer } from "../analysis/project/gitIgnore";
import { NEVER_ENTERED } from "../analysis/project/paths";

/** Decides whether a root-relative POSIX path (a folder when `dir`) is left out. */
export type PathFilter = (relPath: string, dir: boolean) => boolean;

function readEntries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // an unreadable folder is simply not listed
  }
}

/** A virtualenv of any name holds a `pyvenv.cfg` at its top. */
function isVirtualenv(entries: readonly Dirent[]): boolean {
  return entries.some((e) => e.name === "pyvenv.cfg" && !e.isDirectory());
}

/** Symlinked files are listed; symlinked folders are never followed (they may loop or leave the root). */
function isSymlinkToFile(absPath: string): boolean {
  try {
    return statSync(absPath).isFile();
  } catch {
    return false;
  }
}

function ownGitignore(dir: string, rel: string, entries: readonly Dirent[]): GitignoreLayer[] {
  if (!entries.some((e) => e.name === ".gitignore" && e.isFile())) return [];
  try {
    return gitignoreLayers(rel, readFileSync(join(dir, ".gitignore"), "utf8"));
  } catch {
    return [];
  }
}

/**
 * Every file under root as sorted root-relative POSIX paths. Folders the `.gitignore` files ignore (build output,
 * uploaded media, caches) are not entered; ignored files are still listed, since `.env` files are judged too.
 */
export function walkFiles(root: string, excluded: PathFilter): string[] {
  const out: string[] = [];
  const pending: Array<{ rel: string; layers: GitignoreLayer[] }> = [{ rel: "", layers: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { rel } = next;
    const dir = rel === "" ? root : join(root, rel);
    const entries = readEntries(dir);
    if (rel !== "" && isVirtualenv(entries)) continue;
    const layers = [...next.layers, ...ownGitignore(dir, rel, entries)];
    for (const entry of entries) {
      const child = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!NEVER_ENTERED.has(entry.name) && !excluded(child, true) && !layeredVerdict(layers, child, true)) pending.push({ rel: child, layers });
      } else if (entry.isFile() || (entry.isSymbolicLink() && isSymlinkToFile(join(root, child)))) {
        if (!excluded(child, false)) out.push(child);
      }
    }
  }
  return out.sort();
}
