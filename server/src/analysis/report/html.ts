// The readiness report as one self-contained HTML page: inline style, no script, no external asset; every
// piece of text escaped.
import type { CheckStatus, Report, ReportCheck, ReportFinding, ReportSection, ReportSettingsModule } from "./model";
import { findingHref, projectTitle, statusLabel } from "./text";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const STATUS_CLASS: Record<CheckStatus, string> = { passed: "passed", failed: "failed", "not judged": "unjudged", "not applicable": "na" };
const STATUS_MARK: Record<CheckStatus, string> = { passed: "✔", failed: "✘", "not judged": "?", "not applicable": "–" };

export const REPORT_STYLE = `
body { font: 14px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
.summary { font-weight: 600; } ul { padding-left: 1.2rem; }
.check { list-style: none; margin: .4rem 0; } .mark { display: inline-block; width: 1.4rem; font-weight: 700; }
.passed .mark { color: #1a7f37; } .failed .mark { color: #cf222e; } .na .mark { color: #6e7781; } .unjudged .mark { color: #9a6700; }
.findings { margin: .2rem 0 .6rem 1.4rem; } .severity { font-variant: small-caps; color: #6e7781; }
code { background: #f6f8fa; padding: 0 .2rem; border-radius: 3px; }
`;

function findingItem(finding: ReportFinding): string {
  const link = `<a href="${escapeHtml(findingHref(finding))}">${escapeHtml(`${finding.file}:${finding.line}`)}</a>`;
  return `<li><span class="severity">${finding.severity}</span> <strong>${finding.rule}</strong> ${link}: ${escapeHtml(finding.message)}</li>`;
}

function findingList(findings: readonly ReportFinding[], className = "findings"): string {
  return findings.length > 0 ? `<ul class="${className}">${findings.map(findingItem).join("")}</ul>` : "";
}

function checkItem(check: ReportCheck): string {
  const reason = check.status === "not applicable" && check.reason ? `: ${escapeHtml(check.reason)}` : "";
  return `<li class="check ${STATUS_CLASS[check.status]}"><span class="mark">${STATUS_MARK[check.status]}</span><strong>${escapeHtml(check.title)}</strong> — ${escapeHtml(statusLabel(check))}${reason}${findingList(check.findings)}${unjudgedList(check.notJudged)}</li>`;
}

function unjudgedList(lines: readonly string[]): string {
  return lines.length > 0 ? `<ul class="not-judged">${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>` : "";
}

function moduleItem(module: ReportSettingsModule): string {
  return `<li><code>${escapeHtml(module.module)}</code> (${escapeHtml(module.file)}) — ${escapeHtml(module.role)}: ${escapeHtml(module.roleReason)}</li>`;
}

function sectionHtml(section: ReportSection): string {
  const deployed = section.deployed.length > 0 ? section.deployed.map(moduleItem).join("") : "<li>none: no production or single settings module was found</li>";
  const notes = section.notes.length > 0 ? `<h3>Notes</h3>${findingList(section.notes, "notes")}` : "";
  return [
    `<section><h2>${escapeHtml(projectTitle(section))}</h2>`,
    `<p><span class="summary">${escapeHtml(section.summary)}.</span> ${escapeHtml(section.verdict)}</p>`,
    `<p>Deployed settings judged:</p><ul>${deployed}</ul>`,
    `<h3>Checklist</h3><ul>${section.checks.map(checkItem).join("")}</ul>`,
    notes,
    "</section>",
  ].join("\n");
}

function problemsHtml(report: Report): string {
  if (report.problems.length === 0) return "";
  const items = report.problems.map((p) => `<li>${escapeHtml(p.file)}: ${escapeHtml(p.message)}</li>`).join("");
  return `<section><h2>Files not analysed</h2><ul>${items}</ul></section>`;
}

/** The report's content without the page around it (the editor embeds it in its own webview page). */
export function renderHtmlBody(report: Report): string {
  return [
    "<h1>Django production readiness</h1>",
    report.projects.length === 0 ? "<p>No Django project was found.</p>" : "",
    ...report.projects.map(sectionHtml),
    report.otherFindings.length > 0 ? `<section><h2>Other findings</h2>${findingList(report.otherFindings, "notes")}</section>` : "",
    report.history ? `<h2>Git history</h2><p>${escapeHtml(report.history.text)}</p>` : "",
    problemsHtml(report),
  ]
    .filter((part) => part !== "")
    .join("\n");
}

export function renderHtml(report: Report): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No external assets and no script: the page may be opened from disk or in a locked-down webview.
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
    "<title>Django production readiness</title>",
    `<style>${REPORT_STYLE}</style>`,
    "</head>",
    "<body>",
    renderHtmlBody(report),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
