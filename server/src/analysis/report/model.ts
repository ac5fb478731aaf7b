// The readiness report (DESIGN.md "Readiness report"): one section per Django project, a checklist of the five
// practices plus deploy checks and env hygiene, each passed, failed or not applicable with its findings.
import type { HistoryReportLine } from "../history/history";
import type { AnalysisProblem, AnalysisResult, NotJudged, ProjectSummary } from "../engine";
import type { Finding, Practice, RuleId, Severity } from "../types";
import { DEPLOYED_PRACTICES, practiceTitles, ruleMeta } from "../rules/catalog";
import { isEnvFileName } from "../project/envFileNames";
import { isUnder } from "../project/paths";

export type CheckId = Exclude<Practice, "project">;
export type CheckStatus = "passed" | "failed" | "not judged" | "not applicable";

export const CHECK_ORDER: readonly CheckId[] = ["environment", "storage", "debug", "logging", "server", "deploy-checks", "env-files"];

/** Checks judged on deployed settings: nothing to judge without a production or single module. */
const DEPLOYED_ONLY = DEPLOYED_PRACTICES;

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
  /** "not judged — SETTING: why" for each unknown value the check depended on (RULES.md "Known and unknown values"). */
  notJudged: string[];
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
  /** Checks that depended on a value the analysis cannot see (and found nothing else). */
  notJudged: number;
  /** "N of M checks pass". */
  summary: string;
  verdict: string;
  /** The verdict is "Ready for production": every applicable check judged and passed. */
  ready: boolean;
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
  /** Settings modules that are templates (DJP004): the deployed one may be among them. */
  templateSettings: number;
  /** undefined when the caller gave no file list. */
  hasEnvFile: boolean | undefined;
}

function notApplicableReason(id: CheckId, facts: ProjectFacts): string | undefined {
  if (id === "env-files" && facts.hasEnvFile === false) return "the project has no env file";
  return undefined;
}

/** A check on deployed settings applies to every project, but without a deployed module it cannot be judged. */
function unjudgeableReason(id: CheckId, facts: ProjectFacts): string | undefined {
  if (!DEPLOYED_ONLY.has(id) || facts.hasDeployed) return undefined;
  return facts.templateSettings > 0 ? "not judged — the settings are templates (DJP004)" : "not judged — no production or single settings module to judge";
}

/** "not judged — SECURE_SSL_REDIRECT: set under a condition at mysite/settings.py:40" (the module named when several are deployed). */
function notJudgedLines(entries: readonly NotJudged[], deployedCount: number): string[] {
  return entries.map((entry) => `not judged — ${entry.setting}${deployedCount > 1 ? ` (${entry.module})` : ""}: ${entry.why}`);
}

function buildCheck(id: CheckId, findings: ReportFinding[], unknown: readonly NotJudged[], facts: ProjectFacts, deployedCount: number): ReportCheck {
  const unjudgeable = unjudgeableReason(id, facts);
  const base = { id, title: practiceTitles[id], findings, notJudged: [...(unjudgeable ? [unjudgeable] : []), ...notJudgedLines(unknown, deployedCount)] };
  if (findings.length > 0) return { ...base, status: "failed" };
  const reason = notApplicableReason(id, facts);
  if (reason) return { ...base, status: "not applicable", reason };
  return base.notJudged.length > 0 ? { ...base, status: "not judged" } : { ...base, status: "passed" };
}

function summaryLine(passed: number, applicable: number, notApplicable: number, notJudged: number): string {
  const main = `${passed} of ${applicable} checks pass`;
  const notes = [notJudged > 0 ? `${notJudged} not judged` : "", notApplicable > 0 ? `${notApplicable} not applicable` : ""].filter(Boolean);
  return notes.length > 0 ? `${main} (${notes.join(", ")})` : main;
}

function verdictLine(checks: readonly ReportCheck[], facts: ProjectFacts): string {
  const failed = checks.filter((c) => c.status === "failed");
  const errors = failed.filter((c) => c.findings.some((f) => f.severity === "error"));
  const partly = facts.hasDeployed ? checks.filter((c) => c.notJudged.length > 0) : [];
  const unjudged = !facts.hasDeployed
    ? " The deployed settings were not judged: no production or single settings module is known."
    : partly.length > 0
      ? ` Not judged (values the analysis cannot see): ${partly.map((c) => c.title).join("; ")}.`
      : "";
  if (errors.length > 0) return `Not ready for production: errors in ${errors.map((c) => c.title).join("; ")}.${unjudged}`;
  if (failed.length > 0) return `Nearly ready: no errors, but warnings or advice in ${failed.map((c) => c.title).join("; ")}.${unjudged}`;
  if (!facts.hasDeployed && facts.templateSettings > 0) return `Not judged: the settings are templates (${facts.templateSettings} skipped, see DJP004); check a project generated from them.`;
  if (!facts.hasDeployed) return "Not judged: no settings module is known to be deployed; name the production one with --production or djangoReady.productionSettings.";
  if (partly.length > 0) return `Not judged: no check failed, but ${partly.length === 1 ? "one check depends" : `${partly.length} checks depend`} on values the analysis cannot see (${partly.map((c) => c.title).join("; ")}).`;
  return "Ready for production: every applicable check passes.";
}

function buildSection(project: ProjectSummary, findings: readonly ReportFinding[], hasEnvFile: boolean | undefined): ReportSection {
  const settings = project.settings.map(({ file, module, role, roleReason }) => ({ file, module, role, roleReason }));
  const deployed = settings.filter((s) => project.deployed.includes(s.file));
  const templateSettings = (project.templates ?? []).filter((file) => file.endsWith(".py")).length;
  const facts: ProjectFacts = { hasDeployed: deployed.length > 0, templateSettings, hasEnvFile };
  const byCheck = (id: CheckId) => findings.filter((f) => checkOf(f.rule) === id);
  const unknownFor = (id: CheckId) => (project.notJudged ?? []).filter((entry) => entry.practice === id);
  const checks = CHECK_ORDER.map((id) => buildCheck(id, byCheck(id), unknownFor(id), facts, deployed.length));
  const passed = checks.filter((c) => c.status === "passed").length;
  const notApplicable = checks.filter((c) => c.status === "not applicable").length;
  const notJudged = checks.filter((c) => c.status === "not judged").length;
  const applicable = checks.length - notApplicable;
  const verdict = verdictLine(checks, facts);
  return {
    root: project.root || ".",
    deployed,
    settings,
    checks,
    notes: findings.filter((f) => checkOf(f.rule) === undefined),
    passed,
    applicable,
    notJudged,
    summary: summaryLine(passed, applicable, notApplicable, notJudged),
    verdict,
    ready: verdict.startsWith("Ready for production"),
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

/**
 * One line for a project only partly judged (some check read an unknown value, or its settings are templates),
 * for `django-ready check`; undefined when everything applicable was judged.
 */
export function partlyJudgedLine(project: ProjectSummary, shownRoot = project.root || "."): string | undefined {
  const settings = [...new Set((project.notJudged ?? []).map((entry) => entry.setting))];
  const templates = (project.templates ?? []).filter((file) => file.endsWith(".py")).length;
  const parts = [
    settings.length > 0 ? `not judged: ${settings.join(", ")} (values the analysis cannot see)` : "",
    templates > 0 ? `${templates} template settings file${templates === 1 ? "" : "s"} skipped` : "",
  ].filter(Boolean);
  if (parts.length === 0) return undefined;
  return `${shownRoot}: partly judged — ${parts.join("; ")}; run \`django-ready report\` for the reasons.`;
}
