// The readiness report in a webview: the core's HTML, with a small script that turns a click on a finding's
// `file#Lnn` link into "open that file at that line" (webviews cannot open workspace files by themselves).
import { randomBytes } from "node:crypto";
import { Range, Uri, ViewColumn, type Disposable, type WebviewPanel, window, workspace } from "vscode";
import { REPORT_STYLE } from "../../server/src/analysis/report/html";
import type { RootReport } from "../../server/src/lsp/protocol";

interface OpenLink {
  root: string;
  href: string;
}

function isOpenLink(message: unknown): message is OpenLink {
  const candidate = message as Partial<OpenLink> | null;
  return typeof candidate?.root === "string" && typeof candidate.href === "string";
}

function folderName(rootUri: string): string {
  const uri = Uri.parse(rootUri);
  return workspace.getWorkspaceFolder(uri)?.name ?? uri.fsPath;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** One section per workspace folder, each remembering its root so relative links resolve against it. */
function reportPage(reports: readonly RootReport[], nonce: string): string {
  const sections = reports.map((report) => {
    const heading = reports.length > 1 ? `<p><em>Workspace folder ${escapeAttribute(folderName(report.rootUri))}</em></p>` : "";
    return `<div class="root" data-root="${escapeAttribute(report.rootUri)}">${heading}${report.html}</div>`;
  });
  return [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'">`,
    `<style>${REPORT_STYLE}</style></head><body>`,
    sections.join("<hr>"),
    `<script nonce="${nonce}">`,
    "const vscode = acquireVsCodeApi();",
    "document.addEventListener('click', (event) => {",
    "  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;",
    "  const root = link && link.closest('[data-root]');",
    "  if (!link || !root) return;",
    "  event.preventDefault();",
    "  vscode.postMessage({ root: root.getAttribute('data-root'), href: link.getAttribute('href') });",
    "});",
    "</script></body></html>",
  ].join("\n");
}

/** `mysite/settings.py#L12` under the root → the file and its 0-based line. */
function linkTarget(link: OpenLink): { uri: Uri; line: number } | undefined {
  const match = /^([^#:]+)(?:#L(\d+))?$/.exec(link.href);
  if (!match || match[1].split("/").includes("..")) return undefined;
  return { uri: Uri.joinPath(Uri.parse(link.root), ...match[1].split("/").map(decodeURIComponent)), line: Math.max(0, Number(match[2] ?? 1) - 1) };
}

async function openLink(link: OpenLink): Promise<void> {
  const target = linkTarget(link);
  if (!target) return;
  const position = new Range(target.line, 0, target.line, 0);
  await window.showTextDocument(target.uri, { selection: position, viewColumn: ViewColumn.One, preview: true });
}

export class ReportView implements Disposable {
  private panel: WebviewPanel | undefined;

  async show(reports: readonly RootReport[]): Promise<void> {
    const panel = this.panel ?? this.createPanel();
    panel.webview.html = reportPage(reports, randomBytes(16).toString("base64"));
    panel.reveal(ViewColumn.Beside, false);
  }

  private createPanel(): WebviewPanel {
    const panel = window.createWebviewPanel("djangoReady.report", "Django production readiness", ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [],
    });
    panel.webview.onDidReceiveMessage((message: unknown) => (isOpenLink(message) ? openLink(message) : undefined));
    panel.onDidDispose(() => (this.panel = undefined));
    this.panel = panel;
    return panel;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
