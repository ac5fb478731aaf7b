// One fuzz case, derived only from (seed, index): a project whose one file was generated or mutated.
import type { FileMap } from "../memory";
import { isFuzzTarget, type SeedProject } from "./corpus";
import { randomEnvFile, randomSettingsModule } from "./generate";
import { mutate } from "./mutate";
import { Random } from "./random";

export interface FuzzCase {
  index: number;
  description: string;
  files: FileMap;
  /** The file that was generated or mutated. */
  target: string;
}

const GENERATED_MANAGE = 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';

function generatedProject(random: Random): { files: FileMap; target: string } {
  const files: FileMap = {
    "manage.py": GENERATED_MANAGE,
    "mysite/__init__.py": "",
    "mysite/settings.py": randomSettingsModule(random),
    ".env": randomEnvFile(random),
    ".gitignore": random.chance(0.5) ? ".env\n" : "",
  };
  return { files, target: random.chance(0.7) ? "mysite/settings.py" : ".env" };
}

function pickTarget(files: FileMap, random: Random): string {
  const targets = Object.keys(files).filter(isFuzzTarget).sort();
  const settings = targets.filter((path) => /settings/.test(path) || /\.env/.test(path));
  return random.pick(settings.length > 0 && random.chance(0.8) ? settings : targets);
}

export function buildCase(seed: number, index: number, seeds: readonly SeedProject[]): FuzzCase {
  const random = Random.forCase(seed, index);
  const fromSeed = seeds.length > 0 && random.chance(0.6);
  const base = fromSeed ? random.pick(seeds) : undefined;
  const { files, target } = base
    ? { files: { ...base.files }, target: pickTarget(base.files, random) }
    : generatedProject(random);
  const mutated = random.chance(0.9) ? mutate(files[target] ?? "", random) : { text: files[target] ?? "", applied: [] };
  files[target] = mutated.text;
  const origin = base ? base.name : "generated";
  return { index, files, target, description: `${origin} ${target} [${mutated.applied.join(", ") || "unmutated"}]` };
}
