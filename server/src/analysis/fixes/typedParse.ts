// DJP107: a setting of a non-string type reads the raw string of a lookup. The fix parses it in the lookup's
// own idiom: `env.bool("DEBUG", default=False)`, `config("DEBUG", default=False, cast=bool)`,
// `os.environ.get("DEBUG", "False").lower() in ("1", "true", "yes", "on")`, int(...), comma-separated lists.
import type { Fix, Range } from "../types";
import type { SettingsModuleInfo } from "../project/model";
import type { PythonModule } from "../python/module";
import type { EnvLookup, Value } from "../python/values";
import { osIdiom, type Idiom } from "./idiom";
import { settingsModuleEdit } from "./imports";
import { textIn } from "./textPositions";
import { boolMeaning, renderTyped, type ParseType, type TypedDefault } from "./typed";

/** The idiom the lookup is written in, calling the same object (`env`, `config`) it already calls. */
function idiomOfLookup(python: PythonModule, lookup: EnvLookup): Idiom | undefined {
  if (lookup.idiom === "helper") return undefined;
  // environs' typed methods are written like django-environ's: `env.bool("DEBUG", default=False)`.
  const kind = lookup.idiom === "environs" ? "environ" : lookup.idiom;
  if (kind === "environ" || kind === "decouple") {
    const source = textIn(python.text, lookup.range);
    const callee = /^[\s(]*([A-Za-z_][\w.]*)\s*\(/.exec(source)?.[1];
    const object = lookup.method && callee?.endsWith(`.${lookup.method}`) ? callee.slice(0, -lookup.method.length - 1) : callee;
    return object ? { kind, callee: object, needsOsImport: false } : undefined;
  }
  return osIdiom(python, kind);
}

function boolDefault(value: Value | undefined): boolean | undefined {
  if (!value || value.kind === "none") return false;
  if (value.kind === "bool") return value.value;
  if (value.kind === "number") return value.value !== 0;
  if (value.kind === "string") return boolMeaning(value.value) ?? false;
  return undefined;
}

/** null: no default (the variable becomes required); undefined: a default that is not a literal. */
function intDefault(value: Value | undefined): number | null | undefined {
  if (!value || value.kind === "none") return null;
  if (value.kind === "number" && Number.isInteger(value.value)) return value.value;
  if (value.kind === "string" && /^\s*[+-]?\d+\s*$/.test(value.value)) return Number(value.value);
  return undefined;
}

function listDefault(value: Value | undefined): string[] | undefined {
  if (!value || value.kind === "none") return [];
  if (value.kind === "string") return value.value.split(",").map((item) => item.trim()).filter(Boolean);
  if (value.kind === "list" || value.kind === "tuple") {
    const items = value.items.map((item) => (item.kind === "string" ? item.value : undefined));
    return items.every((item): item is string => item !== undefined) ? items : undefined;
  }
  return undefined;
}

function typedDefault(type: ParseType, value: Value | undefined): TypedDefault | undefined {
  if (type === "bool") {
    const parsed = boolDefault(value);
    return parsed === undefined ? undefined : { type, value: parsed };
  }
  if (type === "int") {
    const parsed = intDefault(value);
    return parsed === undefined ? undefined : { type, value: parsed ?? undefined };
  }
  const parsed = listDefault(value);
  return parsed === undefined ? undefined : { type, value: parsed };
}

/**
 * Rewrites `replace` (the lookup itself by default, or an expression around it such as `bool(os.getenv("DEBUG"))`)
 * into a parse of the variable. Unsafe when an int without a default becomes required.
 */
export function typedParseFix(module: SettingsModuleInfo | PythonModule, lookup: EnvLookup, type: ParseType, replace: Range = lookup.range): Fix | undefined {
  const python = "python" in module ? module.python : module;
  const idiom = idiomOfLookup(python, lookup);
  const typed = typedDefault(type, lookup.default);
  if (!idiom || !typed || !lookup.variableRange) return undefined;
  const key = textIn(python.text, lookup.variableRange);
  const newText = renderTyped(idiom, key, typed);
  const required = typed.type === "int" && typed.value === undefined;
  return {
    title: `Parse ${lookup.variable ?? "the variable"} as ${type === "list" ? "a comma-separated list" : type}`,
    safe: !required,
    preferred: true,
    edits: [settingsModuleEdit(python, idiom, [{ range: replace, newText }])],
  };
}
