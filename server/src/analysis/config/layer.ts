// One layer of django-ready's configuration (pyproject.toml, editor settings, command-line flags), and the
// merge of two layers into what an analysis root runs with.
import type { Config, SeverityOrOff } from "../types";

export type RuleSeverities = Partial<Record<string, SeverityOrOff>>;

/** A layer sets only what its source mentions; `undefined` means "not set here". */
export interface ConfigLayer {
  productionSettings?: string[] | undefined;
  rules?: RuleSeverities;
  /** Root-relative gitignore-style globs of files and folders to leave out. */
  exclude?: string[];
  /** The baseline file (relative to the root unless absolute) whose findings are left out. */
  baseline?: string;
}

export interface RootSettings {
  config: Config;
  exclude: string[];
  baseline?: string;
}

/**
 * `overrides` (editor settings, command-line flags) win where both layers set something: a non-empty
 * production list replaces the file's, a baseline path replaces the file's, a rule's severity replaces the file's for that rule; excludes add up,
 * since leaving a file out in one place never has to be undone in another.
 */
export function mergeConfig(pyproject: ConfigLayer, overrides: ConfigLayer): RootSettings {
  const production = overrides.productionSettings?.length ? overrides.productionSettings : pyproject.productionSettings;
  const baseline = overrides.baseline ?? pyproject.baseline;
  return {
    config: { productionSettings: production ?? [], rules: { ...pyproject.rules, ...overrides.rules } },
    exclude: [...(pyproject.exclude ?? []), ...(overrides.exclude ?? [])],
    ...(baseline !== undefined ? { baseline } : {}),
  };
}
