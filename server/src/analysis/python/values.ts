// The settings model's view of a Python expression: literals evaluated, env lookups recognised, the rest opaque.
import type { Range } from "../types";

interface ValueBase {
  /** Root-relative path of the module the expression is written in. */
  file: string;
  range: Range;
}

export interface StringValue extends ValueBase {
  kind: "string";
  value: string;
  bytes: boolean;
}

export interface NumberValue extends ValueBase {
  kind: "number";
  value: number;
}

export interface BoolValue extends ValueBase {
  kind: "bool";
  value: boolean;
}

export interface NoneValue extends ValueBase {
  kind: "none";
}

export interface DictEntry {
  key: Value;
  value: Value;
  /** The key's location (where findings about the entry go). */
  keyRange: Range;
  file: string;
}

export interface DictValue extends ValueBase {
  kind: "dict";
  entries: DictEntry[];
}

export interface SequenceValue extends ValueBase {
  kind: "list" | "tuple" | "set";
  items: Value[];
}

export interface KeywordArgument {
  name: string;
  nameRange: Range;
  value: Value;
}

export interface CallValue extends ValueBase {
  kind: "call";
  /** Dotted callee with imports resolved (`os.environ.get`, `bool`, `environ.Env`); the source text when not a name. */
  callee: string;
  args: Value[];
  kwargs: KeywordArgument[];
  /** Whether any env lookup occurs inside the call's arguments. */
  containsEnv: boolean;
}

export interface EnvValue extends ValueBase {
  kind: "env";
  lookup: EnvLookup;
}

export interface NameValue extends ValueBase {
  kind: "name";
  name: string;
}

export interface OtherValue extends ValueBase {
  kind: "other";
  /** The syntax node type (`comparison_operator`, `binary_operator`, …). */
  node: string;
  containsEnv: boolean;
  /** `+` (a chain, flattened: `["a"] + MIDDLEWARE + ["b"]`), `%`, or `*` (an unpacked `*name`). */
  operator?: string;
  /** The operands, left to right. */
  parts?: Value[];
}

export type Value =
  | StringValue
  | NumberValue
  | BoolValue
  | NoneValue
  | DictValue
  | SequenceValue
  | CallValue
  | EnvValue
  | NameValue
  | OtherValue;

export type EnvIdiom = "os.environ" | "os.environ.get" | "os.getenv" | "environ" | "environs" | "decouple" | "helper";

/** What a conversion written around a lookup (or inside a project helper) makes of the string. */
export type EnvType = "bool" | "int" | "float" | "list" | "str";

export interface EnvConversion {
  to: EnvType;
  /** A bool made by comparing the string: `== "True"`, `.lower() in ("1", "true")`, `!= "0"`. */
  compare?: { values: string[]; negate: boolean; caseFold: boolean; stringified: boolean };
  /** A list made by `.split(separator)` (undefined: split on whitespace). */
  separator?: string;
  /** False when a helper returns its default as it is (`if v is None: return default`): the default is not converted. */
  convertsDefault?: boolean;
  /** `… == "YES" or TESTING`: a falsy result falls through to an expression the analysis does not evaluate. */
  orElse?: boolean;
  /** `"X" in os.environ` (negate: `not in`): a bool of whether the variable is set, whatever its value. */
  presence?: { negate: boolean };
}

export interface EnvLookup {
  idiom: EnvIdiom;
  /** django-environ method (`str`, `bool`, `db`, …); undefined for a plain `env(...)` call. */
  method?: string;
  /** The variable's name when it is a string literal. */
  variable?: string;
  variableRange?: Range;
  default?: Value;
  /** `cast=` of decouple and django-environ, or django-environ's positional cast. */
  cast?: Value;
  /** The project helper called (`envbool`), for idiom "helper". */
  helper?: string;
  /** The helper's own default stands in for a default the call does not pass (no argument to edit). */
  defaultFromHelper?: boolean;
  /** A conversion applied to the looked-up string: by the helper, or written around the lookup. */
  conversion?: EnvConversion;
  /** The lookup only runs when the variable is known to be set, or its error is caught: `if "X" in os.environ:`,
   *  `if v := os.getenv("X"):`, `… if "X" in os.environ else …`, `try: … except KeyError:`. */
  guarded?: boolean;
  file: string;
  /** The whole lookup expression. */
  range: Range;
}

/** Whether a value is, or contains, an env lookup. */
export function comesFromEnv(value: Value): boolean {
  switch (value.kind) {
    case "env":
      return true;
    case "call":
    case "other":
      return value.containsEnv;
    case "dict":
      return value.entries.some((entry) => comesFromEnv(entry.value));
    case "list":
    case "tuple":
    case "set":
      return value.items.some(comesFromEnv);
    default:
      return false;
  }
}

/** The string key of a dict entry, if it is a literal. */
export function entryKey(entry: DictEntry): string | undefined {
  return entry.key.kind === "string" ? entry.key.value : undefined;
}

export function dictGet(dict: Value | undefined, key: string): DictEntry | undefined {
  if (dict?.kind !== "dict") return undefined;
  let found: DictEntry | undefined;
  for (const entry of dict.entries) if (entryKey(entry) === key) found = entry;
  return found;
}

/** Python truthiness of a literal; undefined when the value is not a literal. */
export function literalTruthiness(value: Value): boolean | undefined {
  switch (value.kind) {
    case "bool":
      return value.value;
    case "number":
      return value.value !== 0;
    case "string":
      return value.value.length > 0;
    case "none":
      return false;
    case "dict":
      return value.entries.length > 0;
    case "list":
    case "tuple":
    case "set":
      return value.items.length > 0;
    default:
      return undefined;
  }
}

/** The strings of a literal list/tuple/set (undefined when it is not one, or holds non-literals). */
export function stringItems(value: Value | undefined): string[] | undefined {
  if (!value || (value.kind !== "list" && value.kind !== "tuple" && value.kind !== "set")) return undefined;
  const out: string[] = [];
  for (const item of value.items) {
    if (item.kind !== "string") return undefined;
    out.push(item.value);
  }
  return out;
}

export interface ValueVisit {
  value: Value;
  /** The nearest name the value is assigned to: the dict key, keyword argument or setting. */
  name: string;
  /** Where a finding about this value goes: the dict key for dict entries, the value itself otherwise. */
  anchor: Range;
  /** Setting name then dict keys leading to the value. */
  path: string[];
  /** The env lookup whose default this value is, if any. */
  defaultOf?: EnvLookup;
}

/** Every value nested in `root` (itself included), depth first, with its naming context. */
export function* walkValue(root: Value, setting: string): Generator<ValueVisit> {
  // An explicit stack, not recursion: nesting a file can make thousands deep must not exhaust the call stack
  // (and nested `yield*` would cost time in proportion to the depth at every step).
  const pending: ValueVisit[] = [{ value: root, name: setting, anchor: root.range, path: [setting], defaultOf: undefined }];
  for (let visit = pending.pop(); visit !== undefined; visit = pending.pop()) {
    yield visit;
    const children = childVisits(visit);
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
  }
}

/** The values directly inside a visited value, in source order. */
function childVisits({ value, name, path }: ValueVisit): ValueVisit[] {
  switch (value.kind) {
    case "dict":
      return value.entries.map((entry) => {
        const key = entryKey(entry);
        return { value: entry.value, name: key ?? name, anchor: entry.keyRange, path: key === undefined ? path : [...path, key], defaultOf: undefined };
      });
    case "list":
    case "tuple":
    case "set":
      return value.items.map((item) => ({ value: item, name, anchor: item.range, path, defaultOf: undefined }));
    case "call":
      return [
        ...value.args.map((arg) => ({ value: arg, name, anchor: arg.range, path, defaultOf: undefined })),
        ...value.kwargs.map((kw) => ({ value: kw.value, name: kw.name, anchor: kw.value.range, path: [...path, kw.name], defaultOf: undefined })),
      ];
    case "env": {
      const fallback = value.lookup.default;
      return fallback ? [{ value: fallback, name, anchor: fallback.range, path, defaultOf: value.lookup }] : [];
    }
    default:
      return [];
  }
}
