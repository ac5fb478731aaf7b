// Recognises env lookups in every idiom of RULES.md: os.environ[...], os.environ.get, os.getenv,
// django-environ (env(...), env.str/bool/…(...)), environs, python-decouple (config(...)) and project helpers.
import type { Node } from "web-tree-sitter";
import type { Range } from "../types";
import { resolveDotted, type Bindings } from "./bindings";
import type { EnvIdiom, EnvLookup, EnvType, Value } from "./values";
import { decodeHelper, literalValue, type HelperSpec, type ParamRef } from "./helperSpec";

export const ENVIRON_METHODS = new Set([
  "str", "bool", "int", "float", "list", "tuple", "dict", "json", "url", "db", "db_url", "cache", "cache_url",
  "email", "email_url", "path", "search_url", "parse_value", "get_value",
]);

export interface CallShape {
  positional: Node[];
  keywords: Map<string, Node>;
}

export function callShape(call: Node): CallShape {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  const args = call.childForFieldName("arguments");
  for (const arg of args?.namedChildren ?? []) {
    if (!arg || arg.type === "comment") continue;
    if (arg.type === "keyword_argument") {
      const name = arg.childForFieldName("name")?.text;
      const value = arg.childForFieldName("value");
      if (name && value) keywords.set(name, value);
    } else positional.push(arg);
  }
  return { positional, keywords };
}

export interface Recognised {
  idiom: EnvIdiom;
  method?: string;
  variable: Node | undefined;
  default: Node | undefined;
  cast: Node | undefined;
  helper?: HelperSpec;
}

/** environs' `Env` methods (a superset of what settings use). */
const ENVIRONS_METHODS = new Set([
  "str", "bool", "int", "float", "decimal", "list", "dict", "json", "datetime", "date", "time", "timedelta", "url", "path",
  "log_level", "uuid", "enum", "dj_db_url", "dj_email_url", "dj_cache_url",
]);

/** What `env.bool` etc. yield, for the project-helper reader: a helper returning `env.bool(name, …)` is a bool. */
export function recognisedType(found: Recognised): EnvType | undefined {
  const method = found.method;
  if (method === "bool" || method === "int" || method === "float" || method === "list") return method;
  if (method === "tuple") return "list";
  const cast = found.cast;
  const castText = cast?.type === "call" ? cast.childForFieldName("function")?.text : cast?.text;
  const name = castText?.split(".").at(-1);
  if (name === "bool" || name === "int" || name === "float") return name;
  if (name === "Csv" || name === "list") return "list";
  return found.helper?.conversion?.to;
}

function recogniseCall(call: Node, bindings: Bindings): Recognised | undefined {
  const callee = resolveDotted(call.childForFieldName("function"), bindings);
  if (!callee) return undefined;
  const { positional, keywords } = callShape(call);
  const at = (i: number, keyword: string) => keywords.get(keyword) ?? positional[i];
  const helper = decodeHelper(callee);
  if (helper) {
    const param = (ref: ParamRef | undefined) => (ref ? keywords.get(ref.keyword) ?? (ref.index >= 0 ? positional[ref.index] : undefined) : undefined);
    return { idiom: "helper", helper, variable: param(helper.variable), default: param(helper.default), cast: undefined };
  }
  if (callee === "environs.env") {
    return { idiom: "environs", variable: at(0, "name"), default: at(1, "default"), cast: undefined };
  }
  if (callee.startsWith("environs.env.")) {
    const method = callee.slice("environs.env.".length);
    if (!ENVIRONS_METHODS.has(method)) return undefined;
    return { idiom: "environs", method, variable: at(0, "name"), default: at(1, "default"), cast: undefined };
  }
  if (callee === "os.environ.get" || callee === "os.getenv") {
    return { idiom: callee, variable: at(0, "key"), default: at(1, "default"), cast: undefined };
  }
  if (callee === "environ.env") {
    return { idiom: "environ", variable: at(0, "var"), cast: at(1, "cast"), default: at(2, "default") };
  }
  if (callee.startsWith("environ.env.")) {
    const method = callee.slice("environ.env.".length);
    if (!ENVIRON_METHODS.has(method)) return undefined;
    return { idiom: "environ", method, variable: at(0, "var"), default: at(1, "default"), cast: keywords.get("cast") };
  }
  if (callee === "decouple.config") {
    return { idiom: "decouple", variable: at(0, "option"), default: at(1, "default"), cast: at(2, "cast") };
  }
  return undefined;
}

function recogniseSubscript(node: Node, bindings: Bindings): Recognised | undefined {
  if (resolveDotted(node.childForFieldName("value"), bindings) !== "os.environ") return undefined;
  return { idiom: "os.environ", variable: node.childForFieldName("subscript") ?? undefined, default: undefined, cast: undefined };
}

/** The env lookup a call or subscript node performs, as syntax nodes (for the project-helper reader). */
export function recogniseLookupNodes(node: Node, bindings: Bindings): Recognised | undefined {
  return node.type === "call" ? recogniseCall(node, bindings) : node.type === "subscript" ? recogniseSubscript(node, bindings) : undefined;
}

/** The env lookup a call or subscript node performs, if any. `toValue` converts argument nodes. */
export function recogniseEnvLookup(
  node: Node,
  bindings: Bindings,
  file: string,
  toValue: (node: Node) => Value,
  rangeOf: (node: Node) => Range,
): EnvLookup | undefined {
  const found = recogniseLookupNodes(node, bindings);
  if (!found) return undefined;
  const variableValue = found.variable ? toValue(found.variable) : undefined;
  const range = rangeOf(node);
  const helper = found.helper;
  const ownDefault = !found.default && helper?.ownDefault ? literalValue(helper.ownDefault, file, range) : undefined;
  return {
    idiom: found.idiom,
    method: found.method,
    variable: variableValue?.kind === "string" ? variableValue.value : undefined,
    variableRange: found.variable ? rangeOf(found.variable) : undefined,
    default: found.default ? toValue(found.default) : ownDefault,
    cast: found.cast ? toValue(found.cast) : undefined,
    ...(helper ? { helper: helper.name, conversion: helper.conversion } : {}),
    ...(ownDefault ? { defaultFromHelper: true } : {}),
    ...(variableValue?.kind === "string" && mayRaise(found, ownDefault) && isGuarded(node, variableValue.value) ? { guarded: true } : {}),
    file,
    range,
  };
}

/** Only a lookup that raises when the variable is unset can be guarded; the ancestor walk below costs
 *  O(depth) per step in tree-sitter, so it is not paid for lookups that return a default. */
function mayRaise(found: Recognised, ownDefault: Value | undefined): boolean {
  return !found.default && !ownDefault && found.idiom !== "os.environ.get" && found.idiom !== "os.getenv" && found.idiom !== "helper";
}

/** A test that guards a lookup stands within a few statements of it; deeper nesting is an expression a file built to be slow. */
const MAX_GUARD_ANCESTORS = 64;

const GUARDS = new Set(["if_statement", "elif_clause", "while_statement", "conditional_expression", "boolean_operator"]);

function mentions(node: Node, variable: string): boolean {
  return new RegExp(`(?<![A-Za-z0-9_])${variable.replace(/[^A-Za-z0-9_]/g, "\\$&")}(?![A-Za-z0-9_])`).test(node.text);
}

/** Whether a test of the same variable (or a caught error) stands between the lookup and the module level. */
function isGuarded(node: Node, variable: string): boolean {
  let child: Node = node;
  let steps = 0;
  for (let parent = node.parent; parent && steps < MAX_GUARD_ANCESTORS; child = parent, parent = parent.parent, steps++) {
    if (parent.type === "try_statement" && parent.namedChildren.some((c) => c?.type === "except_clause") && child.type === "block") return true;
    if (!GUARDS.has(parent.type)) continue;
    const tests =
      parent.type === "boolean_operator"
        ? [parent.childForFieldName("left")]
        : parent.type === "conditional_expression"
          ? [parent.namedChildren[1]]
          : [parent.childForFieldName("condition")];
    if (tests.some((test) => test && test.id !== child.id && !(test.startIndex <= node.startIndex && node.endIndex <= test.endIndex) && mentions(test, variable))) return true;
  }
  return false;
}
