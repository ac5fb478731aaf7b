// --fix: apply each finding's first safe fix, in passes, until nothing fixable is left.
import { applyFileEdits } from "../analysis/fixes/apply";
import type { FileEdit, Finding, Fix, Position, Range } from "../analysis/types";

/** The files of one root as --fix sees them: analysis, reading and writing (which must invalidate caches). */
export interface FixableRoot {
  analyze(): Finding[];
  read(file: string): string | undefined;
  write(file: string, text: string): void;
}

export interface AppliedFix {
  file: string;
  title: string;
}

export interface FixOutcome {
  applied: AppliedFix[];
  /** The findings of the last analysis, after the last fixes were written. */
  findings: Finding[];
}

/** Fixes that touch the same text are applied in later passes, against the re-analysed files, until none is left.
 *  Every extract fix appends to .env, so a project needs about one pass per secret; the bound only stops a loop. */
const MAX_PASSES = 500;

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.column - b.column;
}

/** Overlapping, or both starting at one point (two insertions there would race for the order). */
function clash(a: Range, b: Range): boolean {
  if (comparePositions(a.start, b.start) === 0) return true;
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

class EditLedger {
  private readonly ranges = new Map<string, Range[]>();

  fits(edits: readonly FileEdit[]): boolean {
    return edits.every((fe) => fe.edits.every((e) => !(this.ranges.get(fe.file) ?? []).some((r) => clash(r, e.range))));
  }

  record(edits: readonly FileEdit[]): void {
    for (const fe of edits) {
      const list = this.ranges.get(fe.file) ?? [];
      list.push(...fe.edits.map((e) => e.range));
      this.ranges.set(fe.file, list);
    }
  }
}

function firstSafeFix(finding: Finding): Fix | undefined {
  return finding.fixes?.find((f) => f.safe);
}

/** One pass's fixes: each finding's first safe fix, unless it touches text an earlier one edits. */
export function chooseFixes(findings: readonly Finding[]): { finding: Finding; fix: Fix }[] {
  const ledger = new EditLedger();
  const chosen: { finding: Finding; fix: Fix }[] = [];
  for (const finding of findings) {
    const fix = firstSafeFix(finding);
    if (!fix || !ledger.fits(fix.edits)) continue;
    ledger.record(fix.edits);
    chosen.push({ finding, fix });
  }
  return chosen;
}

export function applySafeFixes(root: FixableRoot, onApplied: (fix: AppliedFix) => void): FixOutcome {
  const applied: AppliedFix[] = [];
  let findings = root.analyze();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const chosen = chooseFixes(findings);
    if (chosen.length === 0) break;
    const texts = applyFileEdits((f) => root.read(f), chosen.flatMap((c) => c.fix.edits));
    for (const [file, text] of texts) root.write(file, text);
    for (const { finding, fix } of chosen) {
      const entry = { file: finding.file, title: fix.title };
      applied.push(entry);
      onApplied(entry);
    }
    findings = root.analyze();
  }
  return { applied, findings };
}
