// The one entry point of the core: files in, findings out. Adapters (CLI, LSP) call only this module.
import type { Config, FileAccess, Finding, Severity } from "./types";
import { buildPythonModule, type PythonModule } from "./python/module";
import { buildProjects, isDeployed, type DjangoProject } from "./project/model";
import { resolveDeployed } from "./project/deployed";
import { withImportedHelpers } from "./project/importedHelpers";
import { isInsideToolingFolder } from "./project/paths";
import { ruleModules } from "./rules/index";
import type { RuleContext, RuleFinding } from "./rules/rule";
import { ruleMeta } from "./rules/catalog";
import { suppress } from "./suppression";

export interface ProjectSummary {
  /** Root-relative POSIX folder of the Django project ("" for the root itself). */
  root: string;
  /** Settings modules with their roles. */
  settings: { file: string; module: string; role: string; roleReason: string }[];
  /** The modules whose deployed settings were judged (production or single). */
  deployed: string[];
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

/** Parsed modules keyed by path, reused while the text is unchanged (the editor re-analyses on every keystroke). */
const moduleCache = new Map<string, PythonModule>();
const MODULE_CACHE_LIMIT = 2000;

/** The module of a file, with the project helpers it imports from other modules bound (python/helperSpec.ts). */
function loadModule(access: FileAccess, file: string): PythonModule | undefined {
  const module = loadOwnModule(access, file);
  return module && withImportedHelpers(module, access, (other) => loadOwnModule(access, other));
}

function loadOwnModule(access: FileAccess, file: string): PythonModule | undefined {
  const text = access.read(file);
  if (text === undefined) return undefined;
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

/** Analyse everything the file access exposes. Await initAnalysis once before. */
export function analyze(access: FileAccess, config: Config): AnalysisResult {
  const problems: AnalysisProblem[] = [];
  const load = (file: string) => loadModule(access, file);
  const projects = buildProjects(access, config, load);
  const raw: RuleFinding[] = [];
  for (const project of projects) raw.push(...checkProject(project, access, config, problems));
  raw.push(...unreadableFiles(access, problems));
  const fixable = withoutFixesOnBrokenModules(dedupe(raw), (file) => cachedModule(access, file));
  const findings = suppress(withSeverity(fixable, config), access, (file) => cachedModule(access, file));
  return { findings: sortFindings(findings), projects: projects.map(summarise), problems };
}

function checkProject(project: DjangoProject, access: FileAccess, config: Config, problems: AnalysisProblem[]): RuleFinding[] {
  const pythonFiles = project.files.filter((file) => file.endsWith(".py"));
  const deployed = project.settings
    .filter(isDeployed)
    .map((module) => ({ module, settings: resolveDeployed(module, project.settings, pythonFiles, project.root) }));
  const context: RuleContext = { project, access, config, deployed, read: (path) => access.read(path) };
  const out: RuleFinding[] = [];
  for (const rule of ruleModules) {
    if (rule.ids.every((id) => config.rules[id] === "off")) continue;
    try {
      out.push(...rule.check(context));
    } catch (error) {
      problems.push({ file: project.root || ".", message: `internal error in rules ${rule.ids.join(", ")}: ${(error as Error).message}` });
    }
  }
  return out;
}

const RELEVANT_NAME = /(^|\/)(settings\.py|manage\.py|wsgi\.py|asgi\.py|Procfile|Dockerfile[^/]*|requirements[^/]*\.txt|pyproject\.toml|\.env[^/]*|[^/]*\.env|[^/]*compose[^/]*\.ya?ml)$/;

/** Files the analysis needed but could not read: a problem for the adapter and an information finding (DJP003). */
function unreadableFiles(access: FileAccess, problems: AnalysisProblem[]): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const file of access.files()) {
    if (isInsideToolingFolder(file) || !(file.endsWith(".py") || RELEVANT_NAME.test(file))) continue;
    if (access.read(file) !== undefined) continue;
    const reason = access.unreadableReason?.(file) ?? "could not be read";
    problems.push({ file, message: reason });
    out.push({
      rule: "DJP003",
      file,
      range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
      message: `django-ready skipped this file: ${reason}.`,
    });
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

function summarise(project: DjangoProject): ProjectSummary {
  return {
    root: project.root,
    settings: project.settings.map(({ file, module, role, roleReason }) => ({ file, module, role, roleReason })),
    deployed: project.settings.filter(isDeployed).map((m) => m.file),
  };
}
