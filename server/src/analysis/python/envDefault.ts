// RULES.md "Default of an env lookup": the value a setting takes when the variable is unset — the second argument
// or `default=` (django-environ's scheme default `Env(DEBUG=(bool, True))` included), after the conversion applied
// to it by the library, by a project helper, or by code written around the lookup.
import type { EnvConversion, EnvLookup, Value } from "./values";

/** A Python value the analysis can hold: str, bool, int/float, None, list of str. */
export type PyValue = string | boolean | number | null | string[];

export type LookupDefault =
  /** No default: the lookup raises, or returns None (os.environ.get). */
  | { kind: "none" }
  /** `value` is the setting's value when the variable is unset; `literal` is the default as written (what a fix edits). */
  | { kind: "value"; value: PyValue; literal: Value }
  /** A default the analysis cannot evaluate (a name, a call). */
  | { kind: "unknown"; literal: Value };

function literal(value: Value): PyValue | undefined {
  switch (value.kind) {
    case "string":
      return value.bytes ? undefined : value.value;
    case "bool":
    case "number":
      return value.value;
    case "none":
      return null;
    case "list":
    case "tuple": {
      const items = value.items.map((item) => (item.kind === "string" ? item.value : undefined));
      return items.every((item): item is string => item !== undefined) ? items : undefined;
    }
    default:
      return undefined;
  }
}

/** The django-environ scheme default of a variable: `Env(DEBUG=(bool, True))` gives True. */
function schemeDefault(lookup: EnvLookup, schemes: ReadonlyMap<string, Value>): Value | undefined {
  if (lookup.idiom !== "environ" || lookup.variable === undefined) return undefined;
  const scheme = schemes.get(lookup.variable);
  return scheme?.kind === "tuple" && scheme.items.length >= 2 ? scheme.items[1] : undefined;
}

const TRUE_WORDS = new Set(["true", "1", "yes", "on", "y", "t"]);

/** How bool parsers (python-decouple, environs, strtobool) read a value. */
function parseBool(value: PyValue): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") return TRUE_WORDS.has(value.trim().toLowerCase());
  return Array.isArray(value) ? value.length > 0 : false;
}

/** Python's `str()` of a value, for comparisons after `str(...)`. */
function pythonStr(value: PyValue): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return String(value);
  return value === null ? "None" : undefined;
}

function splitString(value: string, separator: string | undefined): string[] {
  return separator === undefined ? value.split(/\s+/).filter((part) => part !== "") : value.split(separator);
}

/** The value after `conversion`; undefined when Python would raise or the analysis cannot tell. */
export function convert(value: PyValue, conversion: EnvConversion): PyValue | undefined {
  switch (conversion.to) {
    case "bool": {
      if (conversion.presence) return (value !== null) !== conversion.presence.negate;
      const compare = conversion.compare;
      if (!compare) return parseBool(value);
      const text = typeof value === "string" ? value : compare.stringified ? pythonStr(value) : undefined;
      // `True == "True"` is False; `True.lower()` raises.
      if (text === undefined) return compare.caseFold ? undefined : compare.negate;
      const fold = (s: string) => (compare.caseFold ? s.toLowerCase() : s);
      const matched = compare.values.some((candidate) => fold(candidate) === fold(text));
      return matched !== compare.negate;
    }
    case "list":
      if (Array.isArray(value)) return value;
      return typeof value === "string" ? splitString(value, conversion.separator).map((item) => item.trim()) : undefined;
    case "int":
    case "float": {
      if (typeof value === "number") return value;
      if (typeof value === "boolean") return value ? 1 : 0;
      const parsed = typeof value === "string" ? Number(value.trim()) : NaN;
      return Number.isFinite(parsed) ? parsed : undefined;
    }
    default:
      return value;
  }
}

/** What the library does with a default before any conversion written around the lookup. */
function libraryValue(lookup: EnvLookup, value: PyValue): PyValue | undefined {
  const cast = lookup.cast;
  const castName = cast?.kind === "name" ? cast.name.split(".").at(-1) : cast?.kind === "call" ? cast.callee.split(".").at(-1) : undefined;
  // python-decouple casts the default too (`config("DEBUG", default="False", cast=bool)` is False).
  if (lookup.idiom === "decouple" && castName) {
    if (castName === "bool") return convert(value, { to: "bool" });
    if (castName === "int" || castName === "float") return convert(value, { to: castName });
    if (castName === "Csv") return convert(value, { to: "list", separator: "," });
    return undefined;
  }
  // environs parses the default with the method's field.
  if (lookup.idiom === "environs" && (lookup.method === "bool" || lookup.method === "int" || lookup.method === "float" || lookup.method === "list")) {
    return convert(value, { to: lookup.method, separator: "," });
  }
  // django-environ returns a default as it is written (a string default is not parsed: DJP107's case).
  return value;
}

/** `convert`, and unknown where a falsy result falls through an `or` to something not evaluated. */
function convertedOrUnknown(value: PyValue, conversion: EnvConversion): PyValue | undefined {
  const converted = convert(value, conversion);
  return converted !== undefined && conversion.orElse && !isTruthy(converted) ? undefined : converted;
}

/** The value the lookup's expression takes when its variable is unset. `schemes`: the project's django-environ schemes. */
export function lookupDefault(lookup: EnvLookup, schemes: ReadonlyMap<string, Value> = new Map()): LookupDefault {
  const written = lookup.default ?? schemeDefault(lookup, schemes);
  if (!written) return noDefault(lookup);
  const raw = literal(written);
  if (raw === undefined) return { kind: "unknown", literal: written };
  let value = libraryValue(lookup, raw);
  const conversion = lookup.conversion;
  if (value !== undefined && conversion && conversion.convertsDefault !== false) value = convertedOrUnknown(value, conversion);
  return value === undefined ? { kind: "unknown", literal: written } : { kind: "value", value, literal: written };
}

/** `os.getenv("DEBUG") != "FALSE"`: os.environ.get/os.getenv give None, and the conversion still runs on it. */
function noDefault(lookup: EnvLookup): LookupDefault {
  const returnsNone = lookup.idiom === "os.getenv" || lookup.idiom === "os.environ.get";
  if (!returnsNone || !lookup.conversion) return { kind: "none" };
  const value = convertedOrUnknown(null, lookup.conversion);
  const written: Value = { kind: "none", file: lookup.file, range: lookup.range };
  return value === undefined ? { kind: "none" } : { kind: "value", value, literal: written };
}

/** Python truthiness. */
export function isTruthy(value: PyValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "string") return value.length > 0;
  return value !== null && value !== false && value !== 0;
}
