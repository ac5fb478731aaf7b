// Logging is configured (RULES.md 4xx): DJP401 no LOGGING, DJP402 admin mails go nowhere (deployed settings);
// DJP403 absolute log file, DJP404 existing loggers disabled, DJP405 dictConfig would fail (every settings module).
import type { Fix, Range } from "../types";
import type { DeployedSettings } from "../project/deployed";
import { dictGet, literalTruthiness, stringItems, type DictEntry } from "../python/values";
import { appendBlock, insertDictKey, LOGGING_BLOCK, loggingWithFileAndMailBlock } from "../fixes/insertSettings";
import { extractToEnvFixes } from "../fixes/extract";
import { definedNames, handlersOfClass, loggerConfigs, readLoggingConfig, references, SECTION_OF, type LoggingConfig, type Reference } from "./loggingConfig";
import type { DeployedModule, RuleContext, RuleFinding, RuleModule } from "./rule";
import { starImportChain } from "../project/model";
import { viewsTouching, type ModuleView } from "./settingsViews";

const LINE_ONE: Range = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
const DICT_CONFIG = "logging.config.dictConfig";
const OWN_SETUP_CALLS = ["logging.config.dictConfig", "logging.config.fileConfig", "logging.basicConfig", "structlog.configure"];

/** Whether Django passes LOGGING to dictConfig: LOGGING_CONFIG absent or naming dictConfig itself. */
function usesDictConfig(settings: DeployedSettings): boolean {
  const configurator = settings.get("LOGGING_CONFIG")?.value;
  return !configurator || (configurator.kind === "string" && configurator.value === DICT_CONFIG);
}

function missingLoggingFindings(context: RuleContext): RuleFinding[] {
  return context.deployed.flatMap((deployed) => {
    const logging = deployed.settings.get("LOGGING");
    if (logging && !(logging.value.kind === "dict" && logging.value.entries.length === 0)) return [];
    const configurator = deployed.settings.get("LOGGING_CONFIG")?.value;
    const disabled = configurator?.kind === "none";
    if (disabled && starImportChain(context.project, deployed.module).some((m) => OWN_SETUP_CALLS.some((call) => m.python.calledNames.has(call)))) return [];
    const message = disabled
      ? `LOGGING_CONFIG is None and no module of the settings deployed by ${deployed.module.module} configures logging itself: errors in production are never recorded.`
      : `The settings deployed by ${deployed.module.module} define no LOGGING, so production errors only reach Django's defaults (mail to ADMINS, nothing on the console): add a LOGGING dict.`;
    return [{ rule: "DJP401" as const, file: deployed.module.file, range: LINE_ONE, message, fixes: disabled ? undefined : insertLoggingFix(deployed) }];
  });
}

function insertLoggingFix({ module, settings }: DeployedModule): Fix[] | undefined {
  const consoleOnly = appendBlock(module.python, LOGGING_BLOCK, true);
  if (!consoleOnly) return undefined;
  const logFile = settings.has("BASE_DIR") ? `BASE_DIR / "django.log"` : `"django.log"`;
  const withFileAndMail = appendBlock(module.python, loggingWithFileAndMailBlock(logFile), true);
  return [
    { title: "Insert a LOGGING dict (console to stdout, level from DJANGO_LOG_LEVEL)", safe: true, preferred: true, edits: [consoleOnly] },
    ...(withFileAndMail ? [{ title: "Insert a LOGGING dict (console, rotating file, mail_admins)", safe: false, preferred: false, edits: [withFileAndMail] }] : []),
  ];
}

const ADMIN_EMAIL_HANDLER = "django.utils.log.AdminEmailHandler";
const SILENT_EMAIL_BACKENDS = new Set(["console", "locmem", "dummy", "filebased"].map((name) => `django.core.mail.backends.${name}.EmailBackend`));

/** Why admin mails cannot arrive under these settings, naming the setting; undefined when they can. */
function adminMailProblem(settings: DeployedSettings): string | undefined {
  const admins = settings.get("ADMINS");
  if (!admins) return "ADMINS is not set, so there is nobody to mail";
  if ((admins.value.kind === "list" || admins.value.kind === "tuple") && admins.value.items.length === 0) return "ADMINS is empty, so there is nobody to mail";
  const backend = settings.get("EMAIL_BACKEND")?.value;
  if (backend?.kind === "string" && SILENT_EMAIL_BACKENDS.has(backend.value)) return `EMAIL_BACKEND is ${backend.value}, which never delivers mail`;
  return undefined;
}

function adminMailFindings(context: RuleContext): RuleFinding[] {
  return context.deployed.flatMap(({ settings }) => {
    const logging = settings.get("LOGGING");
    const config = logging && readLoggingConfig(logging.value, context.read);
    const problem = config && adminMailProblem(settings);
    if (!config || !problem) return [];
    const used = new Set(loggerConfigs(config).flatMap((logger) => stringItems(dictGet(logger, "handlers")?.value) ?? []));
    return handlersOfClass(config, ADMIN_EMAIL_HANDLER)
      .filter((handler) => used.has(handler.name))
      .map((handler) => ({
        rule: "DJP402" as const,
        file: handler.entry.file,
        range: handler.entry.keyRange,
        message: `The "${handler.name}" handler mails errors with AdminEmailHandler, but ${problem}: error reports go nowhere.`,
      }));
  });
}

const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

/** Extract the path to an env variable named after its place in LOGGING, keeping the path as the default. */
function logFileFixes(handler: string, filename: DictEntry, path: string, context: RuleContext): Fix[] | undefined {
  const module = context.project.settings.find((m) => m.file === filename.value.file);
  if (!module) return undefined;
  const literal = { range: filename.value.range, value: path };
  const fixes = extractToEnvFixes({ context, module, literal, setting: "LOGGING", keys: ["handlers", handler, "filename"], secret: false });
  return fixes.length > 0 ? fixes : undefined;
}

function absoluteFileFindings(config: LoggingConfig, context: RuleContext): RuleFinding[] {
  return config.sections.handlers.definitions.flatMap(({ name, config: handler }) => {
    const filename = dictGet(handler, "filename");
    if (filename?.value.kind !== "string" || !ABSOLUTE_PATH.test(filename.value.value)) return [];
    const fixes = logFileFixes(name, filename, filename.value.value, context);
    return [{
      rule: "DJP403" as const,
      file: filename.file,
      range: filename.keyRange,
      message: `The "${name}" handler writes to the hard-coded absolute path ${filename.value.value}, which must exist and be writable on every server: read the path from the environment or log to the console.`,
      ...(fixes ? { fixes } : {}),
    }];
  });
}

function disabledLoggersFindings(config: LoggingConfig, view: ModuleView): RuleFinding[] {
  if (config.incremental) return [];
  const entry = dictGet(config.dict, "disable_existing_loggers");
  const logging = view.settings.get("LOGGING")!;
  if (entry) {
    if (literalTruthiness(entry.value) !== true) return [];
    const fix: Fix = { title: "Set disable_existing_loggers to False", safe: true, preferred: true, edits: [{ file: entry.file, edits: [{ range: entry.value.range, newText: "False" }] }] };
    return [{ rule: "DJP404", file: entry.file, range: entry.keyRange, message: `LOGGING sets "disable_existing_loggers" to True, which silences Django's own loggers (django.request, django.security): set it to False.`, fixes: [fix] }];
  }
  if (!config.complete) return [];
  const fix: Fix = { title: "Add \"disable_existing_loggers\": False", safe: true, preferred: true, edits: [{ file: config.dict.file, edits: [insertDictKey(config.dict, "disable_existing_loggers", "False")] }] };
  return [{ rule: "DJP404", file: logging.file, range: logging.targetRange, message: `LOGGING has no "disable_existing_loggers", and dictConfig's default True silences Django's own loggers (django.request, django.security): set it to False.`, fixes: [fix] }];
}

function versionFindings(config: LoggingConfig, view: ModuleView): RuleFinding[] {
  const version = dictGet(config.dict, "version");
  if (!version) {
    if (!config.complete) return [];
    const logging = view.settings.get("LOGGING")!;
    return [{ rule: "DJP405", file: logging.file, range: logging.targetRange, message: `LOGGING has no "version": 1, so logging.config.dictConfig raises ValueError and Django does not start.` }];
  }
  const value = version.value;
  const isOne = (value.kind === "number" && value.value === 1) || (value.kind === "bool" && value.value);
  if (isOne || !["number", "bool", "string", "none"].includes(value.kind)) return [];
  return [{ rule: "DJP405", file: version.file, range: version.keyRange, message: `LOGGING "version" must be 1, the only schema logging.config.dictConfig accepts: any other value raises ValueError and Django does not start.` }];
}

function undefinedReferenceFinding(config: LoggingConfig, reference: Reference): RuleFinding[] {
  const section = SECTION_OF[reference.kind];
  if (!config.sections[section].complete) return [];
  const defined = definedNames(config, section);
  const missing = reference.names.filter((name) => !defined.has(name));
  if (missing.length === 0) return [];
  const entry: DictEntry = reference.entry;
  const list = missing.map((name) => `"${name}"`).join(", ");
  return [{
    rule: "DJP405",
    file: entry.file,
    range: entry.keyRange,
    message: `${list} ${missing.length === 1 ? "is" : "are"} not defined in LOGGING["${section}"], so logging.config.dictConfig raises ValueError and Django does not start.`,
  }];
}

function invalidConfigFindings(config: LoggingConfig, view: ModuleView): RuleFinding[] {
  // With incremental, dictConfig only adjusts levels of handlers and loggers configured before: names are not resolved.
  const referenceFindings = config.incremental ? [] : references(config).flatMap((reference) => undefinedReferenceFinding(config, reference));
  return [...versionFindings(config, view), ...referenceFindings];
}

/** DJP403–DJP405 on the LOGGING each settings module evaluates to. */
function perModuleFindings(context: RuleContext): RuleFinding[] {
  return viewsTouching(context, "LOGGING").flatMap((view) => {
    const logging = view.settings.get("LOGGING");
    const config = logging && readLoggingConfig(logging.value, context.read);
    if (!config) return [];
    const dictConfigRules = usesDictConfig(view.settings) ? [...disabledLoggersFindings(config, view), ...invalidConfigFindings(config, view)] : [];
    return [...absoluteFileFindings(config, context), ...dictConfigRules];
  });
}

export const loggingRules: RuleModule = {
  ids: ["DJP401", "DJP402", "DJP403", "DJP404", "DJP405"],
  check: (context) => [...missingLoggingFindings(context), ...adminMailFindings(context), ...perModuleFindings(context)],
};
