// Shared by the env-file tests: analysis with a git stub, the project model, and fixes applied to files.
import { analyze, type AnalysisResult } from "../../../server/src/analysis/engine";
import { applyFileEdits } from "../../../server/src/analysis/fixes/apply";
import { buildProjects, type DjangoProject } from "../../../server/src/analysis/project/model";
import { buildPythonModule } from "../../../server/src/analysis/python/module";
import { defaultConfig, type FileAccess, type Finding } from "../../../server/src/analysis/types";
import { initAnalysisFromDisk } from "../../../server/src/node/wasm";
import { memoryAccess, type FileMap } from "../../support/memory";

export type GitStatus = NonNullable<FileAccess["gitStatus"]>;

/** A repository where the listed paths have the given status and every other file is untracked. */
export function gitRepository(statuses: Record<string, "tracked" | "ignored">): GitStatus {
  return (path) => statuses[path] ?? "untracked";
}

export async function analyzeWithGit(files: FileMap, gitStatus?: GitStatus): Promise<AnalysisResult> {
  await initAnalysisFromDisk();
  return analyze(memoryAccess(files, gitStatus), defaultConfig());
}

export async function projectOf(files: FileMap): Promise<{ project: DjangoProject; access: FileAccess }> {
  await initAnalysisFromDisk();
  const access = memoryAccess(files);
  const load = (file: string) => {
    const text = access.read(file);
    return text === undefined ? undefined : buildPythonModule(file, text);
  };
  const [project] = buildProjects(access, defaultConfig(), load);
  if (!project) throw new Error("no Django project in the files");
  return { project, access };
}

/** The files after applying the first fix of a finding. */
export function withFix(files: FileMap, finding: Finding | undefined): FileMap {
  const fix = finding?.fixes?.[0];
  if (!fix) throw new Error(`no fix on ${finding?.rule ?? "a missing finding"}`);
  const changed = applyFileEdits((path) => files[path], fix.edits);
  return { ...files, ...Object.fromEntries(changed) };
}

export const settingsReading = (...names: string[]): string =>
  `import os\nSECRET_KEY = os.environ["SECRET_KEY"]\n${names.map((name) => `${name} = os.environ.get("${name}", "")`).join("\n")}\n`;
