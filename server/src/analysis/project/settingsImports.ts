// What a settings module pulls in (RULES.md "Settings module", "Deployed settings"): star imports, named imports of
// settings (`from .secrets import SECRET_KEY`), and django-split-settings `include()` with `optional()` and glob
// patterns. The one home of this walk: the settings-module test, the roles and the deployed settings all use it.
import type { Guard, ImportRecord, PythonModule, Statement } from "../python/module";
import type { Value } from "../python/values";
import type { Range } from "../types";
import { dirname, isUnder, joinPath, relativeTo } from "./paths";

export type PullKind = "star" | "named" | "include";

export interface Pull {
  kind: PullKind;
  /** The file pulled in; undefined when it cannot be resolved. */
  target?: string;
  /** How it was written (`.base`, `components/*.py`). */
  written: string;
  /** Named imports: the UPPERCASE names imported. */
  names: string[];
  /** Named imports: the CamelCase names imported (settings classes, for class-based settings). */
  classes?: string[];
  /** An `optional()` include: a missing file is fine. */
  optional: boolean;
  /** Why the pulled-in files cannot be known (an include() outside the project, a computed path). */
  unknown?: string;
  guard?: Guard;
  /** The `if`/`elif` tests the pull sits under, outermost first ("else" for an `else` branch). */
  branch?: string[];
  range: Range;
}

const isSettingName = (name: string) => /^[A-Z][A-Z0-9_]*$/.test(name);

const moduleIndexes = new WeakMap<readonly string[], Map<string, string[]>>();

/** The file a dotted name refers to among `pythonFiles` (exact path under root, else the shortest suffix match). */
export function resolveModule(name: string, pythonFiles: readonly string[], root: string): string | undefined {
  const tail = name.replace(/\./g, "/");
  let best: string | undefined;
  for (const file of moduleIndex(pythonFiles).get(tail.slice(tail.lastIndexOf("/") + 1)) ?? []) {
    const rel = relativeTo(file, root);
    const matches = rel === `${tail}.py` || rel === `${tail}/__init__.py` || rel.endsWith(`/${tail}.py`) || rel.endsWith(`/${tail}/__init__.py`);
    if (matches && (!best || file.length < best.length)) best = file;
  }
  return best;
}

/** The files a dotted name's last part can name (`c` → `…/c.py`, `…/c/__init__.py`), in list order; kept per file list. */
function moduleIndex(pythonFiles: readonly string[]): Map<string, string[]> {
  let index = moduleIndexes.get(pythonFiles);
  if (index) return index;
  index = new Map();
  for (const file of pythonFiles) {
    if (!file.endsWith(".py")) continue;
    const stem = file.slice(file.lastIndexOf("/") + 1, -".py".length);
    addTo(index, stem, file);
    if (stem === "__init__") {
      const folder = file.slice(0, -"/__init__.py".length);
      addTo(index, folder.slice(folder.lastIndexOf("/") + 1), file);
    }
  }
  moduleIndexes.set(pythonFiles, index);
  return index;
}

function addTo(index: Map<string, string[]>, key: string, file: string): void {
  const files = index.get(key);
  if (files) files.push(file);
  else index.set(key, [file]);
}

/** Resolve `from .base import …` / `from pkg.base import …` written in `file` to a file. */
export function resolveImport(written: string, file: string, pythonFiles: readonly string[], root: string): string | undefined {
  const dots = /^\.*/.exec(written)![0].length;
  if (dots === 0) return resolveModule(written, pythonFiles, root);
  let base = dirname(file);
  for (let i = 1; i < dots; i++) base = dirname(base);
  const rest = written.slice(dots).replace(/\./g, "/");
  const target = rest ? joinPath(base, rest) : base;
  const positions = filePositions(pythonFiles);
  const asFile = positions.get(`${target}.py`);
  const asPackage = positions.get(`${target}/__init__.py`);
  if (asFile === undefined) return asPackage === undefined ? undefined : pythonFiles[asPackage];
  return pythonFiles[asPackage === undefined ? asFile : Math.min(asFile, asPackage)];
}

const positionsByList = new WeakMap<readonly string[], Map<string, number>>();

function filePositions(pythonFiles: readonly string[]): Map<string, number> {
  let positions = positionsByList.get(pythonFiles);
  if (!positions) {
    positions = new Map();
    pythonFiles.forEach((file, position) => positions!.has(file) || positions!.set(file, position));
    positionsByList.set(pythonFiles, positions);
  }
  return positions;
}

function isIncludeCall(value: Value, module: PythonModule): value is Extract<Value, { kind: "call" }> {
  if (value.kind !== "call") return false;
  if (value.callee === "split_settings.tools.include") return true;
  return /(^|\.)include$/.test(value.callee) && module.imports.some((record) => record.module.startsWith("split_settings"));
}

interface IncludeArgument {
  pattern?: string;
  optional: boolean;
  /** A pattern built at run time (`"envs/%s.py" % ENV`): its fields became `*`. */
  computed: boolean;
  /** An item added to the included list under a condition (`if CI: files.append("ci.py")`). */
  guard?: Guard;
  branch?: string[];
}

/** A list item with the guard of the statement that added it. */
interface ListItem {
  value: Value;
  guard?: Guard;
  branch?: string[];
}

/** A `%`/`.format` template as a glob (`envs/%s.py` → `envs/*.py`). */
function templateGlob(template: string): string {
  return template.replace(/%[-#0 +]*\d*(?:\.\d+)?[sdr]|\{[^{}]*\}/g, "*");
}

function includeArguments(value: Value, module: PythonModule, optional = false): IncludeArgument[] {
  switch (value.kind) {
    case "string":
      return [{ pattern: value.value, optional, computed: false }];
    case "call": {
      if (/(^|\.)optional$/.test(value.callee)) return value.args.flatMap((arg) => includeArguments(arg, module, true));
      const format = /^(['"])(.*)\1\.format$/.exec(value.callee);
      if (format) return [{ pattern: templateGlob(format[2]), optional, computed: true }];
      return [{ optional, computed: true }];
    }
    case "other": {
      if (value.operator === "%" && value.parts?.[0]?.kind === "string") return [{ pattern: templateGlob(value.parts[0].value), optional, computed: true }];
      if (value.operator === "*" && value.parts?.[0]?.kind === "name") return listNamed(value.parts[0].name, module).flatMap((item) => listItemArguments(item, module, optional));
      return [{ optional, computed: true }];
    }
    case "list":
    case "tuple":
      return value.items.flatMap((item) => includeArguments(item, module, optional));
    case "name":
      return listNamed(value.name, module).flatMap((item) => listItemArguments(item, module, optional));
    default:
      return [{ optional, computed: true }];
  }
}

function listItemArguments(item: ListItem, module: PythonModule, optional: boolean): IncludeArgument[] {
  return includeArguments(item.value, module, optional).map((argument) => (item.guard ? { ...argument, guard: item.guard, branch: item.branch } : argument));
}

/**
 * The items of the list a module-level name was last assigned (`include(*base_settings)`), with those later
 * `.append`ed, `.extend`ed or `.insert`ed (`if os.environ.get("CI"): base_settings.append("ci.py")`), each with
 * the guard it was added under.
 */
function listNamed(name: string, module: PythonModule): ListItem[] {
  let items: ListItem[] | undefined;
  for (const statement of module.statements) {
    if (statement.kind === "assign" && statement.keys.length === 0 && statement.name === name && (statement.value.kind === "list" || statement.value.kind === "tuple")) {
      items = statement.value.items.map((value) => ({ value, guard: statement.guard, branch: statement.branch }));
    } else if (items && statement.kind === "mutate" && statement.name === name) {
      const added = statement.method === "append" ? statement.args.slice(0, 1) : statement.method === "insert" ? statement.args.slice(1, 2) : statement.method === "extend" ? listValues(statement.args[0]) : undefined;
      if (!added) return [unknownItem(module)];
      items.push(...added.map((value) => ({ value, guard: statement.guard, branch: statement.branch })));
    }
  }
  return items ?? [unknownItem(module)];
}

function listValues(value: Value | undefined): Value[] | undefined {
  return value?.kind === "list" || value?.kind === "tuple" ? value.items : undefined;
}

function unknownItem(module: PythonModule): ListItem {
  return { value: { kind: "other", node: "unknown", containsEnv: false, file: module.file, range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } } } };
}

function globPattern(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
  return new RegExp(`^${escaped}$`);
}

/** Normalise `a/./b/../c` (a leading `..` that leaves the root stays). */
function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && out.length > 0 && out.at(-1) !== "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}

function includePulls(statement: Statement & { kind: "call" }, module: PythonModule, pythonFiles: readonly string[], root: string): Pull[] {
  const call = statement.value as Extract<Value, { kind: "call" }>;
  const base = { kind: "include" as const, names: [], guard: statement.guard, branch: statement.branch, range: statement.range };
  return call.args.flatMap((arg) => includeArguments(arg, module)).flatMap((argument): Pull[] => {
    if (!argument.pattern) return [{ ...base, written: "a computed path", optional: argument.optional, unknown: "include() of a path computed at run time" }];
    const path = argument.pattern.startsWith("/") ? argument.pattern : normalise(joinPath(dirname(module.file), argument.pattern));
    if (argument.pattern.startsWith("/") || path.startsWith("..") || !isUnder(path, root)) {
      return [{ ...base, written: argument.pattern, optional: argument.optional, unknown: `include() of ${argument.pattern}, outside the project` }];
    }
    const matcher = globPattern(path);
    const targets = pythonFiles.filter((file) => matcher.test(file)).sort();
    const guard = argument.guard ?? (argument.computed ? statement.guard ?? "condition" : statement.guard);
    const branch = argument.guard ? argument.branch : statement.branch;
    if (targets.length === 0) return argument.optional ? [] : [{ ...base, guard, branch, written: argument.pattern, optional: false }];
    return targets.map((target) => ({ ...base, guard, branch, target, written: argument.pattern!, optional: argument.optional }));
  });
}

const isClassName = (name: string) => /^[A-Z]\w*[a-z]\w*$/.test(name);

function namedPull(record: ImportRecord, module: PythonModule, pythonFiles: readonly string[], root: string): Pull | undefined {
  const names = record.names.filter(isSettingName);
  const classes = record.names.filter(isClassName);
  if ((names.length === 0 && classes.length === 0) || record.names.includes("*")) return undefined;
  const target = resolveImport(record.module, module.file, pythonFiles, root);
  return target ? { kind: "named", target, written: record.module, names, classes, optional: false, range: record.range } : undefined;
}

/** Per file list (one per analysis of a project), per module: its pulls. Roles, the deployed settings and the model all ask. */
const pullsByList = new WeakMap<readonly string[], WeakMap<PythonModule, { root: string; pulls: readonly Pull[] }>>();

export function pullsOf(module: PythonModule, pythonFiles: readonly string[], root: string): readonly Pull[] {
  let byModule = pullsByList.get(pythonFiles);
  if (!byModule) pullsByList.set(pythonFiles, (byModule = new WeakMap()));
  const known = byModule.get(module);
  if (known?.root === root) return known.pulls;
  const pulls = collectPulls(module, pythonFiles, root);
  byModule.set(module, { root, pulls });
  return pulls;
}

/** Everything `module` pulls in, in source order. */
function collectPulls(module: PythonModule, pythonFiles: readonly string[], root: string): Pull[] {
  const pulls: Pull[] = [];
  for (const statement of module.statements) {
    if (statement.kind === "starImport") {
      const target = resolveImport(statement.module, module.file, pythonFiles, root);
      pulls.push({ kind: "star", target, written: statement.module, names: [], optional: false, guard: statement.guard, branch: statement.branch, range: statement.range });
    } else if (statement.kind === "call" && isIncludeCall(statement.value, module)) pulls.push(...includePulls(statement, module, pythonFiles, root));
  }
  for (const record of module.imports) {
    const pull = namedPull(record, module, pythonFiles, root);
    if (pull) pulls.push(pull);
  }
  return pulls.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
}

/** Whether a statement is a django-split-settings include() (handled by the pulls, not as a plain call). */
export function isInclude(statement: Statement, module: PythonModule): boolean {
  return statement.kind === "call" && isIncludeCall(statement.value, module);
}
