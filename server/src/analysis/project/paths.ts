// POSIX path helpers for root-relative paths ("" is the root).

export function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** Whether `path` is `dir` itself or lies under it. */
export function isUnder(path: string, dir: string): boolean {
  return dir === "" || path === dir || path.startsWith(`${dir}/`);
}

/** `path` relative to `dir` when `dir` contains it; else `path` as it is (root-relative: an env file above a project). */
export function relativeTo(path: string, dir: string): string {
  if (dir === "" || !isUnder(path, dir)) return path;
  return path === dir ? "" : path.slice(dir.length + 1);
}

/** Lower-cased words of a file stem, split on `_`, `-` and `.`: `settings_prod.py` → settings, prod. */
export function stemWords(path: string): string[] {
  const name = basename(path).replace(/\.py$/, "");
  return name.toLowerCase().split(/[_\-.]+/).filter(Boolean);
}

/** Folders that never hold project code: VCS data, dependencies, caches and virtualenvs by their usual names. */
export const NEVER_ENTERED: ReadonlySet<string> = new Set([".git", "node_modules", "site-packages", "__pycache__", ".venv", "venv", ".tox", ".nox", ".mypy_cache"]);

/** A folder segment named like one of NEVER_ENTERED (their only special character is the dot), before the last segment. */
const TOOLING_SEGMENT = new RegExp(`(?:^|/)(?:${[...NEVER_ENTERED].map((name) => name.replaceAll(".", "\\.")).join("|")})/`);

/**
 * Files under virtualenvs, site-packages, node_modules and .git are never settings modules (RULES.md). Asked of
 * every path of the workspace several times per analysis, hence one regular expression, not a split.
 */
export function isInsideToolingFolder(path: string): boolean {
  return TOOLING_SEGMENT.test(path);
}
