// Step 1 of the project model (RULES.md "Settings reference"): every place that names the module Django runs with
// (DJANGO_SETTINGS_MODULE) or the configuration class (DJANGO_CONFIGURATION), and what kind of place it is.
// Commented-out lines are never references.
import { unquotedCommentOffset } from "./deploymentFiles";
import { isEnvFileName } from "./envFileNames";
import { fileNameWords, isComposeFile, isDevelopmentCompose, isDevelopmentFile } from "./fileKinds";
import { basename, isInsideToolingFolder } from "./paths";

/**
 * manage: manage.py's default; wsgi: the default of a wsgi/asgi module (or one a server command names);
 * deployment: a Dockerfile, compose file, Procfile, entrypoint/start/run script, systemd unit or application-server
 * configuration (uwsgi, gunicorn) that is not a development file; test: a test-runner configuration; other: anything else (`.env`, Makefile, dev files, scripts).
 */
export type ReferenceKind = "manage" | "wsgi" | "deployment" | "test" | "other";

export interface SettingsReference {
  /** The file that names it (root-relative). */
  file: string;
  /** 0-based line of the mention. */
  line: number;
  /** Dotted module name, or the configuration class name. */
  name: string;
  variable: "DJANGO_SETTINGS_MODULE" | "DJANGO_CONFIGURATION";
  kind: ReferenceKind;
}

type Syntax = "python" | "shell" | "dockerfile" | "compose" | "config" | "dotenv";

interface Source {
  syntax: Syntax;
  kind: ReferenceKind;
}

const TEST_CONFIGS = new Set(["pytest.ini", "tox.ini", "setup.cfg", "pyproject.toml"]);
/**
 * The application server's own configuration (`uwsgi.ini` with `env = DJANGO_SETTINGS_MODULE=x`, `gunicorn.conf.py`
 * with `raw_env = ["DJANGO_SETTINGS_MODULE=x"]`): what the deployed server runs with. Reading of RULES.md "Settings
 * reference" (a module a server command names) made on real projects.
 */
const APP_SERVER_CONFIG = /^(?:uwsgi[^/]*\.(?:ini|ya?ml|xml)|gunicorn[^/]*\.(?:conf\.)?py|gunicorn\.conf)$/i;
const DEPLOYMENT_SCRIPT = /^(entrypoint|start|run|docker-entrypoint)[^/]*$/i;
const SHELL_SCRIPT = /\.(sh|bash)$/;

/** Whether `file` is a wsgi/asgi module: `wsgi.py`, `asgi.py`, or a module of a `wsgi/` or `asgi/` package. */
export function isServerModule(file: string): boolean {
  const name = basename(file);
  if (name === "wsgi.py" || name === "asgi.py") return true;
  const folder = file.split("/").at(-2);
  return name.endsWith(".py") && (folder === "wsgi" || folder === "asgi");
}

const TEST_WORDS: ReadonlySet<string> = new Set(["test", "tests", "testing", "ci"]);

/** A deployment-shaped file is development when its words say so, and a test file when they say test (`run_tests.sh`). */
function deploymentOr(file: string, syntax: Syntax): Source {
  if (isDevelopmentFile(file)) return { syntax, kind: "other" };
  return { syntax, kind: fileNameWords(file).some((word) => TEST_WORDS.has(word)) ? "test" : "deployment" };
}

/**
 * A CI pipeline's configuration: what it names runs the tests (a GitHub workflow's `env:`, a GitLab job's
 * `--settings`), so it is a test reference like a test-runner configuration (reading of RULES.md "Settings
 * reference": CI files are test-runner configurations).
 */
const CI_CONFIG = /(?:^|\/)(?:\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.circleci\/config\.ya?ml|\.travis\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|\.drone\.ya?ml|\.woodpecker(?:\.ya?ml|\/[^/]+\.ya?ml)|Jenkinsfile)$/;

/** A workflow named for deploying or releasing (`deploy.yml`, `cd.yml`) runs the deployed settings, not the tests. */
const DEPLOY_WORDS: ReadonlySet<string> = new Set(["deploy", "deployment", "release", "publish", "cd", "prod", "production", "staging"]);

export function isCiConfig(file: string): boolean {
  return CI_CONFIG.test(file);
}

/** What kind of reference a file can hold, by its name (compose files by their text); undefined: none. */
function sourceOf(file: string, text: () => string | undefined): Source | undefined {
  const name = basename(file);
  if (isCiConfig(file)) return { syntax: "compose", kind: fileNameWords(file).some((word) => DEPLOY_WORDS.has(word)) ? "other" : "test" };
  if (name === "manage.py") return { syntax: "python", kind: "manage" };
  if (APP_SERVER_CONFIG.test(name)) return deploymentOr(file, name.toLowerCase().endsWith(".ini") ? "config" : "shell");
  if (isServerModule(file)) return { syntax: "python", kind: "wsgi" };
  if (name.endsWith(".py")) return undefined;
  if (TEST_CONFIGS.has(name)) return { syntax: "config", kind: "test" };
  if (name.startsWith("Dockerfile") || name.endsWith(".dockerfile")) return deploymentOr(file, "dockerfile");
  if (name.startsWith("Procfile")) return deploymentOr(file, "shell");
  if (name.endsWith(".service")) return deploymentOr(file, "shell");
  if (DEPLOYMENT_SCRIPT.test(name) && (SHELL_SCRIPT.test(name) || !name.includes("."))) return deploymentOr(file, "shell");
  if (isEnvFileName(file)) return { syntax: "dotenv", kind: "other" };
  if (SHELL_SCRIPT.test(name) || name === "Makefile" || name.endsWith(".mk")) return { syntax: "shell", kind: "other" };
  if (/\.ini$/.test(name)) return { syntax: "config", kind: "other" };
  if (/\.ya?ml$/i.test(name)) {
    const content = text();
    if (content === undefined || !isComposeFile(file, content)) return undefined;
    return { syntax: "compose", kind: isDevelopmentCompose(file, content) ? "other" : "deployment" };
  }
  return undefined;
}

/** Files that may hold a reference, by name alone (cheap: asked of every file of the workspace). */
export function mayHoldReference(file: string): boolean {
  if (isInsideToolingFolder(file)) return false;
  return sourceOf(file, () => undefined) !== undefined || /\.ya?ml$/i.test(file);
}

const NAME = String.raw`([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)`;
const VARIABLES = ["DJANGO_SETTINGS_MODULE", "DJANGO_CONFIGURATION"] as const;
type Variable = (typeof VARIABLES)[number];

/** Per syntax: patterns whose first group is the name, per variable. */
function patterns(syntax: Syntax, variable: Variable): RegExp[] {
  const flag = variable === "DJANGO_SETTINGS_MODULE" ? "settings" : "configuration";
  const shell = [
    new RegExp(String.raw`\b${variable}=["']?${NAME}`, "g"),
    new RegExp(String.raw`\$\{${variable}:?-["']?${NAME}`, "g"),
    new RegExp(String.raw`--${flag}(?:=|\s+)["']?${NAME}`, "g"),
  ];
  switch (syntax) {
    case "python":
      return [new RegExp(String.raw`["']${variable}["']\s*(?:,|\]\s*=)\s*([^)\n]*)`, "g")];
    case "dockerfile":
      // Only what the image runs with: a `RUN DJANGO_SETTINGS_MODULE=x manage.py collectstatic` is a build step.
      return [new RegExp(String.raw`^[ \t]*(?:ENV|ARG)[ \t]+(?:(?:[^\n\\]|\\\r?\n|\\.)*?\s)?${variable}(?:=|\s+)["']?${NAME}`, "gim")];
    case "compose":
      return [new RegExp(String.raw`^[ \t]*-?[ \t]*["']?${variable}["']?\s*[:=]\s*["']?${NAME}`, "gm"), ...shell];
    case "config": {
      const ds = variable === "DJANGO_SETTINGS_MODULE" ? [new RegExp(String.raw`--ds(?:=|\s+)["']?${NAME}`, "g")] : [];
      return [new RegExp(String.raw`^[ \t]*["']?${variable}["']?[ \t]*[=:]\s*["']?${NAME}`, "gm"), ...ds, ...shell];
    }
    case "dotenv":
      return [new RegExp(String.raw`^[ \t]*(?:export[ \t]+)?${variable}[ \t]*=\s*["']?${NAME}`, "gm")];
    case "shell":
      return shell;
  }
}

const QUOTED_NAME = new RegExp(String.raw`["']${NAME}["']`, "g");

/** A line with its comment blanked out (same length, so offsets hold): `#` comments, and `;` in ini files. */
function withoutComments(text: string, syntax: Syntax): string {
  return text
    .split("\n")
    .map((line) => {
      const trimmed = line.trimStart();
      if (trimmed.startsWith("#") || (syntax === "config" && trimmed.startsWith(";"))) return " ".repeat(line.length);
      const comment = unquotedCommentOffset(line);
      return comment < 0 ? line : line.slice(0, comment) + " ".repeat(line.length - comment);
    })
    .join("\n");
}


function lineAt(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function findIn(file: string, text: string, source: Source): SettingsReference[] {
  const clean = withoutComments(text.replace(/\r\n?/g, "\n"), source.syntax);
  const found: SettingsReference[] = [];
  for (const variable of VARIABLES) {
    if (!clean.includes(variable) && !clean.includes(variable === "DJANGO_SETTINGS_MODULE" ? "--settings" : "--configuration") && !clean.includes("--ds")) continue;
    for (const pattern of patterns(source.syntax, variable)) {
      for (const match of clean.matchAll(pattern)) {
        const line = lineAt(clean, match.index ?? 0);
        // Python: every quoted name of the statement (`"a.prod" if X else "a.dev"` names both).
        const names = source.syntax === "python" ? [...match[1].matchAll(QUOTED_NAME)].map((m) => m[1]) : [match[1]];
        for (const name of names) {
          if (!found.some((r) => r.line === line && r.name === name && r.variable === variable)) found.push({ file, line, name, variable, kind: source.kind });
        }
      }
    }
  }
  return found;
}

/** The references a file holds. */
export function referencesIn(file: string, text: string): SettingsReference[] {
  const source = sourceOf(file, () => text);
  return source ? findIn(file, text, source) : [];
}

const SERVER_COMMAND = /\b(?:gunicorn|uvicorn|daphne|hypercorn|granian|uwsgi|waitress-serve)\b/;
const APP_TARGET = new RegExp(String.raw`(?:^|[\s"'=])${NAME}:[A-Za-z_]\w*`, "g");
const UWSGI_MODULE = new RegExp(String.raw`(?:--module[=\s]|^\s*module\s*=\s*)["']?${NAME}`, "gm");

/** Modules a server command names (`gunicorn shop.wsgi:application`, `uwsgi --module shop.wsgi`), in any text. */
export function serverModulesNamedIn(file: string, text: string): string[] {
  if (isInsideToolingFolder(file) || !SERVER_COMMAND.test(text) && !/\.ini$/.test(file)) return [];
  const clean = withoutComments(text.replace(/\r\n?/g, "\n"), "shell");
  const names = new Set<string>();
  for (const line of clean.split("\n")) {
    if (!SERVER_COMMAND.test(line) && !/^\s*module\s*=/.test(line)) continue;
    for (const match of line.matchAll(APP_TARGET)) names.add(match[1]);
    for (const match of line.matchAll(UWSGI_MODULE)) names.add(match[1]);
  }
  return [...names];
}

/** The reference a server-named module's own default makes: the same as a wsgi.py's. */
export function referencesOfServerModule(file: string, text: string): SettingsReference[] {
  return findIn(file, text, { syntax: "python", kind: "wsgi" });
}

/** How the report names a reference's place: "Dockerfile:12 (deployment)". */
export function describeReference(reference: SettingsReference): string {
  return `${reference.file}:${reference.line + 1}`;
}

