// Settings for one root: [tool.django-ready] of its pyproject.toml (parsed by the core), overridden by command-line flags.
import { join } from "node:path";
import { mergeConfig, type RootSettings } from "../analysis/config/layer";
import { ConfigError, parsePyprojectSettings, type PyprojectSettings } from "../analysis/config/pyproject";
import { readGuarded } from "../node/guarded-read";

export { ConfigError, type RootSettings };
export type FileSettings = PyprojectSettings;

export interface FlagSettings {
  production: string[];
  exclude: string[];
}

export const parseFileSettings = parsePyprojectSettings;

/** `--production` replaces the file's list; `--exclude` adds to it. */
export function mergeSettings(file: FileSettings, flags: FlagSettings): RootSettings {
  return mergeConfig(file, { productionSettings: flags.production, exclude: flags.exclude });
}

/** Undefined when absent or unreadable (a FIFO, too large, …): the analysis then reports the file as skipped (DJP003). */
function readPyproject(root: string): string | undefined {
  const read = readGuarded(root, "pyproject.toml");
  return "text" in read ? read.text : undefined;
}

export function loadRootSettings(root: string, flags: FlagSettings): RootSettings {
  const text = readPyproject(root);
  if (text === undefined) return mergeSettings({ productionSettings: undefined, rules: {}, exclude: [] }, flags);
  try {
    return mergeSettings(parseFileSettings(text), flags);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${join(root, "pyproject.toml")}: ${error.message}`);
    throw error;
  }
}
