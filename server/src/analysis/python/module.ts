// The settings model of one Python module: module-level statements as evaluated values, every string literal,
// every env lookup, imports, and suppression comments. Built once per (path, text) and cached.
import { appendAll } from "../arrays";
import { checkpoint, everyNth } from "../cancellation";
import type { Node } from "web-tree-sitter";
import type { Range } from "../types";
import { bindAssignment, bindImport, conventionalBindings, resolveDotted, writtenCallee, type Bindings } from "./bindings";
import { callShape, recogniseEnvLookup } from "./envLookup";
import { conversionOf } from "./envConversion";
import { encodeHelper, readHelper } from "./helperSpec";
import { parseIncrementally } from "./incremental";
import { decodeStringNode } from "./stringLiteral";
import type { EnvLookup, KeywordArgument, StringValue, Value } from "./values";
import { parseSuppressionComment, type FileDisable, type LineSuppression } from "../suppression";
import { shortcutsEnabled } from "../shortcuts";

/**
 * Why a statement may not run the way it reads (RULES.md "Known and unknown values"): under an `if` whose condition
 * is not a literal, in a loop, in a function body, in a `with` block, or in an `except` clause (an error path;
 * `except ImportError` around an optional import is not one); "class" for a class attribute (class-based settings:
 * the deployed settings take them from `classes`). Absent for statements that always run.
 */
export type Guard = "condition" | "loop" | "function" | "with" | "except" | "class";

interface Guarded {
  guard?: Guard;
  /** 0-based line of the `if`/`for`/`def`/… that guards the statement. */
  guardLine?: number;
  /** The tests of the `if`/`elif` branches the statement sits in, outermost first ("else" for an `else`). */
  branch?: string[];
}

export interface AssignStatement extends Guarded {
  kind: "assign";
  name: string;
  /** Subscript keys of `DATABASES["default"]["PASSWORD"] = …`; empty for a plain assignment. */
  keys: string[];
  /** The target: the name, or the last subscript key. */
  targetRange: Range;
  value: Value;
  range: Range;
}

export interface AugmentedAssignStatement extends Guarded {
  kind: "augassign";
  name: string;
  operator: string;
  value: Value;
  targetRange: Range;
  range: Range;
}

/** `MIDDLEWARE.insert(0, "…")`, `INSTALLED_APPS.append(…)`, `LOGGING.update({…})`; method `[]=` for a subscript
 *  assignment whose keys are not all literal (`LOGGING["handlers"][name] = …`). */
export interface MutateStatement extends Guarded {
  kind: "mutate";
  name: string;
  method: string;
  args: Value[];
  range: Range;
}

export interface StarImportStatement extends Guarded {
  kind: "starImport";
  /** As written: `.base`, `..common`, `mysite.settings.base`. */
  module: string;
  range: Range;
}

/** Any other call at module level (`sentry_sdk.init(dsn=…, api_key=…)`): its keyword arguments are values too. */
export interface CallStatement extends Guarded {
  kind: "call";
  value: Value;
  range: Range;
}

export type Statement = AssignStatement | AugmentedAssignStatement | MutateStatement | StarImportStatement | CallStatement;

/** A class whose attributes may be settings (django-configurations, or plain settings classes). */
export interface ClassDefinition {
  name: string;
  /** Base classes as written, dotted (`Configuration`, `Common`, `values.Configuration`). */
  bases: string[];
  /** Assignments and calls of the class body, in order. */
  statements: Statement[];
  range: Range;
}

export interface ImportRecord {
  /** `os`, `environ`, `decouple`, `.base`, … */
  module: string;
  names: string[];
  range: Range;
}

export interface StringLiteral {
  value: string;
  bytes: boolean;
  range: Range;
  /** The nearest name the literal is assigned to: dict key, keyword argument, or assignment target. */
  name?: string;
  /** The env lookup whose default this literal is. */
  defaultOf?: EnvLookup;
}

/** What one top-level statement contributes: its module-level statements and its string literals. The same object
 *  comes back while the statement's text and place are unchanged, so rules may cache per group. */
export interface StatementGroup {
  statements: Statement[];
  strings: StringLiteral[];
}

export interface PythonModule {
  file: string;
  text: string;
  statements: Statement[];
  imports: ImportRecord[];
  bindings: Bindings;
  envLookups: EnvLookup[];
  strings: StringLiteral[];
  suppressions: LineSuppression[];
  disables: FileDisable[];
  /** The module's statements and strings again, grouped by top-level statement, in order. */
  groups: StatementGroup[];
  /** [first line, last line] of every module-level simple statement, in order (for `# noqa` on multi-line statements). */
  statementSpans: Array<[number, number]>;
  /** ERROR and MISSING nodes in the tree. */
  syntaxErrors: number;
  /** Dotted callees (imports resolved) of every call in the module. */
  calledNames: Set<string>;
  /** django-environ schemes: `environ.Env(DEBUG=(bool, False))`. */
  environSchemes: Map<string, Value>;
  /** First line after the docstring and `from __future__` imports: where an `import os` goes. */
  importInsertLine: number;
  /** Module-level class definitions (class-based settings). */
  classes: ClassDefinition[];
  /** Project helpers (env lookups by another name) the module defines, by name: `helper:<json>` meanings. */
  helpers: Map<string, string>;
}

export function rangeOf(node: Node): Range {
  return {
    start: { line: node.startPosition.row, column: node.startPosition.column },
    end: { line: node.endPosition.row, column: node.endPosition.column },
  };
}

/** Python (and LSP) accept a lone CR as a line break; tree-sitter does not. Same length, so offsets hold. */
function normaliseLoneCarriageReturns(text: string): string {
  return text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text;
}

/** What one top-level statement contributes to its module; cached by its text so unchanged statements are not re-walked. */
interface Fragment extends Pick<PythonModule, "statements" | "envLookups" | "strings" | "suppressions" | "disables" | "statementSpans" | "syntaxErrors" | "classes"> {
  row: number;
  calledNames: string[];
  environSchemes: Array<[string, Value]>;
}

type BindingEffect =
  | { kind: "import"; entries: Array<[string, string]>; record: ImportRecord }
  | { kind: "assign"; name: string; callee: string | undefined }
  | { kind: "def"; name: string; helper: string | undefined };

/** Everything derived from one top-level statement's text: its binding effects, and its fragment per bindings. */
interface StatementCacheEntry {
  row: number;
  effects: BindingEffect[];
  fragments: Map<string, Fragment>;
  /** The names the statement's text could look up in the bindings (every identifier-like word of it, once each). */
  words: readonly string[];
  /** Its fragment by the bindings of just those names: a change to the module's other bindings (an import added, a
   * helper bound by an importer) builds it again only when it uses the changed name. */
  fragmentsByOwnBindings: Map<string, Fragment>;
  /** Copies of the fragment moved to other rows, by bindings key and row. */
  moved: Map<string, Fragment>;
}

const MOVED_COPIES_LIMIT = 64;

const statementCache = new Map<string, StatementCacheEntry>();
const STATEMENT_CACHE_LIMIT = 50_000;

/**
 * `importedHelpers`: project helpers this module gets from other project modules, keyed by what the module binds
 * them to (`.utils.envbool` for `from .utils import envbool`) or, for star-imported ones, by their bare name.
 */
export function buildPythonModule(file: string, text: string, importedHelpers?: ReadonlyMap<string, string>): PythonModule {
  const source = normaliseLoneCarriageReturns(text);
  const tree = parseIncrementally(file, source);
  return assembleModule(file, text, source, tree.rootNode, importedHelpers);
}

/** What a module offers the modules importing it: its imports and the project helpers it defines. */
export interface ModuleExports {
  file: string;
  imports: ImportRecord[];
  helpers: Map<string, string>;
  /** The tree has ERROR or MISSING nodes. */
  hasSyntaxErrors: boolean;
}

/**
 * A module's imports and helpers without building its statements, strings and values (what following a settings
 * module's imports to the helpers of other modules needs): the same as buildPythonModule's, at a fraction of its cost.
 */
export function readModuleExports(file: string, text: string): ModuleExports {
  const source = normaliseLoneCarriageReturns(text);
  const root = parseIncrementally(file, source).rootNode;
  const { imports, helpers } = moduleHeader(file, source, root);
  return { file, imports, helpers, hasSyntaxErrors: root.hasError };
}

/** The top-level statements with their cached entries, and what their binding effects make of the module's names. */
function moduleHeader(file: string, source: string, root: Node, importedHelpers?: ReadonlyMap<string, string>) {
  const children = root.namedChildren.filter((child): child is Node => !!child);
  const entries = children.map((child) => {
    checkpoint();
    return statementEntry(file, source, child);
  });
  const bindings = conventionalBindings();
  for (const [name, helper] of importedHelpers ?? []) if (!name.includes(".")) bindings.set(name, helper);
  const imports: ImportRecord[] = [];
  entries.forEach((entry, i) => applyBindingEffects(entry.effects, children[i].startPosition.row - entry.row, bindings, imports));
  const helpers = new Map<string, string>();
  for (const entry of entries) for (const effect of entry.effects) if (effect.kind === "def" && effect.helper) helpers.set(effect.name, effect.helper);
  return { children, entries, bindings, imports, helpers };
}

function assembleModule(file: string, text: string, source: string, root: Node, importedHelpers?: ReadonlyMap<string, string>): PythonModule {
  const { children, entries, bindings, imports, helpers } = moduleHeader(file, source, root, importedHelpers);
  for (const [name, meaning] of bindings) {
    const imported = importedHelpers?.get(meaning);
    if (imported) bindings.set(name, imported);
  }
  const bindingsKey = [...bindings].join(";");
  const module: PythonModule = {
    file,
    text,
    statements: [],
    groups: [],
    imports,
    bindings,
    envLookups: [],
    strings: [],
    suppressions: [],
    disables: [],
    statementSpans: [],
    syntaxErrors: root.type === "ERROR" ? 1 : 0,
    calledNames: new Set(),
    environSchemes: new Map(),
    importInsertLine: importInsertLine(children),
    classes: [],
    helpers,
  };
  entries.forEach((entry, i) => {
    checkpoint();
    mergeFragment(module, fragmentOf(file, children[i], entry, bindings, bindingsKey));
  });
  return module;
}

/** Keyed by the statement's own text, sliced from the source: Node#text rebuilds it through web-tree-sitter's callback. */
function statementEntry(file: string, source: string, child: Node): StatementCacheEntry {
  const key = `${file}\u0000${child.startPosition.column}\u0000${source.slice(child.startIndex, child.endIndex)}`;
  let entry = statementCache.get(key);
  if (!entry) {
    if (statementCache.size >= STATEMENT_CACHE_LIMIT) statementCache.clear();
    const text = source.slice(child.startIndex, child.endIndex);
    entry = { row: child.startPosition.row, effects: bindingEffects(child), fragments: new Map(), words: wordsOf(text), fragmentsByOwnBindings: new Map(), moved: new Map() };
    statementCache.set(key, entry);
  }
  return entry;
}

function applyBindingEffects(effects: BindingEffect[], delta: number, bindings: Bindings, imports: ImportRecord[]): void {
  for (const effect of effects) {
    if (effect.kind === "import") {
      for (const [name, target] of effect.entries) bindings.set(name, target);
      imports.push(delta ? shifted(effect.record, delta) : effect.record);
    } else if (effect.kind === "def") {
      if (effect.helper) bindings.set(effect.name, effect.helper);
      else bindings.delete(effect.name);
    } else bindAssignment(effect.name, effect.callee, bindings);
  }
}

/** `def envbool(name, default): …` at module level (decorated or not): a project helper, or a name that now means itself. */
function definitionEffect(child: Node): Extract<BindingEffect, { kind: "def" }> | undefined {
  const def = child.type === "decorated_definition" ? child.childForFieldName("definition") : child;
  if (def?.type !== "function_definition") return undefined;
  const name = def.childForFieldName("name")?.text;
  if (!name) return undefined;
  const spec = readHelper(def);
  return { kind: "def", name, helper: spec ? encodeHelper(spec) : undefined };
}

function bindingEffects(child: Node): BindingEffect[] {
  const definition = definitionEffect(child);
  if (definition) return [definition];
  const effects: BindingEffect[] = [];
  for (const node of simpleStatementsOf(child)) {
    if (node.type === "import_statement" || node.type === "import_from_statement") {
      const bound: Bindings = new Map();
      bindImport(node, bound);
      effects.push({ kind: "import", entries: [...bound], record: importRecord(node) });
      continue;
    }
    const assignment = node.type === "expression_statement" ? node.firstNamedChild : null;
    if (assignment?.type !== "assignment") continue;
    for (const [target, right] of assignmentPairs(assignment)) {
      if (target.type === "identifier") effects.push({ kind: "assign", name: target.text, callee: writtenCallee(right) });
    }
  }
  return effects;
}

const IDENTIFIER_WORD = /[\p{ID_Start}_][\p{ID_Continue}]*/gu;

function wordsOf(text: string): string[] {
  return [...new Set(text.match(IDENTIFIER_WORD))];
}

function fragmentOf(file: string, child: Node, entry: StatementCacheEntry, bindings: Bindings, bindingsKey: string): Fragment {
  let fragment = entry.fragments.get(bindingsKey);
  if (!fragment) {
    const ownKey = entry.words.map((word) => bindings.get(word)).join("\u0000");
    fragment = entry.fragmentsByOwnBindings.get(ownKey);
    if (!fragment) {
      fragment = new ModuleBuilder(file, bindings).fragment(child);
      entry.fragmentsByOwnBindings.set(ownKey, fragment);
    }
    entry.fragments.set(bindingsKey, fragment);
  }
  const row = child.startPosition.row;
  if (row === fragment.row) return fragment;
  // The same statement text at other rows (a repeated comment, a statement moved by an edit above): keep one
  // copy per row, so unchanged lines are not copied again on every keystroke.
  const key = `${bindingsKey}\u0000${row}`;
  let moved = entry.moved.get(key);
  if (!moved) {
    if (entry.moved.size >= MOVED_COPIES_LIMIT) entry.moved.clear();
    moved = { ...shifted(fragment, row - fragment.row), row };
    entry.moved.set(key, moved);
  }
  return moved;
}

function mergeFragment(module: PythonModule, fragment: Fragment): void {
  module.groups.push(fragment);
  appendAll(module.statements, fragment.statements);
  appendAll(module.envLookups, fragment.envLookups);
  appendAll(module.strings, fragment.strings);
  appendAll(module.suppressions, fragment.suppressions);
  appendAll(module.disables, fragment.disables);
  appendAll(module.statementSpans, fragment.statementSpans);
  module.syntaxErrors += fragment.syntaxErrors;
  module.classes.push(...fragment.classes);
  for (const name of fragment.calledNames) module.calledNames.add(name);
  for (const [name, value] of fragment.environSchemes) module.environSchemes.set(name, value);
}

/** A copy of cached data moved by `delta` lines: every numeric `line`, and `statementSpans` pairs (identity inside is preserved). */
function shifted<T extends object>(data: T, delta: number): T {
  const copies = new Map<object, unknown>();
  const shift = (value: unknown, key?: string): unknown => {
    if (value === null || typeof value !== "object") return value;
    const seen = copies.get(value);
    if (seen) return seen;
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      copies.set(value, copy);
      for (const item of value) copy.push(key === "statementSpans" ? (item as number[]).map((n) => n + delta) : shift(item));
      return copy;
    }
    const copy: Record<string, unknown> = {};
    copies.set(value, copy);
    for (const [k, item] of Object.entries(value)) copy[k] = k === "line" && typeof item === "number" ? item + delta : shift(item, k);
    return copy;
  };
  return shift(data) as T;
}

const MAX_VALUE_DEPTH = 64;

/** Nodes of a subtree, children before parents, without recursion (input may nest thousands deep). */
function postOrder(root: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [root];
  const tick = everyNth();
  while (stack.length > 0) {
    tick();
    const node = stack.pop()!;
    out.push(node);
    for (const child of node.children) if (child) stack.push(child);
  }
  return out.reverse();
}

/**
 * The calls and subscripts of a subtree without syntax errors (the root too), in postOrder's order. tree-sitter
 * gives them in document order; in a tree without errors their spans nest properly, so children before parents
 * and left before right is: by end, then the later start (the inner node) first.
 */
function callsAndSubscriptsPostOrder(root: Node): Node[] {
  const found = root.descendantsOfType(["call", "subscript"]).filter((node): node is Node => !!node);
  const spans = found.map((node) => ({ node, start: node.startIndex, end: node.endIndex }));
  spans.sort((a, b) => a.end - b.end || b.start - a.start);
  return spans.map((span) => span.node);
}

const BLOCK_STATEMENTS = new Set(["if_statement", "try_statement", "with_statement", "else_clause", "elif_clause", "except_clause", "finally_clause", "block"]);
const SIMPLE_STATEMENTS = new Set(["expression_statement", "import_statement", "import_from_statement"]);

/** The module-level simple statements a top-level node holds: itself, or those of an if/try/with block (run at import). */
function simpleStatementsOf(node: Node): Node[] {
  if (SIMPLE_STATEMENTS.has(node.type)) return [node];
  if (!BLOCK_STATEMENTS.has(node.type)) return [];
  return node.namedChildren.filter((child): child is Node => !!child).flatMap(simpleStatementsOf);
}

const LITERAL_CONDITIONS = new Set(["true", "false", "integer", "none"]);
const OPTIONAL_IMPORT_ERRORS = /^except\s*\(?\s*(?:ImportError|ModuleNotFoundError)\b/;

/** The guard a compound statement puts on the statements inside it (undefined: they always run). */
function guardOf(node: Node): Guard | undefined {
  switch (node.type) {
    case "if_statement": {
      const condition = node.childForFieldName("condition");
      return condition && LITERAL_CONDITIONS.has(condition.type) ? undefined : "condition";
    }
    case "for_statement":
    case "while_statement":
      return "loop";
    case "function_definition":
      return "function";
    case "with_statement":
      return "with";
    case "except_clause":
      return OPTIONAL_IMPORT_ERRORS.test(node.text) ? undefined : "except";
    default:
      return undefined;
  }
}

const GUARDED_BLOCKS = new Set([...BLOCK_STATEMENTS, "for_statement", "while_statement", "function_definition", "decorated_definition", "except_group_clause"]);

/**
 * The simple statements a top-level node holds, each with the guard it runs under: an `except` clause's guard
 * stays (an error path inside a loop is still an error path); otherwise the outermost guard is kept. Class bodies
 * are not entered (their attributes are a class's, see collectClass).
 */
function guardedStatementsOf(root: Node): Array<{ node: Node } & Guarded> {
  const out: Array<{ node: Node } & Guarded> = [];
  const stack: Array<{ node: Node } & Guarded> = [{ node: root }];
  const dispatcherClauses = new Set<number>();
  while (stack.length > 0) {
    const { node, guard, guardLine, branch } = stack.pop()!;
    if (SIMPLE_STATEMENTS.has(node.type)) {
      out.push({ node, guard, guardLine, branch });
      continue;
    }
    if (!GUARDED_BLOCKS.has(node.type)) continue;
    const dispatcher = isImportDispatcher(node);
    const own = dispatcher ? "condition" : dispatcherClauses.has(node.id) ? undefined : guardOf(node);
    const row = node.startPosition.row;
    const inner = guard === "except" || !own ? { guard, guardLine } : own === "except" || !guard ? { guard: own, guardLine: row } : { guard, guardLine };
    const children = node.namedChildren.filter((child): child is Node => !!child);
    if (dispatcher) for (const child of children) if (child.type === "except_clause") dispatcherClauses.add(child.id);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], ...inner, branch: branchOf(node, children[i], branch) });
  }
  return out;
}

function starImportsIn(block: Node | null | undefined): boolean {
  return (block?.namedChildren ?? []).some((child) => child?.type === "import_from_statement" && child.namedChildren.some((c) => c?.type === "wildcard_import"));
}

/**
 * `try: from .dev import *` / `except ImportError: from .prod import *`: which module is loaded depends on which file
 * is present where it runs (a Docker image that leaves `dev.py` out), so both imports are conditional — a
 * dispatcher like `if ENV == "dev": … else: …` — and neither is an error path.
 */
function isImportDispatcher(node: Node): boolean {
  if (node.type !== "try_statement" || !starImportsIn(node.childForFieldName("body"))) return false;
  return node.namedChildren.some((child) => child?.type === "except_clause" && starImportsIn(child.namedChildren.find((c) => c?.type === "block")));
}

/** The branch tests a child of an `if`/`elif`/`else` runs under: its parent's, plus the test that selects it. */
function branchOf(parent: Node, child: Node, outer: string[] | undefined): string[] | undefined {
  if (parent.type === "else_clause") return [...(outer ?? []), "else"];
  if ((parent.type !== "if_statement" && parent.type !== "elif_clause") || child.type !== "block") return outer;
  const condition = parent.childForFieldName("condition");
  return condition && !LITERAL_CONDITIONS.has(condition.type) ? [...(outer ?? []), condition.text] : outer;
}

function classDefinitionOf(node: Node): Node | undefined {
  if (node.type === "class_definition") return node;
  if (node.type === "decorated_definition") return classDefinitionOf(node.childForFieldName("definition") ?? node);
  return undefined;
}

/** The name a subscript assignment changes (`LOGGING` of `LOGGING["handlers"][name] = …`). */
function subscriptRoot(target: Node): Node | undefined {
  let node: Node | null = target;
  while (node?.type === "subscript") node = node.childForFieldName("value");
  return node !== target && node?.type === "identifier" ? node : undefined;
}

const ARITHMETIC_OPERATORS: ReadonlySet<string> = new Set(["+", "-", "*", "/", "//", "%", "**"]);

function pythonArithmetic(a: number, operator: string, b: number): number | undefined {
  switch (operator) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return b === 0 ? undefined : a / b;
    case "//":
      return b === 0 ? undefined : Math.floor(a / b);
    case "%":
      return b === 0 ? undefined : ((a % b) + b) % b;
    case "**":
      return a ** b;
    default:
      return undefined;
  }
}

class ModuleBuilder {
  private readonly lookupsByNode = new Map<number, EnvLookup>();
  private readonly lookupSpans: Array<[number, number]> = [];
  /** Nesting of toValue: deeper expressions are opaque (pathological input must not blow the stack). */
  private depth = 0;
  private readonly out: Fragment;

  constructor(
    private readonly file: string,
    private readonly bindings: Bindings,
  ) {
    this.out = {
      row: 0,
      statements: [],
      envLookups: [],
      strings: [],
      suppressions: [],
      disables: [],
      statementSpans: [],
      syntaxErrors: 0,
      calledNames: [],
      environSchemes: [],
      classes: [],
    };
  }

  fragment(node: Node): Fragment {
    this.out.row = node.startPosition.row;
    this.collectLookupsAndCalls(node);
    // A helper's own lookup reads a parameter, not a variable: its calls are the env lookups.
    if (definitionEffect(node)?.helper) this.out.envLookups = [];
    for (const { node: simple, ...guarded } of guardedStatementsOf(node)) this.collectStatement(simple, guarded);
    const definition = classDefinitionOf(node);
    if (definition) this.collectClass(definition);
    this.collectStringsAndComments(node);
    return this.out;
  }

  /** Post-order, so a lookup nested in another's arguments is known when the outer one is evaluated. */
  private collectLookupsAndCalls(root: Node): void {
    if (shortcutsEnabled() && !root.hasError) {
      // Without ERROR or MISSING nodes, only calls and subscripts matter: asked of tree-sitter in one call instead of
      // the type of every node, each through the wasm boundary.
      for (const node of callsAndSubscriptsPostOrder(root)) this.collectLookupOrCall(node);
      return;
    }
    for (const node of postOrder(root)) {
      if (node.type === "call" || node.type === "subscript") this.collectLookupOrCall(node);
      if (node.type === "ERROR" || node.isMissing) this.out.syntaxErrors++;
    }
  }

  private collectLookupOrCall(node: Node): void {
    const lookup = recogniseEnvLookup(node, this.bindings, this.file, (n) => this.toValue(n), rangeOf);
    if (lookup) {
      this.lookupsByNode.set(node.id, lookup);
      this.lookupSpans.push([node.startIndex, node.endIndex]);
      this.out.envLookups.push(lookup);
    }
    if (node.type === "call") this.recordCall(node);
  }

  private recordCall(call: Node): void {
    const callee = resolveDotted(call.childForFieldName("function"), this.bindings);
    if (!callee) return;
    this.out.calledNames.push(callee);
    if (callee === "environ.Env" || callee === "environ.FileAwareEnv") {
      for (const [name, value] of callShape(call).keywords) this.out.environSchemes.push([name, this.toValue(value)]);
    }
  }

  private collectStatement(node: Node, { guard, guardLine, branch }: Guarded, into: Statement[] = this.out.statements): void {
    const range = rangeOf(node);
    this.out.statementSpans.push([range.start.line, range.end.line]);
    const guarded: Guarded = guard ? { guard, guardLine, ...(guard === "condition" && branch ? { branch } : {}) } : {};
    const push = (statement: Statement) => into.push({ ...statement, ...guarded });
    if (node.type === "import_from_statement" && node.namedChildren.some((c) => c?.type === "wildcard_import")) {
      const moduleName = node.childForFieldName("module_name")?.text;
      if (moduleName) push({ kind: "starImport", module: moduleName, range });
      return;
    }
    const inner = node.type === "expression_statement" ? node.firstNamedChild : null;
    if (!inner) return;
    // In a function body a plain assignment binds a local name; only changes to module-level objects matter.
    if (inner.type === "assignment") this.collectAssignment(inner, range, push, guard === "function");
    else if (inner.type === "augmented_assignment" && guard !== "function") this.collectAugmented(inner, range, push);
    else if (inner.type === "call") this.collectMutation(inner, range, push);
  }

  private collectAssignment(assignment: Node, range: Range, push: (statement: Statement) => void, subscriptsOnly: boolean): void {
    for (const [target, right] of assignmentPairs(assignment)) {
      if (!right) continue;
      const resolved = assignmentTarget(target);
      if (resolved && (!subscriptsOnly || resolved.keys.length > 0)) {
        push({ kind: "assign", ...resolved, value: this.toValue(right), range });
        continue;
      }
      const changed = subscriptRoot(target);
      if (changed) push({ kind: "mutate", name: changed.text, method: "[]=", args: [this.toValue(right)], range });
    }
  }

  private collectAugmented(node: Node, range: Range, push: (statement: Statement) => void): void {
    const left = node.childForFieldName("left");
    const right = node.childForFieldName("right");
    const operator = node.childForFieldName("operator")?.text ?? "";
    if (left?.type !== "identifier" || !right) return;
    push({ kind: "augassign", name: left.text, operator, value: this.toValue(right), targetRange: rangeOf(left), range });
  }

  private collectMutation(call: Node, range: Range, push: (statement: Statement) => void): void {
    const fn = call.childForFieldName("function");
    const object = fn?.type === "attribute" ? fn.childForFieldName("object") : null;
    const method = fn?.childForFieldName("attribute")?.text;
    if (object?.type !== "identifier" || !method) {
      push({ kind: "call", value: this.toValue(call), range });
      return;
    }
    const args = callShape(call).positional.map((arg) => this.toValue(arg));
    push({ kind: "mutate", name: object.text, method, args, range });
  }

  private collectClass(node: Node): void {
    const name = node.childForFieldName("name")?.text;
    const body = node.childForFieldName("body");
    if (!name || !body) return;
    const bases = (node.childForFieldName("superclasses")?.namedChildren ?? [])
      .filter((base): base is Node => !!base && (base.type === "identifier" || base.type === "attribute"))
      .map((base) => base.text);
    const statements: Statement[] = [];
    for (const child of body.namedChildren) {
      if (child && SIMPLE_STATEMENTS.has(child.type)) this.collectStatement(child, {}, statements);
    }
    this.out.classes.push({ name, bases, statements, range: rangeOf(node) });
    // Rules that judge every literal where it stands (secrets) see class attributes as statements too.
    this.out.statements.push(...statements.map((statement) => ({ ...statement, guard: "class" as const, guardLine: node.startPosition.row })));
  }

  /**
   * `"RENDER" not in os.environ` as a value (`DEBUG = "RENDER" not in os.environ`): a bool lookup of whether the
   * variable is set, so its value when unset is known (True here: DJP304). Not a read of the variable's value.
   */
  private presenceTest(node: Node): EnvLookup | undefined {
    if (node.type !== "comparison_operator") return undefined;
    const operands = node.namedChildren.filter((child): child is Node => !!child);
    const operators = node.childrenForFieldName("operators").filter((op): op is Node => !!op);
    if (operands.length !== 2 || operators.length !== 1 || !["in", "not in"].includes(operators[0].type)) return undefined;
    if (resolveDotted(operands[1], this.bindings) !== "os.environ") return undefined;
    const variable = operands[0].type === "string" ? decodeStringNode(operands[0]) : undefined;
    if (!variable || variable.interpolated || variable.bytes) return undefined;
    const range = rangeOf(node);
    return { idiom: "os.environ.get", variable: variable.value, variableRange: rangeOf(operands[0]), conversion: { to: "bool", presence: { negate: operators[0].type === "not in" } }, file: this.file, range };
  }

  /**
   * `os.environ.get("DB_PASSWORD", "x") or None`: the string the lookup gives, the right side only when that string
   * is empty (an unset variable then takes the lookup's default when it is truthy; otherwise the value is unknown).
   * Only the standard library's lookups, whose value is the raw string: a typed lookup's `or` is not this.
   */
  private stringLookupOrElse(node: Node): EnvLookup | undefined {
    if (node.type !== "boolean_operator" || node.childForFieldName("operator")?.type !== "or") return undefined;
    const left = node.childForFieldName("left");
    const lookup = left ? this.lookupsByNode.get(left.id) : undefined;
    if (!lookup || lookup.conversion || (lookup.idiom !== "os.environ.get" && lookup.idiom !== "os.getenv")) return undefined;
    return { ...lookup, conversion: { to: "str", orElse: true } };
  }

  /** Evaluate an expression node into the model's Value. */
  toValue(node: Node): Value {
    if (this.depth >= MAX_VALUE_DEPTH) {
      return { kind: "other", node: node.type, containsEnv: this.containsLookup(node), file: this.file, range: rangeOf(node) };
    }
    this.depth++;
    try {
      return this.evaluate(node);
    } finally {
      this.depth--;
    }
  }

  private evaluate(node: Node): Value {
    const file = this.file;
    const range = rangeOf(node);
    const lookup = this.lookupsByNode.get(node.id);
    if (lookup) return { kind: "env", lookup, file, range };
    const presence = this.presenceTest(node);
    if (presence) return { kind: "env", lookup: presence, file, range };
    const orElse = this.stringLookupOrElse(node);
    if (orElse) return { kind: "env", lookup: orElse, file, range };
    const converted = conversionOf(node);
    const convertedLookup = converted && this.lookupsByNode.get(converted.source.id);
    if (convertedLookup) return { kind: "env", lookup: { ...convertedLookup, conversion: converted.conversion }, file, range };
    switch (node.type) {
      case "string":
      case "concatenated_string":
      case "binary_operator": {
        const literal = stringLiteralValue(node);
        if (literal) return { kind: "string", value: literal.value, bytes: literal.bytes, file, range };
        const operator = node.type === "binary_operator" ? node.childForFieldName("operator")?.text : undefined;
        const operated = operator ? this.operation(node, operator, range) : undefined;
        if (operated) return operated;
        break;
      }
      case "integer":
      case "float":
        return { kind: "number", value: parseNumber(node.text), file, range };
      case "true":
      case "false":
        return { kind: "bool", value: node.type === "true", file, range };
      case "none":
        return { kind: "none", file, range };
      case "unary_operator": {
        const operand = node.childForFieldName("argument");
        const inner = operand ? this.toValue(operand) : undefined;
        if (inner?.kind === "number") return { kind: "number", value: node.text.startsWith("-") ? -inner.value : inner.value, file, range };
        break;
      }
      case "parenthesized_expression": {
        const inner = node.namedChildren.find((child) => child && child.type !== "comment");
        if (inner) return { ...this.toValue(inner), range };
        break;
      }
      case "dictionary":
        return { kind: "dict", entries: this.dictEntries(node), file, range };
      case "list":
      case "tuple":
      case "set":
        return { kind: node.type, items: this.items(node), file, range };
      case "expression_list":
        // `X = "pw",`: a trailing comma makes a tuple.
        return { kind: "tuple", items: this.items(node), file, range };
      case "call":
        return this.callValue(node, range);
      case "identifier":
      case "attribute":
        return { kind: "name", name: resolveDotted(node, this.bindings) ?? node.text, file, range };
      case "list_splat": {
        const inner = node.namedChildren.find((child) => !!child);
        return { kind: "other", node: node.type, containsEnv: this.containsLookup(node), file, range, operator: "*", parts: inner ? [this.toValue(inner)] : [] };
      }
      default:
        break;
    }
    return { kind: "other", node: node.type, containsEnv: this.containsLookup(node), file, range };
  }

  /**
   * `20 * 60`, `2 ** 20`: arithmetic on numbers (Python's floor division and modulo) is a number. `["a"] + MIDDLEWARE +
   * ["b"]` and `"envs/%s.py" % ENV`: opaque to most rules, but their operands let deployed settings concatenate known
   * parts and follow include() patterns. Each operand is evaluated once (a chain of `+` nests them). Undefined: other
   * operators on other values.
   */
  private operation(node: Node, operator: string, range: Range): Value | undefined {
    if (operator !== "+" && operator !== "%" && !ARITHMETIC_OPERATORS.has(operator)) return undefined;
    const operands = [node.childForFieldName("left"), node.childForFieldName("right")].map((part) => (part ? this.toValue(part) : undefined));
    const [a, b] = operands;
    if (a?.kind === "number" && b?.kind === "number") {
      const result = pythonArithmetic(a.value, operator, b.value);
      if (result !== undefined && Number.isFinite(result)) return { kind: "number", value: result, file: this.file, range };
    }
    if (operator !== "+" && operator !== "%") return undefined;
    const parts = operands.flatMap((value) => {
      if (!value) return [];
      return operator === "+" && value.kind === "other" && value.operator === "+" && value.parts ? value.parts : [value];
    });
    return { kind: "other", node: node.type, containsEnv: this.containsLookup(node), file: this.file, range, operator, parts };
  }

  private dictEntries(node: Node) {
    const entries = [];
    for (const pair of node.namedChildren) {
      if (pair?.type !== "pair") continue;
      const key = pair.childForFieldName("key");
      const value = pair.childForFieldName("value");
      if (!key || !value) continue;
      entries.push({ key: this.toValue(key), value: this.toValue(value), keyRange: rangeOf(key), file: this.file });
    }
    return entries;
  }

  private items(node: Node): Value[] {
    return node.namedChildren.filter((child): child is Node => !!child && child.type !== "comment").map((child) => this.toValue(child));
  }

  private callValue(node: Node, range: Range): Value {
    const fn = node.childForFieldName("function");
    const callee = resolveDotted(fn, this.bindings) ?? fn?.text ?? "";
    const { positional, keywords } = callShape(node);
    const kwargs: KeywordArgument[] = [];
    for (const [name, valueNode] of keywords) {
      const nameNode = valueNode.parent?.childForFieldName("name");
      kwargs.push({ name, nameRange: nameNode ? rangeOf(nameNode) : rangeOf(valueNode), value: this.toValue(valueNode) });
    }
    return {
      kind: "call",
      callee,
      args: positional.map((arg) => this.toValue(arg)),
      kwargs,
      containsEnv: this.containsLookup(node),
      file: this.file,
      range,
    };
  }

  private containsLookup(node: Node): boolean {
    const start = node.startIndex;
    const end = node.endIndex;
    return this.lookupSpans.some(([s, e]) => start <= s && e <= end);
  }

  private collectStringsAndComments(root: Node): void {
    // By range, not a search per string: thousands of lookups with thousands of strings must stay linear.
    const ownerByDefault = new Map<string, EnvLookup>();
    for (const lookup of [...this.out.envLookups].reverse()) if (lookup.default) ownerByDefault.set(rangeKey(lookup.default.range), lookup);
    if (shortcutsEnabled() && !root.hasError) {
      this.collectStringsAndCommentsQueried(root, ownerByDefault);
      return;
    }
    const stack: Array<[Node, string | undefined]> = [[root, undefined]];
    const tick = everyNth();
    while (stack.length > 0) {
      tick();
      const [node, name] = stack.pop()!;
      if (node.type === "comment") {
        this.recordComment(node);
        continue;
      }
      const literal = LITERAL_TYPES.has(node.type) ? stringLiteralValue(node) : undefined;
      if (literal) {
        this.recordString(node, literal, name, ownerByDefault);
        continue;
      }
      const childName = contextName(node) ?? name;
      const children = node.children;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child) stack.push([child, childName]);
      }
    }
  }

  /**
   * The same walk's result from one tree-sitter query for the nodes it acts on (comments, possible literals, nodes
   * that name what they hold), in document order, which is the walk's order. Without syntax errors their spans nest
   * properly, so a stack of the open ones gives each node the name it is under and says whether a recorded
   * literal holds it (the walk does not enter one).
   */
  private collectStringsAndCommentsQueried(root: Node, ownerByDefault: Map<string, EnvLookup>): void {
    const open: Array<{ end: number; name: string | undefined; literal: boolean }> = [];
    for (const node of root.descendantsOfType(STRING_WALK_TYPES)) {
      if (!node) continue;
      const start = node.startIndex;
      while (open.length > 0 && open[open.length - 1].end <= start) open.pop();
      const parent = open.at(-1);
      if (parent?.literal) continue;
      const name = parent?.name;
      const type = node.type;
      if (type === "comment") {
        this.recordComment(node);
        continue;
      }
      const literal = LITERAL_TYPES.has(type) ? stringLiteralValue(node) : undefined;
      if (literal) this.recordString(node, literal, name, ownerByDefault);
      open.push({ end: node.endIndex, name: literal ? name : contextName(node) ?? name, literal: !!literal });
    }
  }

  private recordString(node: Node, literal: { value: string; bytes: boolean }, name: string | undefined, ownerByDefault: Map<string, EnvLookup>): void {
    this.out.strings.push({ value: literal.value, bytes: literal.bytes, range: rangeOf(node), name, defaultOf: ownerByDefault.get(rangeKey(rangeOf(node))) });
  }

  private recordComment(node: Node): void {
    // tree-sitter ends a comment at "\n", so before a CRLF it holds the "\r" that ends the line for LSP.
    const text = node.text.replace(/\r$/, "");
    const range = rangeOf(node);
    const parsed = parseSuppressionComment(text, { start: range.start, end: { line: range.start.line, column: range.start.column + text.length } });
    if (parsed?.kind === "line") this.out.suppressions.push(parsed.suppression);
    else if (parsed?.kind === "file") this.out.disables.push(parsed.disable);
  }
}

function rangeKey({ start, end }: Range): string {
  return `${start.line}:${start.column}-${end.line}:${end.column}`;
}

/** `A = B = v` and `A, B = x, y` as (target, value) pairs. */
function assignmentPairs(assignment: Node): Array<[Node, Node | null]> {
  const pairs: Array<[Node, Node | null]> = [];
  const targets: Node[] = [];
  let current: Node | null = assignment;
  while (current?.type === "assignment") {
    const left = current.childForFieldName("left");
    if (left) targets.push(left);
    current = current.childForFieldName("right");
  }
  for (const target of targets) {
    if ((target.type === "pattern_list" || target.type === "tuple_pattern") && (current?.type === "expression_list" || current?.type === "tuple")) {
      const names = target.namedChildren.filter((c): c is Node => !!c);
      const values = current.namedChildren.filter((c): c is Node => !!c);
      if (names.length === values.length) names.forEach((n, i) => pairs.push([n, values[i]]));
    } else pairs.push([target, current]);
  }
  return pairs;
}

function assignmentTarget(target: Node): { name: string; keys: string[]; targetRange: Range } | undefined {
  if (target.type === "identifier") return { name: target.text, keys: [], targetRange: rangeOf(target) };
  if (target.type !== "subscript") return undefined;
  const keys: string[] = [];
  let node: Node | null = target;
  let last: Node | null = null;
  while (node?.type === "subscript") {
    const key = node.childForFieldName("subscript");
    const literal = key && (key.type === "string" || key.type === "concatenated_string") ? stringLiteralValue(key) : undefined;
    if (!literal) return undefined;
    keys.unshift(literal.value);
    last ??= key;
    node = node.childForFieldName("value");
  }
  if (node?.type !== "identifier" || !last) return undefined;
  return { name: node.text, keys, targetRange: rangeOf(last) };
}

/** A string literal value per RULES.md: a literal, implicit or `+` concatenations of literals, an f-string without fields. */
export function stringLiteralValue(node: Node, depth = 0): { value: string; bytes: boolean } | undefined {
  if (depth > MAX_VALUE_DEPTH) return undefined;
  if (node.type === "string") {
    const decoded = decodeStringNode(node);
    return decoded && !decoded.interpolated ? decoded : undefined;
  }
  if (node.type === "parenthesized_expression") {
    const inner = node.namedChildren.find((c) => c && c.type !== "comment");
    return inner ? stringLiteralValue(inner, depth + 1) : undefined;
  }
  let parts: Node[] = [];
  if (node.type === "concatenated_string") parts = node.namedChildren.filter((c): c is Node => !!c && c.type !== "comment");
  else if (node.type === "binary_operator" && node.childForFieldName("operator")?.text === "+") {
    const left = node.childForFieldName("left");
    const right = node.childForFieldName("right");
    if (left && right) parts = [left, right];
  }
  if (parts.length === 0) return undefined;
  let value = "";
  let bytes = false;
  for (const part of parts) {
    const decoded = stringLiteralValue(part, depth + 1);
    if (!decoded) return undefined;
    value += decoded.value;
    bytes ||= decoded.bytes;
  }
  return { value, bytes };
}

const LITERAL_TYPES = new Set(["string", "concatenated_string", "binary_operator"]);
/** The nodes collectStringsAndComments acts on: comments, possible literals, and what contextName names. */
const STRING_WALK_TYPES = ["comment", ...LITERAL_TYPES, "assignment", "pair", "keyword_argument"];

function contextName(node: Node): string | undefined {
  if (node.type === "assignment") {
    const target = node.childForFieldName("left");
    return target ? assignmentTarget(target)?.keys.at(-1) ?? assignmentTarget(target)?.name : undefined;
  }
  if (node.type === "pair") {
    const key = node.childForFieldName("key");
    return key ? stringLiteralValue(key)?.value : undefined;
  }
  if (node.type === "keyword_argument") return node.childForFieldName("name")?.text;
  return undefined;
}

function importRecord(node: Node): ImportRecord {
  const range = rangeOf(node);
  if (node.type === "import_statement") {
    const names = node.namedChildren.filter((c): c is Node => !!c).map((c) => (c.childForFieldName("name") ?? c).text);
    return { module: names[0] ?? "", names, range };
  }
  const module = node.childForFieldName("module_name")?.text ?? "";
  const names = node.childrenForFieldName("name").filter((c): c is Node => !!c).map((c) => (c.childForFieldName("name") ?? c).text);
  const wildcard = node.namedChildren.some((c) => c?.type === "wildcard_import");
  return { module, names: wildcard ? ["*"] : names, range };
}

function importInsertLine(children: Node[]): number {
  let line = 0;
  for (const child of children) {
    if (child.type === "comment") continue;
    const isDocstring = child.type === "expression_statement" && child.firstNamedChild?.type === "string" && line === 0;
    const isFuture = child.type === "future_import_statement";
    if (!isDocstring && !isFuture) break;
    line = child.endPosition.row + 1;
  }
  return line;
}

function parseNumber(text: string): number {
  const clean = text.replace(/_/g, "").replace(/[jJlL]$/, "");
  if (/^0[xX]/.test(clean)) return parseInt(clean.slice(2), 16);
  if (/^0[oO]/.test(clean)) return parseInt(clean.slice(2), 8);
  if (/^0[bB]/.test(clean)) return parseInt(clean.slice(2), 2);
  return Number(clean);
}

export type { StringValue };
