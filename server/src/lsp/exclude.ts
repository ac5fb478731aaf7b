// Leaving files out of a root's analysis: djangoReady.exclude, [tool.django-ready] exclude and VS Code's
// files.exclude, applied to the listing the analysis sees.
import ignore from "ignore";
import type { FileAccess } from "../analysis/types";

/** Whether a root-relative POSIX path is left out. */
export type PathMatcher = (path: string) => boolean;

export const matchNothing: PathMatcher = () => false;

/**
 * Globs are read as .gitignore patterns (what the CLI's --exclude and pyproject's exclude take); VS Code's
 * glob braces (`*.{pyc,pyo}`), which .gitignore lacks, are expanded first.
 */
export function createExcludeMatcher(globs: readonly string[]): PathMatcher {
  if (globs.length === 0) return matchNothing;
  const matcher = ignore().add(globs.flatMap(expandBraces));
  return (path) => matcher.ignores(path);
}

/** `a{b,c}d` → `abd`, `acd`; recursive for several groups. Nested braces are left as they are. */
export function expandBraces(glob: string): string[] {
  const group = /\{([^{}]*,[^{}]*)\}/.exec(glob);
  if (!group) return [glob];
  const before = glob.slice(0, group.index);
  const after = glob.slice(group.index + group[0].length);
  return (group[1] ?? "").split(",").flatMap((choice) => expandBraces(`${before}${choice}${after}`));
}

/**
 * The access with excluded files dropped from its listing. Reads stay allowed: rules that look a file up by
 * name (a `.gitignore`, a requirements include) must see what is there. The filtered listing is kept until the
 * underlying listing or the matcher changes, so typing does not filter thousands of paths on every keystroke.
 */
export function excludingFileAccess(access: FileAccess, matcher: () => PathMatcher): FileAccess {
  let source: readonly string[] | undefined;
  let usedMatcher: PathMatcher | undefined;
  let listing: readonly string[] = [];
  return {
    files() {
      const files = access.files();
      const excluded = matcher();
      if (files !== source || excluded !== usedMatcher) {
        source = files;
        usedMatcher = excluded;
        listing = excluded === matchNothing ? files : files.filter((path) => !excluded(path));
      }
      return listing;
    },
    read: (path) => access.read(path),
    unreadableReason: (path) => access.unreadableReason?.(path),
    unlisted: () => access.unlisted?.() ?? new Map(),
    gitStatus: (path) => access.gitStatus?.(path),
  };
}
