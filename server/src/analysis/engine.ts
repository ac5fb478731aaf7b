// The one entry point of the core: files in, findings out. Adapters (CLI, LSP) call only this module.
import type { Config, FileAccess, Finding, Practice, Severity } from "./types";
import { buildPythonModule, readModuleExports, type ModuleExports, type PythonModule } from "./python/module";
import { buildProjects, isDeployed, type DjangoProject } from "./project/model";
import type { SettingsReference } from "./project/settingsReferences";
import { resolveDeployed } from "./project/deployed";
import { withImportedHelpers } from "./project/importedHelpers";
import { isInsideToolingFolder } from "./project/paths";
import { ruleModules } from "./rules/index";
import type { RuleContext, RuleFinding } from "./rules/rule";
import { DEPLOYED_PRACTICES, ruleMeta } from "./rules/catalog";
import { suppress } from "./suppression";
import { appendAll } from "./arrays";
import { AnalysisStopped, cancellable, checkpoint, type ShouldStop } from "./cancellation";
import { withReadHook } from "./readHook";
import { shortcutsEnabled } from "./shortcuts";

/** A check that could not be judged because a setting it reads has an unknown value (RULES.md "Known and unknown values"). */
export interface NotJudged {
  practice: Practice;
  setting: string;
  why: string;
  /** The deployed module whose settings were read (dotted). */
  module: string;
}

export interface ProjectSummary {
  /** Root-relative POSIX folder of the Django project ("" for the root itself). */
  root: string;
  /** Settings modules with their roles. */
  settings: { file: string; module: string; role: string; roleReason: string }[];
  /** The modules whose deployed settings were judged (production or single). */
  deployed: string[];
  /** Checks that depended on an unknown value, one entry per (check, module, setting). */
  notJudged?: NotJudged[];
  /** Template files of the project, never parsed (DJP004). */
  templates?: string[];
}

export interface AnalysisProblem {
  file: string;
  message: string;
}

export interface AnalysisResult {
  findings: Finding[];
  projects: ProjectSummary[];
  /** Files that could not be analysed, with a user-facing reason (never a stack trace). */
  problems: AnalysisProblem[];
}

export { initPython as initAnalysis } from "./python/parse";
export { releaseReplacedTrees } from "./python/incremental";

/** Parsed modules keyed by path, reused while the text is unchanged (the editor re-analyses on every keystroke). */
const moduleCache = new Map<string, PythonModule>();
const MODULE_CACHE_LIMIT = 2000;

/** The module of a file, with the project helpers it imports from other modules bound (python/helperSpec.ts). */
function loadModule(access: FileAccess, file: string): PythonModule | undefined {
  const module = loadOwnModule(access, file);
  return module && withImportedHelpers(module, access, (other) => (shortcutsEnabled() ? loadExports(access, other) : loadOwnModule(access, other)));
}

/** Comments a suppression could be written in (`# noqa`, `# django-ready: disable=…`). */
const MAY_SUPPRESS = /noqa|django-ready/i;

/**
 * What a module imported by a settings module offers it: only its imports and helpers are needed, so its statements
 * are not built. It is still built in full when the later steps would look at it as a parsed module — it holds a
 * suppression comment (unused ones are reported for parsed modules) or a syntax error (no fixes on broken modules).
 */
function loadExports(access: FileAccess, file: string): Pick<ModuleExports, "file" | "imports" | "helpers"> | undefined {
  const text = access.read(file);
  if (text === undefined) return undefined;
  const cached = moduleCache.get(file);
  if (cached && cached.text === text) return cached;
  const known = exportsCache.get(file);
  if (known && known.text === text) return known.exports;
  const exports = readModuleExports(file, text);
  if (exports.hasSyntaxErrors || MAY_SUPPRESS.test(text)) return parsedModule(file, text);
  if (exportsCache.size >= MODULE_CACHE_LIMIT) exportsCache.delete(exportsCache.keys().next().value as string);
  exportsCache.set(file, { text, exports });
  return exports;
}

/** readModuleExports' answers, reused while a file's text is unchanged (every settings module follows its imports). */
const exportsCache = new Map<string, { text: string; exports: ModuleExports }>();

function loadOwnModule(access: FileAccess, file: string): PythonModule | undefined {
  const text = access.read(file);
  return text === undefined ? undefined : parsedModule(file, text);
}

/** The parsed module of `text`, reused while a file's text is unchanged (hover and code actions share it with the analysis). */
export function parsedModule(file: string, text: string): PythonModule {
  const cached = moduleCache.get(file);
  if (cached && cached.text === text) return cached;
  const module = buildPythonModule(file, text);
  if (moduleCache.size >= MODULE_CACHE_LIMIT) moduleCache.delete(moduleCache.keys().next().value as string);
  moduleCache.set(file, module);
  return module;
}

/** The parsed module of a file, only if it was parsed from the file's current text. */
function cachedModule(access: FileAccess, file: string): PythonModule | undefined {
  const cached = moduleCache.get(file);
  return cached && cached.text === access.read(file) ? cached : undefined;
}

/**
 * Analyse everything the file access exposes. Await initAnalysis once before. With `shouldStop`, the analysis
 * asks it at every file read, parse, project and rule, and throws AnalysisStopped (cancellation.ts) once it says yes.
 */
export function analyze(access: FileAccess, config: Config, shouldStop?: ShouldStop): AnalysisResult {
  return shouldStop ? cancellable(shouldStop, () => analyzeAll(withReadCheckpoints(access), config)) : analyzeAll(access, config);
}

/** Every read is a checkpoint: the project model and the rules read file after file. */
function withReadCheckpoints(access: FileAccess): FileAccess {
  return withReadHook(access, () => checkpoint());
}

function analyzeAll(access: FileAccess, config: Config): AnalysisResult {
  const problems: AnalysisProblem[] = [];
  const load = (file: string) => loadModule(access, file);
  const projects = buildProjects(access, config, load);
  const raw: RuleFinding[] = [];
  const notJudged = new Map<DjangoProject, NotJudged[]>();
  for (const project of projects) {
    checkpoint();
    const unjudged: NotJudged[] = [];
    appendAll(raw, checkProject(project, access, config, problems, unjudged));
    notJudged.set(project, unjudged);
  }
  appendAll(raw, unreadableFiles(access, problems));
  const fixable = withoutFixesOnBrokenModules(dedupe(raw), (file) => cachedModule(access, file));
  const findings = suppress(withSeverity(fixable, config), access, (file) => cachedModule(access, file));
  return { findings: sortFindings(findings), projects: projects.map((project) => summarise(project, notJudged.get(project) ?? [])), problems };
}

/** DJANGO_CONFIGURATION names that say which settings class is deployed: by deployment files, and wsgi/asgi defaults. */
function deployedConfigurations(references: readonly SettingsReference[]): { named: string[]; defaults: string[] } {
  return {
    named: references.filter((r) => r.kind === "deployment").map((r) => r.name),
    defaults: references.filter((r) => r.kind === "wsgi").map((r) => r.name),
  };
}

function checkProject(project: DjangoProject, access: FileAccess, config: Config, problems: AnalysisProblem[], notJudged: NotJudged[]): RuleFinding[] {
  const pythonFiles = project.files.filter((file) => file.endsWith(".py"));
  const configurations = deployedConfigurations(project.configurations);
  const deployed = project.settings
    .filter(isDeployed)
    .map((module) => ({ module, settings: resolveDeployed(module, project.settings, pythonFiles, project.root, { configurations, files: project.files, read: (file) => access.read(file) }) }));
  const context: RuleContext = { project, access, config, deployed, read: (path) => access.read(path) };
  const out: RuleFinding[] = [];
  for (const reference of project.missing) {
    const why = `${reference.name}, named by ${reference.file}:${reference.line + 1}, is not in the repository (made at build time?): the deployed settings cannot be read`;
    for (const practice of DEPLOYED_PRACTICES) notJudged.push({ practice, setting: "DJANGO_SETTINGS_MODULE", why, module: reference.name });
  }
  for (const rule of ruleModules) {
    if (rule.ids.every((id) => config.rules[id] === "off")) continue;
    checkpoint();
    const practice = ruleMeta(rule.ids[0])?.practice ?? "project";
    for (const { module, settings } of deployed) {
      settings.onUnknownRead = (setting, why) => {
        if (!notJudged.some((n) => n.practice === practice && n.setting === setting && n.module === module.module)) notJudged.push({ practice, setting, why, module: module.module });
      };
    }
    try {
      appendAll(out, rule.check(context));
    } catch (error) {
      if (error instanceof AnalysisStopped) throw error;
      problems.push({ file: project.root || ".", message: `internal error in rules ${rule.ids.join(", ")}: ${(error as Error).message}` });
    } finally {
      for (const { settings } of deployed) settings.onUnknownRead = undefined;
    }
  }
  return out;
}

const RELEVANT_NAME = /(^|\/)(settings\.py|manage\.py|wsgi\.py|asgi\.py|Procfile|Dockerfile[^/]*|requirements[^/]*\.txt|pyproject\.toml|\.env[^/]*|[^/]*\.env|[^/]*compose[^/]*\.ya?ml)$/;

function skippedFinding(file: string, reason: string, kind: "file" | "path"): RuleFinding {
  return {
    rule: "DJP003",
    file,
    range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
    message: `django-ready skipped this ${kind}: ${reason}.`,
  };
}

/**
 * Files the analysis needed but could not read, folders that could not be listed and names that could not
 * be decoded: a problem for the adapter and an information finding (DJP003) each.
 */
function unreadableFiles(access: FileAccess, problems: AnalysisProblem[]): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const [path, reason] of access.unlisted?.() ?? []) {
    problems.push({ file: path, message: reason });
    out.push(skippedFinding(path, reason, "path"));
  }
  for (const file of access.files()) {
    if (isInsideToolingFolder(file) || !(file.endsWith(".py") || RELEVANT_NAME.test(file))) continue;
    if (access.read(file) !== undefined) continue;
    const reason = access.unreadableReason?.(file) ?? "could not be read";
    problems.push({ file, message: reason });
    out.push(skippedFinding(file, reason, "file"));
  }
  return out;
}

/** A fix computed on a tree with syntax errors may misplace its edits: offer it again once the module parses. */
function withoutFixesOnBrokenModules(findings: RuleFinding[], moduleFor: (file: string) => PythonModule | undefined): RuleFinding[] {
  const broken = (file: string) => file.endsWith(".py") && (moduleFor(file)?.syntaxErrors ?? 0) > 0;
  return findings.map((finding) => {
    if (!finding.fixes?.length) return finding;
    const fixes = finding.fixes.filter((fix) => !fix.edits.some((edit) => broken(edit.file)));
    return fixes.length === finding.fixes.length ? finding : { ...finding, fixes };
  });
}

function dedupe(findings: RuleFinding[]): RuleFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.file}|${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function withSeverity(findings: RuleFinding[], config: Config): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const configured = config.rules[finding.rule];
    if (configured === "off") continue;
    const severity: Severity = configured ?? ruleMeta(finding.rule)?.severity ?? "warning";
    out.push({ ...finding, severity });
  }
  return out;
}

/** Report order: file (by code point, the same in every locale), line, column, rule. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(compareFindings);
}

function summarise(project: DjangoProject, notJudged: NotJudged[]): ProjectSummary {
  return {
    root: project.root,
    settings: project.settings.map(({ file, module, role, roleReason }) => ({ file, module, role, roleReason })),
    deployed: project.settings.filter(isDeployed).map((m) => m.file),
    notJudged,
    templates: project.templates,
  };
}
