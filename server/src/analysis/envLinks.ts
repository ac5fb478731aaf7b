// Links between env lookups and env files for the editor (hover, go-to-definition, completion, references).
// Pure functions over the project model; values are only ever shown masked.
import { isBareLine } from "./dotenv/shownKey";
import type { Config, FileAccess, Position, Range } from "./types";
import type { PythonModule } from "./python/module";
import { parsedModule } from "./engine";
import type { EnvLookup } from "./python/values";
import type { DotenvEntry } from "./dotenv/parse";
import { parseEnvText, projectEnvFiles, type EnvFile } from "./project/envFiles";
import { lookupVariable, settingsLookups } from "./project/envReads";
import { buildProjects, type DjangoProject } from "./project/model";
import { withImportedHelpers } from "./project/importedHelpers";
import { maskSecret } from "./secrets/mask";

export interface EnvDefinition {
  /** The env file (root-relative POSIX path). */
  file: string;
  /** The key's range in that file. */
  range: Range;
  /** The value masked (first characters then `••••`); "" for an empty value, undefined for a bare key. */
  maskedValue: string | undefined;
  template: boolean;
}

export interface EnvKeyCompletion {
  key: string;
  /** Where the key is defined (the first runtime env file that defines it, else the first template). */
  file: string;
  maskedValue: string | undefined;
}

export interface EnvReference {
  file: string;
  range: Range;
}

export interface EnvKey {
  file: string;
  key: string;
  range: Range;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}

/** Inclusive at both ends: a cursor right after the last character still counts. */
function contains(range: Range, position: Position): boolean {
  return !before(position, range.start) && !before(range.end, position);
}

function maskedValue(entry: DotenvEntry): string | undefined {
  if (entry.value === undefined) return undefined;
  return entry.value === "" ? "" : maskSecret(entry.value);
}

function definition(env: EnvFile, entry: DotenvEntry): EnvDefinition {
  return { file: env.file, range: entry.keyRange, maskedValue: maskedValue(entry), template: env.template };
}

/** The env lookup whose variable string holds the position. */
export function envLookupAt(module: PythonModule, position: Position): EnvLookup | undefined {
  return module.envLookups.find((lookup) => lookup.variableRange !== undefined && contains(lookup.variableRange, position));
}

/** Every definition of a variable in the project's env files, runtime files before templates. */
export function envDefinitions(project: DjangoProject, access: FileAccess, variable: string): EnvDefinition[] {
  const definitions = projectEnvFiles(project, access).flatMap((env) =>
    env.dotenv.entries.filter((entry) => entry.key === variable).map((entry) => definition(env, entry)),
  );
  return [...definitions.filter((d) => !d.template), ...definitions.filter((d) => d.template)];
}

/** Each key defined in the project's env files once, in key order. */
export function envKeyCompletions(project: DjangoProject, access: FileAccess): EnvKeyCompletion[] {
  const byKey = new Map<string, EnvDefinition>();
  const envFiles = projectEnvFiles(project, access);
  const ordered = [...envFiles.filter((env) => !env.template), ...envFiles.filter((env) => env.template)];
  for (const env of ordered) {
    for (const entry of env.dotenv.entries) if (!isBareLine(entry) && !byKey.has(entry.key)) byKey.set(entry.key, definition(env, entry));
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, found]) => ({ key, file: found.file, maskedValue: found.maskedValue }));
}

/** The env lookups of the project's settings modules that read `key`, at their variable string. */
export function envReferences(project: DjangoProject, key: string): EnvReference[] {
  return settingsLookups(project)
    .filter((lookup) => lookupVariable(lookup) === key)
    .map((lookup) => ({ file: lookup.file, range: lookup.variableRange ?? lookup.range }));
}

/** The key under the cursor in an env file's text. */
export function envKeyAt(file: string, text: string, position: Position): EnvKey | undefined {
  const entry = parseEnvText(file, text).entries.find((candidate) => !isBareLine(candidate) && contains(candidate.keyRange, position));
  return entry ? { file, key: entry.key, range: entry.keyRange } : undefined;
}

/** The Django project holding a file, its settings modules parsed from the access' current texts. */
export function projectOfFile(access: FileAccess, config: Config, file: string): DjangoProject | undefined {
  const own = (path: string) => {
    const text = access.read(path);
    return text === undefined ? undefined : parsedModule(path, text);
  };
  // Hover, definition and completion follow a project helper imported from another module too.
  const load = (path: string) => {
    const module = own(path);
    return module && withImportedHelpers(module, access, own);
  };
  return buildProjects(access, config, load).find((project) => project.files.includes(file));
}
