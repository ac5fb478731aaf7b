// Seed projects for the fuzzer: the public conformance examples (when present), the repo's examples and test/fixtures/fuzz.
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { readTree, type FileMap } from "../memory";

export interface SeedProject {
  name: string;
  files: FileMap;
}

const repoRoot = resolve(__dirname, "../../..");
const SHARED_EXAMPLES = "/work/shared/examples";

function subfolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function seedsIn(dir: string, label: string, projectSubfolder = ""): SeedProject[] {
  return subfolders(dir)
    .map((name) => ({ name: `${label}/${name}`, dir: join(dir, name, projectSubfolder) }))
    .filter(({ dir: projectDir }) => existsSync(projectDir))
    .map(({ name, dir: projectDir }) => ({ name, files: readTree(projectDir) }));
}

/** Every seed project, in a stable order (the seed of a run must pick the same cases every time). */
export function loadSeedProjects(): SeedProject[] {
  return [
    ...seedsIn(SHARED_EXAMPLES, "shared", "project"),
    ...seedsIn(join(repoRoot, "examples"), "examples"),
    ...seedsIn(join(repoRoot, "test/fixtures/fuzz"), "fuzz"),
  ];
}

/** Files worth mutating: Python modules and env files (settings first, by weight). */
export function isFuzzTarget(path: string): boolean {
  return path.endsWith(".py") || /(^|\/)(\.env[^/]*|[^/]*\.env)$/.test(path);
}
