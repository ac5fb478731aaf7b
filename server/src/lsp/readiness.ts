// A root's analysis → its readiness report (Markdown for the editor) and the status the client shows.
import type { AnalysisResult } from "../analysis/engine";
import { renderHtmlBody } from "../analysis/report/html";
import { renderMarkdown } from "../analysis/report/markdown";
import { buildReport, type Report, type ReportSection } from "../analysis/report/model";
import { isEnvFileName } from "../analysis/project/envFileNames";
import type { ReadinessStatus, RootReport } from "./protocol";
import { fsPathToUri } from "./uris";

// buildReport only needs the env files of the listing; the listing array is stable until the disk changes.
const envFilesByListing = new WeakMap<readonly string[], readonly string[]>();

function envFilesOf(files: readonly string[]): readonly string[] {
  let envFiles = envFilesByListing.get(files);
  if (!envFiles) {
    envFiles = files.filter(isEnvFileName);
    envFilesByListing.set(files, envFiles);
  }
  return envFiles;
}

export function reportOf(result: AnalysisResult, files: readonly string[]): Report {
  return buildReport(result, envFilesOf(files));
}

/** The verdict the report's own verdict line calls "Ready for production". */
function sectionReady(section: ReportSection): boolean {
  return section.ready;
}

function summaryOf(report: Report, passed: number, applicable: number): string {
  const [only] = report.projects;
  if (!only) return "no Django project";
  if (report.projects.length === 1) return only.summary;
  return `${passed} of ${applicable} checks pass in ${report.projects.length} Django projects`;
}

export function readinessOf(rootUri: string, report: Report): ReadinessStatus {
  const passed = report.projects.reduce((sum, section) => sum + section.passed, 0);
  const applicable = report.projects.reduce((sum, section) => sum + section.applicable, 0);
  return {
    rootUri,
    projects: report.projects.length,
    passed,
    applicable,
    verdictPassed: report.projects.length > 0 && report.projects.every(sectionReady),
    summary: summaryOf(report, passed, applicable),
  };
}

// renderMarkdown links findings relative to the analysed root (`mysite/settings.py#L3`); a virtual document
// has no folder to resolve them against, so they become absolute file: URIs.
const RELATIVE_FINDING_LINK = /\]\(([^()\s:]+#L\d+)\)/g;

export function absoluteLinks(markdown: string, rootFsPath: string): string {
  const base = fsPathToUri(rootFsPath).replace(/\/?$/, "/");
  return markdown.replace(RELATIVE_FINDING_LINK, (_match, href: string) => `](${new URL(href, base).href})`);
}

export function rootReport(root: { uri: string; fsPath: string }, report: Report): RootReport {
  return { ...readinessOf(root.uri, report), markdown: absoluteLinks(renderMarkdown(report), root.fsPath), html: renderHtmlBody(report) };
}

/** Sends a root's status only when it differs from what the client last received. */
export class ReadinessPublisher {
  private readonly sent = new Map<string, string>();

  constructor(private readonly send: (status: ReadinessStatus) => void) {}

  publish(status: ReadinessStatus): void {
    const serialized = JSON.stringify(status);
    if (this.sent.get(status.rootUri) === serialized) return;
    this.sent.set(status.rootUri, serialized);
    this.send(status);
  }

  /** The root is gone: the client forgets its verdict. */
  clear(rootUri: string): void {
    this.sent.delete(rootUri);
    this.send({ rootUri, projects: 0, passed: 0, applicable: 0, verdictPassed: false, summary: "no Django project" });
  }
}
