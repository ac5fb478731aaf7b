// `django-ready history [PATH] [--since REF] [--format text|json|sarif]`: secrets in the git history of the
// project's settings modules and env files, each at the commit that brought it in, masked.
import { analyze } from "../analysis/engine";
import type { HistorySecret } from "../analysis/history/history";
import type { Finding } from "../analysis/types";
import { createDiskFileAccess } from "../node/files";
import { currentSettingsFiles, scanRootHistory, type HistoryScanResult } from "../node/history-scan";
import { initAnalysisFromDisk } from "../node/wasm";
import type { HistoryFormat, HistoryOptions } from "./args";
import type { CliIo } from "./check";
import { ConfigError, loadRootSettings } from "./config";
import { rebasePath } from "./findings";
import { formatSarif } from "./format/sarif";
import { formatText } from "./format/text";
import { singleTarget } from "./targets";

/** A history secret as a finding at its place in the commit, so the check formats can show it. */
export function historyFinding(secret: HistorySecret): Finding {
  const at = { line: secret.line - 1, column: secret.column - 1 };
  return { rule: secret.rule, severity: "error", file: secret.file, range: { start: at, end: at }, message: secret.message };
}

function summary(scan: HistoryScanResult): string {
  const secrets = scan.secrets.length;
  const found = secrets === 0 ? "No secret found in the history" : `${secrets} secret${secrets === 1 ? "" : "s"} found in the history`;
  return `${found} (${scan.commits} commit${scan.commits === 1 ? "" : "s"} touching settings modules or env files, ${scan.versions} file version${scan.versions === 1 ? "" : "s"} read)`;
}

function render(format: HistoryFormat, root: string, scan: HistoryScanResult, io: CliIo): string {
  const output = { root, findings: scan.secrets.map(historyFinding), skipped: [], version: io.version };
  switch (format) {
    case "json":
      return `${JSON.stringify({ version: 1, root, commits: scan.commits, versions: scan.versions, secrets: scan.secrets, unread: scan.unread }, null, 2)}\n`;
    case "sarif":
      return formatSarif(output);
    case "text":
      return formatText(output, { color: io.color, displayPath: (file) => rebasePath(file, root, io.cwd), summary: summary(scan) });
  }
}

/** Exit 1 when a secret is found, 2 when the history could not be read (whole), else 0. */
export async function runHistory(options: HistoryOptions, io: CliIo): Promise<number> {
  const target = singleTarget(options.path, io);
  if (!target) return 2;
  let scan: HistoryScanResult;
  try {
    const settings = loadRootSettings(target.root, { production: [], exclude: [] });
    const access = createDiskFileAccess(target.root, { exclude: settings.exclude });
    await initAnalysisFromDisk();
    scan = scanRootHistory(target.root, access, currentSettingsFiles(analyze(access, settings.config)), options.since);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`django-ready: ${error.message}\n`);
    return 2;
  }
  if (scan.failure !== undefined) {
    io.stderr(`django-ready: cannot read the history of ${target.root}: ${scan.failure}\n`);
    return 2;
  }
  io.stdout(render(options.format, target.root, scan, io));
  for (const u of scan.unread) io.stderr(`django-ready: not judged: ${u.paths.join(", ")} at object ${u.blob.slice(0, 12)}: ${u.reason}\n`);
  if (scan.secrets.length > 0) return 1;
  return scan.unread.length > 0 ? 2 : 0;
}
