// The CLI side of baselines: `django-ready baseline` writes one, `check --baseline` leaves out what it holds.
// The fingerprints and the matching are the core's (analysis/baseline/); this module reads and writes the file.
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import {
  BaselineError,
  buildBaseline,
  describeSplit,
  keyFindings,
  parseBaseline,
  serializeBaseline,
  splitByBaseline,
  type Baseline,
  type BaselineSplit,
} from "../analysis/baseline/baseline";
import type { Finding } from "../analysis/types";
import { readBaselineText, writeBaselineText } from "../node/baseline-file";

export { BaselineError };

/** Root-relative path → path relative to the folder of the baseline file (POSIX). */
function pathFromBaseline(baselineFile: string, root: string): (file: string) => string {
  const folder = dirname(baselineFile);
  return (file) => relative(folder, join(root, file)).split(sep).join("/");
}

/** The baseline file a root runs with: --baseline (from the working folder) wins over pyproject's (from the root). */
export function baselineFileFor(root: string, cwd: string, flag: string | undefined, configured: string | undefined): string | undefined {
  if (flag !== undefined) return resolve(cwd, flag);
  if (configured !== undefined) return isAbsolute(configured) ? configured : resolve(root, configured);
  return undefined;
}

/** Throws BaselineError naming the file. */
export function readBaseline(file: string): Baseline {
  const read = readBaselineText(file);
  if (!("text" in read)) throw new BaselineError(`cannot read baseline ${file}: ${read.reason}`);
  try {
    return parseBaseline(read.text);
  } catch (error) {
    if (error instanceof BaselineError) throw new BaselineError(`baseline ${file}: ${error.message}`);
    throw error;
  }
}

/** Writes the baseline of a root's findings; throws the file system's error. */
export function writeBaselineFile(findings: readonly Finding[], root: string, read: (file: string) => string | undefined, baselineFile: string): Baseline {
  const baseline = buildBaseline(keyFindings(findings, read, pathFromBaseline(baselineFile, root)));
  writeBaselineText(baselineFile, serializeBaseline(baseline));
  return baseline;
}

/** Splits a root's findings by the baseline file. */
export function applyBaselineFile<F extends Finding>(
  findings: readonly F[],
  root: string,
  read: (file: string) => string | undefined,
  baselineFile: string,
): BaselineSplit<F> {
  const baseline = readBaseline(baselineFile);
  return splitByBaseline(keyFindings(findings, read, pathFromBaseline(baselineFile, root)), baseline);
}

export function baselineNotes(split: BaselineSplit, baselineFile: string, cwd: string): string[] {
  return describeSplit(split, relative(cwd, baselineFile) || baselineFile);
}
