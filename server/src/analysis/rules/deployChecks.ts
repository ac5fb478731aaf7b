// Django's `check --deploy` made static (RULES.md DJP310–DJP322), condition for condition as Django 5.2's
// django/core/checks/security/{base,csrf,sessions}.py, on deployed settings with Django's defaults for absent ones.
// A check whose inputs cannot be judged (env lookups, names, calls) is skipped, never guessed.
import type { Range, RuleId } from "../types";
import type { Value } from "../python/values";
import type { DeployedModule, RuleContext, RuleFinding, RuleModule } from "./rule";
import {
  containsText,
  equalsText,
  isTrue,
  settingValue,
  silencedChecks,
  truthiness,
  type DeploySettingName,
} from "./deploySettings";

const SECURITY_MIDDLEWARE = "django.middleware.security.SecurityMiddleware";
const XFRAME_MIDDLEWARE = "django.middleware.clickjacking.XFrameOptionsMiddleware";
const CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware";
const SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware";
const SESSION_APP = "django.contrib.sessions";

const REFERRER_POLICY_VALUES: ReadonlySet<string> = new Set([
  "no-referrer",
  "no-referrer-when-downgrade",
  "origin",
  "origin-when-cross-origin",
  "same-origin",
  "strict-origin",
  "strict-origin-when-cross-origin",
  "unsafe-url",
]);

interface Failure {
  /** Django's check id without the `security.` prefix (`W004`). */
  check: string;
  at: { file: string; range: Range };
  message: string;
}

interface DeployCheck {
  rule: RuleId;
  run(deployed: DeployedModule): Failure[];
}

const failure = (check: string, at: Value, message: string): Failure[] => [{ check, at: { file: at.file, range: at.range }, message }];

function hasMiddleware(deployed: DeployedModule, name: string): boolean | undefined {
  return containsText(settingValue(deployed, "MIDDLEWARE"), name);
}

function missingMiddleware(rule: RuleId, check: string, name: string, consequence: string): DeployCheck {
  return {
    rule,
    run: (deployed) =>
      hasMiddleware(deployed, name) === false
        ? failure(check, settingValue(deployed, "MIDDLEWARE"), `${name} is not in MIDDLEWARE, so ${consequence}.`)
        : [],
  };
}

/** A setting SecurityMiddleware reads that is not `True` while the middleware is installed. */
function securityFlagNotTrue(rule: RuleId, check: string, setting: DeploySettingName, consequence: string): DeployCheck {
  return {
    rule,
    run: (deployed) => {
      const value = settingValue(deployed, setting);
      if (hasMiddleware(deployed, SECURITY_MIDDLEWARE) !== true || isTrue(value) !== false) return [];
      return failure(check, value, `${setting} is not True, so ${consequence}.`);
    },
  };
}

const hstsNotEnabled: DeployCheck = {
  rule: "DJP313",
  run: (deployed) => {
    const seconds = settingValue(deployed, "SECURE_HSTS_SECONDS");
    if (hasMiddleware(deployed, SECURITY_MIDDLEWARE) !== true || truthiness(seconds) !== false) return [];
    return failure("W004", seconds, "SECURE_HSTS_SECONDS is not set, so browsers are never told to insist on HTTPS (HSTS); set it once the whole site is served over HTTPS.");
  },
};

function hstsFlag(deployed: DeployedModule, check: string, setting: DeploySettingName, consequence: string): Failure[] {
  const value = settingValue(deployed, setting);
  if (isTrue(value) !== false) return [];
  return failure(check, value, `${setting} is not True while HSTS is on, so ${consequence}.`);
}

const hstsWithoutSubdomainsOrPreload: DeployCheck = {
  rule: "DJP314",
  run: (deployed) => {
    if (hasMiddleware(deployed, SECURITY_MIDDLEWARE) !== true || truthiness(settingValue(deployed, "SECURE_HSTS_SECONDS")) !== true) return [];
    return [
      ...hstsFlag(deployed, "W005", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "subdomains can still be reached over plain HTTP"),
      ...hstsFlag(deployed, "W021", "SECURE_HSTS_PRELOAD", "the site cannot be submitted to the browsers' HSTS preload list"),
    ];
  },
};

/** Django's sessions checks pick their id from where sessions are enabled: the app (W010), the middleware (W011), both (W012). */
function sessionCookieFlag(rule: RuleId, setting: DeploySettingName, ids: [app: string, middleware: string, both: string], consequence: string): DeployCheck {
  return {
    rule,
    run: (deployed) => {
      const value = settingValue(deployed, setting);
      const app = containsText(settingValue(deployed, "INSTALLED_APPS"), SESSION_APP);
      const middleware = hasMiddleware(deployed, SESSION_MIDDLEWARE);
      if (isTrue(value) !== false || app === undefined || middleware === undefined || (!app && !middleware)) return [];
      const check = app && middleware ? ids[2] : app ? ids[0] : ids[1];
      return failure(check, value, `${setting} is not True while sessions are enabled, so ${consequence}.`);
    },
  };
}

const csrfCookieNotSecure: DeployCheck = {
  rule: "DJP319",
  run: (deployed) => {
    const value = settingValue(deployed, "CSRF_COOKIE_SECURE");
    const usesSessions = truthiness(settingValue(deployed, "CSRF_USE_SESSIONS"));
    if (usesSessions !== false || hasMiddleware(deployed, CSRF_MIDDLEWARE) !== true || isTrue(value) !== false) return [];
    return failure("W016", value, "CSRF_COOKIE_SECURE is not True while CsrfViewMiddleware is on, so the CSRF cookie can travel over plain HTTP.");
  },
};

const frameOptionsNotDeny: DeployCheck = {
  rule: "DJP320",
  run: (deployed) => {
    const value = settingValue(deployed, "X_FRAME_OPTIONS");
    if (hasMiddleware(deployed, XFRAME_MIDDLEWARE) !== true || equalsText(value, "DENY") !== false) return [];
    return failure("W019", value, "X_FRAME_OPTIONS is not 'DENY' while XFrameOptionsMiddleware is on, so the site's pages can be framed.");
  },
};

/** Whether Django accepts a non-None SECURE_REFERRER_POLICY: a comma-separated str, or an iterable of valid values. */
function isValidReferrerPolicy(value: Value): boolean | undefined {
  switch (value.kind) {
    case "string":
      // Iterating bytes gives ints, never a valid value: only an empty bytes literal passes.
      if (value.bytes) return value.value.length === 0;
      return value.value.split(",").every((part) => REFERRER_POLICY_VALUES.has(part.trim()));
    case "list":
    case "tuple":
    case "set":
      if (value.items.some((item) => item.kind !== "string" && truthiness(item) === undefined)) return undefined;
      return value.items.every((item) => item.kind === "string" && !item.bytes && REFERRER_POLICY_VALUES.has(item.value));
    default:
      // Django raises TypeError on a number or bool; names and env lookups cannot be judged.
      return undefined;
  }
}

const referrerPolicy: DeployCheck = {
  rule: "DJP321",
  run: (deployed) => {
    const value = settingValue(deployed, "SECURE_REFERRER_POLICY");
    if (hasMiddleware(deployed, SECURITY_MIDDLEWARE) !== true) return [];
    if (value.kind === "none") return failure("W022", value, "SECURE_REFERRER_POLICY is None, so no Referrer-Policy header is sent.");
    if (isValidReferrerPolicy(value) !== false) return [];
    return failure("E023", value, `SECURE_REFERRER_POLICY is not a valid policy; valid values are: ${[...REFERRER_POLICY_VALUES].sort().join(", ")}.`);
  },
};

/** Django's _check_secret_key: at least 50 characters, 5 distinct ones, and not the `django-insecure-` prefix. */
function isWeakKey(key: string): boolean {
  const characters = [...key];
  return new Set(characters).size < 5 || characters.length < 50 || key.startsWith("django-insecure-");
}

const weakFallbacks: DeployCheck = {
  rule: "DJP322",
  run: (deployed) => {
    const value = settingValue(deployed, "SECRET_KEY_FALLBACKS");
    if (value.kind !== "list" && value.kind !== "tuple") return [];
    return value.items.flatMap((item, index) =>
      item.kind === "string" && !item.bytes && isWeakKey(item.value)
        ? failure("W025", item, `SECRET_KEY_FALLBACKS[${index}] is weak (under 50 characters, under 5 distinct characters, or prefixed 'django-insecure-'), so signatures made with it are guessable.`)
        : [],
    );
  },
};

const deployChecks: readonly DeployCheck[] = [
  missingMiddleware("DJP310", "W001", SECURITY_MIDDLEWARE, "HSTS, nosniff, the referrer policy and the SSL redirect settings have no effect"),
  missingMiddleware("DJP311", "W002", XFRAME_MIDDLEWARE, "pages are served without an X-Frame-Options header (clickjacking)"),
  missingMiddleware("DJP312", "W003", CSRF_MIDDLEWARE, "forms are not protected against cross-site request forgery"),
  hstsNotEnabled,
  hstsWithoutSubdomainsOrPreload,
  securityFlagNotTrue("DJP315", "W006", "SECURE_CONTENT_TYPE_NOSNIFF", "responses lack 'X-Content-Type-Options: nosniff'"),
  securityFlagNotTrue("DJP316", "W008", "SECURE_SSL_REDIRECT", "plain-HTTP requests are served instead of redirected to HTTPS (unless a proxy redirects them)"),
  sessionCookieFlag("DJP317", "SESSION_COOKIE_SECURE", ["W010", "W011", "W012"], "the session cookie can travel over plain HTTP"),
  sessionCookieFlag("DJP318", "SESSION_COOKIE_HTTPONLY", ["W013", "W014", "W015"], "page scripts can read the session cookie"),
  csrfCookieNotSecure,
  frameOptionsNotDeny,
  referrerPolicy,
  weakFallbacks,
];

function toFinding(rule: RuleId, { check, at, message }: Failure): RuleFinding {
  return { rule, file: at.file, range: at.range, message: `${message} (Django's security.${check})` };
}

/** Two checks of one rule failing at the same place (W005 and W021 at line 1) make one finding, or the engine's dedupe would drop one. */
function mergeSameAnchor(findings: RuleFinding[]): RuleFinding[] {
  const byAnchor = new Map<string, RuleFinding>();
  for (const finding of findings) {
    const { start, end } = finding.range;
    const key = `${finding.rule}|${finding.file}|${start.line}:${start.column}-${end.line}:${end.column}`;
    const earlier = byAnchor.get(key);
    byAnchor.set(key, earlier ? { ...earlier, message: `${earlier.message} ${finding.message}` } : finding);
  }
  return [...byAnchor.values()];
}

function moduleFindings(deployed: DeployedModule): RuleFinding[] {
  const silenced = silencedChecks(deployed);
  if (!silenced) return [];
  return mergeSameAnchor(
    deployChecks.flatMap(({ rule, run }) =>
      run(deployed)
        .filter((f) => !silenced(`security.${f.check}`))
        .map((f) => toFinding(rule, f)),
    ),
  );
}

export const deployCheckRules: RuleModule = {
  ids: deployChecks.map((check) => check.rule),
  check: (context: RuleContext) => context.deployed.flatMap(moduleFindings),
};
