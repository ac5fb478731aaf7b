// Step 2 of the project model (RULES.md "Settings module"): which Python files are Django settings modules.
// By content: named `settings.py` or in a `settings/` package and assigning a name of Django's global_settings (at
// module level or as a class attribute), or assigning three core settings anywhere. By reference: named by a
// settings reference. By import: pulled in (star, named, include()) by another settings module.
import type { PythonModule } from "../python/module";
import { GLOBAL_SETTINGS, LEGACY_SETTINGS } from "./globalSettings";
import { basename, dirname } from "./paths";
import { pullsOf } from "./settingsImports";
import { shortcutsEnabled } from "../shortcuts";

export type ModuleLoader = (file: string) => PythonModule | undefined;

export interface LoadedModule {
  file: string;
  python: PythonModule;
}

const CORE_SETTINGS = ["INSTALLED_APPS", "DATABASES", "MIDDLEWARE", "ROOT_URLCONF", "SECRET_KEY", "TEMPLATES"];
const CORE_PATTERN = new RegExp(`^(?:${CORE_SETTINGS.join("|")})\\s*(?::[^=\\n]*)?=`, "gm");

export function isInSettingsPackage(file: string): boolean {
  return file.split("/").slice(0, -1).includes("settings");
}

/** Named `settings.py` or lying in a `settings/` package: a settings module if it also assigns a Django setting. */
export function isSettingsPath(file: string): boolean {
  return file.endsWith(".py") && (basename(file) === "settings.py" || isInSettingsPackage(file));
}

/** Cheap pre-filter before parsing: a module that assigns at least three core settings at column 0. */
function mayAssignCoreSettings(text: string): boolean {
  const names = new Set<string>();
  for (const match of text.matchAll(CORE_PATTERN)) names.add(match[0].replace(/\s*[:=].*$/s, ""));
  return names.size >= 3;
}

/** The pre-filter's answer per file while its text is unchanged: every .py file of the workspace is asked on each analysis. */
const prefilterAnswers = new Map<string, { text: string; answer: boolean }>();
const PREFILTER_CACHE_LIMIT = 50_000;

export function mayAssignCoreSettingsCached(file: string, text: string): boolean {
  if (!shortcutsEnabled()) return true;
  const known = prefilterAnswers.get(file);
  if (known && known.text === text) return known.answer;
  if (prefilterAnswers.size >= PREFILTER_CACHE_LIMIT) prefilterAnswers.clear();
  const answer = mayAssignCoreSettings(text);
  prefilterAnswers.set(file, { text, answer });
  return answer;
}

/** Names the module assigns where they become settings: module level (not inside a function) and class attributes. */
function assignedNames(module: PythonModule): Set<string> {
  const names = new Set<string>();
  for (const statement of module.statements) {
    if (statement.kind === "assign" && statement.keys.length === 0 && statement.guard !== "function") names.add(statement.name);
  }
  for (const definition of module.classes) {
    for (const statement of definition.statements) if (statement.kind === "assign" && statement.keys.length === 0) names.add(statement.name);
  }
  return names;
}

export function assignsCoreSettings(module: PythonModule): boolean {
  const names = assignedNames(module);
  return CORE_SETTINGS.filter((name) => names.has(name)).length >= 3;
}

export function assignsGlobalSetting(module: PythonModule): boolean {
  for (const name of assignedNames(module)) if (GLOBAL_SETTINGS.has(name) || LEGACY_SETTINGS.has(name)) return true;
  return false;
}

/** Whether `file` defines one of `names` as a class whose attributes are settings (a Configuration, or assigning a Django setting). */
function importsSettingsClass(file: string, names: readonly string[], load: ModuleLoader): boolean {
  if (names.length === 0) return false;
  const python = load(file);
  return !!python?.classes.some(
    (definition) =>
      names.includes(definition.name) &&
      (definition.bases.some((base) => /(^|\.)Configuration$/.test(base)) || definition.statements.some((st) => st.kind === "assign" && GLOBAL_SETTINGS.has(st.name))),
  );
}

/** Empty or comment-only: nothing to judge even when a reference names it. */
function isEmpty(module: PythonModule): boolean {
  return module.statements.length === 0 && module.classes.length === 0 && module.imports.length === 0;
}

/**
 * The settings modules of one Django project: `seeds` (content test passed), `referenced` (named by a reference)
 * and, transitively, what they pull in; then the settings-path modules, and the modules beside a settings module,
 * that star-import one of them.
 */
export function closeSettingsModules(
  seeds: readonly string[],
  referenced: readonly string[],
  pathCandidates: readonly string[],
  pythonFiles: readonly string[],
  root: string,
  load: ModuleLoader,
  read: (file: string) => string | undefined = () => "import *",
): LoadedModule[] {
  const members = new Map<string, PythonModule>();
  const queue: string[] = [];
  const admit = (file: string, allowEmpty: boolean) => {
    if (members.has(file)) return;
    const python = load(file);
    if (!python || (!allowEmpty && isEmpty(python))) return;
    members.set(file, python);
    queue.push(file);
  };
  for (const file of seeds) admit(file, true);
  for (const file of referenced) admit(file, false);
  const drain = () => {
    while (queue.length > 0) {
      const python = members.get(queue.shift()!)!;
      for (const pull of pullsOf(python, pythonFiles, root)) {
        if (!pull.target || pull.target === python.file) continue;
        // `from .secrets import SECRET_KEY` makes secrets.py a settings module, and so does importing a settings class
        // (`from .production import Production`); `from .constants import X` does not.
        if (pull.kind === "named" && !pull.names.some((name) => GLOBAL_SETTINGS.has(name) || LEGACY_SETTINGS.has(name)) && !importsSettingsClass(pull.target, pull.classes ?? [], load)) continue;
        admit(pull.target, false);
      }
    }
  };
  drain();
  // A module beside a settings module that star-imports one (config/django/production.py beside base.py) is one too.
  const siblings = () => pythonFiles.filter((file) => !members.has(file) && [...members.keys()].some((member) => dirname(member) === dirname(file)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const file of new Set([...pathCandidates, ...siblings()])) {
      if (members.has(file) || !read(file)?.includes("import *")) continue;
      const python = load(file);
      if (!python) continue;
      const starTargets = pullsOf(python, pythonFiles, root).filter((pull) => pull.kind === "star" && pull.target && members.has(pull.target));
      if (starTargets.length === 0) continue;
      admit(file, true);
      drain();
      grew = true;
    }
  }
  return [...members].map(([file, python]) => ({ file, python })).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
