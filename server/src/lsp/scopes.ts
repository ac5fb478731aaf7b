// A file's project scope: the folder of the outermost manage.py above it. The editor analyses the scope of the
// document being opened or typed in instead of the whole workspace, and merges the result with the last analysis
// of the whole root. A Django project's findings depend only on its own folder and on the files lying directly in
// the folders above it (compose files), so inside the scope the merged result is the full analysis' own.
import type { AnalysisResult } from "../analysis/engine";
import { compareFindings } from "../analysis/engine";
import { REQUIREMENTS_FOLDER } from "../analysis/project/dependencies";
import { basename, dirname, isUnder } from "../analysis/project/paths";
import type { FileAccess, Finding } from "../analysis/types";

/** "" stands for the whole root: no smaller scope is known to be safe. */
export type Scope = string;

const manageOf = (dir: string) => (dir === "" ? "manage.py" : `${dir}/manage.py`);

/** The folders above `path`, nearest first, ending with the root (""). */
export function foldersAbove(path: string): string[] {
  const out: string[] = [];
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    out.push(dir);
    if (dir === "") return out;
  }
}

/**
 * The outermost folder above `path` holding a manage.py (so no Django project of the root lies above it), or the
 * root. With the last full analysis known, a scope inside another project's folder (a settings-package project
 * without manage.py, say) is not used, nor a manage.py the analysis did not see (ignored or excluded).
 */
export function projectScopeOf(access: FileAccess, path: string, last?: AnalysisResult, listed?: ReadonlySet<string>): Scope {
  const withManage = foldersAbove(path).filter((dir) => access.read(manageOf(dir)) !== undefined);
  const scope = withManage.at(-1) ?? "";
  if (scope === "" || !last) return scope;
  if (listed && !listed.has(manageOf(scope))) return "";
  return last.projects.some((project) => project.root !== scope && isUnder(scope, project.root)) ? "" : scope;
}

/** The files a scope's analysis sees: its folder's, those directly in the folders above it and in their `requirements/`. */
export function inScopeListing(file: string, scope: Scope): boolean {
  const folder = dirname(file);
  return isUnder(file, scope) || isUnder(scope, folder) || (basename(folder) === REQUIREMENTS_FOLDER && isUnder(scope, dirname(folder)));
}

/** The root's access with its listing narrowed to `files`; reads, reasons and git's view stay the root's. */
export function scopedFileAccess(access: FileAccess, files: readonly string[]): FileAccess {
  return {
    files: () => files,
    read: (path) => access.read(path),
    unreadableReason: (path) => access.unreadableReason?.(path),
    unlisted: () => access.unlisted?.() ?? new Map(),
    gitStatus: (path) => access.gitStatus?.(path),
  };
}

/** The last full analysis' findings outside the scope, the scope's own inside it. */
export function mergeScoped(full: readonly Finding[], scoped: readonly Finding[], scope: Scope): Finding[] {
  const outside = full.filter((finding) => !isUnder(finding.file, scope));
  const inside = scoped.filter((finding) => isUnder(finding.file, scope));
  return [...outside, ...inside].sort(compareFindings);
}
