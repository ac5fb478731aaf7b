// What a file is to a deployment (RULES.md "Settings reference", 5xx, 6xx): development files by the words of
// their name or a `.devcontainer/` folder, compose files by their content, Python tooling folders never entered.
import { basename } from "./paths";

const DEVELOPMENT_WORDS: ReadonlySet<string> = new Set(["dev", "develop", "development", "local", "override", "debug"]);

/** Lower-cased words of a file name, split on `.`, `-` and `_`: `docker-compose.local.yml` → docker, compose, local, yml. */
export function fileNameWords(path: string): string[] {
  return basename(path).toLowerCase().split(/[._-]+/).filter(Boolean);
}

/** A file for developers' machines, never for a deployment: a name word dev/develop/development/local/override/debug, or anything under `.devcontainer/`. */
export function isDevelopmentFile(path: string): boolean {
  return path.split("/").includes(".devcontainer") || fileNameWords(path).some((word) => DEVELOPMENT_WORDS.has(word));
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
