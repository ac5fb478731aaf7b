// Project helpers (RULES.md "Env lookup"): a function whose body returns an env lookup of one of its parameters —
// `def envbool(name, default): return os.getenv(name, default) == "True"`. A call of the helper is an env lookup of
// its argument; its default is the argument passed for the helper's default parameter (or the helper's own
// default); its type is what the helper returns. A helper is carried in the module's bindings as
// `helper:<json>`, so the statement cache (keyed by bindings) sees a changed helper.
import type { Node, Tree } from "web-tree-sitter";
import type { Range } from "../types";
import { bindImport, conventionalBindings, type Bindings } from "./bindings";
import { conversionOf } from "./envConversion";
import { recogniseLookupNodes, recognisedType } from "./envLookup";
import { splitNameWords } from "../secrets/credentialName";
import { decodeStringNode } from "./stringLiteral";
import { shortcutsEnabled } from "../shortcuts";
import type { EnvConversion, EnvType, Value } from "./values";

/** A parameter: its position among the positional parameters (-1 when keyword-only) and its name. */
export interface ParamRef {
  index: number;
  keyword: string;
}

export type LiteralDefault = { kind: "string"; value: string } | { kind: "bool"; value: boolean } | { kind: "number"; value: number } | { kind: "none" };

export interface HelperSpec {
  name: string;
  variable: ParamRef;
  default?: ParamRef;
  /** The default parameter's own default in the signature (`def envbool(name, default=False)`). */
  ownDefault?: LiteralDefault;
  conversion?: EnvConversion;
}

const PREFIX = "helper:";

export function encodeHelper(spec: HelperSpec): string {
  return PREFIX + JSON.stringify(spec);
}

const decoded = new Map<string, HelperSpec | undefined>();

/** The helper a binding stands for, if it is one. */
export function decodeHelper(meaning: string): HelperSpec | undefined {
  if (!meaning.startsWith(PREFIX)) return undefined;
  if (!decoded.has(meaning)) {
    if (decoded.size > 5000) decoded.clear();
    try {
      decoded.set(meaning, JSON.parse(meaning.slice(PREFIX.length)) as HelperSpec);
    } catch {
      decoded.set(meaning, undefined);
    }
  }
  return decoded.get(meaning);
}

export function isHelperMeaning(meaning: string | undefined): boolean {
  return meaning?.startsWith(PREFIX) ?? false;
}

/** The model's Value for a helper's own default, placed at the call that relies on it. */
export function literalValue(literal: LiteralDefault, file: string, range: Range): Value {
  return literal.kind === "string" ? { kind: "string", value: literal.value, bytes: false, file, range } : { ...literal, file, range } as Value;
}

const named = (node: Node | null | undefined): Node[] => (node?.namedChildren ?? []).filter((child): child is Node => !!child && child.type !== "comment");

interface Param extends ParamRef {
  defaultNode?: Node;
}

function parameters(def: Node): Param[] {
  const out: Param[] = [];
  let index = 0;
  let keywordOnly = false;
  for (const param of named(def.childForFieldName("parameters"))) {
    if (param.type === "list_splat_pattern" || param.type === "keyword_separator" || param.text === "*") {
      keywordOnly = true;
      continue;
    }
    if (param.type === "dictionary_splat_pattern" || param.type === "positional_separator") continue;
    const nameNode = param.type === "identifier" ? param : param.childForFieldName("name") ?? named(param).find((c) => c.type === "identifier");
    if (!nameNode) continue;
    const defaultNode = param.childForFieldName("value") ?? undefined;
    out.push({ index: keywordOnly ? -1 : index, keyword: nameNode.text, defaultNode });
    if (!keywordOnly) index++;
  }
  return out;
}

/** Nodes of the function body, not entering nested functions, classes or lambdas. */
function bodyNodes(def: Node): Node[] {
  const out: Node[] = [];
  const stack = named(def.childForFieldName("body") ?? def);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "function_definition" || node.type === "class_definition" || node.type === "lambda" || node.type === "decorated_definition") continue;
    out.push(node);
    stack.push(...named(node));
  }
  return out;
}

function literalDefault(node: Node | undefined): LiteralDefault | undefined {
  if (!node) return undefined;
  if (node.type === "true" || node.type === "false") return { kind: "bool", value: node.type === "true" };
  if (node.type === "none") return { kind: "none" };
  if (node.type === "integer") return { kind: "number", value: Number(node.text.replace(/_/g, "")) || 0 };
  if (node.type === "string") {
    const value = decodeStringNode(node);
    return value && !value.interpolated && !value.bytes ? { kind: "string", value: value.value } : undefined;
  }
  return undefined;
}

/** Local names assigned in the body: `value = os.getenv(name)`. */
function localAssignments(nodes: Node[]): Map<string, Node> {
  const locals = new Map<string, Node>();
  for (const node of nodes) {
    if (node.type !== "assignment" && node.type !== "named_expression") continue;
    const left = node.childForFieldName(node.type === "assignment" ? "left" : "name");
    const right = node.childForFieldName(node.type === "assignment" ? "right" : "value");
    if (left?.type === "identifier" && right && !locals.has(left.text)) locals.set(left.text, right);
  }
  return locals;
}

function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** Whether `node` is the lookup, or a local name (transitively) assigned from an expression holding it. */
function reaches(node: Node, lookup: Node, locals: Map<string, Node>, depth = 0): boolean {
  if (contains(node, lookup)) return true;
  if (depth > 4) return false;
  if (node.type === "identifier") {
    const assigned = locals.get(node.text);
    return !!assigned && reaches(assigned, lookup, locals, depth + 1);
  }
  return identifiersIn(node).some((name) => reaches(name, lookup, locals, depth + 1));
}

function identifiersIn(node: Node): Node[] {
  const out: Node[] = [];
  const stack = named(node);
  while (stack.length > 0 && out.length < 64) {
    const current = stack.pop()!;
    if (current.type === "identifier") out.push(current);
    else stack.push(...named(current));
  }
  return out;
}

/** `return default`, `return value if value else default`, `return value or default`. */
function returnsName(expression: Node, name: string): boolean {
  if (expression.type === "identifier") return expression.text === name;
  if (expression.type === "conditional_expression" || expression.type === "boolean_operator") {
    return named(expression).some((child) => child.type === "identifier" && child.text === name);
  }
  return false;
}

function typeFromName(name: string): EnvType | undefined {
  const words = splitNameWords(name);
  if (words.some((w) => w === "BOOL" || w === "BOOLEAN" || w === "FLAG" || w.endsWith("BOOL"))) return "bool";
  if (words.some((w) => w === "LIST" || w === "TUPLE" || w === "CSV" || w.endsWith("LIST"))) return "list";
  if (words.some((w) => w === "INT" || w === "INTEGER" || w.endsWith("INT"))) return "int";
  return undefined;
}

/** What the module's top-level imports bind, and the names an env lookup can start from in it; once per tree. */
const importsOfTree = new WeakMap<Tree, { bindings: Bindings; lookupNames: RegExp }>();

/** What the module's top-level imports bind (`from os import environ, getenv`), for the lookups in a helper's body. */
function importBindings(def: Node): { bindings: Bindings; lookupNames: RegExp } {
  const known = importsOfTree.get(def.tree);
  if (known) return known;
  const bindings = conventionalBindings();
  let root: Node | null = def;
  while (root?.parent) root = root.parent;
  for (const child of named(root)) {
    if (child.type === "import_statement" || child.type === "import_from_statement") bindImport(child, bindings);
  }
  const imports = { bindings, lookupNames: lookupNamesOf(bindings) };
  importsOfTree.set(def.tree, imports);
  return imports;
}

/** What the callee of an env lookup resolves to starts with one of these (recogniseLookupNodes: os.environ, os.getenv, environ.env, environs.env, decouple.config). */
const LOOKUP_ROOTS = ["os", "environ", "environs", "decouple"];

const isLookupRoot = (meaning: string) => LOOKUP_ROOTS.some((root) => meaning === root || meaning.startsWith(`${root}.`));

/**
 * A lookup's callee begins with a name that is one of the roots or is bound to one (`env`, `config`,
 * `from os import environ as E`): those names as whole words (an identifier never touches a letter, digit or `_`).
 */
function lookupNamesOf(bindings: Bindings): RegExp {
  const names = new Set(LOOKUP_ROOTS);
  for (const [name, meaning] of bindings) if (isLookupRoot(meaning)) names.add(name);
  const escaped = [...names].map((name) => name.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&"));
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${escaped.join("|")})(?![\\p{L}\\p{N}_])`, "u");
}

/** The helper a `def` at module level is, if its body returns an env lookup of one of its parameters. */
export function readHelper(def: Node): HelperSpec | undefined {
  const name = def.childForFieldName("name")?.text;
  if (!name) return undefined;
  const { bindings, lookupNames } = importBindings(def);
  // A def naming nothing an env lookup can start from holds no lookup: no helper, and no walk of its body.
  if (shortcutsEnabled() && !lookupNames.test(def.text)) return undefined;
  const params = parameters(def);
  const byName = new Map(params.map((p) => [p.keyword, p]));
  const nodes = bodyNodes(def);
  const returns = nodes.filter((n) => n.type === "return_statement").map((n) => named(n)[0]).filter((n): n is Node => !!n);
  const locals = localAssignments(nodes);
  for (const node of nodes) {
    if (node.type !== "call" && node.type !== "subscript") continue;
    const found = recogniseLookupNodes(node, bindings);
    const variable = found?.variable?.type === "identifier" ? byName.get(found.variable.text) : undefined;
    if (!found || !variable) continue;
    const returned = returns.filter((r) => reaches(r, node, locals));
    if (returned.length === 0) continue;
    const passedDefault = found.default?.type === "identifier" ? byName.get(found.default.text) : undefined;
    const returnedDefault = passedDefault ? undefined : params.find((p) => p !== variable && returns.some((r) => returnsName(r, p.keyword)));
    const namedDefault = params.find((p) => p !== variable && /default|fallback/i.test(p.keyword));
    const defaultParam = passedDefault ?? returnedDefault ?? namedDefault;
    const conversion = helperConversion(name, found, node, returned, nodes, locals, !!passedDefault);
    const ownDefault = literalDefault(defaultParam?.defaultNode);
    return {
      name,
      variable: { index: variable.index, keyword: variable.keyword },
      ...(defaultParam ? { default: { index: defaultParam.index, keyword: defaultParam.keyword } } : {}),
      ...(ownDefault ? { ownDefault } : {}),
      ...(conversion ? { conversion } : {}),
    };
  }
  return undefined;
}

function helperConversion(
  name: string,
  found: NonNullable<ReturnType<typeof recogniseLookupNodes>>,
  lookup: Node,
  returned: Node[],
  nodes: Node[],
  locals: Map<string, Node>,
  defaultPassedToLookup: boolean,
): EnvConversion | undefined {
  const convertsDefault = defaultPassedToLookup;
  for (const expression of returned) {
    const converted = conversionOf(expression);
    if (converted && reaches(converted.source, lookup, locals)) return { ...converted.conversion, convertsDefault };
  }
  // `if value.lower() in ("1", "true"): return True` — a comparison anywhere, with literal True/False returns.
  const returnsBool = nodes.some((n) => n.type === "return_statement" && ["true", "false"].includes(named(n)[0]?.type ?? ""));
  if (returnsBool) {
    const tested = nodes.map(conversionOf).find((c) => c?.conversion.to === "bool" && c.conversion.compare && reaches(c.source, lookup, locals));
    return { ...(tested?.conversion ?? { to: "bool" }), convertsDefault };
  }
  const type = recognisedType(found) ?? typeFromName(name);
  return type && type !== "str" ? { to: type, convertsDefault: recognisedType(found) ? true : convertsDefault } : undefined;
}
