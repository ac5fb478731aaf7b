// `[tool.django-ready]` of a pyproject.toml, parsed from its text: the configuration the CLI and the
// language server share.
import { isTable, parseTomlStrict, type TomlTable } from "../project/toml";
import type { SeverityOrOff } from "../types";
import type { ConfigLayer, RuleSeverities } from "./layer";

/** An invalid `[tool.django-ready]` (or a pyproject.toml that is not TOML); the message names the key at fault. */
export class ConfigError extends Error {}

export interface PyprojectSettings extends ConfigLayer {
  productionSettings: string[] | undefined;
  rules: RuleSeverities;
  exclude: string[];
}

const SEVERITIES: readonly SeverityOrOff[] = ["error", "warning", "information", "hint", "off"];
const RULE_ID = /^DJP\d{3}$/;
const KEYS: readonly string[] = ["production-settings", "rules", "exclude", "baseline"];

function describeType(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (isTable(value)) return "a table";
  return value instanceof Date ? "a date" : `a ${typeof value}`;
}

function stringList(value: unknown, key: string): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((item): item is string => typeof item === "string")) return value;
  throw new ConfigError(`${key} must be a string or a list of strings, not ${describeType(value)}`);
}

function ruleSeverities(value: unknown): RuleSeverities {
  if (!isTable(value)) throw new ConfigError(`rules must be a table of rule id = severity, not ${describeType(value)}`);
  const out: RuleSeverities = {};
  for (const [id, severity] of Object.entries(value)) {
    if (!RULE_ID.test(id)) throw new ConfigError(`rules: '${id}' is not a rule id (DJPnnn)`);
    const known = SEVERITIES.find((s) => s === severity);
    if (known === undefined) throw new ConfigError(`rules.${id} must be one of ${SEVERITIES.join(", ")}`);
    out[id] = known;
  }
  return out;
}

function baselinePath(value: unknown): string {
  if (typeof value !== "string" || value === "") throw new ConfigError(`baseline must be a path (a non-empty string), not ${describeType(value)}`);
  return value;
}

function parseDocument(text: string): TomlTable {
  try {
    return parseTomlStrict(text);
  } catch (error) {
    throw new ConfigError(`not valid TOML: ${error instanceof Error ? error.message.split("\n")[0] : "unknown error"}`);
  }
}

function toolSection(document: TomlTable): TomlTable {
  const tool = document.tool;
  const section = isTable(tool) ? tool["django-ready"] : undefined;
  if (section === undefined) return {};
  if (!isTable(section)) throw new ConfigError(`[tool.django-ready] must be a table, not ${describeType(section)}`);
  // A misspelt key would otherwise be ignored without a word.
  const unknown = Object.keys(section).find((key) => !KEYS.includes(key));
  if (unknown !== undefined) throw new ConfigError(`[tool.django-ready]: unknown key '${unknown}' (known: ${KEYS.join(", ")})`);
  return section;
}

/** The settings of a pyproject.toml's text; nothing set when it has no `[tool.django-ready]`. Throws ConfigError. */
export function parsePyprojectSettings(text: string): PyprojectSettings {
  const section = toolSection(parseDocument(text));
  const production = section["production-settings"];
  return {
    productionSettings: production === undefined ? undefined : stringList(production, "production-settings"),
    rules: section.rules === undefined ? {} : ruleSeverities(section.rules),
    exclude: section.exclude === undefined ? [] : stringList(section.exclude, "exclude"),
    ...(section.baseline === undefined ? {} : { baseline: baselinePath(section.baseline) }),
  };
}
