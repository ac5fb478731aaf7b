// The project model, one step per module (RULES.md "Words used below"):
//   settings references (settingsReferences.ts) → settings modules (settingsModules.ts) → roles (roles.ts)
//   → deployed settings with known/unknown values (deployed.ts, computed by the engine per deployed module).
// This module groups the workspace into Django projects and runs the steps for each.
import type { Config, FileAccess } from "../types";
import { basename, dirname, isInsideToolingFolder, isUnder } from "./paths";
import { mayHoldReference, referencesIn, referencesOfServerModule, serverModulesNamedIn, type SettingsReference } from "./settingsReferences";
import { assignsCoreSettings, assignsGlobalSetting, closeSettingsModules, isInSettingsPackage, isSettingsPath, mayAssignCoreSettingsCached, type ModuleLoader } from "./settingsModules";
import { assignRoles, dottedName, matchesConfigured, type ResolvedReference, type SettingsModuleInfo } from "./roles";
import { resolveImport, resolveModule, pullsOf } from "./settingsImports";
import { isTemplateFile } from "./templates";
import { isEnvFileName } from "./envFileNames";

export type { Role, SettingsModuleInfo, ResolvedReference } from "./roles";
export type { ModuleLoader } from "./settingsModules";
export { dottedName, matchesConfigured };
export { resolveModule } from "./settingsImports";

export interface DjangoProject {
  /** Root-relative folder ("" for the analysis root). */
  root: string;
  manage?: string;
  settings: SettingsModuleInfo[];
  /** Every file of the project (not inside a nested project), template files left out. */
  files: string[];
  /** The DJANGO_SETTINGS_MODULE references that name one of the project's settings modules. */
  references: ResolvedReference[];
  /** The DJANGO_CONFIGURATION references written in or above the project (class-based settings). */
  configurations: SettingsReference[];
  /** Deployment references naming a module of this project's packages that is not in the tree (made at build time). */
  missing: SettingsReference[];
  /** Template files of the project (DJP004): never parsed. */
  templates: string[];
  /** Env files outside every project that belong to this one, the nearest (RULES.md 6xx: above a project in a subfolder). */
  adopted: string[];
}

/** Resolve `from .base import *` / `from pkg.base import *` written in `file` to a file. */
export const resolveStarImport = resolveImport;

interface ProjectDraft {
  root: string;
  manage?: string;
  files: string[];
  templates: string[];
  adopted: string[];
}

/** Group the workspace's files into Django projects: folders holding manage.py, else the folder above a settings package. */
function draftProjects(allFiles: readonly string[], settingsCandidates: readonly string[], templates: ReadonlySet<string>): ProjectDraft[] {
  const roots = new Map<string, ProjectDraft>();
  // A template's manage.py (`{{cookiecutter.project_slug}}/manage.py`) still marks a project: one made of templates.
  for (const file of allFiles) {
    if (basename(file) === "manage.py" && !isInsideToolingFolder(file)) roots.set(dirname(file), { root: dirname(file), manage: templates.has(file) ? undefined : file, files: [], templates: [], adopted: [] });
  }
  for (const file of settingsCandidates) {
    if ([...roots.keys()].some((root) => isUnder(file, root))) continue;
    const packageDir = isInSettingsPackage(file) ? file.slice(0, file.lastIndexOf("/settings/")) : dirname(file);
    const root = dirname(packageDir);
    if (!roots.has(root)) roots.set(root, { root, files: [], templates: [], adopted: [] });
  }
  const ordered = [...roots.values()].sort((a, b) => b.root.length - a.root.length);
  for (const file of allFiles) {
    const owner = ordered.find((draft) => isUnder(file, draft.root));
    if (owner) {
      if (templates.has(file)) owner.templates.push(file);
      else owner.files.push(file);
    } else if (isEnvFileName(file) && !templates.has(file) && !isInsideToolingFolder(file)) nearestBelow(file, ordered)?.adopted.push(file);
  }
  return ordered.sort((a, b) => a.root.localeCompare(b.root));
}

/**
 * The project an env file no project holds belongs to: the nearest one below its folder (fewest folders between,
 * then by path); else below the nearest folder above it (`deploy/.env` beside `backend/`).
 */
function nearestBelow(file: string, drafts: readonly ProjectDraft[]): ProjectDraft | undefined {
  const depth = (path: string) => (path === "" ? 0 : path.split("/").length);
  for (let folder = dirname(file); ; folder = dirname(folder)) {
    const below = drafts.filter((draft) => isUnder(draft.root, folder)).sort((a, b) => depth(a.root) - depth(b.root) || a.root.localeCompare(b.root));
    if (below.length > 0 || folder === "") return below[0];
  }
}

/** Files that are templates (DJP004): read only those the analysis would parse (Python and env files). */
function templateFiles(allFiles: readonly string[], access: FileAccess): Set<string> {
  const out = new Set<string>();
  for (const file of allFiles) {
    if (isInsideToolingFolder(file)) continue;
    if (file.includes("{{") ? isTemplateFile(file, undefined) : (file.endsWith(".py") || basename(file).includes(".env") || basename(file).endsWith(".env")) && isTemplateFile(file, access.read(file))) out.add(file);
  }
  return out;
}

/** Step 1: every settings reference of the workspace (a reference above a project's folder may name its module). */
function workspaceReferences(allFiles: readonly string[], access: FileAccess, templates: ReadonlySet<string>): SettingsReference[] {
  const out: SettingsReference[] = [];
  const serverModules = new Set<string>();
  for (const file of allFiles) {
    if (templates.has(file) || !mayHoldReference(file)) continue;
    const text = access.read(file);
    if (text === undefined) continue;
    out.push(...referencesIn(file, text));
    for (const name of serverModulesNamedIn(file, text)) serverModules.add(name);
  }
  const pythonFiles = allFiles.filter((file) => file.endsWith(".py") && !isInsideToolingFolder(file) && !templates.has(file));
  for (const name of serverModules) {
    const file = resolveModule(name, pythonFiles, "");
    const text = file && !out.some((r) => r.file === file) ? access.read(file) : undefined;
    if (file && text !== undefined) out.push(...referencesOfServerModule(file, text));
  }
  return out;
}

/** Step 2's content test, workspace-wide: the seeds each project's settings modules grow from. */
function contentCandidates(pythonFiles: readonly string[], access: FileAccess, load: ModuleLoader): string[] {
  return pythonFiles.filter((file) => {
    const pathCandidate = isSettingsPath(file);
    const text = access.read(file);
    if (!text || (!pathCandidate && !mayAssignCoreSettingsCached(file, text))) return false;
    const module = load(file);
    if (!module) return false;
    return pathCandidate ? assignsGlobalSetting(module) || assignsCoreSettings(module) : assignsCoreSettings(module);
  });
}

export function buildProjects(access: FileAccess, config: Config, load: ModuleLoader): DjangoProject[] {
  const allFiles = access.files();
  const templates = templateFiles(allFiles, access);
  const pythonFiles = allFiles.filter((file) => file.endsWith(".py") && !isInsideToolingFolder(file) && !templates.has(file));
  const references = workspaceReferences(allFiles, access, templates);
  const seeds = contentCandidates(pythonFiles, access, load);
  return draftProjects(allFiles, seeds, templates).map((draft) => completeProject(draft, seeds, references, config, load, (file) => access.read(file)));
}

/** References written inside the project or in a folder above it (a Dockerfile at the repository's root). */
function referencesFor(draft: ProjectDraft, references: readonly SettingsReference[]): SettingsReference[] {
  return references.filter((reference) => isUnder(reference.file, draft.root) || isUnder(draft.root, dirname(reference.file)));
}

/** A DJANGO_SETTINGS_MODULE reference belongs to the project whose module it names. */
function resolveReferences(references: readonly SettingsReference[], pythonFiles: readonly string[], root: string): ResolvedReference[] {
  return references.flatMap((reference) => {
    const file = reference.variable === "DJANGO_SETTINGS_MODULE" ? resolveModule(reference.name, pythonFiles, root) : undefined;
    return file ? [{ reference, file }] : [];
  });
}

/** `ENV DJANGO_SETTINGS_MODULE=settings.config` where `settings/` is this project's package but config.py is not there. */
function missingDeployed(visible: readonly SettingsReference[], resolved: readonly ResolvedReference[], pythonFiles: readonly string[], root: string): SettingsReference[] {
  return visible.filter((reference) => {
    if (reference.kind !== "deployment" || reference.variable !== "DJANGO_SETTINGS_MODULE" || resolved.some((r) => r.reference === reference)) return false;
    const parent = reference.name.split(".").slice(0, -1).join(".");
    return parent !== "" && resolveModule(parent, pythonFiles, root) !== undefined;
  });
}

function completeProject(draft: ProjectDraft, seeds: readonly string[], references: readonly SettingsReference[], config: Config, load: ModuleLoader, read: (file: string) => string | undefined): DjangoProject {
  const pythonFiles = draft.files.filter((file) => file.endsWith(".py") && !isInsideToolingFolder(file));
  const visible = referencesFor(draft, references);
  const own = resolveReferences(visible, pythonFiles, draft.root);
  const inProject = new Set(draft.files);
  // A module the user names as production is a settings module, whatever it holds.
  const configured = pythonFiles.filter((file) => config.productionSettings.length > 0 && matchesConfigured(file, dottedName(file, draft.root), config.productionSettings));
  const modules = closeSettingsModules(
    [...seeds.filter((file) => inProject.has(file)), ...configured],
    own.map((r) => r.file),
    pythonFiles.filter(isSettingsPath),
    pythonFiles,
    draft.root,
    load,
    read,
  );
  const settings = assignRoles(draft.root, modules, own, pythonFiles, config);
  const named = new Set(settings.map((s) => s.file));
  return {
    root: draft.root,
    manage: draft.manage,
    settings,
    files: draft.files,
    references: own.filter((r) => named.has(r.file)),
    configurations: visible.filter((r) => r.variable === "DJANGO_CONFIGURATION"),
    missing: missingDeployed(visible, own, pythonFiles, draft.root),
    templates: draft.templates,
    adopted: draft.adopted,
  };
}

export function isDeployed(module: SettingsModuleInfo): boolean {
  return module.role === "production" || module.role === "single";
}

export function isDevOrTest(module: SettingsModuleInfo): boolean {
  return module.role === "development" || module.role === "test";
}

/** The module and, recursively, every settings module it star-imports or includes (each once, in import order). */
export function starImportChain(project: DjangoProject, module: SettingsModuleInfo): SettingsModuleInfo[] {
  const pythonFiles = project.files.filter((file) => file.endsWith(".py"));
  const byFile = new Map(project.settings.map((settings) => [settings.file, settings]));
  const chain: SettingsModuleInfo[] = [];
  const visit = (current: SettingsModuleInfo) => {
    if (chain.includes(current)) return;
    chain.push(current);
    for (const pull of pullsOf(current.python, pythonFiles, project.root)) {
      const base = pull.kind !== "named" && pull.target ? byFile.get(pull.target) : undefined;
      if (base) visit(base);
    }
  };
  visit(module);
  return chain;
}
