// The readiness report as a read-only Markdown document (scheme django-ready-report) shown in the preview.
import { commands, type Disposable, EventEmitter, type TextDocumentContentProvider, Uri, workspace } from "vscode";
import type { RootReport } from "../../server/src/lsp/protocol";

export const reportScheme = "django-ready-report";

/** One report per workspace folder; several are shown one after the other, each under its folder's name. */
export function combineReports(reports: readonly RootReport[]): string {
  if (reports.length === 1 && reports[0]) return reports[0].markdown;
  return reports
    .map((report) => {
      const folder = workspace.getWorkspaceFolder(Uri.parse(report.rootUri))?.name ?? Uri.parse(report.rootUri).fsPath;
      return `*Workspace folder ${folder}*\n\n${report.markdown}`;
    })
    .join("\n---\n\n");
}

export class ReportView implements TextDocumentContentProvider, Disposable {
  readonly uri = Uri.from({ scheme: reportScheme, path: "/Django production readiness.md" });
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;
  private markdown = "";
  private readonly registration = workspace.registerTextDocumentContentProvider(reportScheme, this);

  provideTextDocumentContent(): string {
    return this.markdown;
  }

  async show(reports: readonly RootReport[]): Promise<void> {
    this.markdown = combineReports(reports);
    this.changed.fire(this.uri);
    await commands.executeCommand("markdown.showPreview", this.uri);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
