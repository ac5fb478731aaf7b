// Contract-test support for fixes: analyse in-memory projects with a simulated git, apply fixes, build rule contexts.
import { applyFileEdits } from "../../../server/src/analysis/fixes/apply";
import { isIgnoredByGitignoreFiles } from "../../../server/src/analysis/project/gitIgnore";
import { analyze, type AnalysisResult } from "../../../server/src/analysis/engine";
import { buildPythonModule } from "../../../server/src/analysis/python/module";
import { buildProjects, isDeployed } from "../../../server/src/analysis/project/model";
import { resolveDeployed } from "../../../server/src/analysis/project/deployed";
import type { RuleContext } from "../../../server/src/analysis/rules/rule";
import { defaultConfig, type FileAccess, type Finding, type Fix } from "../../../server/src/analysis/types";
import { initAnalysisFromDisk } from "../../../server/src/node/wasm";
import { memoryAccess, type FileMap } from "../../support/memory";

export type { FileMap };

/** Git as a repository that tracks `tracked` and ignores what the .gitignore files ignore. */
export function simulatedGit(files: FileMap, tracked: ReadonlySet<string>): FileAccess {
  const access = memoryAccess(files);
  access.gitStatus = (path) => (tracked.has(path) ? "tracked" : isIgnoredByGitignoreFiles(access, path, "") ? "ignored" : "untracked");
  return access;
}

export async function analyzeAccess(access: FileAccess): Promise<AnalysisResult> {
  await initAnalysisFromDisk();
  return analyze(access, defaultConfig());
}

export function applyFix(files: FileMap, fix: Fix): FileMap {
  const changed = applyFileEdits((file) => files[file], fix.edits);
  return { ...files, ...Object.fromEntries(changed) };
}

export function preferredFix(finding: Finding): Fix | undefined {
  return finding.fixes?.find((fix) => fix.preferred) ?? finding.fixes?.[0];
}

export interface FixRun {
  files: FileMap;
  applied: Array<{ rule: string; fix: Fix }>;
}

/** Applies the preferred fix of the first fixable finding of `rules`, re-analysing after each, until none is left. */
export async function fixUntilClean(files: FileMap, rules: readonly string[], tracked: ReadonlySet<string>): Promise<FixRun> {
  let current = files;
  const applied: FixRun["applied"] = [];
  for (let pass = 0; pass < 50; pass++) {
    const { findings } = await analyzeAccess(simulatedGit(current, tracked));
    const finding = findings.find((f) => rules.includes(f.rule) && preferredFix(f));
    const fix = finding && preferredFix(finding);
    if (!finding || !fix) return { files: current, applied };
    current = applyFix(current, fix);
    applied.push({ rule: finding.rule, fix });
  }
  throw new Error("fixes did not converge in 50 passes");
}

export function syntaxErrors(file: string, text: string): number {
  return buildPythonModule(file, text).syntaxErrors;
}

/** The rule context the engine would build for the first project (for calling fix builders directly). */
export async function contextFor(access: FileAccess): Promise<RuleContext> {
  await initAnalysisFromDisk();
  const load = (file: string) => {
    const text = access.read(file);
    return text === undefined ? undefined : buildPythonModule(file, text);
  };
  const [project] = buildProjects(access, defaultConfig(), load);
  if (!project) throw new Error("no Django project in the files");
  const pythonFiles = project.files.filter((file) => file.endsWith(".py"));
  const deployed = project.settings.filter(isDeployed).map((module) => ({ module, settings: resolveDeployed(module, project.settings, pythonFiles, project.root) }));
  return { project, access, config: defaultConfig(), deployed, read: (path) => access.read(path) };
}
