// Whether something loads the project's `.env` (DJP109, and the fixes that move values there): python-dotenv,
// django-dotenv, django-environ's reader or python-decouple in Python code, or compose, pipenv, `--env-file`.
import type { FileAccess } from "../types";
import { projectComposeRefs } from "./envFiles";
import { settingsLookups } from "./envReads";
import type { DjangoProject } from "./model";
import { basename, isInsideToolingFolder, joinPath } from "./paths";

const LOADER_CALL = /\b(?:load_dotenv|read_dotenv|read_env|dotenv_values)\s*\(/;
const DECOUPLE_IMPORT = /^\s*(?:from|import)\s+decouple\b/m;
const DEPLOYMENT_FILE = /(?:^Dockerfile[^/]*|^Procfile[^/]*|^Makefile|\.sh)$/;

/** python-dotenv, django-dotenv, django-environ or python-decouple reading the file from Python code. */
function pythonLoadsEnv(project: DjangoProject, access: FileAccess): boolean {
  if (settingsLookups(project).some((lookup) => lookup.idiom === "decouple")) return true;
  return project.files.some((file) => {
    if (!file.endsWith(".py") || isInsideToolingFolder(file)) return false;
    const text = access.read(file) ?? "";
    // Plain substring tests first: the expressions are slow over thousands of files that name neither.
    const callsLoader = (text.includes("dotenv") || text.includes("read_env")) && LOADER_CALL.test(text);
    return callsLoader || (text.includes("decouple") && DECOUPLE_IMPORT.test(text));
  });
}

/** A compose `env_file:`, pipenv (it loads `.env` itself) or a `--env-file` option in a deployment file. */
function toolingLoadsEnv(project: DjangoProject, access: FileAccess): boolean {
  if (projectComposeRefs(project, access).length > 0) return true;
  if (project.files.includes(joinPath(project.root, "Pipfile"))) return true;
  return project.files.some((file) => DEPLOYMENT_FILE.test(basename(file)) && !isInsideToolingFolder(file) && (access.read(file) ?? "").includes("--env-file"));
}

const answers = new WeakMap<DjangoProject, boolean>();

/** Asked once per finding that could move a value to `.env`: kept per project (each analysis builds its own). */
export function envFileIsLoaded(project: DjangoProject, access: FileAccess): boolean {
  let answer = answers.get(project);
  if (answer === undefined) answers.set(project, (answer = pythonLoadsEnv(project, access) || toolingLoadsEnv(project, access)));
  return answer;
}
