// Deployed settings that are unsafe when a deployment forgets a variable, or left at a development value
// (RULES.md 3xx/4xx): DJP304 DEBUG defaulting to true, DJP305 ALLOWED_HOSTS defaulting to "*", DJP330 CORS open to
// every origin, DJP406 a console/locmem/dummy/file EMAIL_BACKEND. Judged on deployed settings only, at the
// assignment that provides the value (a base line inherited by several production modules is reported once).
import type { Fix } from "../types";
import type { DeployedSetting, DeployedSettings } from "../project/deployed";
import { isTruthy, lookupDefault, type PyValue } from "../python/envDefault";
import { literalTruthiness, type EnvLookup, type Value } from "../python/values";
import { allowedHostsDropDefaultFix, corsOriginsFromEnvFix, emailBackendFromEnvFix, falseDefaultFix } from "../fixes/safeDefaults";
import type { RuleContext, RuleFinding, RuleModule } from "./rule";
import { projectSchemes } from "./envSchemes";

/** The project model's known/unknown read (issue 12): `value(name)` records an unknown read as "not judged". */
interface KnownValues {
  value?(name: string): { state: string; setting?: DeployedSetting };
}

/**
 * The one place these rules read a deployed setting: only a known value is judged. Uses the model's
 * `settings.value(name)` where it exists (once merged this is just that call), else the plain map.
 */
function deployedValue(settings: DeployedSettings, name: string): DeployedSetting | undefined {
  const known = settings as DeployedSettings & KnownValues;
  if (typeof known.value === "function") {
    const read = known.value(name);
    return read.state === "known" ? read.setting : undefined;
  }
  const setting = settings.get(name);
  return setting && !("unknown" in setting && setting.unknown) ? setting : undefined;
}

/** An env lookup's default once converted, when the setting is (a conversion of) one lookup. */
function envDefault(value: Value, schemes: ReadonlyMap<string, Value>): { lookup: EnvLookup; value: PyValue; literal: Value } | undefined {
  if (value.kind !== "env") return undefined;
  const found = lookupDefault(value.lookup, schemes);
  return found.kind === "value" ? { lookup: value.lookup, value: found.value, literal: found.literal } : undefined;
}

/** django-environ hands a string default over unparsed: DJP107 reports that, this rule does not repeat it. */
function isUnparsedEnvironString(lookup: EnvLookup, literal: Value): boolean {
  return lookup.idiom === "environ" && literal.kind === "string" && !lookup.conversion;
}

function variableOf(lookup: EnvLookup): string {
  return lookup.variable === undefined ? "an env variable" : `the env variable ${lookup.variable}`;
}

function debugDefaultFindings(context: RuleContext, schemes: ReadonlyMap<string, Value>): RuleFinding[] {
  return context.deployed.flatMap(({ module, settings }) => {
    const debug = deployedValue(settings, "DEBUG");
    const found = debug && envDefault(debug.value, schemes);
    if (!debug || !found || !isTruthy(found.value) || isUnparsedEnvironString(found.lookup, found.literal)) return [];
    // A presence test (`"X" not in os.environ`) has no default to edit.
    const fix = found.lookup.conversion?.presence ? undefined : falseDefaultFix(context, found.lookup, found.literal, schemes);
    return [{
      rule: "DJP304" as const,
      file: debug.value.file,
      range: debug.value.range,
      message: `DEBUG in the settings deployed by ${module.module} comes from ${variableOf(found.lookup)} with a default that turns DEBUG on: a deployment that forgets the variable shows tracebacks, settings and SQL to every visitor; make the default False.`,
      ...(fix ? { fixes: [fix] } : {}),
    }];
  });
}

function containsWildcard(value: PyValue): boolean {
  if (Array.isArray(value)) return value.some((item) => item.trim() === "*");
  return typeof value === "string" && value.split(/[\s,]+/).includes("*");
}

function allowedHostsDefaultFindings(context: RuleContext, schemes: ReadonlyMap<string, Value>): RuleFinding[] {
  return context.deployed.flatMap(({ module, settings }) => {
    const hosts = deployedValue(settings, "ALLOWED_HOSTS");
    const found = hosts && envDefault(hosts.value, schemes);
    if (!hosts || !found || !containsWildcard(found.value)) return [];
    const fix = allowedHostsDropDefaultFix(context, found.lookup);
    return [{
      rule: "DJP305" as const,
      file: hosts.value.file,
      range: hosts.value.range,
      message: `ALLOWED_HOSTS in the settings deployed by ${module.module} comes from ${variableOf(found.lookup)} with a default holding "*": a deployment that forgets the variable accepts any Host header (cache poisoning, password-reset links pointing at other hosts); drop the default so it fails closed.`,
      ...(fix ? { fixes: [fix] } : {}),
    }];
  });
}

const CORS_ALL = ["CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"];

/** true, false, or undefined when the value is neither a literal nor an env lookup with a known default. */
function truthiness(value: Value, schemes: ReadonlyMap<string, Value>): { truthy: boolean; fromEnv?: { lookup: EnvLookup; literal: Value } } | undefined {
  const literal = literalTruthiness(value);
  if (literal !== undefined) return { truthy: literal };
  const found = envDefault(value, schemes);
  return found ? { truthy: isTruthy(found.value), fromEnv: found } : undefined;
}

function corsFindings(context: RuleContext, schemes: ReadonlyMap<string, Value>): RuleFinding[] {
  return context.deployed.flatMap(({ module, settings }) => {
    const credentials = deployedValue(settings, "CORS_ALLOW_CREDENTIALS");
    const withCredentials = credentials ? truthiness(credentials.value, schemes)?.truthy === true : false;
    return CORS_ALL.flatMap((name) => {
      const setting = deployedValue(settings, name);
      const judged = setting && truthiness(setting.value, schemes);
      if (!setting || !judged?.truthy) return [];
      const how = judged.fromEnv ? `defaults to true through ${variableOf(judged.fromEnv.lookup)}` : "is true";
      const credentialsNote = withCredentials
        ? " CORS_ALLOW_CREDENTIALS is also true: any web site can make authenticated requests with a visitor's cookies and read the answers."
        : " Any web site can call the API from a visitor's browser and read the answers.";
      const fix = judged.fromEnv ? falseDefaultFix(context, judged.fromEnv.lookup, judged.fromEnv.literal, schemes) : corsOriginsFromEnvFix(context, name, setting.value);
      return [{
        rule: "DJP330" as const,
        file: setting.value.file,
        range: setting.value.range,
        message: `${name} ${how} in the settings deployed by ${module.module}, so django-cors-headers lets every origin in.${credentialsNote} List the allowed origins in CORS_ALLOWED_ORIGINS, read from the environment.`,
        ...(fix ? { fixes: [fix] } : {}),
      }];
    });
  });
}

const LOCAL_EMAIL_BACKENDS: Readonly<Record<string, string>> = {
  "django.core.mail.backends.console.EmailBackend": "prints every mail to the console",
  "django.core.mail.backends.locmem.EmailBackend": "keeps every mail in memory",
  "django.core.mail.backends.dummy.EmailBackend": "drops every mail",
  "django.core.mail.backends.filebased.EmailBackend": "writes every mail to a file on the server",
};

function emailBackendFindings(context: RuleContext): RuleFinding[] {
  return context.deployed.flatMap(({ module, settings }) => {
    const backend = deployedValue(settings, "EMAIL_BACKEND");
    const what = backend?.value.kind === "string" ? LOCAL_EMAIL_BACKENDS[backend.value.value] : undefined;
    // With DEBUG a truthy literal the module is still in its development state, and DJP301 says so first; the mail
    // backend is judged once DEBUG is off (the public conformance example blog-single reads it this way).
    const debug = deployedValue(settings, "DEBUG");
    if (!backend || !what || (debug && literalTruthiness(debug.value) === true)) return [];
    const fix: Fix | undefined = emailBackendFromEnvFix(context, backend.value);
    return [{
      rule: "DJP406" as const,
      file: backend.value.file,
      range: backend.value.range,
      message: `EMAIL_BACKEND in the settings deployed by ${module.module} ${what}: password-reset mails, notifications and the error mails of mail_admins never leave the server; read the backend from the environment, SMTP by default.`,
      ...(fix ? { fixes: [fix] } : {}),
    }];
  });
}

export const unsafeDefaultRules: RuleModule = {
  ids: ["DJP304", "DJP305", "DJP330", "DJP406"],
  check: (context) => {
    if (context.deployed.length === 0) return [];
    const schemes = projectSchemes(context);
    return [
      ...debugDefaultFindings(context, schemes),
      ...allowedHostsDefaultFindings(context, schemes),
      ...corsFindings(context, schemes),
      ...emailBackendFindings(context),
    ];
  },
};
