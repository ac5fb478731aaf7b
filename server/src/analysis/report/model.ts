// The readiness report (DESIGN.md "Readiness report"): one section per Django project, a checklist of the five
// practices plus deploy checks and env hygiene, each passed, failed or not applicable with its findings.
import type { HistoryReportLine } from "../history/history";
import type { AnalysisProblem, AnalysisResult, ProjectSummary } from "../engine";
import type { Finding, Practice, RuleId, Severity } from "../types";
import { practiceTitles, ruleMeta } from "../rules/catalog";
import { isEnvFileName } from "../project/envFileNames";
import { isUnder } from "../project/paths";

export type CheckId = Exclude<Practice, "project">;
export type CheckStatus = "passed" | "failed" | "not applicable";

export const CHECK_ORDER: readonly CheckId[] = ["environment", "storage", "debug", "logging", "server", "deploy-checks", "env-files"];

/** Checks judged on deployed settings: nothing to judge without a production or single module. */
const DEPLOYED_ONLY: ReadonlySet<CheckId> = new Set(["storage", "debug", "logging", "deploy-checks"]);

export interface ReportFinding {
  rule: RuleId;
  /** The rule's one-line title from the catalogue. */
  title: string;
  severity: Severity;
  /** Root-relative POSIX path. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

export interface ReportCheck {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** Why the check does not apply (only when status is "not applicable"). */
  reason?: string;
  findings: ReportFinding[];
}

export interface ReportSettingsModule {
  file: string;
  module: string;
  role: string;
  roleReason: string;
}

export interface ReportSection {
  /** Root-relative folder of the Django project ("." for the root itself). */
  root: string;
  /** The production or single modules whose deployed settings were judged. */
  deployed: ReportSettingsModule[];
  settings: ReportSettingsModule[];
  checks: ReportCheck[];
  /** Project-level findings that belong to no check (DJP001, DJP002, DJP003). */
  notes: ReportFinding[];
  passed: number;
  applicable: number;
  /** "N of M checks pass". */
  summary: string;
  verdict: string;
}

export interface Report {
  version: 1;
  projects: ReportSection[];
  /** Findings in files outside every Django project. */
  otherFindings: ReportFinding[];
  /** Files that could not be analysed, with the reason. */
  problems: AnalysisProblem[];
  /** Secrets in the git history, when asked for (`report --history`). */
  history?: HistoryReportLine;
}

function toReportFinding(finding: Finding): ReportFinding {
  const { rule, severity, file, range, message } = finding;
  return { rule, title: ruleMeta(rule)?.title ?? rule, severity, file, line: range.start.line + 1, column: range.start.column + 1, message };
}

/** The project owning a file: the deepest root above it (projects nest in monorepos). */
function ownerOf(file: string, projects: readonly ProjectSummary[]): ProjectSummary | undefined {
  let owner: ProjectSummary | undefined;
  for (const project of projects) {
    if (isUnder(file, project.root) && (!owner || project.root.length > owner.root.length)) owner = project;
  }
  return owner;
}

/** The checklist entry a rule belongs to; undefined for project rules (and ids the catalogue does not know). */
function checkOf(rule: string): CheckId | undefined {
  const practice = ruleMeta(rule)?.practice;
  return practice === undefined || practice === "project" ? undefined : practice;
}

interface ProjectFacts {
  hasDeployed: boolean;
  /** undefined when the caller gave no file list. */
  hasEnvFile: boolean | undefined;
}

function notApplicableReason(id: CheckId, facts: ProjectFacts): string | undefined {
  if (DEPLOYED_ONLY.has(id) && !facts.hasDeployed) return "no production or single settings module to judge";
  if (id === "env-files" && facts.hasEnvFile === false) return "the project has no env file";
  return undefined;
}

function buildCheck(id: CheckId, findings: ReportFinding[], facts: ProjectFacts): ReportCheck {
  const base = { id, title: practiceTitles[id], findings };
  if (findings.length > 0) return { ...base, status: "failed" };
  const reason = notApplicableReason(id, facts);
  return reason ? { ...base, status: "not applicable", reason } : { ...base, status: "passed" };
}

function summaryLine(passed: number, applicable: number, notApplicable: number): string {
  const main = `${passed} of ${applicable} checks pass`;
  return notApplicable > 0 ? `${main} (${notApplicable} not applicable)` : main;
}

function verdictLine(checks: readonly ReportCheck[], hasDeployed: boolean): string {
  const failed = checks.filter((c) => c.status === "failed");
  const errors = failed.filter((c) => c.findings.some((f) => f.severity === "error"));
  if (errors.length > 0) return `Not ready for production: errors in ${errors.map((c) => c.title).join("; ")}.`;
  if (failed.length > 0) return `Nearly ready: no errors, but warnings or advice in ${failed.map((c) => c.title).join("; ")}.`;
  if (!hasDeployed) return "Not judged: no settings module is known to be deployed; name the production one with --production or djangoReady.productionSettings.";
  return "Ready for production: every applicable check passes.";
}

function buildSection(project: ProjectSummary, findings: readonly ReportFinding[], hasEnvFile: boolean | undefined): ReportSection {
  const settings = project.settings.map(({ file, module, role, roleReason }) => ({ file, module, role, roleReason }));
  const deployed = settings.filter((s) => project.deployed.includes(s.file));
  const facts: ProjectFacts = { hasDeployed: deployed.length > 0, hasEnvFile };
  const byCheck = (id: CheckId) => findings.filter((f) => checkOf(f.rule) === id);
  const checks = CHECK_ORDER.map((id) => buildCheck(id, byCheck(id), facts));
  const passed = checks.filter((c) => c.status === "passed").length;
  const notApplicable = checks.filter((c) => c.status === "not applicable").length;
  const applicable = checks.length - notApplicable;
  return {
    root: project.root || ".",
    deployed,
    settings,
    checks,
    notes: findings.filter((f) => checkOf(f.rule) === undefined),
    passed,
    applicable,
    summary: summaryLine(passed, applicable, notApplicable),
    verdict: verdictLine(checks, facts.hasDeployed),
  };
}

/**
 * The readiness report of an analysis. `files` is the workspace's file list (FileAccess.files()): it tells
 * which projects have env files; without it, env hygiene passes unless a finding says otherwise.
 */
export function buildReport(result: AnalysisResult, files?: readonly string[]): Report {
  const owned = new Map<ProjectSummary, ReportFinding[]>(result.projects.map((p) => [p, []]));
  const withEnvFile = new Set((files ?? []).filter(isEnvFileName).map((file) => ownerOf(file, result.projects)));
  const otherFindings: ReportFinding[] = [];
  for (const finding of result.findings) {
    const owner = ownerOf(finding.file, result.projects);
    ((owner && owned.get(owner)) ?? otherFindings).push(toReportFinding(finding));
  }
  return {
    version: 1,
    projects: result.projects.map((project) => buildSection(project, owned.get(project) ?? [], files && withEnvFile.has(project))),
    otherFindings,
    problems: result.problems,
  };
}
