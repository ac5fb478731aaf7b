// Conversions written around an env lookup's string (RULES.md "Default of an env lookup"):
// `os.getenv("DEBUG", "True") == "True"` is a bool, `os.environ.get("HOSTS", "*").split(",")` a list.
// Shared by the module builder (conversions in settings) and the project-helper reader (conversions in a helper).
import type { Node } from "web-tree-sitter";
import { decodeStringNode } from "./stringLiteral";
import type { EnvConversion } from "./values";

export interface Converted {
  /** The string expression converted: an env lookup, or a local name holding one (inside a helper). */
  source: Node;
  conversion: EnvConversion;
}

const named = (node: Node): Node[] => node.namedChildren.filter((child): child is Node => !!child && child.type !== "comment");

const STRING_METHODS = new Set(["lower", "upper", "casefold", "strip", "lstrip", "rstrip", "title", "capitalize"]);
const CASE_FOLDS = new Set(["lower", "upper", "casefold"]);
const BOOL_PARSERS = new Set(["strtobool", "str2bool", "str_to_bool", "to_bool", "parse_bool", "as_bool", "asbool", "truthy", "is_true"]);
const LIST_WRAPPERS = new Set(["list", "tuple", "set", "filter", "map", "sorted", "frozenset"]);

/** The call's function name when it is a plain or dotted name: `strtobool` for `distutils.util.strtobool`. */
function calleeName(call: Node): string | undefined {
  const fn = call.childForFieldName("function");
  if (fn?.type === "identifier") return fn.text;
  if (fn?.type === "attribute") return fn.childForFieldName("attribute")?.text;
  return undefined;
}

function methodCall(node: Node): { object: Node; method: string; args: Node[] } | undefined {
  if (node.type !== "call") return undefined;
  const fn = node.childForFieldName("function");
  const object = fn?.type === "attribute" ? fn.childForFieldName("object") : null;
  const method = fn?.childForFieldName("attribute")?.text;
  if (!object || !method) return undefined;
  return { object, method, args: named(node.childForFieldName("arguments") ?? node) };
}

/** `str(x).strip().lower()` → x, folding case; parentheses dropped. */
function peelString(node: Node): { source: Node; caseFold: boolean; stringified: boolean } {
  let current = node;
  let caseFold = false;
  let stringified = false;
  for (let guard = 0; guard < 16; guard++) {
    if (current.type === "parenthesized_expression" && named(current).length === 1) {
      current = named(current)[0];
      continue;
    }
    const method = methodCall(current);
    if (method && STRING_METHODS.has(method.method)) {
      caseFold ||= CASE_FOLDS.has(method.method);
      current = method.object;
      continue;
    }
    if (current.type === "call" && calleeName(current) === "str" && current.childForFieldName("function")?.type === "identifier") {
      const args = named(current.childForFieldName("arguments") ?? current);
      if (args.length !== 1) break;
      stringified = true;
      current = args[0];
      continue;
    }
    break;
  }
  return { source: current, caseFold, stringified };
}

function stringConstant(node: Node): string | undefined {
  if (node.type !== "string") return undefined;
  const decoded = decodeStringNode(node);
  return decoded && !decoded.interpolated && !decoded.bytes ? decoded.value : undefined;
}

/** `"True"`, or `("1", "true", "yes")`: the strings a comparison tests against. */
function comparedStrings(node: Node): string[] | undefined {
  const single = stringConstant(node);
  if (single !== undefined) return [single];
  if (!["tuple", "list", "set", "parenthesized_expression"].includes(node.type)) return undefined;
  const values = named(node).map(stringConstant);
  return values.length > 0 && values.every((v): v is string => v !== undefined) ? values : undefined;
}

function comparison(node: Node): Converted | undefined {
  const operands = named(node);
  const operators = node.childrenForFieldName("operators").filter((op): op is Node => !!op);
  if (operands.length !== 2 || operators.length !== 1) return undefined;
  const operator = operators[0].type;
  if (!["==", "!=", "in", "not in"].includes(operator)) return undefined;
  const [left, right] = operands;
  const leftValues = comparedStrings(left);
  const rightValues = comparedStrings(right);
  const [subject, values] = rightValues ? [left, rightValues] : operator === "==" || operator === "!=" ? [right, leftValues] : [undefined, undefined];
  if (!subject || !values) return undefined;
  const peeled = peelString(subject);
  const negate = operator === "!=" || operator === "not in";
  return { source: peeled.source, conversion: { to: "bool", compare: { values, negate, caseFold: peeled.caseFold, stringified: peeled.stringified } } };
}

function split(node: Node): Converted | undefined {
  const method = methodCall(node);
  if (!method || (method.method !== "split" && method.method !== "rsplit")) return undefined;
  const separator = method.args[0] ? stringConstant(method.args[0]) : undefined;
  if (method.args[0] && separator === undefined && method.args[0].type !== "none") return undefined;
  return { source: peelString(method.object).source, conversion: { to: "list", separator } };
}

function comprehension(node: Node): Converted | undefined {
  const clause = named(node).find((child) => child.type === "for_in_clause");
  const iterated = clause?.childForFieldName("right");
  const inner = iterated ? conversionOf(iterated) : undefined;
  return inner?.conversion.to === "list" ? inner : undefined;
}

function wrappingCall(node: Node): Converted | undefined {
  const name = calleeName(node);
  const args = named(node.childForFieldName("arguments") ?? node);
  if (!name || args.length === 0) return undefined;
  if (LIST_WRAPPERS.has(name)) {
    const inner = conversionOf(args[args.length - 1]);
    return inner?.conversion.to === "list" ? inner : undefined;
  }
  if (args.length !== 1) return undefined;
  if (name === "int" || name === "float") return { source: peelString(args[0]).source, conversion: { to: name } };
  if (BOOL_PARSERS.has(name)) return { source: peelString(args[0]).source, conversion: { to: "bool" } };
  return undefined;
}

/** The conversion `node` writes around a string expression, if it is one this module understands. */
export function conversionOf(node: Node): Converted | undefined {
  switch (node.type) {
    case "comparison_operator":
      return comparison(node);
    case "call":
      return split(node) ?? wrappingCall(node);
    case "list_comprehension":
    case "set_comprehension":
    case "generator_expression":
      return comprehension(node);
    case "boolean_operator": {
      // `lookup == "YES" or TESTING`: true whenever the converted lookup is; otherwise the right side decides.
      const left = node.childForFieldName("left");
      if (node.childForFieldName("operator")?.type !== "or" || !left) return undefined;
      const converted = conversionOf(left);
      return converted?.conversion.to === "bool" ? { source: converted.source, conversion: { ...converted.conversion, orElse: true } } : undefined;
    }
    case "parenthesized_expression": {
      const inner = named(node);
      return inner.length === 1 ? conversionOf(inner[0]) : undefined;
    }
    default:
      return undefined;
  }
}
