// What one analysis root runs with: its pyproject.toml's [tool.django-ready] under the editor's settings.
import { mergeConfig } from "../analysis/config/layer";
import { ConfigError, parsePyprojectSettings, type PyprojectSettings } from "../analysis/config/pyproject";
import type { Config } from "../analysis/types";
import type { BaselinedFindings } from "./baseline";
import type { RunMode } from "./protocol";
import type { EditorSettings } from "./settings";

export const pyprojectPath = "pyproject.toml";

export interface ServerRootSettings {
  config: Config;
  /** djangoReady.exclude, pyproject's exclude and files.exclude together. */
  exclude: string[];
  run: RunMode;
  /** djangoReady.baseline, else pyproject's baseline (root-relative unless absolute). */
  baseline?: string;
  baselinedFindings: BaselinedFindings;
}

export interface ResolvedRootSettings {
  settings: ServerRootSettings;
  /** Why pyproject.toml was ignored, for the log; the editor's settings still apply. */
  error?: string;
}

function pyprojectLayer(text: string | undefined): { layer: Partial<PyprojectSettings>; error?: string } {
  if (text === undefined) return { layer: {} };
  try {
    return { layer: parsePyprojectSettings(text) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { layer: {}, error: `${pyprojectPath}: ${error.message}` };
  }
}

export function resolveRootSettings(pyprojectText: string | undefined, editor: EditorSettings): ResolvedRootSettings {
  const { layer, error } = pyprojectLayer(pyprojectText);
  const merged = mergeConfig(layer, editor.layer);
  const settings: ServerRootSettings = {
    config: merged.config,
    exclude: [...merged.exclude, ...editor.filesExclude],
    run: editor.run,
    ...(merged.baseline !== undefined ? { baseline: merged.baseline } : {}),
    baselinedFindings: editor.baselinedFindings,
  };
  return error === undefined ? { settings } : { settings, error };
}
