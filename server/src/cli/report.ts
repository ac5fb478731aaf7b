// `django-ready report [PATH]`: analyse the root PATH belongs to and print the readiness report.
import { analyze } from "../analysis/engine";
import { escapeControls } from "../analysis/report/escapeControls";
import { renderHtml } from "../analysis/report/html";
import { renderMarkdown } from "../analysis/report/markdown";
import { buildReport, type Report } from "../analysis/report/model";
import { createDiskFileAccess } from "../node/files";
import { historyReportLineFor } from "../node/history-scan";
import { initAnalysisFromDisk } from "../node/wasm";
import type { ReportFormat, ReportOptions } from "./args";
import type { CliIo } from "./check";
import { ConfigError, loadRootSettings } from "./config";
import { singleTarget } from "./targets";

function render(format: ReportFormat, report: Report): string {
  switch (format) {
    case "markdown":
      return renderMarkdown(report);
    case "html":
      return renderHtml(report);
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}

/** Exit 0 whatever the report says (it is a document, not a gate); 2 when PATH, its folder or the configuration is unusable. */
export async function runReport(options: ReportOptions, io: CliIo): Promise<number> {
  const target = singleTarget(options.path, io);
  if (!target) return 2;
  try {
    const settings = loadRootSettings(target.root, { production: [], exclude: [] });
    const access = createDiskFileAccess(target.root, { exclude: settings.exclude });
    const unlistedRoot = access.unlisted().get(".");
    if (unlistedRoot !== undefined) {
      io.stderr(`django-ready: ${escapeControls(target.root)}: ${unlistedRoot}\n`);
      return 2;
    }
    await initAnalysisFromDisk();
    const result = analyze(access, settings.config);
    const report = buildReport(result, access.files());
    if (options.history) report.history = historyReportLineFor(target.root, access, result);
    io.stdout(render(options.format, report));
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`django-ready: ${error.message}\n`);
    return 2;
  }
}
