// Wording and links shared by the report's renderers, so Markdown and HTML say the same thing.
import type { ReportCheck, ReportFinding, ReportSection } from "./model";

export function projectTitle(section: ReportSection): string {
  return section.root === "." ? "Django project at the root" : `Django project in ${section.root}/`;
}

export function statusLabel(check: ReportCheck): string {
  if (check.status !== "failed") return check.status;
  const count = check.findings.length;
  return `failed (${count} finding${count === 1 ? "" : "s"})`;
}

/** A link to a finding's line, relative to the analysed root (GitHub's and VS Code's `#L` anchor). */
export function findingHref(finding: ReportFinding): string {
  return `${encodeURI(finding.file).replace(/[()#?]/g, encodeURIComponent)}#L${finding.line}`;
}
