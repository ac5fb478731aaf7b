// Recognises env lookups in every idiom of RULES.md: os.environ[...], os.environ.get, os.getenv,
// django-environ (env(...), env.str/bool/…(...)) and python-decouple (config(...)).
import type { Node } from "web-tree-sitter";
import type { Range } from "../types";
import { resolveDotted, type Bindings } from "./bindings";
import type { EnvIdiom, EnvLookup, Value } from "./values";

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

interface Recognised {
  idiom: EnvIdiom;
  method?: string;
  variable: Node | undefined;
  default: Node | undefined;
  cast: Node | undefined;
}

function recogniseCall(call: Node, bindings: Bindings): Recognised | undefined {
  const callee = resolveDotted(call.childForFieldName("function"), bindings);
  if (!callee) return undefined;
  const { positional, keywords } = callShape(call);
  const at = (i: number, keyword: string) => keywords.get(keyword) ?? positional[i];
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

/** The env lookup a call or subscript node performs, if any. `toValue` converts argument nodes. */
export function recogniseEnvLookup(
  node: Node,
  bindings: Bindings,
  file: string,
  toValue: (node: Node) => Value,
  rangeOf: (node: Node) => Range,
): EnvLookup | undefined {
  const found =
    node.type === "call" ? recogniseCall(node, bindings) : node.type === "subscript" ? recogniseSubscript(node, bindings) : undefined;
  if (!found) return undefined;
  const variableValue = found.variable ? toValue(found.variable) : undefined;
  return {
    idiom: found.idiom,
    method: found.method,
    variable: variableValue?.kind === "string" ? variableValue.value : undefined,
    variableRange: found.variable ? rangeOf(found.variable) : undefined,
    default: found.default ? toValue(found.default) : undefined,
    cast: found.cast ? toValue(found.cast) : undefined,
    file,
    range: rangeOf(node),
  };
}
