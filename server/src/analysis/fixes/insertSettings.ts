// Edit builders for settings modules: append a settings block (with `import os` when it needs one), and set a
// key of a dict literal. Used by the logging and storage fixes.
import type { FileEdit, Position, TextEdit } from "../types";
import type { PythonModule } from "../python/module";
import type { DictValue } from "../python/values";
import { endOfText } from "./textPositions";

export const INDENT = "    ";

function at(position: Position, newText: string): TextEdit {
  return { range: { start: position, end: position }, newText };
}

/** Whether the module binds `os` with `import os` (alone or among others). */
export function importsOs(module: PythonModule): boolean {
  return module.imports.some((record) => record.names.includes("os") && (record.module === "os" || record.module === record.names[0]));
}

/**
 * Appends `block` (Python source ending in a newline) at the end of the module, preceded by a blank line.
 * Undefined when the module has syntax errors: the block could land inside an unfinished statement.
 */
export function appendBlock(module: PythonModule, block: string, needsOs: boolean): FileEdit | undefined {
  if (module.syntaxErrors > 0) return undefined;
  const end = endOfText(module.text);
  const separator = module.text === "" ? "" : module.text.endsWith("\n") ? "\n" : "\n\n";
  const edits = [at(end, `${separator}${block}`)];
  if (needsOs && !importsOs(module)) edits.unshift(at({ line: module.importInsertLine, column: 0 }, "import os\n"));
  return { file: module.file, edits };
}

/** Sets `key` of a dict literal to `valueSource`: a new first entry, indented like the existing ones. */
export function insertDictKey(dict: DictValue, key: string, valueSource: string): TextEdit {
  const afterBrace = { line: dict.range.start.line, column: dict.range.start.column + 1 };
  const first = dict.entries[0];
  const entry = `${JSON.stringify(key)}: ${valueSource},`;
  if (first && first.keyRange.start.line > dict.range.start.line) return at(afterBrace, `\n${" ".repeat(first.keyRange.start.column)}${entry}`);
  if (!first && dict.range.end.line > dict.range.start.line) return at(afterBrace, `\n${INDENT}${entry}`);
  return at(afterBrace, first ? `${entry} ` : entry.slice(0, -1));
}

const CONSOLE_HANDLER = `"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "simple"},`;
const ROOT_LEVEL = `"level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")`;

/** A LOGGING dict with a "simple" formatter: `handlers` and `loggers` are entries of those sections, one a line. */
function loggingBlock(handlers: readonly string[], rootHandlers: readonly string[], loggers: readonly string[] = []): string {
  const entries = (lines: readonly string[]) => lines.map((line) => `${INDENT}${INDENT}${line}\n`).join("");
  const loggerSection = loggers.length > 0 ? `${INDENT}"loggers": {\n${entries(loggers)}${INDENT}},\n` : "";
  const root = rootHandlers.map((name) => JSON.stringify(name)).join(", ");
  return `LOGGING = {
${INDENT}"version": 1,
${INDENT}"disable_existing_loggers": False,
${INDENT}"formatters": {
${INDENT}${INDENT}"simple": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
${INDENT}},
${INDENT}"handlers": {
${entries(handlers)}${INDENT}},
${INDENT}"root": {"handlers": [${root}], ${ROOT_LEVEL}},
${loggerSection}}
`;
}

/** A LOGGING dict that sends every record to stdout at a level read from DJANGO_LOG_LEVEL. */
export const LOGGING_BLOCK = loggingBlock([CONSOLE_HANDLER], ["console"]);

/**
 * A LOGGING dict logging to stdout and to a rotating file whose path comes from DJANGO_LOG_FILE (`defaultPath`:
 * Python source of the default), and mailing django.request errors to ADMINS.
 */
export function loggingWithFileAndMailBlock(defaultPath: string): string {
  const file = `"file": {"class": "logging.handlers.RotatingFileHandler", "filename": os.environ.get("DJANGO_LOG_FILE", ${defaultPath}), "maxBytes": 10485760, "backupCount": 5, "formatter": "simple"},`;
  const mail = `"mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR"},`;
  const request = `"django.request": {"handlers": ["mail_admins"], "level": "ERROR", "propagate": True},`;
  return loggingBlock([CONSOLE_HANDLER, file, mail], ["console", "file"], [request]);
}

const S3_BACKEND = "storages.backends.s3.S3Storage";
/** django-storages' S3 backend under the path every version has (Django before 4.2 pairs with older releases). */
const LEGACY_S3_BACKEND = "storages.backends.s3boto3.S3Boto3Storage";
/** The django-storages settings the legacy block reads from the environment, under the same names. */
export const S3_ENV_SETTINGS = ["AWS_STORAGE_BUCKET_NAME", "AWS_S3_REGION_NAME", "AWS_S3_CUSTOM_DOMAIN"] as const;
const WHITENOISE_BACKEND = "whitenoise.storage.CompressedManifestStaticFilesStorage";

/** A STORAGES dict for django-storages' S3 backend, bucket from the environment; static files through whitenoise when it is in use. */
export function storagesBlock(whitenoise: boolean): string {
  const bucket = `"bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME")`;
  const staticfiles = whitenoise
    ? `${INDENT}"staticfiles": {"BACKEND": "${WHITENOISE_BACKEND}"},`
    : `${INDENT}"staticfiles": {\n${INDENT}${INDENT}"BACKEND": "${S3_BACKEND}",\n${INDENT}${INDENT}"OPTIONS": {${bucket}, "location": "static"},\n${INDENT}},`;
  return `STORAGES = {
${INDENT}"default": {
${INDENT}${INDENT}"BACKEND": "${S3_BACKEND}",
${INDENT}${INDENT}"OPTIONS": {${bucket}, "location": "media"},
${INDENT}},
${staticfiles}
}
`;
}

/**
 * DEFAULT_FILE_STORAGE for django-storages' S3 backend (Django before 4.2 has no STORAGES), and each of `envSettings`
 * read from the environment variable of its own name with `lookup` (the project's idiom).
 */
export function legacyStorageBlock(envSettings: readonly string[], lookup: (variable: string) => string): string {
  const settings = envSettings.map((name) => `${name} = ${lookup(name)}\n`).join("");
  return `DEFAULT_FILE_STORAGE = "${LEGACY_S3_BACKEND}"\n${settings}`;
}
