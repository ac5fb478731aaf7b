// The hygiene of `.env` files (RULES.md 6xx): DJP601/DJP602 git status, DJP603 rejected statements,
// DJP604 duplicate keys, DJP605 DEBUG on in a production env file, DJP606 real credentials in templates.
import { shownKey } from "../dotenv/shownKey";
import type { DotenvEntry } from "../dotenv/parse";
import type { Fix, Range } from "../types";
import { projectEnvFiles, type EnvFile } from "../project/envFiles";
import { referencesVariable } from "../project/envReads";
import { gitState, isIgnoredByGitignoreFiles } from "../project/gitIgnore";
import { basename, dirname, relativeTo } from "../project/paths";
import { isCredentialName } from "../secrets/credentialName";
import { maskSecret } from "../secrets/mask";
import { isPlaceholder } from "../secrets/placeholder";
import { couldBeCredential } from "../secrets/notSecret";
import { findProviderTokens } from "../secrets/tokens";
import { findUrlPassword, urlContext } from "../secrets/urlPassword";
import { gitignoreFix, removeEarlierFix, replaceValueFix } from "./envFixes";
import type { RuleContext, RuleFinding, RuleModule } from "./rule";

function firstLineRange(text: string): Range {
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? "";
  return { start: { line: 0, column: 0 }, end: { line: 0, column: firstLine.length } };
}

function gitFindings(context: RuleContext, env: EnvFile): RuleFinding[] {
  if (env.template || env.development) return [];
  const state = gitState(context.access, env.file, context.project.root);
  if (state === "ignored") return [];
  const name = relativeTo(env.file, context.project.root);
  const fixes = [gitignoreFix(context.project, context.read, env.file)];
  const range = firstLineRange(env.text);
  if (state === "tracked") {
    // A tracked .env of COMPOSE_PROJECT_NAME and ports is normal: DJP602 needs a credential in it.
    const leaked = env.dotenv.entries.map((entry) => leakedCredential(entry)).find((found) => !!found);
    if (!leaked) return [];
    const listed = isIgnoredByGitignoreFiles(context.access, env.file, context.project.root);
    return [{
      rule: "DJP602",
      file: env.file,
      range,
      message: `${name} is tracked by git and holds ${leaked.what}, so it is in the repository's history: untrack it (git rm --cached ${name}), ${listed ? "which .gitignore then keeps out" : "add it to .gitignore"}, and rotate what it held.`,
      fixes: listed ? [] : fixes,
    }];
  }
  return [{
    rule: "DJP601",
    file: env.file,
    range,
    message: `${name} is neither tracked nor ignored by git: the next \`git add .\` commits it. Add it to .gitignore.`,
    fixes,
  }];
}

function parseErrorFindings(env: EnvFile): RuleFinding[] {
  return env.dotenv.errors.map((error) => ({
    rule: "DJP603" as const,
    file: env.file,
    range: error.range,
    message: `python-dotenv cannot parse this statement: it skips it with a warning (naming line ${error.reportedLine}), so the value is never set.`,
  }));
}

/** Whether a value between two definitions of `key` interpolates it, so removing the first would change that value. */
/** By index, not indexOf: a file of 80,000 repeated keys must stay linear. */
function interpolatedBetween(env: EnvFile, earlierIndex: number, laterIndex: number, key: string): boolean {
  return env.dotenv.entries
    .slice(earlierIndex + 1, laterIndex)
    .some((entry) => entry.value !== undefined && referencesVariable(entry.value, key));
}

function duplicateFindings(env: EnvFile): RuleFinding[] {
  const previous = new Map<string, number>();
  const out: RuleFinding[] = [];
  for (const [index, entry] of env.dotenv.entries.entries()) {
    const earlierIndex = previous.get(entry.key);
    previous.set(entry.key, index);
    const earlier = earlierIndex === undefined ? undefined : env.dotenv.entries[earlierIndex];
    if (earlierIndex === undefined || !earlier) continue;
    out.push({
      rule: "DJP604",
      file: env.file,
      range: entry.keyRange,
      message: `${shownKey(entry)} is already defined on line ${earlier.keyRange.start.line + 1}; this later definition wins.`,
      fixes: [removeEarlierFix(env.file, earlier, interpolatedBetween(env, earlierIndex, index, entry.key))],
    });
  }
  return out;
}

const PRODUCTION_WORDS = new Set(["prod", "production", "live"]);
const DEBUG_KEYS = ["DEBUG", "DJANGO_DEBUG"];
const TRUTHY = new Set(["1", "true", "yes", "on"]);

/** Its name or a folder between the project root and it has a word prod, production or live. */
function saysProduction(file: string, projectRoot: string): boolean {
  const folders = relativeTo(dirname(file), projectRoot);
  const words = [basename(file), ...(folders ? folders.split("/") : [])].flatMap((part) => part.toLowerCase().split(/[._\-\s]+/));
  return words.some((word) => PRODUCTION_WORDS.has(word));
}

/** The definition that wins: python-dotenv keeps the last. */
function lastDefinition(env: EnvFile, key: string): DotenvEntry | undefined {
  return env.dotenv.entries.filter((entry) => entry.key === key).at(-1);
}

function productionDebugFindings(context: RuleContext, env: EnvFile): RuleFinding[] {
  if (env.template || !saysProduction(env.file, context.project.root)) return [];
  return DEBUG_KEYS.flatMap((key) => {
    const entry = lastDefinition(env, key);
    if (!entry || !TRUTHY.has((entry.value ?? "").trim().toLowerCase())) return [];
    const fix = replaceValueFix(env.file, entry, "False", `Set ${key} to False`, true);
    return [{
      rule: "DJP605" as const,
      file: env.file,
      range: entry.keyRange,
      message: `${key} is on in ${relativeTo(env.file, context.project.root)}, a production env file: every error page would show tracebacks, settings and SQL to visitors.`,
      fixes: fix ? [fix] : [],
    }];
  });
}

interface LeakedCredential {
  what: string;
  /** Columns of the part to replace, when only part of an unquoted value is the secret (a URL's password). */
  part?: { start: number; end: number };
}

function decodedPassword(password: string): string {
  try {
    return decodeURIComponent(password);
  } catch {
    return password;
  }
}

/**
 * What makes a template's value a real credential, if anything. A development template (`.env.dev.example`,
 * `dev/.env.example`) holds throwaway values like the development env files it is copied to: only a real provider
 * token counts there (reading made on real projects, as DJP103 for dev/test settings modules).
 */
function leakedCredential(entry: DotenvEntry, development = false): LeakedCredential | undefined {
  const value = entry.value;
  if (value === undefined) return undefined;
  if (!development && isCredentialName(entry.key) && couldBeCredential(value, [entry.key])) return { what: `a value that is not a placeholder (${maskSecret(value)})` };
  const token = findProviderTokens(value, entry.key)[0];
  if (token) return { what: `a ${token.provider} token (${maskSecret(value.slice(token.start, token.end))})` };
  if (development) return undefined;
  const url = findUrlPassword(value);
  if (url && !isPlaceholder(decodedPassword(url.password), [entry.key, urlContext(value, url)])) {
    return { what: `a URL with a real-looking password (${maskSecret(url.password)})`, part: entry.quote === undefined ? url : undefined };
  }
  return undefined;
}

/** A placeholder in place of the secret: the URL's password only, else the whole value. */
function placeholderFix(file: string, entry: DotenvEntry, leaked: LeakedCredential): Fix | undefined {
  const start = entry.valueRange?.start;
  // The template may hold the only copy of a real value: offered in the editor, never applied unasked.
  if (!leaked.part || !start) return replaceValueFix(file, entry, "change-me", "Replace the value with a placeholder", false);
  const range = { start: { line: start.line, column: start.column + leaked.part.start }, end: { line: start.line, column: start.column + leaked.part.end } };
  return { title: "Replace the password with a placeholder", safe: false, preferred: true, edits: [{ file, edits: [{ range, newText: "change-me" }] }] };
}

function templateCredentialFindings(env: EnvFile): RuleFinding[] {
  if (!env.template) return [];
  return env.dotenv.entries.flatMap((entry) => {
    const leaked = leakedCredential(entry, env.development);
    if (!leaked) return [];
    const fix = placeholderFix(env.file, entry, leaked);
    return [{
      rule: "DJP606" as const,
      file: env.file,
      range: entry.keyRange,
      message: `${shownKey(entry)} in a template env file holds ${leaked.what}: templates are committed and copied around. Put a placeholder here, and rotate the value if it is real.`,
      fixes: fix ? [fix] : [],
    }];
  });
}

export const envFileRules: RuleModule = {
  ids: ["DJP601", "DJP602", "DJP603", "DJP604", "DJP605", "DJP606"],
  check: (context) =>
    projectEnvFiles(context.project, context.access).flatMap((env) => [
      ...gitFindings(context, env),
      ...parseErrorFindings(env),
      ...duplicateFindings(env),
      ...productionDebugFindings(context, env),
      ...templateCredentialFindings(env),
    ]),
};
