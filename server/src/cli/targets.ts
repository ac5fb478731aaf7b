// What each PATH argument means: a folder is a root of its own; a file is checked within its project.
import { existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { gitTopLevel } from "../node/git-status";

export interface Target {
  /** Absolute folder analysed as the root. */
  root: string;
  /** Root-relative POSIX paths of the named files, when only their findings are wanted. */
  only?: Set<string>;
}

export interface ResolvedTargets {
  targets: Target[];
  /** PATH arguments that do not exist, as given. */
  missing: string[];
}

function toPosix(p: string): string {
  return sep === "/" ? p : p.split(sep).join("/");
}

/** The nearest folder above the file holding manage.py, else the git work tree's top, else the file's folder. */
export function projectRootOf(file: string): string {
  const start = dirname(file);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "manage.py"))) return dir;
    if (dirname(dir) === dir) break;
  }
  return gitTopLevel(start) ?? start;
}

function isDirectory(path: string): boolean | undefined {
  try {
    return statSync(path).isDirectory();
  } catch {
    return undefined;
  }
}

/** Targets sharing a root are analysed once; a folder PATH wants all of a root's findings. */
function addTarget(byRoot: Map<string, Target>, root: string, file?: string): void {
  const existing = byRoot.get(root);
  if (file === undefined) {
    byRoot.set(root, { root });
  } else if (!existing) {
    byRoot.set(root, { root, only: new Set([file]) });
  } else {
    existing.only?.add(file);
  }
}

export function resolveTargets(paths: readonly string[], cwd: string): ResolvedTargets {
  const byRoot = new Map<string, Target>();
  const missing: string[] = [];
  for (const given of paths.length > 0 ? paths : ["."]) {
    const absolute = resolve(cwd, given);
    const directory = isDirectory(absolute);
    if (directory === undefined) missing.push(given);
    else if (directory) addTarget(byRoot, absolute);
    else {
      const root = projectRootOf(absolute);
      addTarget(byRoot, root, toPosix(relative(root, absolute)));
    }
  }
  return { targets: [...byRoot.values()], missing };
}

/** The deepest folder containing every root: where several roots' findings are reported from. */
/** The target of a command that takes one optional PATH; undefined (the reason on stderr) when PATH does not exist. */
export function singleTarget(path: string | undefined, io: { cwd: string; stderr(text: string): void }): Target | undefined {
  const { targets, missing } = resolveTargets(path === undefined ? [] : [path], io.cwd);
  const target = targets[0];
  if (!target) io.stderr(`django-ready: no such file or directory: ${missing[0] ?? path ?? "."}\n`);
  return target;
}

export function commonRoot(roots: readonly string[]): string {
  const [first, ...rest] = roots.map((r) => r.split(sep));
  if (!first) return resolve(".");
  let length = first.length;
  for (const parts of rest) {
    let i = 0;
    while (i < length && i < parts.length && parts[i] === first[i]) i++;
    length = i;
  }
  return first.slice(0, length).join(sep) || sep;
}
