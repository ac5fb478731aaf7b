// Baselined findings in the editor: shown as hints (never errors), or not at all (djangoReady.baselinedFindings).
// Matching is the core's (analysis/baseline/); this module finds and reads the root's baseline file.
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { keyFindings, parseBaseline, splitByBaseline, type Baseline } from "../analysis/baseline/baseline";
import type { FileAccess, Finding } from "../analysis/types";
import { readBaselineText } from "../node/baseline-file";

export type BaselinedFindings = "hint" | "hide";

export interface BaselineRoot {
  fsPath: string;
  access: FileAccess;
  /** djangoReady.baseline, else pyproject's baseline: relative to the root unless absolute. */
  baseline?: string;
  baselinedFindings: BaselinedFindings;
}

const toPosix = (path: string): string => path.split(sep).join("/");

/** The baseline's text: through the root's file access (an open, unsaved buffer counts) when it lies in the root. */
function baselineText(root: BaselineRoot, file: string): string | undefined {
  const inRoot = relative(root.fsPath, file);
  if (!inRoot.startsWith("..") && !isAbsolute(inRoot)) return root.access.read(toPosix(inRoot));
  const read = readBaselineText(file);
  return "text" in read ? read.text : undefined;
}

const parsed = new Map<string, { text: string; baseline?: Baseline }>();
/** The last problem logged per baseline file: the server analyses on every keystroke, the log says it once. */
const lastProblem = new Map<string, string>();

function logOnce(file: string, problem: string | undefined, log: (message: string) => void): void {
  if (lastProblem.get(file) === problem) return;
  if (problem === undefined) lastProblem.delete(file);
  else {
    lastProblem.set(file, problem);
    log(`baseline ${file}: ${problem}; no finding left out`);
  }
}

function loadBaseline(file: string, text: string, log: (message: string) => void): Baseline | undefined {
  const known = parsed.get(file);
  if (known && known.text === text) return known.baseline;
  try {
    const baseline = parseBaseline(text);
    parsed.set(file, { text, baseline });
    logOnce(file, undefined, log);
    return baseline;
  } catch (error) {
    parsed.set(file, { text });
    logOnce(file, error instanceof Error ? error.message : String(error), log);
    return undefined;
  }
}

function asHint(finding: Finding): Finding {
  return { ...finding, severity: "hint", message: `Baselined (accepted in the baseline file): ${finding.message}` };
}

/** The findings to publish: the baseline's are hints or hidden; everything else unchanged, in order. */
export function withEditorBaseline(root: BaselineRoot, findings: readonly Finding[], log: (message: string) => void): readonly Finding[] {
  if (root.baseline === undefined) return findings;
  const file = resolve(root.fsPath, root.baseline);
  const text = baselineText(root, file);
  if (text === undefined) {
    logOnce(file, "cannot be read", log);
    return findings;
  }
  const baseline = loadBaseline(file, text, log);
  if (!baseline) return findings;
  const folder = dirname(file);
  const keyed = keyFindings(findings, (path) => root.access.read(path), (path) => toPosix(relative(folder, join(root.fsPath, path))));
  const baselined = new Set(splitByBaseline(keyed, baseline).baselined);
  if (baselined.size === 0) return findings;
  return root.baselinedFindings === "hide" ? findings.filter((f) => !baselined.has(f)) : findings.map((f) => (baselined.has(f) ? asHint(f) : f));
}
