// DJP107 (RULES.md 1xx): a bool, int or list setting takes the raw string of an env lookup, so "False" is truthy and
// "a,b" is not a list. Judged in every settings module where the code stands.
import type { StatementGroup } from "../python/module";
import type { EnvLookup, Value } from "../python/values";
import { typedParseFix } from "../fixes/typedParse";
import type { RuleContext, RuleFinding, RuleModule } from "./rule";
import { describePath, settingValues, type SettingValueVisit } from "./settingValues";
import { projectSchemes } from "./envSchemes";

type SettingType = "bool" | "int" | "list";

const TYPED_SETTINGS: ReadonlyMap<string, SettingType> = new Map([
  ...["DEBUG", "USE_TZ", "EMAIL_USE_TLS", "EMAIL_USE_SSL"].map((name) => [name, "bool"] as const),
  ...["SECURE_SSL_REDIRECT", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_BROWSER_XSS_FILTER"].map(
    (name) => [name, "bool"] as const,
  ),
  ...["SECURE_HSTS_SECONDS", "EMAIL_PORT", "CONN_MAX_AGE", "SESSION_COOKIE_AGE"].map((name) => [name, "int"] as const),
  ...["ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "INTERNAL_IPS", "ADMINS"].map((name) => [name, "list"] as const),
]);

const COOKIE_FLAG = /_COOKIE_(?:SECURE|HTTPONLY)$/;

/** django-environ methods that parse the variable (a string default is returned as it is, not parsed). */
const ENVIRON_PARSING_METHODS = new Set(["bool", "int", "float", "list", "tuple", "dict", "json"]);

/** The type Django needs for the value this visit writes, when it is one of the settings DJP107 covers. */
function settingType(visit: SettingValueVisit): SettingType | undefined {
  if (visit.holder !== "statement" && visit.holder !== "entry") return undefined;
  const [setting, alias, key] = visit.path;
  if (visit.path.length === 3 && setting === "DATABASES" && alias !== undefined && key === "CONN_MAX_AGE") return "int";
  if (visit.holder !== "statement" || visit.path.length !== 1) return undefined;
  return TYPED_SETTINGS.get(visit.name) ?? (COOKIE_FLAG.test(visit.name) ? "bool" : undefined);
}

/** The callee's name of a cast: `bool`, `int`, `Csv` (for `Csv()`), `bool` for a django-environ scheme `(bool, False)`. */
function castName(cast: Value | undefined): string | undefined {
  if (!cast) return undefined;
  if (cast.kind === "name") return cast.name.split(".").at(-1);
  if (cast.kind === "call") return cast.callee.split(".").at(-1);
  if (cast.kind === "tuple" || cast.kind === "list") return castName(cast.items[0]);
  return "other";
}

const parses = (cast: Value | undefined): boolean => cast !== undefined && castName(cast) !== "str";

const isNonStringLiteral = (value: Value | undefined): boolean =>
  value !== undefined && ["bool", "number", "list", "tuple", "dict", "set"].includes(value.kind);

/** Whether a django-environ lookup hands over the raw string: no parsing method, cast or scheme, or a string default. */
function environGivesRawString(lookup: EnvLookup, schemes: ReadonlyMap<string, Value>): boolean {
  const stringDefault = lookup.default?.kind === "string";
  if (lookup.method === "str") return true;
  if (lookup.method) return ENVIRON_PARSING_METHODS.has(lookup.method) && stringDefault;
  const scheme = lookup.variable !== undefined ? schemes.get(lookup.variable) : undefined;
  if (parses(lookup.cast) || parses(scheme)) return stringDefault;
  // Without a cast, django-environ casts to the type of a non-None default.
  return !isNonStringLiteral(lookup.default);
}

/** The env lookup whose raw string `value` is, if it is one. */
function rawEnvString(value: Value, schemes: ReadonlyMap<string, Value>): EnvLookup | undefined {
  if (value.kind === "call" && (value.callee === "bool" || value.callee === "str") && value.args.length === 1 && value.kwargs.length === 0) {
    return rawEnvString(value.args[0], schemes);
  }
  if (value.kind !== "env") return undefined;
  const lookup = value.lookup;
  // A comparison, a split or a helper's conversion already parses the string.
  if (lookup.conversion && lookup.conversion.to !== "str") return undefined;
  switch (lookup.idiom) {
    case "environ":
      return environGivesRawString(lookup, schemes) ? lookup : undefined;
    case "environs":
      // environs parses with the method's field (the default too); env.str and env() hand over the string.
      return lookup.method === undefined || lookup.method === "str" ? lookup : undefined;
    case "helper":
      // What a helper does to the string beyond the conversions we read is its own: not judged.
      return undefined;
    case "decouple":
      // python-decouple never infers a cast from the default.
      return parses(lookup.cast) ? undefined : lookup;
    default:
      return lookup;
  }
}

const CONSEQUENCE: Record<SettingType, string> = {
  bool: `any non-empty string, "False" included, is truthy; parse it as a bool`,
  int: "Django gets a string where it needs a number; parse it as an int",
  list: `a string such as "a,b" is not a list; split it into a list`,
};

function message(visit: SettingValueVisit, type: SettingType, lookup: EnvLookup, wrapped: boolean): string {
  const source = lookup.variable ? `the env variable ${lookup.variable}` : "an env lookup";
  const how = wrapped && type === "bool" ? `bool() of the raw string of ${source}` : `the raw string of ${source}`;
  return `${describePath(visit.path)} takes ${how}, so ${CONSEQUENCE[type]} with the project's idiom.`;
}

interface TypedVisit {
  visit: SettingValueVisit;
  type: SettingType;
}

/** The visits of a statement group that write a typed setting: cached per group (identity-stable while unchanged). */
const typedVisitsOfGroup = new WeakMap<StatementGroup, TypedVisit[]>();

function typedVisits(group: StatementGroup): TypedVisit[] {
  let typed = typedVisitsOfGroup.get(group);
  if (!typed) {
    typed = [];
    for (const visit of settingValues(group)) {
      const type = settingType(visit);
      if (type && (visit.value.kind === "env" || visit.value.kind === "call")) typed.push({ visit, type });
    }
    typedVisitsOfGroup.set(group, typed);
  }
  return typed;
}

function envTypeFindings(context: RuleContext): RuleFinding[] {
  const schemes = projectSchemes(context);
  const out: RuleFinding[] = [];
  for (const module of context.project.settings) {
    for (const { visit, type } of module.python.groups.flatMap(typedVisits)) {
      const lookup = rawEnvString(visit.value, schemes);
      if (!lookup) continue;
      const wrapped = visit.value.kind === "call";
      const fix = typedParseFix(module, lookup, type, wrapped ? visit.value.range : lookup.range);
      out.push({ rule: "DJP107", file: module.file, range: visit.anchor, message: message(visit, type, lookup, wrapped), fixes: fix ? [fix] : undefined });
    }
  }
  return out;
}

export const envTypeRules: RuleModule = {
  ids: ["DJP107"],
  check: envTypeFindings,
};
