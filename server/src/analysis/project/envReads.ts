// Which environment variables a Django project reads: the env lookups of its settings modules (with
// django-environ's default variable names) and, for DJP607, every other reader we can see.
import type { EnvLookup } from "../python/values";
import type { FileAccess } from "../types";
import type { EnvFile } from "./envFiles";
import { isEnvFileName } from "./envFileNames";
import type { DjangoProject } from "./model";
import { basename, isInsideToolingFolder } from "./paths";

/** django-environ's `env.db()`, `env.cache()`, `env.email()`, `env.search_url()` read these when given no name. */
const ENVIRON_DEFAULT_VARIABLES: Readonly<Record<string, string>> = {
  db: "DATABASE_URL",
  db_url: "DATABASE_URL",
  cache: "CACHE_URL",
  cache_url: "CACHE_URL",
  email: "EMAIL_URL",
  email_url: "EMAIL_URL",
  search_url: "SEARCH_URL",
};

/** The variable a lookup reads; undefined when its name is computed. */
export function lookupVariable(lookup: EnvLookup): string | undefined {
  if (lookup.variable !== undefined) return lookup.variable;
  if (lookup.idiom !== "environ" || lookup.variableRange !== undefined || lookup.method === undefined) return undefined;
  return ENVIRON_DEFAULT_VARIABLES[lookup.method];
}

const lookupsOfProjects = new WeakMap<DjangoProject, readonly EnvLookup[]>();

/** Every env lookup of the project's settings modules (asked by several rules, per finding: gathered once). */
export function settingsLookups(project: DjangoProject): readonly EnvLookup[] {
  let lookups = lookupsOfProjects.get(project);
  if (!lookups) lookupsOfProjects.set(project, (lookups = project.settings.flatMap((module) => module.python.envLookups)));
  return lookups;
}

/** The variables the settings modules read by name (DJANGO_SETTINGS_MODULE always counts: Django reads it). */
export function variablesReadBySettings(project: DjangoProject): Set<string> {
  const names = settingsLookups(project).map(lookupVariable).filter((name): name is string => name !== undefined);
  if (project.settings.some((module) => module.python.calledNames.has("dj_database_url.config"))) names.push("DATABASE_URL");
  return new Set(["DJANGO_SETTINGS_MODULE", ...names]);
}

/** Variables that servers, SDKs and containers read from the environment themselves. */
const TOOL_VARIABLES = new Set([
  "PORT", "WEB_CONCURRENCY", "TZ", "LANG", "PATH", "HOME", "VIRTUAL_ENV", "DJANGO_COLORS", "DJANGO_ALLOW_ASYNC_UNSAFE",
  "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND",
]);
const TOOL_PREFIXES = [
  "PYTHON", "DJANGO_SUPERUSER_", "AWS_", "AZURE_", "GOOGLE_", "SENTRY_", "POSTGRES_", "PG", "MYSQL_", "MARIADB_",
  "GUNICORN_", "UVICORN_", "UWSGI_", "COMPOSE_", "DOCKER_", "NEW_RELIC_", "DD_", "OTEL_", "LC_", "PIP_", "UV_", "POETRY_",
];

export function isReadByTools(key: string): boolean {
  return TOOL_VARIABLES.has(key) || TOOL_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** Settings whose variable names we cannot list: computed names, django-environ's `prefix`, django-configurations, pydantic-settings. */
const IMPLICIT_READERS = /\b(?:configurations|pydantic_settings|BaseSettings)\b|\.prefix\s*=/;

export function hasUnlistableReads(project: DjangoProject): boolean {
  return (
    settingsLookups(project).some((lookup) => lookup.variableRange !== undefined && lookup.variable === undefined) ||
    project.settings.some((module) => IMPLICIT_READERS.test(module.python.text))
  );
}

/** Files outside the settings that may read or pass on a variable by name: code, scripts, container and CI files. */
const OTHER_READER = /(?:\.(?:py|sh|bash|toml|cfg|ini|ya?ml|conf|json)|^Dockerfile[^/]*|^Procfile[^/]*|^Makefile|^justfile)$/;

/**
 * The keys among `keys` that something else than a settings env lookup reads: a settings module's string
 * literal, a whole word in another code or deployment file, or a `$KEY`/`${KEY}` in an env file's value.
 */
export function keysReadElsewhere(project: DjangoProject, access: FileAccess, envFiles: readonly EnvFile[], keys: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const settingsFiles = new Set(project.settings.map((module) => module.file));
  for (const module of project.settings) for (const literal of module.python.strings) if (keys.has(literal.value)) found.add(literal.value);
  const interpolated = envFiles.map(interpolatedNames);
  for (const key of keys) if (interpolated.some((names) => names.has(key))) found.add(key);
  for (const file of project.files) {
    if (found.size === keys.size) break;
    if (settingsFiles.has(file) || isEnvFileName(file) || isInsideToolingFolder(file) || !OTHER_READER.test(basename(file))) continue;
    const text = access.read(file);
    if (text === undefined) continue;
    const pending = [...keys].filter((key) => !found.has(key));
    for (const key of wordsIn(text, pending.filter(isWord))) found.add(key);
    for (const key of pending) if (!isWord(key) && containsWord(text, key)) found.add(key);
  }
  return found;
}

const WORDS = /[A-Za-z0-9_]+/g;
const MAX_KEYS_IN_ONE_PATTERN = 64;

/**
 * The word keys that stand in the text as whole words. A few keys: one expression of them all, one pass over the
 * text (splitting every text into words allocates them all); many keys (an env file of thousands of lines): the
 * text's words once, each key looked up (testing every key against every text would be quadratic in the keys).
 */
function wordsIn(text: string, wordKeys: readonly string[]): string[] {
  if (wordKeys.length === 0) return [];
  if (wordKeys.length > MAX_KEYS_IN_ONE_PATTERN) {
    const words = new Set(text.match(WORDS));
    return wordKeys.filter((key) => words.has(key));
  }
  const pattern = new RegExp(`(?<![A-Za-z0-9_])(?:${wordKeys.join("|")})(?![A-Za-z0-9_])`, "g");
  return Array.from(text.matchAll(pattern), (match) => match[0]);
}
const WORD_ONLY = /^[A-Za-z0-9_]+$/;
const isWord = (key: string): boolean => WORD_ONLY.test(key);

/**
 * The keys an env file's values expand (referencesVariable's `$KEY`, `${KEY}`, `${KEY:-…}`), collected in one pass over
 * the values. A word key is found as the whole word after `$` or `${`; a key with other characters (rare) is tested
 * with referencesVariable against the values holding `$` and the key, so a file of 80,000 lines stays linear.
 */
function interpolatedNames(env: EnvFile): { has(key: string): boolean } {
  const names = new Set<string>();
  const values = env.dotenv.entries.flatMap((entry) => (entry.value?.includes("$") ? [entry.value] : []));
  for (const value of values) {
    for (const match of value.matchAll(/\$(\{)?([A-Za-z0-9_]+)(?=([\s\S]?))/g)) {
      const [, brace, name, next] = match;
      if (!brace || next === ":" || next === "}" || next === "-") names.add(name!);
    }
  }
  return {
    has: (key) => (isWord(key) ? names.has(key) : values.some((value) => value.includes(key) && referencesVariable(value, key))),
  };
}

/** Whether a value expands the variable: `${KEY}`, `${KEY:-default}` (python-dotenv) or `$KEY` (shells, compose). */
export function referencesVariable(value: string, key: string): boolean {
  const name = escapeRegExp(key);
  return new RegExp(`\\$(?:\\{${name}(?:[:}]|-)|${name}(?![A-Za-z0-9_]))`).test(value);
}

function containsWord(text: string, word: string): boolean {
  return new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(word)}(?![A-Za-z0-9_])`).test(text);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
