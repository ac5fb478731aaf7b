// Test helpers: analyse projects given as in-memory files or copied from a folder.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, type AnalysisResult } from "../../server/src/analysis/engine";
import { defaultConfig, type Config, type FileAccess, type Finding } from "../../server/src/analysis/types";
import { initAnalysisFromDisk } from "../../server/src/node/wasm";

export type FileMap = Record<string, string>;

export function memoryAccess(files: FileMap, gitStatus?: FileAccess["gitStatus"]): FileAccess {
  const paths = Object.keys(files).sort();
  return { files: () => paths, read: (path) => files[path], gitStatus };
}

/** Analyse in-memory files (keys are root-relative POSIX paths). */
export async function analyzeFiles(files: FileMap, config: Partial<Config> = {}): Promise<AnalysisResult> {
  await initAnalysisFromDisk();
  return analyze(memoryAccess(files), { ...defaultConfig(), ...config });
}

/** Findings reduced to "RULE file:line" (1-based) strings, sorted: easy to compare in assertions. */
export function brief(findings: readonly Finding[], rules?: readonly string[]): string[] {
  return findings
    .filter((f) => !rules || rules.includes(f.rule))
    .map((f) => `${f.rule} ${f.file}:${f.range.start.line + 1}`)
    .sort();
}

/** Every file under `dir` (dotfiles included) as a FileMap. */
export function readTree(dir: string, prefix = ""): FileMap {
  const out: FileMap = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, readTree(join(dir, entry.name), rel));
    else if (entry.isFile()) out[rel] = readFileSync(join(dir, entry.name), "utf8");
  }
  return out;
}
