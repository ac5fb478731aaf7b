// The history scan of one analysis root, for the CLI and the language server: git is read here
// (git-history.ts), the secrets are judged by the core (analysis/history/).
import { historyPathspecs, historyFileKind } from "../analysis/history/files";
import type { AnalysisResult } from "../analysis/engine";
import {
  distinctBlobs,
  historyReportLine,
  relevantChanges,
  scanHistory,
  type HistoryReportLine,
  type HistorySecret,
} from "../analysis/history/history";
import type { FileAccess } from "../analysis/types";
import { HISTORY_LIMITS, isInGitWorkTree, readBlobs, readHistoryLog, resolveCommit } from "./git-history";

export interface HistoryScanResult {
  secrets: HistorySecret[];
  /** Commits that touched a file the scan reads. */
  commits: number;
  /** Distinct file versions read. */
  versions: number;
  /** Versions that could not be read, with why: the scan is not complete when there are any. */
  unread: { blob: string; paths: string[]; reason: string }[];
  /** Set when there is no answer at all (not a repository, git missing or failing, REF unknown). */
  failure?: string;
}

function failed(failure: string): HistoryScanResult {
  return { secrets: [], commits: 0, versions: 0, unread: [], failure };
}

/**
 * `access` is today's view of the root (its settings modules and env files are where a secret may still be);
 * `currentSettings` the root-relative paths of today's settings modules.
 */
export function scanRootHistory(root: string, access: FileAccess, currentSettings: ReadonlySet<string>, sinceRef?: string): HistoryScanResult {
  const repository = isInGitWorkTree(root);
  if (!repository.ok) return failed(repository.failure);
  if (!repository.value) return failed("not inside a git repository");
  let since: string | undefined;
  if (sinceRef !== undefined) {
    const resolved = resolveCommit(root, sinceRef);
    if (!resolved.ok) return failed(resolved.failure);
    since = resolved.value;
  }
  const log = readHistoryLog(root, historyPathspecs(currentSettings), since);
  if (!log.ok) return failed(log.failure);
  const commits = relevantChanges(log.value, currentSettings).filter((commit) => commit.changes.length > 0);
  const blobs = distinctBlobs(commits);
  if (blobs.length > HISTORY_LIMITS.maxBlobs) return failed(`${blobs.length} file versions to read, more than the limit of ${HISTORY_LIMITS.maxBlobs}; narrow the range with --since`);
  const read = readBlobs(root, blobs);
  if (!read.ok) return failed(read.failure);
  const workingTexts = access
    .files()
    .filter((file) => historyFileKind(file, currentSettings) !== undefined)
    .map((file) => access.read(file))
    .filter((text): text is string => text !== undefined);
  const secrets = scanHistory({ commits, currentSettings, blobText: (blob) => read.value.texts.get(blob), workingTexts });
  const pathsOf = (blob: string) => [...new Set(commits.flatMap((c) => c.changes.filter((ch) => ch.blob === blob).map((ch) => ch.path)))];
  const unread = [...read.value.unread].map(([blob, reason]) => ({ blob, paths: pathsOf(blob), reason }));
  return { secrets, commits: commits.length, versions: blobs.length, unread };
}

/** Today's settings modules, by root-relative path: their names in past commits are read whatever they are. */
export function currentSettingsFiles(result: AnalysisResult): Set<string> {
  return new Set(result.projects.flatMap((project) => project.settings.map((module) => module.file)));
}

/** The readiness report's history line for a root already analysed. */
export function historyReportLineFor(root: string, access: FileAccess, result: AnalysisResult): HistoryReportLine {
  return historyReportLineOf(root, access, currentSettingsFiles(result));
}

/** The readiness report's history line, given today's settings modules. */
export function historyReportLineOf(root: string, access: FileAccess, currentSettings: ReadonlySet<string>): HistoryReportLine {
  const scan = scanRootHistory(root, access, currentSettings);
  if (scan.failure !== undefined) return historyReportLine(undefined, 0, scan.failure);
  if (scan.unread.length > 0) return historyReportLine(undefined, scan.commits, `${scan.unread.length} file version(s) could not be read`);
  return historyReportLine(scan.secrets, scan.commits);
}
