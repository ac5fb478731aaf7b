// The rule catalogue: one entry per rule id of RULES.md (the public contract), plus the product's
// own extensions (DJP002, DJP003). Ids never change meaning and are never reused.
import type { Practice, RuleId, Severity } from "../types";
import type { RuleMeta } from "./meta";

function rule(id: RuleId, severity: Severity, practice: Practice, fixable: boolean, title: string): RuleMeta {
  return { id, severity, practice, fixable, title };
}

export const catalog: readonly RuleMeta[] = [
  // 0xx — project
  rule("DJP001", "information", "project", false, "No production settings module"),
  rule("DJP004", "information", "project", false, "Template files left unjudged"),
  // Product extension (not in RULES.md): a hint on a `# noqa` or `django-ready: ignore` comment that silences nothing.
  rule("DJP002", "hint", "project", false, "Suppression comment silences nothing"),
  // Product extension (not in RULES.md): a file over the size limit or not readable as text; analysis skipped.
  rule("DJP003", "information", "project", false, "File skipped"),

  // 1xx — configuration and credentials come from the environment
  rule("DJP101", "error", "environment", true, "Hard-coded SECRET_KEY"),
  rule("DJP102", "error", "environment", true, "Credential hard-coded in settings"),
  rule("DJP103", "error", "environment", true, "Provider token in settings"),
  rule("DJP104", "error", "environment", true, "Password in a URL literal"),
  rule("DJP105", "warning", "environment", true, "Credential env lookup with a literal default"),
  rule("DJP106", "information", "environment", true, "Environment-specific value hard-coded"),
  rule("DJP107", "error", "environment", true, "Env value not parsed to the setting's type"),
  rule("DJP108", "information", "environment", true, "Required env variable defined in no env file"),
  rule("DJP109", "information", "environment", true, "Env file never loaded"),
  rule("DJP110", "warning", "environment", true, "SECRET_KEY generated at start-up"),

  // 2xx — media and static files live off the server
  rule("DJP201", "warning", "storage", true, "Uploaded media stored on the server's disk"),
  rule("DJP202", "warning", "storage", true, "Deprecated storage setting"),
  rule("DJP203", "warning", "storage", false, "FileSystemStorage as the default storage"),

  // 3xx — DEBUG off
  rule("DJP301", "error", "debug", true, "DEBUG on in deployed settings"),
  rule("DJP302", "warning", "debug", false, "Template debug on in deployed settings"),
  rule("DJP303", "warning", "debug", true, "ALLOWED_HOSTS empty or wildcard"),
  rule("DJP304", "warning", "debug", true, "DEBUG on by default"),
  rule("DJP305", "warning", "debug", true, "ALLOWED_HOSTS wildcard by default"),
  rule("DJP330", "warning", "deploy-checks", true, "CORS open to every origin"),

  // 31x–32x — Django's deployment checks, made static
  rule("DJP310", "information", "deploy-checks", true, "SecurityMiddleware missing"),
  rule("DJP311", "information", "deploy-checks", true, "XFrameOptionsMiddleware missing"),
  rule("DJP312", "information", "deploy-checks", true, "CsrfViewMiddleware missing"),
  rule("DJP313", "information", "deploy-checks", true, "HSTS not enabled"),
  rule("DJP314", "information", "deploy-checks", true, "HSTS without subdomains or preload"),
  rule("DJP315", "information", "deploy-checks", true, "Content-type nosniff off"),
  rule("DJP316", "information", "deploy-checks", true, "SSL redirect off"),
  rule("DJP317", "information", "deploy-checks", true, "Session cookie not Secure"),
  rule("DJP318", "information", "deploy-checks", true, "Session cookie not HttpOnly"),
  rule("DJP319", "information", "deploy-checks", true, "CSRF cookie not Secure"),
  rule("DJP320", "information", "deploy-checks", true, "X_FRAME_OPTIONS not DENY"),
  rule("DJP321", "information", "deploy-checks", true, "Referrer policy unset or invalid"),
  rule("DJP322", "information", "deploy-checks", true, "Weak SECRET_KEY_FALLBACKS"),

  // 4xx — logging is configured
  rule("DJP401", "warning", "logging", true, "LOGGING not configured"),
  rule("DJP402", "warning", "logging", false, "Admin error mails go nowhere"),
  rule("DJP403", "information", "logging", true, "Absolute log file path"),
  rule("DJP404", "warning", "logging", true, "Existing loggers disabled"),
  rule("DJP405", "error", "logging", false, "Invalid LOGGING configuration"),
  rule("DJP406", "warning", "logging", true, "Mail backend that never sends"),

  // 5xx — served by a real application server
  rule("DJP501", "error", "server", true, "runserver used in a deployment file"),
  rule("DJP502", "warning", "server", true, "No production server dependency"),

  // 6xx — .env files
  rule("DJP601", "error", "env-files", true, "Env file neither tracked nor ignored"),
  rule("DJP602", "error", "env-files", true, "Env file tracked by git"),
  rule("DJP603", "error", "env-files", false, "Env file statement python-dotenv cannot parse"),
  rule("DJP604", "warning", "env-files", true, "Duplicate env key"),
  rule("DJP605", "error", "env-files", true, "DEBUG on in a production env file"),
  rule("DJP606", "warning", "env-files", true, "Credential in an env template"),
  rule("DJP607", "hint", "env-files", false, "Env key no settings module reads"),
];

/** Ids the product adds to RULES.md's catalogue. */
export const productExtensions: ReadonlySet<string> = new Set(["DJP002", "DJP003"]);

const byId: ReadonlyMap<string, RuleMeta> = new Map(catalog.map((m) => [m.id, m]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return byId.get(id);
}

/** The checklist entries judged on deployed settings only: nothing to judge without a production or single module. */
export const DEPLOYED_PRACTICES: ReadonlySet<Practice> = new Set(["storage", "debug", "logging", "deploy-checks"]);

export const practiceTitles: Record<Practice, string> = {
  environment: "Configuration and credentials come from the environment",
  storage: "Media and static files live off the server",
  debug: "DEBUG is off",
  logging: "Logging is configured",
  server: "Served by a real application server",
  "deploy-checks": "Django deploy checks",
  "env-files": "Env files",
  project: "Project",
};
