// Env files against the settings that read them: DJP607 keys nothing reads, DJP108 required variables no
// env file defines, DJP109 a `.env` that nothing loads.
import { shownKey } from "../dotenv/shownKey";
import type { Fix } from "../types";
import type { EnvLookup } from "../python/values";
import { projectEnvFiles, type EnvFile } from "../project/envFiles";
import {
  hasUnlistableReads,
  isReadByTools,
  keysReadElsewhere,
  lookupVariable,
  settingsLookups,
  variablesReadBySettings,
} from "../project/envReads";
import { isDeployed, type DjangoProject } from "../project/model";
import { basename } from "../project/paths";
import { templateKeyFix } from "./envFixes";
import type { RuleContext, RuleFinding, RuleModule } from "./rule";
import { insertLoaderFix } from "../fixes/dotenvLoader";
import { envFileIsLoaded } from "../project/envLoading";

function unreadKeyFindings(context: RuleContext, envFiles: readonly EnvFile[]): RuleFinding[] {
  const { project } = context;
  if (project.settings.length === 0 || hasUnlistableReads(project)) return [];
  const read = variablesReadBySettings(project);
  const runtimeFiles = envFiles.filter((env) => !env.template);
  const candidates = new Set(
    runtimeFiles.flatMap((env) => env.dotenv.entries.map((entry) => entry.key)).filter((key) => !read.has(key) && !isReadByTools(key)),
  );
  if (candidates.size === 0) return [];
  const readElsewhere = keysReadElsewhere(project, context.access, envFiles, candidates);
  return runtimeFiles.flatMap((env) =>
    env.dotenv.entries
      .filter((entry) => candidates.has(entry.key) && !readElsewhere.has(entry.key))
      .map((entry) => ({
        rule: "DJP607" as const,
        file: env.file,
        range: entry.keyRange,
        message: `${shownKey(entry)} is not read by any settings module: no env lookup names it.`,
        unnecessary: true,
      })),
  );
}

/** Variables a django-environ scheme gives a default: `environ.Env(DEBUG=(bool, False))`. */
function schemeDefaults(project: DjangoProject): Set<string> {
  const names = new Set<string>();
  for (const module of project.settings) {
    for (const [name, scheme] of module.python.environSchemes) if (scheme.kind === "tuple" && scheme.items.length >= 2) names.add(name);
  }
  return names;
}

/** Lookups that raise when the variable is unset and has no default (`os.environ.get` and `os.getenv` return None;
 *  a project helper's behaviour is its own). */
const RAISING_IDIOMS = new Set(["os.environ", "environ", "environs", "decouple"]);

function isRequired(lookup: EnvLookup, withSchemeDefault: ReadonlySet<string>, variable: string): boolean {
  if (!RAISING_IDIOMS.has(lookup.idiom) || lookup.guarded) return false;
  return lookup.default === undefined && !(lookup.idiom === "environ" && withSchemeDefault.has(variable));
}

function undefinedVariableFindings(context: RuleContext, envFiles: readonly EnvFile[]): RuleFinding[] {
  if (envFiles.length === 0) return [];
  const defined = new Set(envFiles.flatMap((env) => env.dotenv.entries.map((entry) => entry.key)));
  const withSchemeDefault = schemeDefaults(context.project);
  return settingsLookups(context.project).flatMap((lookup) => {
    const variable = lookupVariable(lookup);
    if (variable === undefined || defined.has(variable) || !isRequired(lookup, withSchemeDefault, variable)) return [];
    const fix = templateKeyFix(context.project, envFiles, variable);
    return [{
      rule: "DJP108" as const,
      file: lookup.file,
      range: lookup.variableRange ?? lookup.range,
      message: `${variable} is required (read with no default, so the settings fail to load without it) but none of the project's env files defines it: add it to the template env file so a new setup knows to set it.`,
      fixes: fix ? [fix] : [],
    }];
  });
}

const optional = (fix: Fix | undefined): Fix[] | undefined => (fix ? [fix] : undefined);

function unloadedEnvFindings(context: RuleContext, envFiles: readonly EnvFile[]): RuleFinding[] {
  const { project, access } = context;
  if (!envFiles.some((env) => basename(env.file) === ".env")) return [];
  const reading = project.settings.filter((module) => module.python.envLookups.length > 0);
  const at = reading.find(isDeployed) ?? reading[0];
  if (!at || envFileIsLoaded(project, access)) return [];
  return [{
    rule: "DJP109",
    file: at.file,
    range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
    message: "The project has a .env file and its settings read environment variables, but nothing loads the file (no load_dotenv, read_env, python-decouple or compose env_file): its values never reach the settings.",
    fixes: optional(insertLoaderFix(context, at)),
  }];
}

export const envReferenceRules: RuleModule = {
  ids: ["DJP108", "DJP109", "DJP607"],
  check: (context) => {
    const envFiles = projectEnvFiles(context.project, context.access);
    return [...undefinedVariableFindings(context, envFiles), ...unloadedEnvFindings(context, envFiles), ...unreadKeyFindings(context, envFiles)];
  },
};
