// DJP105 "Make <NAME> required": the literal default of a credential lookup is dropped
// (`os.environ.get("X", "lit")` → `os.environ.get("X")`, `env("X", default="lit")` → `env("X")`). With the rule's
// context the default's value is kept for local development: written to `.env` unless `.env` defines the variable.
import type { Node } from "web-tree-sitter";
import type { Fix, FileEdit, Range } from "../types";
import type { SettingsModuleInfo } from "../project/model";
import type { PythonModule } from "../python/module";
import { parsePython } from "../python/parse";
import type { EnvLookup } from "../python/values";
import type { RuleContext } from "../rules/rule";
import { defineInEnv } from "./envWrite";
import { detectIdiom } from "./idiom";
import { loaderEditsWhenUnloaded } from "./dotenvLoader";
import { sameRange } from "../ranges";

function nodeRange(node: Node): Range {
  return {
    start: { line: node.startPosition.row, column: node.startPosition.column },
    end: { line: node.endPosition.row, column: node.endPosition.column },
  };
}

/** From the end of the argument before the default to the default's end: `, default="lit"`. */
function defaultArgumentSpan(text: string, lookup: EnvLookup, defaultRange: Range): Range | undefined {
  // tree-sitter counts a lone CR as no line break while LSP does: positions would disagree.
  if (/\r(?!\n)/.test(text)) return undefined;
  const tree = parsePython(text);
  try {
    const point = (p: Range["start"]) => ({ row: p.line, column: p.column });
    const call = tree.rootNode.descendantForPosition(point(lookup.range.start), point(lookup.range.end));
    const args = (call?.type === "call" ? call.childForFieldName("arguments")?.namedChildren ?? [] : []).filter(
      (arg): arg is Node => !!arg && arg.type !== "comment",
    );
    const index = args.findIndex((arg) => {
      const value = arg.type === "keyword_argument" ? arg.childForFieldName("value") : arg;
      return !!value && sameRange(nodeRange(value), defaultRange);
    });
    const previous = index > 0 ? args[index - 1] : undefined;
    if (!previous) return undefined;
    return { start: nodeRange(previous).end, end: nodeRange(args[index]).end };
  } finally {
    tree.delete();
  }
}

function pythonOf(module: SettingsModuleInfo | PythonModule): PythonModule {
  return "python" in module ? module.python : module;
}

/**
 * The fix for DJP105. With `context` (and a string default) the value moves to `.env`, so the fix loses nothing and
 * is safe; without it only the default is dropped, offered as unsafe. Undefined when the lookup has no default
 * argument to drop, or its value cannot be written to `.env`.
 */
export function dropDefaultFix(module: SettingsModuleInfo | PythonModule, lookup: EnvLookup, context?: RuleContext): Fix | undefined {
  const python = pythonOf(module);
  if (!lookup.default) return undefined;
  const span = defaultArgumentSpan(python.text, lookup, lookup.default.range);
  if (!span) return undefined;
  const name = lookup.variable ?? "the variable";
  const edits: FileEdit[] = [{ file: python.file, edits: [{ range: span, newText: "" }] }];
  let keepsValue = false;
  const settings = context?.project.settings.find((s) => s.file === python.file);
  if (context && settings && lookup.variable !== undefined && lookup.default.kind === "string" && !lookup.default.bytes) {
    const target = { project: context.project, access: context.access, idiom: detectIdiom(context.project, settings) };
    const envEdits = defineInEnv(target, lookup.variable, lookup.default.value);
    if (!envEdits) return undefined;
    edits.push(...envEdits, ...loaderEditsWhenUnloaded(context, settings));
    keepsValue = true;
  }
  return { title: `Make ${name} required`, safe: keepsValue, preferred: true, edits };
}
