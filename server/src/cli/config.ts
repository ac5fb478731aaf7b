// Settings for one root: [tool.django-ready] of its pyproject.toml, overridden by command-line flags.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type * as SmolToml from "smol-toml" with { "resolution-mode": "import" };
import type { Config, SeverityOrOff } from "../analysis/types";

export interface FileSettings {
  productionSettings?: string[];
  rules: Partial<Record<string, SeverityOrOff>>;
  exclude: string[];
}

export interface FlagSettings {
  production: string[];
  exclude: string[];
}

export interface RootSettings {
  config: Config;
  exclude: string[];
}

/** An invalid configuration file: a user error (exit 2), reported with the file's path. */
export class ConfigError extends Error {}

// smol-toml ships CommonJS for require() but types only for its ES module, which a CommonJS file cannot import.
const { parse }: typeof SmolToml = require("smol-toml");

const SEVERITIES: readonly SeverityOrOff[] = ["error", "warning", "information", "hint", "off"];

function readPyproject(root: string): string | undefined {
  try {
    return readFileSync(join(root, "pyproject.toml"), "utf8");
  } catch {
    return undefined;
  }
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function stringList(value: unknown, key: string): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v): v is string => typeof v === "string")) return value;
  throw new ConfigError(`${key} must be a string or a list of strings`);
}

function ruleSeverities(value: unknown): Partial<Record<string, SeverityOrOff>> {
  if (!isTable(value)) throw new ConfigError("rules must be a table of rule id = severity");
  const out: Partial<Record<string, SeverityOrOff>> = {};
  for (const [id, severity] of Object.entries(value)) {
    if (!/^DJP\d{3}$/.test(id)) throw new ConfigError(`rules: '${id}' is not a rule id (DJPnnn)`);
    const known = SEVERITIES.find((s) => s === severity);
    if (known === undefined) throw new ConfigError(`rules.${id} must be one of ${SEVERITIES.join(", ")}`);
    out[id] = known;
  }
  return out;
}

function toolSection(document: Record<string, unknown>): Record<string, unknown> | undefined {
  const tool = document.tool;
  if (!isTable(tool)) return undefined;
  const section = tool["django-ready"];
  if (section === undefined) return undefined;
  if (!isTable(section)) throw new ConfigError("[tool.django-ready] must be a table");
  return section;
}

/** Parses the text of a pyproject.toml; throws ConfigError (without the path) when it is invalid. */
export function parseFileSettings(text: string): FileSettings {
  let document: Record<string, unknown>;
  try {
    document = parse(text);
  } catch (error) {
    throw new ConfigError(`not valid TOML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  const section = toolSection(document) ?? {};
  const production = section["production-settings"];
  return {
    productionSettings: production === undefined ? undefined : stringList(production, "production-settings"),
    rules: section.rules === undefined ? {} : ruleSeverities(section.rules),
    exclude: section.exclude === undefined ? [] : stringList(section.exclude, "exclude"),
  };
}

/** `--production` replaces the file's list; `--exclude` adds to it. */
export function mergeSettings(file: FileSettings, flags: FlagSettings): RootSettings {
  return {
    config: {
      productionSettings: flags.production.length > 0 ? flags.production : (file.productionSettings ?? []),
      rules: file.rules,
    },
    exclude: [...file.exclude, ...flags.exclude],
  };
}

export function loadRootSettings(root: string, flags: FlagSettings): RootSettings {
  const text = readPyproject(root);
  if (text === undefined) return mergeSettings({ rules: {}, exclude: [] }, flags);
  try {
    return mergeSettings(parseFileSettings(text), flags);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${join(root, "pyproject.toml")}: ${error.message}`);
    throw error;
  }
}
