// The project model: Django projects, their settings modules and roles (RULES.md "Settings module", "Role").
import type { Config, FileAccess } from "../types";
import type { PythonModule } from "../python/module";
import { basename, dirname, isInsideToolingFolder, isUnder, joinPath, relativeTo, stemWords } from "./paths";
import { findSettingsDefaults, mayNameSettings, type SettingsDefault } from "./settingsDefault";

export type Role = "production" | "development" | "test" | "base" | "single" | "unknown";

export interface SettingsModuleInfo {
  file: string;
  /** Dotted name relative to the project root (`mysite.settings.production`). */
  module: string;
  role: Role;
  /** Why it has its role, for the report ("its name says prod"). */
  roleReason: string;
  python: PythonModule;
}

export interface DjangoProject {
  /** Root-relative folder ("" for the analysis root). */
  root: string;
  manage?: string;
  settings: SettingsModuleInfo[];
  /** Every file of the project (not inside a nested project). */
  files: string[];
  defaults: SettingsDefault[];
}

/** Reads and parses Python modules (cached by the caller). */
export type ModuleLoader = (file: string) => PythonModule | undefined;

const CORE_SETTINGS = ["INSTALLED_APPS", "DATABASES", "MIDDLEWARE", "ROOT_URLCONF", "SECRET_KEY", "TEMPLATES"];
const CORE_PATTERN = new RegExp(`^(?:${CORE_SETTINGS.join("|")})\\s*(?::[^=\\n]*)?=`, "gm");

const PRODUCTION_WORDS = new Set(["prod", "production", "live", "deploy", "staging"]);
const DEVELOPMENT_WORDS = new Set(["dev", "develop", "development", "local", "debug"]);
const TEST_WORDS = new Set(["test", "tests", "testing", "ci"]);

/** Cheap pre-filter before parsing: a module that assigns at least three core settings at column 0. */
function mayAssignCoreSettings(text: string): boolean {
  const names = new Set<string>();
  for (const match of text.matchAll(CORE_PATTERN)) names.add(match[0].replace(/\s*[:=].*$/s, ""));
  return names.size >= 3;
}

/** The pre-filter's answer per file while its text is unchanged: every .py file of the workspace is asked on each analysis. */
const prefilterAnswers = new Map<string, { text: string; answer: boolean }>();
const PREFILTER_CACHE_LIMIT = 50_000;

function mayAssignCoreSettingsCached(file: string, text: string): boolean {
  const known = prefilterAnswers.get(file);
  if (known && known.text === text) return known.answer;
  if (prefilterAnswers.size >= PREFILTER_CACHE_LIMIT) prefilterAnswers.clear();
  const answer = mayAssignCoreSettings(text);
  prefilterAnswers.set(file, { text, answer });
  return answer;
}

function assignsCoreSettings(module: PythonModule): boolean {
  const names = new Set<string>();
  for (const statement of module.statements) if (statement.kind === "assign" && statement.keys.length === 0) names.add(statement.name);
  return CORE_SETTINGS.filter((name) => names.has(name)).length >= 3;
}

function isInSettingsPackage(file: string): boolean {
  return file.split("/").slice(0, -1).includes("settings");
}

/** Dotted module name of a file relative to a folder. */
export function dottedName(file: string, root: string): string {
  const parts = relativeTo(file, root).replace(/\.py$/, "").split("/");
  if (parts.at(-1) === "__init__") parts.pop();
  return parts.join(".");
}

/** The file a dotted name refers to among `pythonFiles` (exact path under root, else the shortest suffix match). */
export function resolveModule(name: string, pythonFiles: readonly string[], root: string): string | undefined {
  const tail = name.replace(/\./g, "/");
  const candidates = pythonFiles.filter((file) => {
    const rel = relativeTo(file, root);
    return rel === `${tail}.py` || rel === `${tail}/__init__.py` || rel.endsWith(`/${tail}.py`) || rel.endsWith(`/${tail}/__init__.py`);
  });
  return candidates.sort((a, b) => a.length - b.length)[0];
}

/** Resolve `from .base import *` / `from pkg.base import *` written in `file` to a file. */
export function resolveStarImport(written: string, file: string, pythonFiles: readonly string[], root: string): string | undefined {
  const dots = /^\.*/.exec(written)![0].length;
  if (dots === 0) return resolveModule(written, pythonFiles, root);
  let base = dirname(file);
  for (let i = 1; i < dots; i++) base = dirname(base);
  const rest = written.slice(dots).replace(/\./g, "/");
  const target = rest ? joinPath(base, rest) : base;
  return pythonFiles.find((candidate) => candidate === `${target}.py` || candidate === `${target}/__init__.py`);
}

interface ProjectDraft {
  root: string;
  manage?: string;
  files: string[];
}

/** Group the workspace's files into Django projects: folders holding manage.py, else the folder above a settings package. */
function draftProjects(allFiles: readonly string[], settingsCandidates: string[]): ProjectDraft[] {
  const roots = new Map<string, ProjectDraft>();
  for (const file of allFiles) {
    if (basename(file) === "manage.py" && !isInsideToolingFolder(file)) roots.set(dirname(file), { root: dirname(file), manage: file, files: [] });
  }
  for (const file of settingsCandidates) {
    if ([...roots.keys()].some((root) => isUnder(file, root))) continue;
    const packageDir = isInSettingsPackage(file) ? file.slice(0, file.lastIndexOf("/settings/")) : dirname(file);
    const root = dirname(packageDir);
    if (!roots.has(root)) roots.set(root, { root, files: [] });
  }
  const ordered = [...roots.values()].sort((a, b) => b.root.length - a.root.length);
  for (const file of allFiles) {
    const owner = ordered.find((draft) => isUnder(file, draft.root));
    owner?.files.push(file);
  }
  return ordered.sort((a, b) => a.root.localeCompare(b.root));
}

function isSettingsCandidateByPath(file: string): boolean {
  return file.endsWith(".py") && !isInsideToolingFolder(file) && (basename(file) === "settings.py" || isInSettingsPackage(file));
}

export function buildProjects(access: FileAccess, config: Config, load: ModuleLoader): DjangoProject[] {
  const allFiles = access.files();
  const pythonFiles = allFiles.filter((file) => file.endsWith(".py") && !isInsideToolingFolder(file));
  const byContent = pythonFiles.filter((file) => {
    if (isSettingsCandidateByPath(file)) return false;
    const text = access.read(file);
    if (!text || !mayAssignCoreSettingsCached(file, text)) return false;
    const module = load(file);
    return !!module && assignsCoreSettings(module);
  });
  const candidates = [...pythonFiles.filter(isSettingsCandidateByPath), ...byContent];
  return draftProjects(allFiles, candidates).map((draft) => completeProject(draft, candidates, access, config, load));
}

function completeProject(draft: ProjectDraft, candidates: string[], access: FileAccess, config: Config, load: ModuleLoader): DjangoProject {
  const pythonFiles = draft.files.filter((file) => file.endsWith(".py") && !isInsideToolingFolder(file));
  const defaults = draft.files.filter(mayNameSettings).flatMap((file) => findSettingsDefaults(file, access.read(file) ?? ""));
  const named = defaults.map((d) => resolveModule(d.module, pythonFiles, draft.root)).filter((f): f is string => !!f);
  const members = [...new Set([...candidates.filter((file) => draft.files.includes(file)), ...named])].sort();
  const loaded = members
    .map((file) => ({ file, python: load(file) }))
    .filter((m): m is { file: string; python: PythonModule } => !!m.python);
  const settings = assignRoles(draft.root, loaded, defaults, pythonFiles, config);
  return { root: draft.root, manage: draft.manage, settings, files: draft.files, defaults };
}

function matchesConfigured(file: string, module: string, configured: string[]): boolean {
  return configured.some((entry) => {
    const clean = entry.replace(/\\/g, "/").replace(/^\.\//, "");
    return clean === file || file.endsWith(`/${clean}`) || clean === module || module.endsWith(`.${clean}`) || clean.endsWith(`.${module}`);
  });
}

function assignRoles(
  root: string,
  modules: Array<{ file: string; python: PythonModule }>,
  defaults: SettingsDefault[],
  pythonFiles: string[],
  config: Config,
): SettingsModuleInfo[] {
  const servedByWsgi = new Set(
    defaults
      .filter((d) => ["wsgi.py", "asgi.py"].includes(basename(d.file)))
      .map((d) => resolveModule(d.module, pythonFiles, root))
      .filter((f): f is string => !!f),
  );
  const starImported = new Set<string>();
  for (const { file, python } of modules) {
    for (const statement of python.statements) {
      if (statement.kind !== "starImport") continue;
      const target = resolveStarImport(statement.module, file, pythonFiles, root);
      if (target && target !== file) starImported.add(target);
    }
  }
  return modules.map(({ file, python }) => {
    const module = dottedName(file, root);
    const words = stemWords(file);
    const [role, roleReason] = ((): [Role, string] => {
      if (matchesConfigured(file, module, config.productionSettings)) return ["production", "configured as production settings"];
      if (words.some((w) => PRODUCTION_WORDS.has(w))) return ["production", "its name says production"];
      if (words.some((w) => DEVELOPMENT_WORDS.has(w))) return ["development", "its name says development"];
      if (words.some((w) => TEST_WORDS.has(w))) return ["test", "its name says test"];
      if (servedByWsgi.has(file)) return ["production", "wsgi.py/asgi.py name it as DJANGO_SETTINGS_MODULE"];
      if (starImported.has(file)) return ["base", "other settings modules star-import it"];
      if (modules.length === 1) return ["single", "the project's only settings module"];
      return ["unknown", "no rule gives it a role"];
    })();
    return { file, module, role, roleReason, python };
  });
}

export function isDeployed(module: SettingsModuleInfo): boolean {
  return module.role === "production" || module.role === "single";
}

export function isDevOrTest(module: SettingsModuleInfo): boolean {
  return module.role === "development" || module.role === "test";
}

/** The module and, recursively, every settings module it star-imports (each once, in import order). */
export function starImportChain(project: DjangoProject, module: SettingsModuleInfo): SettingsModuleInfo[] {
  const pythonFiles = project.files.filter((file) => file.endsWith(".py"));
  const byFile = new Map(project.settings.map((settings) => [settings.file, settings]));
  const chain: SettingsModuleInfo[] = [];
  const visit = (current: SettingsModuleInfo) => {
    if (chain.includes(current)) return;
    chain.push(current);
    for (const statement of current.python.statements) {
      if (statement.kind !== "starImport") continue;
      const target = resolveStarImport(statement.module, current.file, pythonFiles, project.root);
      const base = target ? byFile.get(target) : undefined;
      if (base) visit(base);
    }
  };
  visit(module);
  return chain;
}
