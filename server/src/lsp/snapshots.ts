// What each root's latest analysis saw and found: the findings behind every published URI and the versions
// of the documents that were open then. Code actions use it to stamp edits with the version they were computed on.
import { withIds } from "./diagnostics";
import type { Finding } from "../analysis/types";
import type { AnalysisRoot } from "./roots";

export interface AnalysisSnapshot {
  /** Open documents' versions at analysis time, by URI (closed files were read from disk). */
  versions: ReadonlyMap<string, number>;
  /** Findings by the URI their diagnostics were published under. */
  findings: ReadonlyMap<string, readonly Finding[]>;
}

export class AnalysisSnapshots {
  private readonly byRoot = new Map<string, AnalysisSnapshot>();

  record(rootUri: string, snapshot: AnalysisSnapshot): void {
    this.byRoot.set(rootUri, snapshot);
  }

  clear(rootUri: string): void {
    this.byRoot.delete(rootUri);
  }

  /** The version a document had when the analysis that last published its diagnostics read it. */
  analysedVersion(uri: string): number | undefined {
    return this.holding(uri)?.versions.get(uri);
  }

  findings(uri: string): readonly Finding[] {
    return this.holding(uri)?.findings.get(uri) ?? [];
  }

  /** The finding a published diagnostic's data id names (see withIds), if the latest analysis still has it. */
  finding(uri: string, id: string): Finding | undefined {
    return withIds(this.findings(uri)).find((entry) => entry.id === id)?.finding;
  }

  /** Every root's latest analysis that saw the document open, else one that published for it. */
  private holding(uri: string): AnalysisSnapshot | undefined {
    const snapshots = [...this.byRoot.values()];
    return snapshots.find((s) => s.versions.has(uri)) ?? snapshots.find((s) => s.findings.has(uri));
  }
}

/** What an analysis of `root` saw (its open documents' versions) and found, by the URIs it publishes under. */
/** The open documents' versions now: taken when an analysis starts, since it reads their texts then. */
export function openVersions(root: AnalysisRoot): Map<string, number> {
  return new Map([...root.open.values()].map((document) => [document.uri, document.version]));
}

export function snapshotOf(
  root: AnalysisRoot,
  findings: readonly Finding[],
  owns: (path: string) => boolean,
  versions: ReadonlyMap<string, number> = openVersions(root),
): AnalysisSnapshot {
  const byUri = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (!owns(finding.file)) continue;
    const uri = root.uriOf(finding.file);
    const list = byUri.get(uri);
    if (list) list.push(finding);
    else byUri.set(uri, [finding]);
  }
  return { versions, findings: byUri };
}
