// The user's djangoReady.* settings → the core's Config.
import { type Config, defaultConfig, type SeverityOrOff } from "../analysis/types";

export const settingsSection = "djangoReady";

const severities: readonly string[] = ["error", "warning", "information", "hint", "off"];

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function ruleSeverities(value: unknown): Config["rules"] {
  if (typeof value !== "object" || value === null) return {};
  const rules: Record<string, SeverityOrOff> = {};
  for (const [id, severity] of Object.entries(value)) {
    if (typeof severity === "string" && severities.includes(severity)) rules[id] = severity as SeverityOrOff;
  }
  return rules;
}

/** Whatever the client sent for the `djangoReady` section (null, partial, mistyped) → a valid Config. */
export function configFromSettings(section: unknown): Config {
  if (typeof section !== "object" || section === null) return defaultConfig();
  const settings = section as Record<string, unknown>;
  return { productionSettings: stringList(settings.productionSettings), rules: ruleSeverities(settings.rules) };
}
