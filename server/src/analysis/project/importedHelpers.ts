// Project helpers a module gets from other project modules (RULES.md "Env lookup": a helper defined in a project
// module a settings module imports it from): `from .envutils import get_list`, and every helper of a module it
// star-imports (recursively). The module is rebuilt with those bindings so its calls become env lookups.
import type { FileAccess } from "../types";
import { buildPythonModule, type ModuleExports, type PythonModule } from "../python/module";
import { resolveStarImport } from "./model";
import { isInsideToolingFolder } from "./paths";

const MAX_DEPTH = 4;

/** Another module's imports and helpers: a whole PythonModule does, and so does the cheaper readModuleExports. */
type ImportedModule = Pick<ModuleExports, "file" | "imports" | "helpers">;
type BaseLoader = (file: string) => ImportedModule | undefined;

const pythonFilesByListing = new WeakMap<readonly string[], string[]>();

/** One list per listing, so that the module index built over it is built once (every module importing helpers asks). */
function pythonFilesOf(access: FileAccess): string[] {
  const listing = access.files();
  let files = pythonFilesByListing.get(listing);
  if (!files) pythonFilesByListing.set(listing, (files = listing.filter((file) => file.endsWith(".py") && !isInsideToolingFolder(file))));
  return files;
}

/** Helpers a module offers to importers: its own, and those it star-imports. */
function offeredHelpers(module: ImportedModule, files: readonly string[], load: BaseLoader, depth: number, seen: Set<string>): Map<string, string> {
  const offered = new Map<string, string>();
  if (depth > MAX_DEPTH || seen.has(module.file)) return offered;
  seen.add(module.file);
  for (const record of module.imports) {
    if (isLibraryImport(record.module)) continue;
    const target = resolveStarImport(record.module, module.file, files, "");
    const imported = target ? load(target) : undefined;
    if (!imported) continue;
    const star = record.names.includes("*");
    for (const [name, helper] of offeredHelpers(imported, files, load, depth + 1, seen)) if (star || record.names.includes(name)) offered.set(name, helper);
  }
  for (const [name, helper] of module.helpers) offered.set(name, helper);
  return offered;
}

/** Libraries settings import from that are never the project's own modules (no file look-up for them). */
const LIBRARIES = new Set([
  "os", "sys", "re", "json", "logging", "pathlib", "typing", "datetime", "socket", "warnings", "secrets", "uuid", "random", "ast",
  "django", "environ", "environs", "decouple", "dotenv", "dj_database_url", "sentry_sdk", "celery", "corsheaders", "storages",
  "rest_framework", "configurations", "split_settings", "kombu", "urllib", "importlib", "base64", "distutils", "ssl",
]);

const isLibraryImport = (written: string) => !written.startsWith(".") && LIBRARIES.has(written.split(".")[0]);

/** What `module` imports of other modules' helpers, keyed as buildPythonModule expects. */
export function importedHelpers(module: PythonModule, access: FileAccess, load: BaseLoader): Map<string, string> {
  const found = new Map<string, string>();
  const records = module.imports.filter((record) => !isLibraryImport(record.module));
  if (records.length === 0) return found;
  const files = pythonFilesOf(access);
  for (const record of records) {
    const target = resolveStarImport(record.module, module.file, files, "");
    const imported = target && target !== module.file ? load(target) : undefined;
    if (!imported) continue;
    const offered = offeredHelpers(imported, files, load, 0, new Set([module.file]));
    if (offered.size === 0) continue;
    if (record.names.includes("*")) {
      for (const [name, helper] of offered) if (!module.helpers.has(name)) found.set(name, helper);
    } else {
      for (const name of record.names) {
        const helper = offered.get(name);
        if (helper) found.set(`${record.module}.${name}`, helper);
      }
    }
  }
  return found;
}

const rebuilt = new WeakMap<PythonModule, { key: string; module: PythonModule }>();

/** `module` itself when it imports no helper; else the module rebuilt with the imported helpers bound. */
export function withImportedHelpers(module: PythonModule, access: FileAccess, load: BaseLoader): PythonModule {
  const helpers = importedHelpers(module, access, load);
  if (helpers.size === 0) return module;
  const key = JSON.stringify([...helpers]);
  const cached = rebuilt.get(module);
  if (cached?.key === key) return cached.module;
  const module2 = buildPythonModule(module.file, module.text, helpers);
  rebuilt.set(module, { key, module: module2 });
  return module2;
}
