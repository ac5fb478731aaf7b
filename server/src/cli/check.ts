// `django-ready check`: analyse each target root, optionally fix, then print one report and pick the exit code.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { analyze, compareFindings } from "../analysis/engine";
import type { Finding } from "../analysis/types";
import { createDiskFileAccess, type DiskFileAccess } from "../node/files";
import { initAnalysisFromDisk } from "../node/wasm";
import type { CheckFormat, CheckOptions } from "./args";
import { applyBaselineFile, BaselineError, baselineFileFor, baselineNotes } from "./baseline";
import { ConfigError, loadRootSettings, type FlagSettings, type RootSettings } from "./config";
import { failsOn, keepFiles, rebaseFinding, rebasePath } from "./findings";
import { applySafeFixes } from "./fix";
import { formatJson } from "./format/json";
import type { CheckOutput } from "./format/model";
import { formatSarif } from "./format/sarif";
import { formatText } from "./format/text";
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
  /** Lines for stderr about the baseline: findings left out, entries that can be dropped, a baseline that could not be read. */
  notes: string[];
  /** The baseline could not be used: exit 2 even though the findings are reported. */
  baselineFailed?: boolean;
}

function findingsOf(access: DiskFileAccess, settings: RootSettings, target: Target): { findings: Finding[]; skipped: Skipped[] } {
  const result = analyze(access, settings.config);
  const findings = keepFiles(result.findings, target.only);
  return { findings, skipped: result.problems.map((p) => ({ file: p.file, reason: p.message })) };
}

/** Files the file access could not read, and files the engine gave up on; one entry per file. */
function skippedFiles(access: DiskFileAccess, problems: readonly Skipped[]): Skipped[] {
  const byFile = new Map<string, string>(access.unreadable());
  for (const p of problems) if (!byFile.has(p.file)) byFile.set(p.file, p.reason);
  return [...byFile].map(([file, reason]) => ({ file, reason }));
}

function writeFile(root: string, access: DiskFileAccess, file: string, text: string): void {
  const absolute = join(root, file);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, text);
  access.invalidate(file);
}

function checkRoot(target: Target, options: CheckOptions, io: CliIo): RootResult {
  const { root } = target;
  const settings = loadRootSettings(root, { production: options.production, exclude: options.exclude });
  const access = createDiskFileAccess(root, { exclude: settings.exclude });
  let last = findingsOf(access, settings, target);
  if (options.fix) {
    applySafeFixes(
      {
        analyze: () => (last = findingsOf(access, settings, target)).findings,
        read: (file) => access.read(file),
        write: (file, text) => writeFile(root, access, file, text),
      },
      ({ file, title }) => io.stderr(`fixed: ${rebasePath(file, root, io.cwd)}: ${title}\n`),
    );
  }
  return { root, findings: last.findings, skipped: skippedFiles(access, last.skipped), notes: [], ...withBaseline(last.findings, root, access, settings, options, io) };
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
  const result = findingsOf(access, settings, target);
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
  for (const path of missing) io.stderr(`django-ready: no such file or directory: ${path}\n`);
  if (targets.length > 0) await initAnalysisFromDisk();

  const results: RootResult[] = [];
  for (const target of targets) {
    try {
      results.push(checkRoot(target, options, io));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.stderr(`django-ready: ${error.message}\n`);
      failed = true;
    }
  }
  if (results.length === 0) return 2;

  const output = combine(results, io.version);
  io.stdout(render(options.format, output, io));
  for (const s of output.skipped) io.stderr(`django-ready: skipped ${rebasePath(s.file, output.root, io.cwd)}: ${s.reason}\n`);
  for (const line of results.flatMap((r) => r.notes)) io.stderr(`django-ready: ${line}\n`);
  if (failed || output.skipped.length > 0 || results.some((r) => r.baselineFailed)) return 2;
  return failsOn(output.findings, options.failOn) ? 1 : 0;
}
