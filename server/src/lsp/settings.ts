// The user's djangoReady.* settings (whatever the client sent: null, partial, mistyped) → typed editor settings.
import type { ConfigLayer, RuleSeverities } from "../analysis/config/layer";
import type { SeverityOrOff } from "../analysis/types";
import type { BaselinedFindings } from "./baseline";
import type { RunMode } from "./protocol";

export const settingsSection = "djangoReady";

export interface EditorSettings {
  /** productionSettings, rules and exclude: they override `[tool.django-ready]` of the root's pyproject.toml. */
  layer: ConfigLayer;
  run: RunMode;
  /** The globs of VS Code's `files.exclude` that are on, added to the section by the VS Code client. */
  filesExclude: string[];
  /** How findings the baseline holds are shown: as hints, or not at all. */
  baselinedFindings: BaselinedFindings;
}

const severities: readonly string[] = ["error", "warning", "information", "hint", "off"];

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function ruleSeverities(value: unknown): RuleSeverities {
  if (typeof value !== "object" || value === null) return {};
  const rules: RuleSeverities = {};
  for (const [id, severity] of Object.entries(value)) {
    if (typeof severity === "string" && severities.includes(severity)) rules[id] = severity as SeverityOrOff;
  }
  return rules;
}

export function defaultEditorSettings(): EditorSettings {
  return { layer: {}, run: "onType", filesExclude: [], baselinedFindings: "hint" };
}

export function editorSettingsFrom(section: unknown): EditorSettings {
  if (typeof section !== "object" || section === null) return defaultEditorSettings();
  const settings = section as Record<string, unknown>;
  return {
    layer: {
      productionSettings: stringList(settings.productionSettings),
      rules: ruleSeverities(settings.rules),
      exclude: stringList(settings.exclude),
      ...(typeof settings.baseline === "string" && settings.baseline.trim() !== "" ? { baseline: settings.baseline.trim() } : {}),
    },
    run: settings.run === "onSave" ? "onSave" : "onType",
    filesExclude: stringList(settings.filesExclude),
    baselinedFindings: settings.baselinedFindings === "hide" ? "hide" : "hint",
  };
}
