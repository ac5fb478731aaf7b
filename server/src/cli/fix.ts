// --fix: apply each finding's first safe fix, in passes, until nothing fixable is left.
import { applyFileEdits } from "../analysis/fixes/apply";
import { chooseFixes } from "../analysis/fixes/choose";
import type { Finding } from "../analysis/types";

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
