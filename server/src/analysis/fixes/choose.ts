// Which fixes can be applied together: each finding's first safe fix, unless it touches text an earlier one edits.
// Shared by `--fix` (which then re-analyses and goes again) and the editor's "Fix all".
import type { FileEdit, Finding, Fix, Position, Range } from "../types";

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
