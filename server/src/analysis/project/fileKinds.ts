// What a file is to a deployment (RULES.md "Settings reference", 5xx, 6xx): development files by the words of
// their name or a `.devcontainer/` folder, compose files by their content, Python tooling folders never entered.
import { basename } from "./paths";

const DEVELOPMENT_WORDS: ReadonlySet<string> = new Set(["dev", "develop", "development", "local", "override", "debug"]);

/** Lower-cased words of a file name, split on `.`, `-` and `_`: `docker-compose.local.yml` → docker, compose, local, yml. */
export function fileNameWords(path: string): string[] {
  return basename(path).toLowerCase().split(/[._-]+/).filter(Boolean);
}

/**
 * A file for developers' machines, never for a deployment: a word of its name — or of a folder it lies in
 * (`compose/local/django/start`) — is dev/develop/development/local/override/debug, or it lies under `.devcontainer/`.
 * Reading: RULES.md names the file's own words; a folder named `local/` says the same of everything in it.
 */
export function isDevelopmentFile(path: string): boolean {
  return path.split("/").some((segment) => segment === ".devcontainer" || fileNameWords(segment).some((word) => DEVELOPMENT_WORDS.has(word)));
}

const TEST_WORDS: ReadonlySet<string> = new Set(["test", "tests", "testing", "ci"]);

/** An env file of throwaway values: a development file, or one whose own name says test (`.env.test`, `ci.env`). */
export function isDevelopmentEnvFile(path: string): boolean {
  return isDevelopmentFile(path) || fileNameWords(path).some((word) => TEST_WORDS.has(word));
}

// A block list's first item counts too (`env_file:` then `- conf/development.env` on the next line).
const COMPOSE_POINTERS = /(?:^|[\s{,-])(?:dockerfile|entrypoint|env_file|command)\s*:\s*(?:-\s+)?\[?\s*["']?([^\s"',\]}]+)/gim;
/** A volume that bind-mounts the source tree over the image's code (`- .:/code`, `- ./:/app`): live-reload development. */
const SOURCE_BIND_MOUNT = /^\s*-\s*["']?\.\.?\/?:\/[^\s"']*["']?\s*$/m;
const COMPOSE_SETTINGS = /DJANGO_SETTINGS_MODULE["']?\s*[:=]\s*["']?([\w.]+)/g;

/**
 * A compose file for development: its name (or folder) says so, or its services build a development Dockerfile,
 * run a development entrypoint or env file, name a settings module whose name says development (`settings.local`),
 * or bind-mount the source tree over the image's code (`- .:/code`).
 * Reading of RULES.md: a `docker-compose.yml` running `settings.local` with `runserver` is not a deployment.
 */
export function isDevelopmentCompose(path: string, text: string): boolean {
  if (isDevelopmentFile(path)) return true;
  const lines = text.split(/\r?\n/).filter((line) => !line.trimStart().startsWith("#")).join("\n");
  for (const match of lines.matchAll(COMPOSE_POINTERS)) if (isDevelopmentFile(match[1])) return true;
  if (SOURCE_BIND_MOUNT.test(lines)) return true;
  for (const match of lines.matchAll(COMPOSE_SETTINGS)) {
    const last = match[1].split(".").pop() ?? "";
    if (fileNameWords(last).some((word) => DEVELOPMENT_WORDS.has(word) || TEST_WORDS.has(word))) return true;
  }
  return false;
}

const YAML_NAME = /\.ya?ml$/i;
const COMPOSE_NAME = /^(?:docker-)?compose[^/]*\.ya?ml$/i;
const TOP_LEVEL_SERVICES = /^services\s*:/m;

/**
 * A compose file: any `*.yml`/`*.yaml` whose top level has `services:` (`production.yml`, `local.yml` too). Without
 * its text, the usual names (`docker-compose*.yml`, `compose*.yaml`) stand in.
 */
export function isComposeFile(path: string, text?: string): boolean {
  if (!YAML_NAME.test(path)) return false;
  if (text === undefined) return COMPOSE_NAME.test(basename(path));
  return TOP_LEVEL_SERVICES.test(text);
}
