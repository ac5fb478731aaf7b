// Media and static files live off the server (RULES.md 2xx): DJP201 media on local disk by default, DJP203 explicit
// FileSystemStorage (deployed settings); DJP202 deprecated storage settings (every settings module, version-aware).
import type { Fix, Range } from "../types";
import { djangoVersionRange, type DjangoVersionRange } from "../project/djangoVersion";
import { declaresAny } from "../project/dependencies";
import { dictGet, stringItems } from "../python/values";
import { appendBlock, legacyStorageBlock, S3_ENV_SETTINGS, storagesBlock } from "../fixes/insertSettings";
import { storagesMigrationFix } from "../fixes/storagesMigration";
import { detectIdiom } from "../fixes/idiom";
import { renderLookup } from "../fixes/lookup";
import { isClosedDict } from "./literalDict";
import { projectDependencies } from "./projectFacts";
import type { DeployedModule, RuleContext, RuleFinding, RuleModule } from "./rule";

const LINE_ONE: Range = { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } };
const LEGACY_SETTINGS = ["DEFAULT_FILE_STORAGE", "STATICFILES_STORAGE"];
const FILE_SYSTEM_STORAGE = new Set(["django.core.files.storage.FileSystemStorage", "django.core.files.storage.filesystem.FileSystemStorage"]);

function declaredDjango(context: RuleContext): DjangoVersionRange {
  return djangoVersionRange(projectDependencies(context));
}

/** Whether STORAGES may have a "default" entry: absent → no; a literal dict → only if it has one; anything else → maybe. */
function mayHaveDefaultStorage(deployed: DeployedModule, context: RuleContext): boolean {
  const storages = deployed.settings.get("STORAGES")?.value;
  if (!storages) return false;
  if (storages.kind !== "dict") return true;
  return !!dictGet(storages, "default") || !isClosedDict(storages, context.read);
}

/** A model field: `forms.FileField()` and DRF's `serializers.FileField()` read an upload without storing it. */
const UPLOAD_FIELD = /(?<![\w.])(?!(?:forms|serializers)\.)(?:[\w]+\.)*\w*(?:FileField|ImageField)\s*\(/;

/** RULES.md DJP201: a project can receive uploads when one of its Python files declares a model file or image field. */
function declaresUploadField(context: RuleContext): boolean {
  return context.project.files.some((file) => {
    if (!file.endsWith(".py")) return false;
    const text = context.read(file);
    return text !== undefined && (text.includes("FileField") || text.includes("ImageField")) && UPLOAD_FIELD.test(text);
  });
}

function localMediaFindings(context: RuleContext): RuleFinding[] {
  if (context.deployed.length === 0) return [];
  const django = declaredDjango(context);
  let uploads: boolean | undefined;
  return context.deployed.flatMap((deployed) => {
    // Only a project that can receive uploads: a FileField/ImageField somewhere, or deployed MEDIA_ROOT set.
    uploads ??= declaresUploadField(context);
    if (!uploads && !deployed.settings.has("MEDIA_ROOT")) return [];
    if (mayHaveDefaultStorage(deployed, context)) return [];
    const legacy = deployed.settings.has("DEFAULT_FILE_STORAGE");
    if (legacy && !django.certainlyAtLeast("5.1")) return [];
    const reason = legacy ? "DEFAULT_FILE_STORAGE is ignored by the declared Django (5.1 or newer) and STORAGES has no \"default\"" : "neither STORAGES[\"default\"] nor DEFAULT_FILE_STORAGE is set";
    return [{
      rule: "DJP201" as const,
      file: deployed.module.file,
      range: LINE_ONE,
      message: `In the settings deployed by ${deployed.module.module}, ${reason}, so uploaded media goes to the server's disk and is lost on redeploy or not shared between servers.`,
      fixes: django.certainlyBelow("4.2") ? legacyStorageFix(deployed, context) : storagesFix(deployed, context),
    }];
  });
}

/** Offered only where a STORAGES block can simply be appended: no STORAGES yet and no STATICFILES_STORAGE to clash with it. */
function storagesFix(deployed: DeployedModule, context: RuleContext): Fix[] | undefined {
  if (deployed.settings.has("STORAGES") || deployed.settings.has("STATICFILES_STORAGE")) return undefined;
  const middleware = stringItems(deployed.settings.get("MIDDLEWARE")?.value) ?? [];
  const whitenoise = middleware.some((name) => name.startsWith("whitenoise.")) || declaresAny(projectDependencies(context), ["whitenoise"]);
  const edit = appendBlock(deployed.module.python, storagesBlock(whitenoise), true);
  return edit && [{ title: "Insert a STORAGES block for django-storages (S3, bucket from AWS_STORAGE_BUCKET_NAME)", safe: false, edits: [edit] }];
}

/**
 * Django before 4.2 has no STORAGES: DEFAULT_FILE_STORAGE names the S3 backend, and the django-storages settings not
 * set yet are read from the environment in the project's idiom.
 */
function legacyStorageFix(deployed: DeployedModule, context: RuleContext): Fix[] | undefined {
  const idiom = detectIdiom(context.project, deployed.module);
  const unset = S3_ENV_SETTINGS.filter((name) => !deployed.settings.has(name));
  const block = legacyStorageBlock(unset, (variable) => renderLookup(idiom, variable));
  const edit = appendBlock(deployed.module.python, block, idiom.needsOsImport && unset.length > 0);
  return edit && [{ title: "Insert DEFAULT_FILE_STORAGE for django-storages (S3, bucket from AWS_STORAGE_BUCKET_NAME)", safe: false, edits: [edit] }];
}

function deprecatedSettingFindings(context: RuleContext): RuleFinding[] {
  const modules = context.project.settings;
  const assignments = modules.flatMap((module) =>
    module.python.statements.flatMap((statement) => (statement.kind === "assign" && statement.keys.length === 0 && LEGACY_SETTINGS.includes(statement.name) ? [{ module, statement }] : [])),
  );
  if (assignments.length === 0) return [];
  const django = declaredDjango(context);
  if (django.certainlyBelow("4.2")) return [];
  const consequence = django.certainlyAtLeast("5.1") ? "the declared Django (5.1 or newer) ignores it" : "it is deprecated since Django 4.2 and ignored from 5.1";
  const fixes = new Map([...new Set(assignments.map(({ module }) => module))].map((module) => [module, storagesMigrationFix(module, context.project)]));
  return assignments.map(({ module, statement }) => ({
    rule: "DJP202" as const,
    file: module.file,
    range: statement.targetRange,
    message: `${statement.name} is set but ${consequence}: move it to STORAGES["${statement.name === "DEFAULT_FILE_STORAGE" ? "default" : "staticfiles"}"]["BACKEND"].`,
    ...withFix(fixes.get(module)),
  }));
}

function withFix(fix: Fix | undefined): { fixes?: Fix[] } {
  return fix ? { fixes: [fix] } : {};
}

function fileSystemStorageFindings(context: RuleContext): RuleFinding[] {
  return context.deployed.flatMap(({ settings }) => {
    const backend = dictGet(dictGet(settings.get("STORAGES")?.value, "default")?.value, "BACKEND");
    if (backend?.value.kind !== "string" || !FILE_SYSTEM_STORAGE.has(backend.value.value)) return [];
    return [{
      rule: "DJP203" as const,
      file: backend.file,
      range: backend.keyRange,
      message: `STORAGES["default"] uses FileSystemStorage in deployed settings, so uploaded media stays on one server's disk: use a remote backend such as django-storages.`,
    }];
  });
}

export const storageRules: RuleModule = {
  ids: ["DJP201", "DJP202", "DJP203"],
  check: (context) => [...localMediaFindings(context), ...deprecatedSettingFindings(context), ...fileSystemStorageFindings(context)],
};
