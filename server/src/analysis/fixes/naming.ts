// Env variable names (DESIGN.md "Names"): a module-level setting keeps its name; DATABASES entries become DB_…
// (DB_<ALIAS>_… for aliases other than "default"); other dict entries join the setting and the keys; a prefix the
// project uses consistently is followed; a key holding a different value is never reused.
import type { DjangoProject } from "../project/model";

/** Upper-case, with every run of characters outside [A-Z0-9] turned into one underscore. */
export function envName(words: readonly string[]): string {
  const joined = words
    .map((word) => word.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, ""))
    .filter(Boolean)
    .join("_");
  const name = joined || "VALUE";
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** The name a value gets before prefixes and collisions: `SECRET_KEY`, `DB_PASSWORD`, `CACHES_DEFAULT_LOCATION`. */
export function baseEnvName(setting: string, keys: readonly string[]): string {
  if (setting === "DATABASES" && keys.length > 0) {
    const [alias, ...rest] = keys;
    return envName(["DB", ...(alias === "default" ? [] : [alias]), ...rest]);
  }
  return envName([setting, ...keys]);
}

/**
 * The prefix (`DJANGO_`) every module-level setting read from the environment carries, when at least two do
 * and all agree: `SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]`, `DEBUG = env.bool("DJANGO_DEBUG")`.
 */
export function consistentPrefix(project: DjangoProject): string {
  const prefixes: string[] = [];
  for (const { python } of project.settings) {
    for (const statement of python.statements) {
      if (statement.kind !== "assign" || statement.keys.length > 0 || statement.value.kind !== "env") continue;
      const variable = statement.value.lookup.variable;
      if (variable === undefined) continue;
      const prefix = variable.endsWith(statement.name) ? variable.slice(0, variable.length - statement.name.length) : undefined;
      if (prefix === undefined || (prefix !== "" && !prefix.endsWith("_"))) return "";
      prefixes.push(prefix);
    }
  }
  const first = prefixes[0] ?? "";
  return prefixes.length >= 2 && prefixes.every((p) => p === first) ? first : "";
}

export function withPrefix(name: string, prefix: string): string {
  return prefix && !name.startsWith(prefix) ? `${prefix}${name}` : name;
}

/** Every variable the project's settings modules read. */
export function variablesRead(project: DjangoProject): Set<string> {
  const names = new Set<string>();
  for (const { python } of project.settings) for (const lookup of python.envLookups) if (lookup.variable) names.add(lookup.variable);
  return names;
}

export interface NameChoice {
  name: string;
  /** The env file already holds the value under this name: nothing to write. */
  reused: boolean;
}

export interface NamingFacts {
  /** Keys of the project's `.env` with their values (the last definition wins, as python-dotenv reads). */
  envValues: ReadonlyMap<string, string | undefined>;
  /** Variables the settings read; one not in `.env` may hold anything in production, so it is not taken over. */
  read: ReadonlySet<string>;
}

/**
 * `base`, then `base_2`, `base_3`…: the first whose `.env` value means the same as the value (reused), or that is
 * free — neither in `.env` nor read by the settings.
 */
export function chooseName(base: string, facts: NamingFacts, sameValue: (existing: string) => boolean): NameChoice {
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}_${n}`;
    if (facts.envValues.has(name)) {
      const existing = facts.envValues.get(name);
      if (existing !== undefined && sameValue(existing)) return { name, reused: true };
      continue;
    }
    if (!facts.read.has(name)) return { name, reused: false };
  }
}
