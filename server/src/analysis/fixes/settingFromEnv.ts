// DJP301 and DJP303: a deployed DEBUG or ALLOWED_HOSTS literal becomes a parsed lookup (DEBUG defaults to False,
// ALLOWED_HOSTS to no host), and the current value goes to `.env` so local development behaves as before.
import type { Fix } from "../types";
import type { SettingsModuleInfo } from "../project/model";
import { literalTruthiness, stringItems, type Value } from "../python/values";
import type { RuleContext } from "../rules/rule";
import { planEnvWrite } from "./envWrite";
import { detectIdiom } from "./idiom";
import { loaderEditsWhenUnloaded, withoutDuplicateOsImport } from "./dotenvLoader";
import { settingsModuleEdit } from "./imports";
import { quoteName } from "./lookup";
import { sameRange } from "../ranges";
import { boolMeaning, envTextOf, listRoundTrips, renderTyped, type TypedDefault } from "./typed";

interface TypedMove {
  context: RuleContext;
  /** The literal's value in the settings model (its file and range say where it is written). */
  value: Value;
  setting: string;
  /** What the variable holds for local development. */
  current: TypedDefault;
  /** What the code falls back to when the variable is unset. */
  fallback: TypedDefault;
  sameValue: (existing: string) => boolean;
  title: (name: string) => string;
}

function settingsModule(context: RuleContext, file: string): SettingsModuleInfo | undefined {
  return context.project.settings.find((module) => module.file === file);
}

/**
 * The expression as the module writes it: deployed values may carry later `+=`/`.append()` additions, which stay in
 * the code and so must not move to `.env` too.
 */
function writtenValue(context: RuleContext, value: Value): Value | undefined {
  const statements = settingsModule(context, value.file)?.python.statements ?? [];
  for (const statement of statements) if (statement.kind === "assign" && sameRange(statement.value.range, value.range)) return statement.value;
  return undefined;
}

function typedMoveFix(move: TypedMove): Fix | undefined {
  const module = settingsModule(move.context, move.value.file);
  const envText = envTextOf(move.current);
  if (!module || envText === undefined) return undefined;
  const idiom = detectIdiom(move.context.project, module);
  const write = planEnvWrite({ project: move.context.project, access: move.context.access, idiom }, move.setting, envText, move.sameValue);
  if (!write) return undefined;
  const newText = renderTyped(idiom, quoteName(write.name), move.fallback);
  const settingsEdit = settingsModuleEdit(module.python, idiom, [{ range: move.value.range, newText }]);
  const loader = loaderEditsWhenUnloaded(move.context, module);
  return { title: move.title(write.name), safe: true, preferred: true, edits: [...withoutDuplicateOsImport([settingsEdit], loader), ...write.edits, ...loader] };
}

/** DJP301: `DEBUG = True` → DEBUG parsed from the environment, default False; `.env` gets DEBUG=True. */
export function debugFromEnvFix(context: RuleContext, value: Value): Fix | undefined {
  const current = literalTruthiness(value);
  if (current === undefined) return undefined;
  return typedMoveFix({
    context,
    value,
    setting: "DEBUG",
    current: { type: "bool", value: current },
    fallback: { type: "bool", value: false },
    sameValue: (existing) => boolMeaning(existing) === current,
    title: (name) => `Read DEBUG from environment variable ${name} (default False)`,
  });
}

export interface AllowedHostsOptions {
  /** Keep the current hosts as the default (DJP106) instead of no host (DJP303). */
  keepAsDefault?: boolean;
}

/** DJP303 (and DJP106): the hosts list → a comma-separated variable; `.env` gets the current hosts. */
export function allowedHostsFromEnvFix(context: RuleContext, value: Value, options: AllowedHostsOptions = {}): Fix | undefined {
  const hosts = stringItems(writtenValue(context, value));
  if (!hosts || !listRoundTrips(hosts)) return undefined;
  const joined = hosts.join(",");
  return typedMoveFix({
    context,
    value,
    setting: "ALLOWED_HOSTS",
    current: { type: "list", value: hosts },
    fallback: { type: "list", value: options.keepAsDefault ? hosts : [] },
    sameValue: (existing) => existing === joined,
    title: (name) => `Read ALLOWED_HOSTS from environment variable ${name} (comma-separated)`,
  });
}
