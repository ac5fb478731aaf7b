// `django-ready check`: analyse each target root, optionally fix, then print one report and pick the exit code.
import { analyze, compareFindings, type ProjectSummary } from "../analysis/engine";
import { matchesConfigured } from "../analysis/project/model";
import { partlyJudgedLine } from "../analysis/report/model";
import type { Finding } from "../analysis/types";
import { isRuntimeEnvFile } from "../analysis/project/envFileNames";
import { createDiskFileAccess, type DiskFileAccess } from "../node/files";
import { writeGuarded, WriteRefused } from "../node/guarded-write";
import { initAnalysisFromDisk } from "../node/wasm";
import { UsageError, type CheckFormat, type CheckOptions } from "./args";
import { applyBaselineFile, BaselineError, baselineFileFor, baselineNotes } from "./baseline";
import { ConfigError, loadRootSettings, type FlagSettings, type RootSettings } from "./config";
import { failsOn, keepFiles, rebaseFinding, rebasePath } from "./findings";
import { applySafeFixes, FixRefusal } from "./fix";
import { formatJson } from "./format/json";
import type { CheckOutput } from "./format/model";
import { formatSarif } from "./format/sarif";
import { formatText } from "./format/text";
import { escapeControls as displayed } from "../analysis/report/escapeControls";
import { commonRoot, resolveTargets, type Target } from "./targets";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  color: boolean;
  version: string;
}

interface Skipped {
  file: string;
  reason: string;
}

interface RootResult {
  root: string;
  findings: Finding[];
  skipped: Skipped[];
  /** One line per Django project only partly judged. */
  partly: string[];
  /** Lines for stderr about the baseline: findings left out, entries that can be dropped, a baseline that could not be read. */
  notes: string[];
  /** The baseline could not be used: exit 2 even though the findings are reported. */
  baselineFailed?: boolean;
}

/** The settings modules an analysis found, dotted, most like `entry` first (for a usage error's "did you mean"). */
function candidatesFor(entry: string, projects: readonly ProjectSummary[]): string[] {
  const modules = [...new Set(projects.flatMap((p) => p.settings.map((s) => s.module)))];
  const common = (name: string) => name.split(".").filter((part) => entry.split(/[./]/).includes(part)).length;
  return modules.sort((a, b) => common(b) - common(a) || a.localeCompare(b)).slice(0, 8);
}

/** `--production` must name a settings module the analysis found: a typo would otherwise judge nothing. */
function checkProductionFlags(production: readonly string[], projects: readonly ProjectSummary[]): void {
  for (const entry of production) {
    if (projects.some((p) => p.settings.some((s) => matchesConfigured(s.file, s.module, [entry])))) continue;
    const candidates = candidatesFor(entry, projects);
    const hint = candidates.length > 0 ? `; settings modules found: ${candidates.join(", ")}` : "; no settings module was found at all";
    throw new UsageError(`--production ${entry} matches no settings module${hint}`, "check");
  }
}

function findingsOf(access: DiskFileAccess, settings: RootSettings, target: Target, cwd: string, production: readonly string[] = []): { findings: Finding[]; skipped: Skipped[]; partly: string[] } {
  const result = analyze(access, settings.config);
  checkProductionFlags(production, result.projects);
  const findings = keepFiles(result.findings, target.only);
  const shown = (root: string) => rebasePath(root || ".", target.root, cwd) || ".";
  const partly = result.projects.flatMap((project) => partlyJudgedLine(project, shown(project.root)) ?? []);
  return { findings, skipped: result.problems.map((p) => ({ file: p.file, reason: p.message })), partly };
}

/** Files the file access could not read, and files the engine gave up on; one entry per file. */
function skippedFiles(access: DiskFileAccess, problems: readonly Skipped[]): Skipped[] {
  const byFile = new Map<string, string>(access.unreadable());
  for (const p of problems) if (!byFile.has(p.file)) byFile.set(p.file, p.reason);
  return [...byFile].map(([file, reason]) => ({ file, reason }));
}

/** One pass's texts through the guarded writer, as a unit: each checked against the read its edits were computed on. */
function writeAll(root: string, access: DiskFileAccess, texts: ReadonlyMap<string, string>): void {
  const writes = [...texts].map(([file, text]) => ({ file, text, expected: access.stamp(file), envFile: isRuntimeEnvFile(file) }));
  try {
    writeGuarded(root, writes, { gitStatus: (file) => access.gitStatus?.(file), unreadableReason: (file) => access.unreadableReason(file) });
  } catch (error) {
    if (error instanceof WriteRefused) throw new FixRefusal(error.file, error.why);
    throw error;
  }
  for (const file of texts.keys()) access.invalidate(file);
}

/** Only Python files are parsed: a tree without one never loads the parser (the bulk of the fixed cost). */
async function loadParserIfNeeded(access: DiskFileAccess): Promise<void> {
  if (access.files().some((file) => file.endsWith(".py"))) await initAnalysisFromDisk();
}

async function checkRoot(target: Target, options: CheckOptions, io: CliIo): Promise<RootResult> {
  const { root } = target;
  const settings = loadRootSettings(root, { production: options.production, exclude: options.exclude });
  const access = createDiskFileAccess(root, { exclude: settings.exclude });
  // Git's two runs go on beside the parser's load; an empty folder (the fixed cost) starts neither.
  const gitStatus = access.files().length > 0 ? access.prefetchGitStatus() : undefined;
  await Promise.all([loadParserIfNeeded(access), gitStatus]);
  let last = findingsOf(access, settings, target, io.cwd, options.production);
  if (options.fix) {
    applySafeFixes(
      {
        analyze: () => (last = findingsOf(access, settings, target, io.cwd)).findings,
        read: (file) => access.read(file),
        unreadableReason: (file) => access.unreadableReason(file),
        writeAll: (texts) => writeAll(root, access, texts),
      },
      {
        applied: ({ file, title }) => io.stderr(`fixed: ${displayed(`${rebasePath(file, root, io.cwd)}: ${title}`)}\n`),
        refused: ({ file, title, reason }) => io.stderr(`not fixed: ${displayed(`${rebasePath(file, root, io.cwd)}: ${title}: ${reason}`)}\n`),
      },
    );
  }
  return { root, findings: last.findings, skipped: skippedFiles(access, last.skipped), partly: last.partly, notes: [], ...withBaseline(last.findings, root, access, settings, options, io) };
}

/** Findings the root's baseline (--baseline, else pyproject's) holds are left out; a baseline that cannot be read leaves all in. */
function withBaseline(findings: Finding[], root: string, access: DiskFileAccess, settings: RootSettings, options: CheckOptions, io: CliIo): Partial<RootResult> {
  const file = baselineFileFor(root, io.cwd, options.baseline, settings.baseline);
  if (file === undefined) return {};
  try {
    const split = applyBaselineFile(findings, root, (path) => access.read(path), file);
    return { findings: split.fresh, notes: baselineNotes(split, file, io.cwd) };
  } catch (error) {
    if (!(error instanceof BaselineError)) throw error;
    return { notes: [`${error.message}; no finding left out`], baselineFailed: true };
  }
}

/** One root's findings as `check` reports them before any baseline: for `django-ready baseline`. */
export async function analyseTarget(target: Target, flags: FlagSettings): Promise<{ findings: Finding[]; read: (file: string) => string | undefined; skipped: Skipped[] }> {
  await initAnalysisFromDisk();
  const settings = loadRootSettings(target.root, flags);
  const access = createDiskFileAccess(target.root, { exclude: settings.exclude });
  const result = findingsOf(access, settings, target, process.cwd());
  return { findings: result.findings, read: (file) => access.read(file), skipped: skippedFiles(access, result.skipped) };
}

function render(format: CheckFormat, output: CheckOutput, io: CliIo): string {
  switch (format) {
    case "json":
      return formatJson(output);
    case "sarif":
      return formatSarif(output);
    case "text":
      return formatText(output, { color: io.color, displayPath: (file) => rebasePath(file, output.root, io.cwd) });
  }
}

/** Several roots are reported from their common parent, so one document holds them all. */
function combine(results: readonly RootResult[], version: string): CheckOutput {
  const root = results.length === 1 && results[0] ? results[0].root : commonRoot(results.map((r) => r.root));
  const findings = results.flatMap((r) => r.findings.map((f) => rebaseFinding(f, r.root, root)));
  const skipped = results.flatMap((r) => r.skipped.map((s) => ({ ...s, file: rebasePath(s.file, r.root, root) })));
  return { root, findings: findings.sort(compareFindings), skipped, version };
}

export async function runCheck(options: CheckOptions, io: CliIo): Promise<number> {
  const { targets, missing } = resolveTargets(options.paths, io.cwd);
  let failed = missing.length > 0;
  for (const path of missing) io.stderr(`django-ready: no such file or directory: ${displayed(path)}\n`);

  const results: RootResult[] = [];
  for (const target of targets) {
    try {
      results.push(await checkRoot(target, options, io));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.stderr(`django-ready: ${error.message}\n`);
      failed = true;
    }
  }
  if (results.length === 0) return 2;

  const output = combine(results, io.version);
  io.stdout(render(options.format, output, io));
  // Machine formats keep stdout to themselves; people read the partly-judged lines under the summary.
  const partly = results.flatMap((r) => r.partly).map((line) => `django-ready: ${displayed(line)}\n`);
  for (const line of partly) (options.format === "text" ? io.stdout : io.stderr)(line);
  for (const s of output.skipped) io.stderr(`django-ready: skipped ${displayed(rebasePath(s.file, output.root, io.cwd))}: ${displayed(s.reason)}\n`);
  for (const line of results.flatMap((r) => r.notes)) io.stderr(`django-ready: ${displayed(line)}\n`);
  if (failed || output.skipped.length > 0 || results.some((r) => r.baselineFailed)) return 2;
  return failsOn(output.findings, options.failOn) ? 1 : 0;
}
