// DJP109 "insert a loader": load the project's .env at the top of the first settings module that runs, so the
// values the extract fixes move there reach the settings. python-dotenv (declared as a dependency when it is
// not), or django-environ's own reader in a django-environ project; variables already set in the environment win.
import type { FileEdit, Fix, TextEdit } from "../types";
import { envFileIsLoaded } from "../project/envLoading";
import type { PythonModule } from "../python/module";
import { declaresAny, mainDependencyFile } from "../project/dependencies";
import { projectDependencies } from "../rules/projectFacts";
import { starImportChain, type SettingsModuleInfo } from "../project/model";
import { dirname, isUnder, relativeTo } from "../project/paths";
import type { RuleContext } from "../rules/rule";
import { addRequirementEdit } from "./appServer";
import { envFilePath } from "./envFile";
import { detectIdiom, osName } from "./idiom";
import { lineBreakOf } from "./textPositions";

/** `os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".env")` from the module's folder to the .env. */
function envPathExpression(os: string, moduleFile: string, envFile: string): string | undefined {
  const moduleDir = dirname(moduleFile);
  const envDir = dirname(envFile);
  if (!isUnder(moduleDir, envDir)) return undefined;
  const ups = moduleDir === envDir ? 0 : relativeTo(moduleDir, envDir).split("/").length;
  const parts = [`${os}.path.dirname(${os}.path.abspath(__file__))`, ...Array<string>(ups).fill('".."'), '".env"'];
  return `${os}.path.join(${parts.join(", ")})`;
}

/** The first line after the module's last top-level import (the loader must run before any lookup). */
function afterImports(module: PythonModule): number {
  const ends = module.imports.filter((record) => record.range.start.column === 0).map((record) => record.range.end.line + 1);
  return Math.max(module.importInsertLine, ...ends);
}

/** The module whose code runs first among those reading variables: the deepest star-imported base that reads any. */
function firstRunningReader(context: RuleContext, module: SettingsModuleInfo): SettingsModuleInfo | undefined {
  return [...starImportChain(context.project, module)].reverse().find((settings) => settings.python.envLookups.length > 0);
}

export function insertLoaderFix(context: RuleContext, module: SettingsModuleInfo): Fix | undefined {
  const target = firstRunningReader(context, module) ?? module;
  const python = target.python;
  const os = osName(python) ?? "os";
  const path = envPathExpression(os, target.file, envFilePath(context.project));
  if (!path) return undefined;
  const environ = detectIdiom(context.project, target).kind === "environ";
  const eol = lineBreakOf(python.text);
  const imports = [osName(python) ? "" : "import os", environ && !python.bindings.has("environ") ? "import environ" : "", environ ? "" : "from dotenv import load_dotenv"].filter(Boolean);
  const call = environ ? `environ.Env.read_env(${path})` : `load_dotenv(${path})`;
  const at = { line: afterImports(python), column: 0 };
  const code = [...imports, "", "# Read the project's .env file; variables already set in the environment win.", call, ""].join(eol);
  const edits = [{ file: target.file, edits: [{ range: { start: at, end: at }, newText: `${code}${eol}` }] }];
  const requirement = environ ? undefined : dotenvRequirementEdit(context);
  if (requirement) edits.push(requirement);
  return {
    title: environ ? `Load ${relativeTo(envFilePath(context.project), context.project.root)} with environ.Env.read_env` : `Load ${relativeTo(envFilePath(context.project), context.project.root)} with python-dotenv`,
    safe: true,
    preferred: true,
    edits,
  };
}

function dotenvRequirementEdit(context: RuleContext): { file: string; edits: TextEdit[] } | undefined {
  const dependencies = projectDependencies(context);
  if (declaresAny(dependencies, ["python-dotenv"])) return undefined;
  const file = mainDependencyFile(dependencies);
  const text = file === undefined ? undefined : context.read(file);
  const edit = file !== undefined && text !== undefined ? addRequirementEdit(file, text, "python-dotenv") : undefined;
  return edit && file ? { file, edits: [edit] } : undefined;
}

/**
 * The loader's edits when nothing loads `.env` yet: a fix that moves a value to `.env` adds them in the same edit,
 * so the project still starts with the one fix applied. `movesOsImport`: the caller's own `import os` in `module`,
 * which the loader brings along when it goes to the same file.
 */
export function loaderEditsWhenUnloaded(context: RuleContext, module: SettingsModuleInfo): FileEdit[] {
  if (envFileIsLoaded(context.project, context.access)) return [];
  return insertLoaderFix(context, module)?.edits ?? [];
}

/** Drop a duplicate `import os` insertion from `edits` when the loader's code in the same file already imports os. */
export function withoutDuplicateOsImport(edits: FileEdit[], loader: readonly FileEdit[]): FileEdit[] {
  const loaderImportsOs = new Set(loader.filter((fe) => fe.edits.some((e) => /^import os$/m.test(e.newText))).map((fe) => fe.file));
  return edits.map((fe) =>
    loaderImportsOs.has(fe.file) ? { ...fe, edits: fe.edits.filter((e) => !/^import os\r?\n?$/.test(e.newText) || e.range.start.line !== e.range.end.line || e.range.start.column !== 0 || e.range.end.column !== 0) } : fe,
  );
}
