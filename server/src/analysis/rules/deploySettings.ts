// Deployed settings as Django's deploy checks see them: the deployed value, else Django's default
// (django/conf/global_settings.py), and Python's `is True`, truthiness, `==` and `in` evaluated on literals.
// Every predicate answers undefined when the value cannot be judged statically (an env lookup, a name, a call).
import type { Range } from "../types";
import { literalTruthiness, type Value } from "../python/values";
import type { SettingsModuleInfo } from "../project/model";
import type { DeployedModule } from "./rule";

/** A value literal enough to evaluate: no env lookup, no name, call or expression anywhere inside. */
function isLiteral(value: Value): boolean {
  switch (value.kind) {
    case "string":
    case "number":
    case "bool":
    case "none":
      return true;
    case "list":
    case "tuple":
    case "set":
      return value.items.every(isLiteral);
    case "dict":
      return value.entries.every((entry) => isLiteral(entry.key) && isLiteral(entry.value));
    default:
      return false;
  }
}

type DefaultValue =
  | { kind: "bool"; value: boolean }
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "list" };

/** Django 5.2's global_settings.py for the settings the deploy checks read. */
const DJANGO_DEFAULTS = {
  MIDDLEWARE: { kind: "list" },
  INSTALLED_APPS: { kind: "list" },
  SILENCED_SYSTEM_CHECKS: { kind: "list" },
  SECRET_KEY_FALLBACKS: { kind: "list" },
  SECURE_HSTS_SECONDS: { kind: "number", value: 0 },
  SECURE_HSTS_INCLUDE_SUBDOMAINS: { kind: "bool", value: false },
  SECURE_HSTS_PRELOAD: { kind: "bool", value: false },
  SECURE_CONTENT_TYPE_NOSNIFF: { kind: "bool", value: true },
  SECURE_SSL_REDIRECT: { kind: "bool", value: false },
  SECURE_REFERRER_POLICY: { kind: "string", value: "same-origin" },
  SESSION_COOKIE_SECURE: { kind: "bool", value: false },
  SESSION_COOKIE_HTTPONLY: { kind: "bool", value: true },
  CSRF_COOKIE_SECURE: { kind: "bool", value: false },
  CSRF_USE_SESSIONS: { kind: "bool", value: false },
  X_FRAME_OPTIONS: { kind: "string", value: "DENY" },
} satisfies Record<string, DefaultValue>;

export type DeploySettingName = keyof typeof DJANGO_DEFAULTS;

/** Line 1 of a module, where findings about a missing setting go. */
export function firstLineRange(module: SettingsModuleInfo): Range {
  const firstLine = module.python.text.split(/\r\n|\r|\n/, 1)[0] ?? "";
  return { start: { line: 0, column: 0 }, end: { line: 0, column: firstLine.length } };
}

function defaultValue(name: DeploySettingName, module: SettingsModuleInfo): Value {
  const located = { file: module.file, range: firstLineRange(module) };
  const fallback: DefaultValue = DJANGO_DEFAULTS[name];
  switch (fallback.kind) {
    case "list":
      return { kind: "list", items: [], ...located };
    case "string":
      return { kind: "string", value: fallback.value, bytes: false, ...located };
    default:
      return { ...fallback, ...located };
  }
}

/**
 * The deployed value of a setting, or Django's default placed at line 1 of the deployed module, so that a
 * finding about it always lands where RULES.md wants it (at the value, or at line 1 when it is missing).
 */
export function settingValue(deployed: DeployedModule, name: DeploySettingName): Value {
  return deployed.settings.get(name)?.value ?? defaultValue(name, deployed.module);
}

/** Python's `value is True`. */
export function isTrue(value: Value): boolean | undefined {
  if (!isLiteral(value)) return undefined;
  return value.kind === "bool" && value.value;
}

/** Python's `bool(value)`, for literals only. */
export function truthiness(value: Value): boolean | undefined {
  return isLiteral(value) ? literalTruthiness(value) : undefined;
}

/** Python's `value == text` for a str (a bytes literal never equals a str). */
export function equalsText(value: Value, text: string): boolean | undefined {
  if (!isLiteral(value)) return undefined;
  return value.kind === "string" && !value.bytes && value.value === text;
}

/**
 * Python's `text in value`: a list, tuple or set holding the string, or a substring of a str. A sequence with
 * a non-literal item (an env lookup, `*extra`) still answers true when a literal item matches.
 */
export function containsText(value: Value, text: string): boolean | undefined {
  switch (value.kind) {
    case "string":
      return value.bytes ? undefined : value.value.includes(text);
    case "list":
    case "tuple":
    case "set": {
      if (value.items.some((item) => item.kind === "string" && !item.bytes && item.value === text)) return true;
      return value.items.every(isLiteral) ? false : undefined;
    }
    default:
      return undefined;
  }
}

/** The str items of a literal sequence (undefined when it is not one or holds anything else). */
export function textItems(value: Value): string[] | undefined {
  if (value.kind !== "list" && value.kind !== "tuple" && value.kind !== "set") return undefined;
  const out: string[] = [];
  for (const item of value.items) {
    if (item.kind !== "string" || item.bytes) return undefined;
    out.push(item.value);
  }
  return out;
}

/**
 * Whether Django would drop a check id (`security.W004`) through SILENCED_SYSTEM_CHECKS; undefined when the
 * setting is not a literal, so nobody can tell which checks it silences.
 */
export function silencedChecks(deployed: DeployedModule): ((id: string) => boolean) | undefined {
  const silenced = settingValue(deployed, "SILENCED_SYSTEM_CHECKS");
  if (!isLiteral(silenced)) return undefined;
  if (silenced.kind === "string" && !silenced.bytes) return (id) => silenced.value.includes(id);
  const ids = textItems(silenced);
  if (ids) return (id) => ids.includes(id);
  return undefined;
}
