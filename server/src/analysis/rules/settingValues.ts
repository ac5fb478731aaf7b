// The one walk the value rules share (RULES.md "Scope"): every value a module-level statement of a settings
// module writes — settings, dict entries at any depth, keyword arguments, list items, env lookup defaults —
// with the name it is assigned to and how it is held.
import type { Range } from "../types";
import type { PythonModule, Statement } from "../python/module";
import { walkValue, type CallValue, type EnvLookup, type Value, type ValueVisit } from "../python/values";

/** How a value is held by what contains it. */
export type Holder = "statement" | "entry" | "keyword" | "item" | "argument" | "default";

export interface SettingValueVisit extends ValueVisit {
  /** The module-level name the statement writes (`DATABASES` for `DATABASES["default"]["HOST"] = …`). */
  setting: string;
  holder: Holder;
  /**
   * Whether `name` really holds the value. A call's positional argument (and what a list inside one holds) is not
   * assigned to the name: the call's result is. `SECRET = read("path")` does not assign "path" to SECRET.
   */
  named: boolean;
}

interface Root {
  setting: string;
  keys: string[];
  value: Value;
  holder: Holder;
  anchor: Range;
}

/** Container methods whose arguments become part of the setting: `SECRET_KEY_FALLBACKS.append("…")`, `LOGGING.update({…})`. */
const CONTAINER_METHODS = new Set(["append", "extend", "insert", "update", "add", "setdefault"]);

function statementRoots(statement: Statement): Root[] {
  switch (statement.kind) {
    case "assign": {
      const anchor = statement.keys.length > 0 ? statement.targetRange : statement.value.range;
      return [{ setting: statement.name, keys: statement.keys, value: statement.value, holder: "statement", anchor }];
    }
    case "augassign":
      return [{ setting: statement.name, keys: [], value: statement.value, holder: "statement", anchor: statement.value.range }];
    case "mutate":
      if (!CONTAINER_METHODS.has(statement.method)) return [];
      return statement.args.map((arg) => ({ setting: statement.name, keys: [], value: arg, holder: "item" as const, anchor: arg.range }));
    case "call":
      return [{ setting: statement.value.kind === "call" ? statement.value.callee : "", keys: [], value: statement.value, holder: "statement", anchor: statement.value.range }];
    default:
      return [];
  }
}

interface Placement {
  holder: Holder;
  named: boolean;
  /** A django-environ scheme default (`Env(DB_PASSWORD=(str, "pw"))`): the lookup of the variable it defaults. */
  defaultOf?: EnvLookup;
}

const ENVIRON_CONSTRUCTORS = new Set(["environ.Env", "environ.FileAwareEnv"]);

/** `environ.Env(NAME=(cast, default))`: the default is an env lookup default of NAME, not a value assigned to it. */
function placeSchemeDefaults(value: CallValue, placements: Map<Value, Placement>): void {
  if (!ENVIRON_CONSTRUCTORS.has(value.callee)) return;
  for (const kw of value.kwargs) {
    const scheme = kw.value;
    if (scheme.kind !== "tuple" || scheme.items.length < 2) continue;
    const lookup: EnvLookup = { idiom: "environ", variable: kw.name, variableRange: kw.nameRange, default: scheme.items[1], file: value.file, range: scheme.range };
    placements.set(scheme.items[1], { holder: "default", named: true, defaultOf: lookup });
  }
}

/** Record how the children of `value` are held, before the depth-first walk reaches them. */
function placeChildren(value: Value, own: Placement, placements: Map<Value, Placement>): void {
  switch (value.kind) {
    case "dict":
      for (const entry of value.entries) placements.set(entry.value, { holder: "entry", named: true });
      break;
    case "list":
    case "tuple":
    case "set":
      for (const item of value.items) if (!placements.has(item)) placements.set(item, { holder: "item", named: own.named });
      break;
    case "call":
      for (const arg of value.args) placements.set(arg, { holder: "argument", named: false });
      for (const kw of value.kwargs) placements.set(kw.value, { holder: "keyword", named: true });
      placeSchemeDefaults(value, placements);
      break;
    case "env":
      if (value.lookup.default) placements.set(value.lookup.default, { holder: "default", named: own.named });
      break;
    default:
      break;
  }
}

/**
 * django-constance's `CONSTANCE_CONFIG = {"MAP_API_KEY": (default, "Map Box API Key", str)}`: only the default is
 * the setting's value; the help text and the type after it are not assigned to the name.
 */
function placeConstanceHelpTexts(value: Value, path: readonly string[], placements: Map<Value, Placement>): void {
  if (path[0] !== "CONSTANCE_CONFIG" || path.length !== 2 || value.kind !== "tuple") return;
  for (const item of value.items.slice(1)) placements.set(item, { holder: "item", named: false });
}

function* visitRoot(root: Root): Generator<SettingValueVisit> {
  const prefix = [root.setting, ...root.keys];
  const placements = new Map<Value, Placement>([[root.value, { holder: root.holder, named: true }]]);
  for (const visit of walkValue(root.value, root.keys.at(-1) ?? root.setting)) {
    const placement = placements.get(visit.value) ?? { holder: "item", named: false };
    const path = [...prefix, ...visit.path.slice(1)];
    placeChildren(visit.value, placement, placements);
    placeConstanceHelpTexts(visit.value, path, placements);
    yield {
      ...visit,
      path,
      anchor: visit.value === root.value ? root.anchor : visit.anchor,
      setting: root.setting,
      ...placement,
    };
  }
}

/** Unchanged statements keep their identity across re-analyses (python/module.ts caches them), so their visits are reused. */
const visitsOfStatement = new WeakMap<Statement, SettingValueVisit[]>();

function statementVisits(statement: Statement): SettingValueVisit[] {
  let visits = visitsOfStatement.get(statement);
  if (!visits) {
    visits = statementRoots(statement).flatMap((root) => [...visitRoot(root)]);
    visitsOfStatement.set(statement, visits);
  }
  return visits;
}

/** Every value the module-level statements of `module` (or of one statement group) write, depth first, statement by statement. */
export function* settingValues(module: Pick<PythonModule, "statements">): Generator<SettingValueVisit> {
  for (const statement of module.statements) yield* statementVisits(statement);
}

/** The setting a statement writes (a bare call: its callee), as its visits name it. */
function writtenSetting(statement: Statement): string {
  if (statement.kind === "call") return statement.value.kind === "call" ? statement.value.callee : "";
  return "name" in statement ? statement.name : "";
}

/** The values written to these settings only: a rule about one setting need not walk every statement of a long module. */
export function* valuesOfSettings(module: Pick<PythonModule, "statements">, settings: ReadonlySet<string>): Generator<SettingValueVisit> {
  for (const statement of module.statements) if (settings.has(writtenSetting(statement))) yield* statementVisits(statement);
}

/** `DATABASES["default"]["PASSWORD"]`: how messages name the place of a value. */
export function describePath(path: readonly string[]): string {
  const [setting, ...keys] = path;
  return `${setting ?? ""}${keys.map((key) => `[${JSON.stringify(key)}]`).join("")}`;
}

/** Where a visited value stands: a keyword argument is named as one (`dj_database_url.config(default=…)` under
 *  `DATABASES["replica"]` is not a `["default"]` entry). */
export function describeVisit(visit: Pick<SettingValueVisit, "path" | "holder" | "name">): string {
  if (visit.holder !== "keyword" || visit.path.length < 2) return describePath(visit.path);
  return `the ${visit.name}= argument in ${describePath(visit.path.slice(0, -1))}`;
}
