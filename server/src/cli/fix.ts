// --fix: apply each finding's first safe fix, in passes, until nothing fixable is left. A pass's texts are written
// as one unit (all or nothing); a fix whose files are refused is reported with the reason and not tried again.
import { applyFileEdits } from "../analysis/fixes/apply";
import { chooseFixes } from "../analysis/fixes/choose";
import type { FileEdit, Finding, Fix } from "../analysis/types";

/** The files of one root as --fix sees them: analysis, reading and writing (which must invalidate caches). */
export interface FixableRoot {
  analyze(): Finding[];
  read(file: string): string | undefined;
  /** Why read() gave nothing, for the refusal message. */
  unreadableReason?(file: string): string | undefined;
  /** Writes every text or none; throws a FixRefusal naming the file that could not be written and why. */
  writeAll(texts: ReadonlyMap<string, string>): void;
}

/** Thrown by FixableRoot.writeAll when a file may not or cannot be written; nothing was changed. */
export class FixRefusal extends Error {
  constructor(
    readonly file: string,
    readonly why: string,
  ) {
    super(`${file}: ${why}`);
    this.name = "FixRefusal";
  }
}

export interface AppliedFix {
  file: string;
  title: string;
}

export interface RefusedFix extends AppliedFix {
  /** "FILE: why" for the file that could not be written. */
  reason: string;
}

export interface FixOutcome {
  applied: AppliedFix[];
  refused: RefusedFix[];
  /** The findings of the last analysis, after the last fixes were written. */
  findings: Finding[];
}

export interface FixReporter {
  applied(fix: AppliedFix): void;
  refused?(fix: RefusedFix): void;
}

/** Fixes that touch the same text are applied in later passes, against the re-analysed files, until none is left.
 *  Every extract fix appends to .env, so a project needs about one pass per secret; the bound only stops a loop. */
const MAX_PASSES = 500;

function fixKey(finding: Finding, fix: Fix): string {
  const { start } = finding.range;
  return `${finding.rule}|${finding.file}|${start.line}:${start.column}|${fix.title}`;
}

export function applySafeFixes(root: FixableRoot, reporter: FixReporter): FixOutcome {
  const applied: AppliedFix[] = [];
  const refused: RefusedFix[] = [];
  const given = new Set<string>();
  let findings = root.analyze();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const chosen = chooseFixes(findings.map((finding) => withoutGivenUp(finding, given)));
    if (chosen.length === 0) break;
    try {
      const edits = chosen.flatMap((c) => c.fix.edits);
      refuseUnreadable(root, edits);
      root.writeAll(applyFileEdits((f) => root.read(f), edits));
    } catch (error) {
      if (!(error instanceof FixRefusal)) throw error;
      // Nothing was written: give up the fixes touching the refused file and try the others again.
      const touching = chosen.filter((c) => c.fix.edits.some((edit) => edit.file === error.file));
      for (const { finding, fix } of touching.length > 0 ? touching : chosen) {
        given.add(fixKey(finding, fix));
        const entry = { file: finding.file, title: fix.title, reason: error.message };
        refused.push(entry);
        reporter.refused?.(entry);
      }
      continue;
    }
    for (const { finding, fix } of chosen) {
      const entry = { file: finding.file, title: fix.title };
      applied.push(entry);
      reporter.applied(entry);
    }
    findings = root.analyze();
  }
  return { applied, refused, findings };
}

/** An edit of an existing file that cannot be read exactly would replace what it could not see. */
function refuseUnreadable(root: FixableRoot, edits: readonly FileEdit[]): void {
  for (const edit of edits) {
    if (edit.create || root.read(edit.file) !== undefined) continue;
    const why = root.unreadableReason?.(edit.file);
    throw new FixRefusal(edit.file, `it could not be read exactly${why ? ` (${why})` : ""}, so it is not edited`);
  }
}

/** The finding without the fixes already refused, so the next fix of the list can be chosen. */
function withoutGivenUp(finding: Finding, given: ReadonlySet<string>): Finding {
  if (!finding.fixes?.some((fix) => given.has(fixKey(finding, fix)))) return finding;
  return { ...finding, fixes: finding.fixes.filter((fix) => !given.has(fixKey(finding, fix))) };
}
