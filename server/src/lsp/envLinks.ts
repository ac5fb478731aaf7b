// Env links in the editor (hover, definition, completion, references) over the core's envLinks, computed in the
// analysis worker. Values reach the client masked only: the core hands out nothing else.
import {
  type CompletionItem,
  CompletionItemKind,
  type Hover,
  type Location,
  MarkupKind,
  type Position as LspPosition,
  type Range as LspRange,
} from "vscode-languageserver/node";
import {
  type EnvDefinition,
  envDefinitions,
  envKeyAt,
  envKeyCompletions,
  envLookupAt,
  envReferences,
  projectOfFile,
} from "../analysis/envLinks";
import { projectEnvFiles } from "../analysis/project/envFiles";
import type { DjangoProject } from "../analysis/project/model";
import type { EnvLookup } from "../analysis/python/values";
import type { Config, FileAccess, Position, Range } from "../analysis/types";

/** What the features need of a root (an AnalysisRoot, or the analysis worker's view of one). */
export interface FeatureRoot {
  access: FileAccess;
  config: Config;
  /** The URI of a root-relative file (the open document's own URI when there is one). */
  uriOf(path: string): string;
}

/** A position in a file of a root, as the core counts it. */
export interface RootPosition {
  root: FeatureRoot;
  path: string;
  position: LspPosition;
}

function toCorePosition(position: LspPosition): Position {
  return { line: position.line, column: position.character };
}

function toLspRange(range: Range): LspRange {
  return {
    start: { line: range.start.line, character: range.start.column },
    end: { line: range.end.line, character: range.end.column },
  };
}

function location(root: FeatureRoot, file: string, range: Range): Location {
  return { uri: root.uriOf(file), range: toLspRange(range) };
}

interface LookupContext {
  project: DjangoProject;
  lookup: EnvLookup & { variable: string; variableRange: Range };
}

/** The env lookup of a settings module whose variable string holds the position. */
function lookupAt({ root, path, position }: RootPosition): LookupContext | undefined {
  if (!path.endsWith(".py")) return undefined;
  const project = projectOfFile(root.access, root.config, path);
  const module = project?.settings.find((settings) => settings.file === path)?.python;
  const lookup = module && envLookupAt(module, toCorePosition(position));
  if (!project || lookup?.variable === undefined || !lookup.variableRange) return undefined;
  return { project, lookup: lookup as LookupContext["lookup"] };
}

/** Inline code that survives any backticks in the text. */
function inlineCode(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function describeValue(maskedValue: string | undefined): string {
  if (maskedValue === undefined) return "no value";
  return maskedValue === "" ? "empty" : inlineCode(maskedValue);
}

function definitionLine(root: FeatureRoot, definition: EnvDefinition): string {
  const line = definition.range.start.line + 1;
  const where = `[${definition.file}:${line}](${root.uriOf(definition.file)}#L${line})`;
  const template = definition.template ? " (template)" : "";
  return `- ${where}${template}: ${describeValue(definition.maskedValue)}`;
}

export function envHover(at: RootPosition): Hover | null {
  const context = lookupAt(at);
  if (!context) return null;
  const { project, lookup } = context;
  const definitions = envDefinitions(project, at.root.access, lookup.variable);
  const name = inlineCode(lookup.variable);
  const value = definitions.length
    ? [`${name} is defined in:`, ...definitions.map((definition) => definitionLine(at.root, definition))].join("\n")
    : `${name} is not defined in any env file of this project.`;
  return { contents: { kind: MarkupKind.Markdown, value }, range: toLspRange(lookup.variableRange) };
}

export function envDefinition(at: RootPosition): Location[] | null {
  const context = lookupAt(at);
  if (!context) return null;
  const definitions = envDefinitions(context.project, at.root.access, context.lookup.variable);
  return definitions.map((definition) => location(at.root, definition.file, definition.range));
}

const STRING_OPENING = /^[rRbBuUfF]*("""|'''|"|')/;

/** The characters between a one-line string literal's quotes (the closing quote may not be typed yet). */
function stringContentRange(text: string, literal: Range): Range | undefined {
  if (literal.start.line !== literal.end.line) return undefined;
  const line = text.split(/\r\n|\r|\n/)[literal.start.line] ?? "";
  const source = line.slice(literal.start.column, literal.end.column);
  const opening = STRING_OPENING.exec(source);
  if (!opening) return undefined;
  const quote = opening[1]!;
  const start = literal.start.column + opening[0].length;
  const closed = source.length >= opening[0].length + quote.length && source.endsWith(quote);
  const end = closed ? literal.end.column - quote.length : literal.end.column;
  return { start: { line: literal.start.line, column: start }, end: { line: literal.start.line, column: end } };
}

function inside(range: Range, position: LspPosition): boolean {
  return position.line === range.start.line && range.start.column <= position.character && position.character <= range.end.column;
}

export function envCompletion(at: RootPosition, text: string): CompletionItem[] | null {
  const context = lookupAt(at);
  const content = context && stringContentRange(text, context.lookup.variableRange);
  if (!context || !content || !inside(content, at.position)) return null;
  return envKeyCompletions(context.project, at.root.access).map((completion) => ({
    label: completion.key,
    kind: CompletionItemKind.Variable,
    detail: `${completion.maskedValue === undefined ? "no value" : completion.maskedValue || "empty"} (${completion.file})`,
    textEdit: { range: toLspRange(content), newText: completion.key },
  }));
}

/** From a key in an env file: the settings lookups reading it, and with the declaration every line defining it. */
export function envKeyReferences(at: RootPosition, text: string, includeDeclaration: boolean): Location[] | null {
  const project = projectOfFile(at.root.access, at.root.config, at.path);
  if (!project || !projectEnvFiles(project, at.root.access).some((env) => env.file === at.path)) return null;
  const key = envKeyAt(at.path, text, toCorePosition(at.position));
  if (!key) return null;
  const lookups = envReferences(project, key.key).map((reference) => location(at.root, reference.file, reference.range));
  if (!includeDeclaration) return lookups;
  const definitions = envDefinitions(project, at.root.access, key.key).map((d) => location(at.root, d.file, d.range));
  return [...definitions, ...lookups];
}
