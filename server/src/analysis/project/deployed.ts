// Step 4 of the project model (RULES.md "Deployed settings", "Known and unknown values"): what a module resolves
// to — its own module-level assignments plus, in order, what it star-imports, imports by name and include()s,
// recursively; for class-based settings, the deployed class with its bases' attributes. A later assignment wins.
// Every value is known or unknown (with why); rules ask `settings.value(name)` and never re-derive a value.
import type { Range } from "../types";
import type { ClassDefinition, Guard, PythonModule, Statement } from "../python/module";
import type { DictEntry, DictValue, Value } from "../python/values";
import { conditionRole, type SettingsModuleInfo } from "./roles";
import { isInclude, pullsOf, resolveImport, type Pull } from "./settingsImports";
import { GLOBAL_SETTINGS } from "./globalSettings";
import { basename, dirname, joinPath } from "./paths";

export interface DeployedSetting {
  name: string;
  value: Value;
  /** The file whose statement provides the value (last writer). */
  file: string;
  /** Where a finding about the setting's value goes: the assignment target of the providing statement. */
  targetRange: Range;
  /** Why the value is not known (RULES.md "Known and unknown values"); absent when it is known. */
  unknown?: string;
  /** An unknown setting that may as well be absent (assigned under a condition, or anything an opaque call may set). */
  maybeAbsent?: boolean;
}

export type SettingValue = { state: "known"; setting: DeployedSetting } | { state: "unknown"; why: string; setting: DeployedSetting } | { state: "absent" };

/** Called when a rule reads a setting whose value is unknown (the engine turns it into "not judged"). */
export type UnknownReader = (name: string, why: string) => void;

/**
 * The deployed settings of one module. Map-compatible: `get` returns unknown settings too, with an opaque value
 * ({ kind: "other", node: "unknown" }) and `unknown` set, so a rule that only looks at literals never judges one,
 * and a rule that checks presence never reports it missing. `value(name)` says it outright.
 */
export class DeployedSettings extends Map<string, DeployedSetting> {
  /** Why settings absent from the map may still be set (an opaque writer, an include() outside the project); `prefix`: only names starting with it. */
  open?: { why: string; file: string; range: Range; prefix?: string; names?: ReadonlySet<string> };
  /** Set by the engine while a rule runs. */
  onUnknownRead?: UnknownReader;

  value(name: string): SettingValue {
    const setting = this.lookup(name);
    if (!setting) return { state: "absent" };
    if (setting.unknown === undefined) return { state: "known", setting };
    this.onUnknownRead?.(name, setting.unknown);
    return { state: "unknown", why: setting.unknown, setting };
  }

  override get(name: string): DeployedSetting | undefined {
    const setting = this.lookup(name);
    if (setting?.unknown !== undefined) this.onUnknownRead?.(name, setting.unknown);
    return setting;
  }

  override has(name: string): boolean {
    const setting = this.lookup(name);
    if (setting?.unknown !== undefined && setting.maybeAbsent) this.onUnknownRead?.(name, setting.unknown);
    return setting !== undefined;
  }

  /** Every setting whose value is unknown, with why (for the report). */
  unknowns(): DeployedSetting[] {
    return [...super.values()].filter((setting) => setting.unknown !== undefined);
  }

  private lookup(name: string): DeployedSetting | undefined {
    const setting = super.get(name);
    if (setting || !this.open || !isSettingName(name) || !name.startsWith(this.open.prefix ?? "") || (this.open.names && !this.open.names.has(name))) return setting;
    return { name, value: opaque(this.open.file, this.open.range), file: this.open.file, targetRange: this.open.range, unknown: this.open.why, maybeAbsent: true };
  }
}

const isSettingName = (name: string) => /^[A-Z][A-Z0-9_]*$/.test(name);

function opaque(file: string, range: Range): Value {
  return { kind: "other", node: "unknown", containsEnv: false, file, range };
}

function where(file: string, range: Range): string {
  return `${file}:${range.start.line + 1}`;
}

const GUARD_WORDS: Record<Exclude<Guard, "except" | "class">, string> = {
  condition: "set under a condition",
  loop: "changed in a loop",
  function: "changed inside a function",
  with: "set inside a with block",
};

/** Calls whose value is a path or a translated string: known enough (no rule judges them). */
const KNOWN_CALLS = /^(?:pathlib\.)?Path$|^os\.path\.\w+$|^(?:django\.utils\.translation\.)?(?:gettext|gettext_lazy|ugettext|ugettext_lazy|_)$|\.joinpath$|\.resolve$/;
/** Module-level calls that may write any setting: `globals().update(…)`, `exec(…)`, `django_heroku.settings(locals())`. */
const OPAQUE_WRITERS = /^(?:globals\(\)\.update|locals\(\)\.update|vars\(\)\.update|exec|execfile|setattr)$/;

/** Writers whose effect is documented: django-heroku's settings(locals()) sets these and nothing else. */
const KNOWN_WRITERS: Record<string, ReadonlySet<string>> = {
  "django_heroku.settings": new Set(["DATABASES", "ALLOWED_HOSTS", "LOGGING", "STATIC_ROOT", "STATIC_URL", "STATICFILES_STORAGE", "MIDDLEWARE", "TEST_RUNNER", "SECRET_KEY"]),
};

export interface ResolveOptions {
  /** The project's files and a reader: an optional `local_settings` import's committed example says what it may set. */
  files?: readonly string[];
  read?: (file: string) => string | undefined;
  /** DJANGO_CONFIGURATION names: by deployment files, and wsgi/asgi defaults. */
  configurations?: { named: readonly string[]; defaults: readonly string[] };
}

/** Evaluate `module` the way Django would import it, as far as the analysis can see. */
export function resolveDeployed(
  module: SettingsModuleInfo,
  modules: readonly SettingsModuleInfo[],
  pythonFiles: readonly string[],
  root: string,
  options: ResolveOptions = {},
): DeployedSettings {
  return new Evaluator(modules, pythonFiles, root, options).deployed(module.python, options);
}

class Evaluator {
  private readonly byFile: Map<string, PythonModule>;
  /** Per file, the settings it resolves to on its own (for named imports and conditional pulls). */
  private readonly resolved = new Map<string, DeployedSettings>();

  constructor(
    modules: readonly SettingsModuleInfo[],
    private readonly pythonFiles: readonly string[],
    private readonly root: string,
    private readonly options: ResolveOptions = {},
  ) {
    this.byFile = new Map(modules.map((m) => [m.file, m.python]));
  }

  deployed(module: PythonModule, options: ResolveOptions): DeployedSettings {
    const settings = new DeployedSettings();
    this.runIncluderContext(module.file, settings, new Set([module.file]));
    this.run(module, settings, new Set([module.file]));
    applyClasses(settings, module, this.classScope(module), options.configurations ?? { named: [], defaults: [] });
    return settings;
  }

  private resolvedAlone(file: string, stack: ReadonlySet<string>): DeployedSettings | undefined {
    const python = this.byFile.get(file);
    if (!python || stack.has(file)) return undefined;
    let settings = this.resolved.get(file);
    if (!settings) {
      settings = new DeployedSettings();
      this.run(python, settings, new Set([...stack, file]));
      this.resolved.set(file, settings);
    }
    return settings;
  }

  /**
   * A django-split-settings fragment runs in the namespace of the module that include()s it (RULES.md "Deployed
   * settings": included files are part of the includer): a `heroku.py` include()d after `core.py` is deployed as
   * core + heroku. Runs what the includer sets and includes unconditionally before the fragment; the other branches
   * of a conditional include (`github.py` if CI, else `heroku.py`) are not part of it.
   */
  private runIncluderContext(file: string, settings: DeployedSettings, stack: ReadonlySet<string>): void {
    for (const [includer, python] of this.byFile) {
      if (stack.has(includer)) continue;
      const pulls = pullsOf(python, this.pythonFiles, this.root);
      const index = pulls.findIndex((pull) => pull.kind === "include" && pull.target === file);
      if (index < 0) continue;
      this.run(python, settings, new Set([...stack, includer]), { pulls: pulls.slice(0, index).filter((pull) => !pull.guard), before: pulls[index].range });
      return;
    }
  }

  /** Run a module's statements and pulls in source order into `settings` (`until`: only those pulls, and statements before a place). */
  private run(module: PythonModule, settings: DeployedSettings, stack: ReadonlySet<string>, until?: { pulls: Pull[]; before: Range }): void {
    const pulls = until?.pulls ?? pullsOf(module, this.pythonFiles, this.root);
    const steps: Array<{ line: number; column: number; run: () => void }> = [];
    for (const statement of module.statements) {
      if (statement.kind === "starImport" || isInclude(statement, module)) continue;
      if (until && !isBefore(statement.range, until.before)) continue;
      steps.push({ line: statement.range.start.line, column: statement.range.start.column, run: () => applyStatement(settings, statement, module.file) });
    }
    for (const pull of pulls) steps.push({ line: pull.range.start.line, column: pull.range.start.column, run: () => this.applyPull(settings, pull, module, stack) });
    steps.sort((a, b) => a.line - b.line || a.column - b.column);
    for (const step of steps) step.run();
  }

  private applyPull(settings: DeployedSettings, pull: Pull, module: PythonModule, stack: ReadonlySet<string>): void {
    if (pull.guard === "except") return;
    if (pull.unknown) {
      settings.open = { why: `${pull.unknown} (${where(module.file, pull.range)})`, file: module.file, range: pull.range };
      return;
    }
    const target = pull.target ? this.byFile.get(pull.target) : undefined;
    if (!pull.target && pull.kind === "star" && !pull.written.startsWith("django.")) {
      const example = this.committedExample(pull.written, module.file);
      const why = `may be set by \`from ${pull.written} import *\` (${where(module.file, pull.range)}), a module not in the project${example ? ` (see ${example.file})` : ""}`;
      // Only what its committed example assigns is unknown; without an example, anything absent may come from it.
      if (example) for (const name of example.names) if (settings.has(name)) settings.set(name, { ...settings.get(name)!, value: opaque(module.file, pull.range), unknown: why });
      settings.open = { why, file: module.file, range: pull.range, names: example?.names };
      return;
    }
    if (!target || stack.has(target.file)) return;
    if (pull.kind === "named") {
      const source = this.resolvedAlone(target.file, stack);
      for (const name of pull.names) {
        const setting = source?.get(name);
        if (setting) settings.set(name, setting);
      }
      return;
    }
    if (!pull.guard) {
      this.run(target, settings, new Set([...stack, target.file]));
      return;
    }
    const words = pull.guard === "condition" || pull.guard === "class" ? "may be set by the conditional import of" : `may be set by the import (${GUARD_WORDS[pull.guard]}) of`;
    const why = `${words} ${target.file} (${where(module.file, pull.range)})`;
    for (const [name] of this.resolvedAlone(target.file, stack) ?? []) {
      const previous = settings.get(name);
      settings.set(name, { name, value: opaque(module.file, pull.range), file: module.file, targetRange: pull.range, unknown: why, maybeAbsent: !previous || previous.maybeAbsent });
    }
    // A dispatcher (`if ENV == "prod": from .prod import * else: from .dev import *`) is judged through its branches,
    // which are settings modules of their own: what it lacks is not judged here.
    if (pull.kind === "star") settings.open ??= { why, file: module.file, range: pull.range };
  }

  /** `local_settings.py.example` (or `.dist`, `.sample`, `.template`, `local_settings.example.py`) beside where an unresolved import would be. */
  private committedExample(written: string, from: string): { file: string; names: Set<string> } | undefined {
    const { files, read } = this.options;
    if (!files || !read) return undefined;
    const dots = /^\.*/.exec(written)![0].length;
    let base = dots === 0 ? this.root : dirname(from);
    for (let i = 1; i < dots; i++) base = dirname(base);
    const stem = joinPath(base, written.slice(dots).replace(/\./g, "/"));
    const candidates = ["example", "dist", "sample", "template"].flatMap((word) => [`${stem}.py.${word}`, `${stem}.${word}.py`, `${stem}_${word}.py`]);
    const file = candidates.find((candidate) => files.includes(candidate)) ?? (dots === 0 ? files.find((f) => candidates.some((c) => f.endsWith(`/${basename(c)}`))) : undefined);
    const text = file ? read(file) : undefined;
    if (!file || text === undefined) return undefined;
    return { file, names: new Set([...text.matchAll(/^([A-Z][A-Z0-9_]*)\s*(?::[^=\n]*)?[+|]?=/gm)].map((match) => match[1])) };
  }

  /** Classes visible from a module: its own, and those it imports by name from other settings modules (with theirs, for bases). */
  private classScope(module: PythonModule, seen = new Set<string>()): Map<string, ClassDefinition> {
    const scope = new Map<string, ClassDefinition>();
    if (seen.has(module.file)) return scope;
    seen.add(module.file);
    for (const record of module.imports) {
      const target = resolveImport(record.module, module.file, this.pythonFiles, this.root);
      const python = target ? this.byFile.get(target) : undefined;
      if (!python) continue;
      const imported = python.classes.filter((definition) => record.names.includes(definition.name) || record.names.includes("*"));
      if (imported.length === 0) continue;
      for (const [name, definition] of this.classScope(python, seen)) if (!scope.has(name)) scope.set(name, definition);
      for (const definition of imported) scope.set(definition.name, definition);
    }
    for (const definition of module.classes) scope.set(definition.name, definition);
    return scope;
  }
}

function isBefore(range: Range, place: Range): boolean {
  return range.start.line < place.start.line || (range.start.line === place.start.line && range.start.column < place.start.column);
}

function applyStatement(settings: DeployedSettings, statement: Exclude<Statement, { kind: "starImport" }>, file: string): void {
  if (statement.guard === "except" || statement.guard === "class") return;
  // Reading of RULES.md "Known and unknown values": a branch only the test runner takes (`if TESTING:`, `TESTING =
  // "test" in sys.argv`) is not the deployed path, as an except clause is not; its assignments leave the value alone.
  if (statement.guard === "condition" && conditionRole(statement.branch ?? []) === "test") return;
  if (statement.kind === "call") {
    applyCall(settings, statement, statement.value, file);
    return;
  }
  if (statement.kind === "mutate" && statement.args.some(isNamespace)) {
    applyCall(settings, statement, { kind: "call", callee: `${statement.name}.${statement.method}`, args: statement.args, kwargs: [], containsEnv: false, file, range: statement.range }, file);
    return;
  }
  if (!isSettingName(statement.name)) return;
  const previous = settings.get(statement.name);
  if (statement.guard) {
    if (!previous && !(statement.kind === "assign" && statement.keys.length === 0)) return;
    const why = `${GUARD_WORDS[statement.guard]} at ${where(file, statement.range)}`;
    const range = statement.kind === "mutate" ? statement.range : statement.targetRange;
    settings.set(statement.name, { name: statement.name, value: opaque(file, range), file, targetRange: range, unknown: why, maybeAbsent: !previous || previous.maybeAbsent });
    return;
  }
  if (previous?.unknown !== undefined && !(statement.kind === "assign" && statement.keys.length === 0)) return;
  switch (statement.kind) {
    case "assign":
      if (statement.keys.length === 0) settings.set(statement.name, evaluated(statement.name, statement.value, file, statement.targetRange, settings));
      else if (previous) {
        const patched = withPath(previous.value, statement.keys, statement.value, statement.targetRange, file);
        if (patched) settings.set(statement.name, { ...previous, value: patched });
      }
      break;
    case "augassign":
      if (previous) settings.set(statement.name, { ...previous, ...extendedSetting(previous, statement.value, settings, file) });
      break;
    case "mutate":
      if (previous) settings.set(statement.name, { ...previous, ...mutated(previous.value, statement.method, statement.args, statement.range, file) });
      break;
  }
}

/** `locals()`, `globals()`, `vars()`: a call handed the module's namespace may write any setting. */
function isNamespace(value: Value): boolean {
  return value.kind === "call" && (value.callee === "locals" || value.callee === "globals" || value.callee === "vars") && value.args.length === 0;
}

function applyCall(settings: DeployedSettings, statement: Statement, call: Value, file: string): void {
  if (call.kind !== "call") return;
  if (!OPAQUE_WRITERS.test(call.callee) && !call.args.some(isNamespace)) return;
  // `vars().update(env.email_url(…))` (django-environ's email config): only EMAIL_* settings.
  const [argument] = call.args;
  const source = argument?.kind === "name" ? settings.get(argument.name)?.value : argument;
  const prefix = source?.kind === "env" && /^email/.test(source.lookup.method ?? "") ? "EMAIL_" : undefined;
  const names = KNOWN_WRITERS[call.callee];
  const why = `${call.callee}(…) at ${where(file, statement.range)} may set ${prefix ? "any EMAIL_ setting" : names ? "it" : "any setting"}`;
  const touched = (name: string) => name.startsWith(prefix ?? "") && (!names || names.has(name));
  for (const [name, setting] of settings) if (touched(name)) settings.set(name, { ...setting, value: opaque(file, statement.range), unknown: why });
  settings.open = { why, file, range: statement.range, prefix, names };
}

/** A plain assignment's value, with names and `+` chains of known settings substituted; unknown where not followed. */
function evaluated(name: string, value: Value, file: string, targetRange: Range, settings: DeployedSettings): DeployedSetting {
  const known = (v: Value): DeployedSetting => ({ name, value: v, file, targetRange });
  const unknown = (why: string): DeployedSetting => ({ name, value: opaque(file, value.range), file, targetRange, unknown: `${why} (${where(file, value.range)})` });
  switch (value.kind) {
    case "call":
      if (value.callee === "getattr") return unknown("read with getattr() at run time");
      if (/(^|\.)values\.\w+Value$/.test(value.callee)) return unknown(`a django-configurations ${value.callee.split(".").pop()}, read from the environment at run time`);
      if (KNOWN_CALLS.test(value.callee)) return known(value);
      return unknown(`the result of ${value.callee}(), which the analysis does not follow`);
    case "name": {
      const referenced = settingNamed(value.name, settings);
      if (referenced && referenced.unknown === undefined) return known({ ...referenced.value });
      if (referenced) return unknown(`the value of ${value.name}, which is not known`);
      return unknown(`the value of ${value.name}, which the analysis does not follow`);
    }
    case "other": {
      if (value.operator === "+" && value.parts) {
        const joined = concatenated(value, settings);
        return joined ? known(joined) : unknown("built by an expression the analysis does not evaluate");
      }
      if (value.containsEnv || value.node === "string" || value.operator === "%" || value.node === "binary_operator") return known(value);
      return unknown("computed by an expression the analysis does not evaluate");
    }
    default:
      return known(value);
  }
}

/** `MIDDLEWARE` or, in a class body, `Common.MIDDLEWARE`: the setting a name refers to. */
function settingNamed(name: string, settings: DeployedSettings): DeployedSetting | undefined {
  const last = name.split(".").pop()!;
  return isSettingName(last) ? settings.get(last) : undefined;
}

function isSequence(value: Value): value is Extract<Value, { items: Value[] }> {
  return value.kind === "list" || value.kind === "tuple" || value.kind === "set";
}

/** `["a"] + MIDDLEWARE + ["b"]` as one sequence when every part is a literal sequence or a known setting holding one. */
function concatenated(value: Extract<Value, { kind: "other" }>, settings: DeployedSettings): Value | undefined {
  const items: Value[] = [];
  let kind: "list" | "tuple" | undefined;
  for (const part of value.parts ?? []) {
    const resolved = part.kind === "name" ? settingNamed(part.name, settings) : undefined;
    if (resolved?.unknown !== undefined) return undefined;
    const sequence = resolved ? resolved.value : part;
    if (!isSequence(sequence)) return undefined;
    kind ??= sequence.kind === "tuple" ? "tuple" : "list";
    items.push(...sequence.items);
  }
  return { kind: kind ?? "list", items, file: value.file, range: value.range };
}

function extendedSetting(previous: DeployedSetting, addition: Value, settings: DeployedSettings, file: string): Partial<DeployedSetting> {
  const resolved = addition.kind === "other" && addition.operator === "+" ? concatenated(addition, settings) : addition.kind === "name" ? settingNamed(addition.name, settings)?.value : addition;
  if (resolved && (isSequence(previous.value) && isSequence(resolved) || previous.value.kind === "dict" && resolved.kind === "dict")) return { value: extended(previous.value, [resolved], resolved) };
  return { value: opaque(file, addition.range), unknown: `extended by an expression the analysis does not evaluate (${where(file, addition.range)})` };
}

/** `X += [...]`: sequences concatenate, dicts merge (`|=`). */
function extended(previous: Value, additions: Value[], at: Value): Value {
  if (isSequence(previous) && additions.every(isSequence)) {
    return { ...previous, items: [...previous.items, ...additions.flatMap((a) => (isSequence(a) ? a.items : []))] };
  }
  if (previous.kind === "dict" && additions.every((a) => a.kind === "dict")) {
    return { ...previous, entries: [...previous.entries, ...additions.flatMap((a) => (a.kind === "dict" ? a.entries : []))] };
  }
  return { kind: "other", node: "augmented", containsEnv: additions.some((a) => a.kind === "env"), file: at.file, range: at.range };
}

function mutated(previous: Value, method: string, args: Value[], range: Range, file: string): Partial<DeployedSetting> {
  if (isSequence(previous)) {
    if (method === "append" && args.length === 1) return { value: { ...previous, items: [...previous.items, args[0]] } };
    if (method === "extend" && args.length === 1 && isSequence(args[0])) return { value: extended(previous, args, args[0]) };
    if (method === "insert" && args.length === 2 && args[0].kind === "number") {
      const items = [...previous.items];
      items.splice(args[0].value, 0, args[1]);
      return { value: { ...previous, items } };
    }
    if (method === "remove" && args.length === 1 && args[0].kind === "string") {
      const target = args[0].value;
      return { value: { ...previous, items: previous.items.filter((item) => !(item.kind === "string" && item.value === target)) } };
    }
  }
  if (previous.kind === "dict" && method === "update" && args.length === 1 && args[0].kind === "dict") return { value: extended(previous, args, args[0]) };
  if (["sort", "reverse", "copy", "get", "index", "count", "keys", "values", "items"].includes(method)) return {};
  const how = method === "[]=" ? "changed through a computed key" : `changed by .${method}()`;
  return { value: opaque(file, range), unknown: `${how} at ${where(file, range)}` };
}

/** A copy of `value` with `keys` set to `replacement` (a subscript assignment); undefined when the path is not literal. */
function withPath(value: Value, keys: string[], replacement: Value, keyRange: Range, file: string): Value | undefined {
  if (value.kind !== "dict") return undefined;
  const [key, ...rest] = keys;
  const index = lastIndexOfKey(value, key);
  if (rest.length === 0) {
    const entry: DictEntry = { key: { kind: "string", value: key, bytes: false, file, range: keyRange }, value: replacement, keyRange, file };
    return replaceEntry(value, index, entry);
  }
  if (index < 0) return undefined;
  const inner = withPath(value.entries[index].value, rest, replacement, keyRange, file);
  return inner ? replaceEntry(value, index, { ...value.entries[index], value: inner }) : undefined;
}

function lastIndexOfKey(dict: DictValue, key: string): number {
  for (let i = dict.entries.length - 1; i >= 0; i--) {
    const k = dict.entries[i].key;
    if (k.kind === "string" && k.value === key) return i;
  }
  return -1;
}

function replaceEntry(dict: DictValue, index: number, entry: DictEntry): DictValue {
  const entries = [...dict.entries];
  if (index < 0) entries.push(entry);
  else entries[index] = entry;
  return { ...dict, entries };
}

// ---- class-based settings ----------------------------------------------------------------------------------

const PRODUCTION_CLASS_WORDS = new Set(["prod", "production", "live", "deploy", "staging", "heroku"]);
const DEVELOPMENT_CLASS_WORDS = new Set(["dev", "develop", "development", "devel", "local", "debug", "test", "tests", "testing", "ci", "build"]);

function classWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[\s_]+/).filter(Boolean);
}

/** A class whose attributes are settings: a django-configurations Configuration, or one assigning a Django setting. */
function isSettingsClass(definition: ClassDefinition, scope: ReadonlyMap<string, ClassDefinition>, seen = new Set<string>()): boolean {
  if (seen.has(definition.name)) return false;
  seen.add(definition.name);
  if (definition.bases.some((base) => /(^|\.)Configuration$/.test(base))) return true;
  if (definition.statements.some((s) => s.kind === "assign" && s.keys.length === 0 && GLOBAL_SETTINGS.has(s.name))) return true;
  return definition.bases.some((base) => {
    const parent = scope.get(base.split(".").pop()!);
    return !!parent && isSettingsClass(parent, scope, seen);
  });
}

/** The class and its bases, bases first (their attributes are overridden by the subclass's). */
function lineage(definition: ClassDefinition, scope: ReadonlyMap<string, ClassDefinition>, seen = new Set<string>()): ClassDefinition[] {
  if (seen.has(definition.name)) return [];
  seen.add(definition.name);
  const bases = [...definition.bases].reverse().flatMap((base) => {
    const parent = scope.get(base.split(".").pop()!);
    return parent ? lineage(parent, scope, seen) : [];
  });
  return [...bases, definition];
}

/**
 * The deployed class: the one a deployment file's DJANGO_CONFIGURATION names, else the one whose name says
 * production, else a wsgi/asgi default, else the only one. A name saying development, test or build is never it
 * (a wsgi.py defaulting to `Development`, a `RUN DJANGO_CONFIGURATION=Build collectstatic`).
 */
function applyClasses(settings: DeployedSettings, module: PythonModule, scope: ReadonlyMap<string, ClassDefinition>, configurations: { named: readonly string[]; defaults: readonly string[] }): void {
  const candidates = [...scope.values()].filter((definition) => isSettingsClass(definition, scope));
  if (candidates.length === 0) return;
  const deployable = candidates.filter((c) => !classWords(c.name).some((w) => DEVELOPMENT_CLASS_WORDS.has(w)));
  const byName = (names: readonly string[]) => names.map((name) => deployable.find((c) => c.name === name)).find((c) => !!c);
  const chosen =
    byName(configurations.named) ??
    deployable.find((c) => classWords(c.name).some((w) => PRODUCTION_CLASS_WORDS.has(w))) ??
    byName(configurations.defaults) ??
    (candidates.length === 1 ? candidates[0] : undefined);
  if (!chosen) {
    const range = candidates[0].range;
    settings.open = { why: `which settings class is deployed (${candidates.map((c) => c.name).join(", ")}) is not named by a DJANGO_CONFIGURATION reference`, file: module.file, range };
    return;
  }
  for (const definition of lineage(chosen, scope)) {
    for (const statement of definition.statements) if (statement.kind !== "starImport") applyStatement(settings, { ...statement, guard: undefined }, fileOf(statement, module));
  }
}

function fileOf(statement: Statement, module: PythonModule): string {
  return statement.kind === "assign" || statement.kind === "augassign" ? (statement.value.file ?? module.file) : module.file;
}
