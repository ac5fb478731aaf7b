// The readiness report as Markdown: one section per project, a checklist, findings linked to file:line
// (links relative to the analysed root, where the report is meant to be read).
import { escapeControls } from "./escapeControls";
import type { Report, ReportCheck, ReportFinding, ReportSection, ReportSettingsModule, CheckStatus } from "./model";
import { findingHref, projectTitle, statusLabel } from "./text";

const STATUS_MARK: Record<CheckStatus, string> = { passed: "✅", failed: "❌", "not judged": "❔", "not applicable": "➖" };

/**
 * Backslash-escapes what Markdown would otherwise read as emphasis, links, HTML or table cells. An underscore
 * inside a word (DJANGO_SETTINGS_MODULE) never starts emphasis, so it stays readable.
 */
function escapeMarkdown(text: string): string {
  return escapeControls(text).replace(/[\\`*[\]<>|#]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\$&");
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

function findingItem(finding: ReportFinding): string {
  const link = `[${escapeMarkdown(`${finding.file}:${finding.line}`)}](${findingHref(finding)})`;
  return `- ${finding.severity} **${finding.rule}** ${link}: ${escapeMarkdown(finding.message)}`;
}

function checkLines(check: ReportCheck): string[] {
  const detail = check.status === "not applicable" && check.reason ? `: ${escapeMarkdown(check.reason)}` : "";
  return [
    `- ${STATUS_MARK[check.status]} **${escapeMarkdown(check.title)}** — ${statusLabel(check)}${detail}`,
    ...check.findings.map((f) => `  ${findingItem(f)}`),
    ...check.notJudged.map((line) => `  - ${escapeMarkdown(line)}`),
  ];
}

function moduleLine(module: ReportSettingsModule): string {
  return `- ${code(module.module)} (${escapeMarkdown(module.file)}) — ${module.role}: ${escapeMarkdown(module.roleReason)}`;
}

function sectionLines(section: ReportSection): string[] {
  const deployed = section.deployed.length > 0 ? section.deployed.map(moduleLine) : ["- none: no production or single settings module was found"];
  const notes = section.notes.length > 0 ? ["", "### Notes", "", ...section.notes.map(findingItem)] : [];
  return [
    `## ${escapeMarkdown(projectTitle(section))}`,
    "",
    `**${section.summary}.** ${escapeMarkdown(section.verdict)}`,
    "",
    "Deployed settings judged:",
    "",
    ...deployed,
    "",
    "### Checklist",
    "",
    ...section.checks.flatMap(checkLines),
    ...notes,
    "",
  ];
}

export function renderMarkdown(report: Report): string {
  const lines = ["# Django production readiness", ""];
  if (report.projects.length === 0) lines.push("No Django project was found.", "");
  for (const section of report.projects) lines.push(...sectionLines(section));
  if (report.history) lines.push("## Git history", "", escapeMarkdown(report.history.text), "");
  if (report.otherFindings.length > 0) lines.push("## Other findings", "", ...report.otherFindings.map(findingItem), "");
  if (report.problems.length > 0) {
    lines.push("## Files not analysed", "", ...report.problems.map((p) => `- ${escapeMarkdown(p.file)}: ${escapeMarkdown(p.message)}`), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
