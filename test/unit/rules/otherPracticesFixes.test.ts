import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyFileEdits } from "../../../server/src/analysis/fixes/apply";
import { LOGGING_BLOCK, loggingWithFileAndMailBlock, storagesBlock } from "../../../server/src/analysis/fixes/insertSettings";
import { buildPythonModule } from "../../../server/src/analysis/python/module";
import type { Finding, Fix } from "../../../server/src/analysis/types";
import { analyzeFiles, brief, type FileMap } from "../../support/memory";
import { oraclePython } from "../../support/python";


const UPLOADS_MODEL = "gallery/models.py";
const UPLOADS = "from django.db import models\n\n\nclass Photo(models.Model):\n    image = models.ImageField()\n";

/** Applies the rule's first finding's fix (the first, or the one `pick` chooses); returns the new files and the findings after re-analysis. */
async function fixAndRecheck(given: FileMap, rule: string, pick: (fix: Fix) => boolean = () => true) {
  // DJP201 is only for a project that can receive uploads.
  const files: FileMap = { [UPLOADS_MODEL]: UPLOADS, ...given };
  const before = await analyzeFiles(files);
  const finding = before.findings.find((f: Finding) => f.rule === rule);
  const fix = finding?.fixes?.find(pick);
  assert.ok(fix, `${rule} offers the fix`);
  const changed = applyFileEdits((file) => files[file], fix.edits);
  const fixed = { ...files, ...Object.fromEntries(changed) };
  const after = await analyzeFiles(fixed);
  return { fixed, fix, after: brief(after.findings, [rule]) };
}

/** Applying every fix the rule still offers changes nothing: the first fix left nothing to do. */
async function assertNothingLeftToFix(files: FileMap, rule: string): Promise<void> {
  const { findings } = await analyzeFiles(files);
  const edits = findings.filter((f) => f.rule === rule).flatMap((f) => (f.fixes ?? []).flatMap((fix) => fix.edits));
  const changed = applyFileEdits((file) => files[file], edits);
  for (const [file, text] of changed) assert.equal(text, files[file], `${rule} fixed ${file} again`);
}

function assertParses(file: string, text: string): void {
  assert.equal(buildPythonModule(file, text).syntaxErrors, 0, text);
}

const TUTORIAL = `"""Settings."""\nfrom pathlib import Path\n\nDEBUG = False\nWSGI_APPLICATION = "mysite.wsgi.application"\nMIDDLEWARE = ["whitenoise.middleware.WhiteNoiseMiddleware"]`;

test("DJP401 fix appends a LOGGING dict and `import os`; the module parses and DJP401 is gone", async () => {
  const { fixed, fix, after } = await fixAndRecheck({ "manage.py": "", "mysite/settings.py": TUTORIAL }, "DJP401");
  assert.equal(fix.safe, true);
  assertParses("mysite/settings.py", fixed["mysite/settings.py"]);
  assert.match(fixed["mysite/settings.py"], /^"""Settings."""\nimport os\nfrom pathlib/);
  assert.deepEqual(after, []);
});

test("the inserted LOGGING dict is accepted by logging.config.dictConfig", (t) => {
  const python = oraclePython();
  if (!python.ok) return t.skip(python.skip);
  const script = `import logging.config, os\n${LOGGING_BLOCK}\nlogging.config.dictConfig(LOGGING)\nlogging.getLogger("x").info("ok")\nprint(logging.getLogger().level)\n`;
  const run = spawnSync(python.python, ["-c", script], { encoding: "utf8", env: { ...process.env, DJANGO_LOG_LEVEL: "WARNING" } });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), "30");
});

test("DJP404 fix replaces True with False, or inserts the key indented like the others", async () => {
  const base = `LOGGING = {\n    "version": 1,\n    "disable_existing_loggers": True,\n}\n`;
  const replaced = await fixAndRecheck({ "mysite/settings.py": base }, "DJP404");
  assert.equal(replaced.fixed["mysite/settings.py"], base.replace("True", "False"));
  assert.deepEqual(replaced.after, []);
  const inserted = await fixAndRecheck({ "mysite/settings.py": `LOGGING = {\n    "version": 1,\n}\n` }, "DJP404");
  assert.equal(inserted.fixed["mysite/settings.py"], `LOGGING = {\n    "disable_existing_loggers": False,\n    "version": 1,\n}\n`);
  const inline = await fixAndRecheck({ "mysite/settings.py": `LOGGING = {"version": 1}\n` }, "DJP404");
  assert.equal(inline.fixed["mysite/settings.py"], `LOGGING = {"disable_existing_loggers": False, "version": 1}\n`);
});

test("DJP201 fix appends a STORAGES block (whitenoise kept for static files); the module parses and DJP201 is gone", async () => {
  const { fixed, fix, after } = await fixAndRecheck({ "manage.py": "", "mysite/settings.py": TUTORIAL }, "DJP201");
  assert.equal(fix.safe, false);
  assertParses("mysite/settings.py", fixed["mysite/settings.py"]);
  assert.match(fixed["mysite/settings.py"], /"staticfiles": \{"BACKEND": "whitenoise\.storage/);
  assert.deepEqual(after, []);
  assertParses("s3.py", `import os\n${storagesBlock(false)}`);
});

test("DJP501 fix swaps runserver for gunicorn keeping the port, in shell and exec forms", async () => {
  const project = { "manage.py": "", "mysite/settings.py": TUTORIAL, "requirements.txt": "gunicorn\n" };
  const procfile = await fixAndRecheck({ ...project, Procfile: "web: python manage.py runserver 0.0.0.0:$PORT\n" }, "DJP501");
  assert.equal(procfile.fixed.Procfile, "web: gunicorn mysite.wsgi:application --bind 0.0.0.0:$PORT\n");
  assert.deepEqual(procfile.after, []);
  const exec = await fixAndRecheck({ ...project, Dockerfile: `FROM python\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n` }, "DJP501");
  assert.equal(exec.fixed.Dockerfile, `FROM python\nCMD ["gunicorn", "mysite.wsgi:application", "--bind", "0.0.0.0:8000"]\n`);
  const noWsgiSetting = { "manage.py": "", "shop/settings.py": "DEBUG = False\n", "shop/wsgi.py": "", "requirements.txt": "gunicorn\n" };
  const script = await fixAndRecheck({ ...noWsgiSetting, "start.sh": "python manage.py migrate\nexec ./manage.py runserver\n" }, "DJP501");
  assert.equal(script.fixed["start.sh"], "python manage.py migrate\nexec gunicorn shop.wsgi:application --bind 0.0.0.0:8000\n");
});

test("DJP502 fix appends gunicorn to requirements.txt or adds it to pyproject dependencies", async () => {
  const project = { "manage.py": "", "mysite/settings.py": TUTORIAL };
  const requirements = await fixAndRecheck({ ...project, "requirements.txt": "Django==5.1" }, "DJP502");
  assert.equal(requirements.fixed["requirements.txt"], "Django==5.1\ngunicorn\n");
  assert.deepEqual(requirements.after, []);
  const pyproject = await fixAndRecheck({ ...project, "pyproject.toml": `[project]\nname = "x"\ndependencies = [\n    "django>=5.1",\n]\n` }, "DJP502");
  assert.equal(pyproject.fixed["pyproject.toml"], `[project]\nname = "x"\ndependencies = [\n    "gunicorn",\n    "django>=5.1",\n]\n`);
  assert.deepEqual(pyproject.after, []);
  const poetry = await fixAndRecheck({ ...project, "pyproject.toml": `[tool.poetry.dependencies]\npython = "^3.12"\n` }, "DJP502");
  assert.deepEqual(poetry.after, []);
});

test("no block is appended to a module with syntax errors: it could land inside the unfinished statement", async () => {
  const { findings } = await analyzeFiles({ "manage.py": "", [UPLOADS_MODEL]: UPLOADS, "mysite/settings.py": `DEBUG = False\nX = {"a": [1,\n` });
  const appendable = findings.filter((f) => f.rule === "DJP201" || f.rule === "DJP401");
  assert.equal(appendable.length, 2);
  assert.ok(appendable.every((f) => !f.fixes));
});

const LEGACY_STORAGE = `import os

DEFAULT_FILE_STORAGE = os.environ.get(
    "FILE_STORAGE", "storages.backends.s3.S3Storage"
)
DEBUG = False
STATICFILES_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # compressed
`;

test("DJP202 fix replaces the legacy settings with one STORAGES keeping both backends as written", async (t) => {
  const files = { "manage.py": "", "mysite/settings.py": LEGACY_STORAGE, "requirements.txt": "Django>=4.2\n" };
  const { fixed, fix, after } = await fixAndRecheck(files, "DJP202");
  assert.equal(fix.safe, true);
  const expected = `import os

DEBUG = False
STORAGES = {
    "default": {"BACKEND": os.environ.get(
    "FILE_STORAGE", "storages.backends.s3.S3Storage"
)},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}  # compressed
`;
  assert.equal(fixed["mysite/settings.py"], expected);
  assertParses("mysite/settings.py", fixed["mysite/settings.py"]);
  assert.deepEqual(after, []);
  await assertNothingLeftToFix(fixed, "DJP202");
  const python = oraclePython();
  if (!python.ok) return t.skip(python.skip);
  const run = spawnSync(python.python, ["-c", `import json\n${expected}\nprint(json.dumps(STORAGES, sort_keys=True))`], { encoding: "utf8", env: { ...process.env, FILE_STORAGE: "x.Storage" } });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { default: { BACKEND: "x.Storage" }, staticfiles: { BACKEND: "whitenoise.storage.CompressedManifestStaticFilesStorage" } });
});

test("DJP202 fix gives a missing legacy setting Django's default backend", async () => {
  const { fixed, after } = await fixAndRecheck({ "mysite/settings.py": `STATICFILES_STORAGE = "a.B"\n` }, "DJP202");
  assert.equal(fixed["mysite/settings.py"], `STORAGES = {\n    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},\n    "staticfiles": {"BACKEND": "a.B"},\n}\n`);
  assert.deepEqual(after, []);
});

test("DJP202 fix is unsafe when the module reads a legacy setting, and not offered beside STORAGES or in a block", async () => {
  const read = await fixAndRecheck({ "mysite/settings.py": `DEFAULT_FILE_STORAGE = "a.B"\nUSES_S3 = "s3" in DEFAULT_FILE_STORAGE\n` }, "DJP202");
  assert.equal(read.fix.safe, false);
  const offered = async (text: string) => (await analyzeFiles({ "mysite/settings.py": text })).findings.filter((f) => f.rule === "DJP202" && f.fixes);
  assert.deepEqual(await offered(`STORAGES = {}\nDEFAULT_FILE_STORAGE = "a.B"\n`), []);
  assert.deepEqual(await offered(`if True:\n    DEFAULT_FILE_STORAGE = "a.B"\n`), []);
  assert.deepEqual(await offered(`DEFAULT_FILE_STORAGE = "a.B"; X = 1\n`), []);
});

test("DJP201 fix for Django before 4.2 sets DEFAULT_FILE_STORAGE and the S3 settings from env, in the project's idiom", async () => {
  const project = { "manage.py": "", "requirements.txt": "Django==3.2.*\n" };
  const plain = await fixAndRecheck({ ...project, "mysite/settings.py": TUTORIAL }, "DJP201");
  const text = plain.fixed["mysite/settings.py"];
  assert.match(text, /^"""Settings."""\nimport os\n/);
  assert.ok(text.endsWith(`\n\nDEFAULT_FILE_STORAGE = "storages.backends.s3boto3.S3Boto3Storage"\nAWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME")\nAWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME")\nAWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN")\n`), text);
  assert.doesNotMatch(text, /STORAGES = /);
  assertParses("mysite/settings.py", text);
  assert.deepEqual(plain.after, []);
  assert.deepEqual(brief((await analyzeFiles(plain.fixed)).findings, ["DJP202"]), []);
  await assertNothingLeftToFix(plain.fixed, "DJP201");
  const environ = `import environ\nenv = environ.Env()\nDEBUG = False\nAWS_S3_REGION_NAME = "eu-west-1"\n`;
  const idiom = await fixAndRecheck({ ...project, "mysite/settings.py": environ }, "DJP201");
  assert.equal(idiom.fixed["mysite/settings.py"], `${environ}\nDEFAULT_FILE_STORAGE = "storages.backends.s3boto3.S3Boto3Storage"\nAWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")\nAWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN")\n`);
  assert.deepEqual(idiom.after, []);
});

test("DJP401's second fix inserts console, rotating file and mail_admins handlers; the log path defaults under BASE_DIR", async () => {
  const isVariant = (fix: Fix) => fix.title.includes("rotating file");
  const withBaseDir = `${TUTORIAL}\nBASE_DIR = Path(__file__).resolve().parent.parent\n`;
  const { fixed, fix, after } = await fixAndRecheck({ "manage.py": "", "mysite/settings.py": withBaseDir }, "DJP401", isVariant);
  assert.equal(fix.preferred, false);
  const text = fixed["mysite/settings.py"];
  assert.match(text, /"filename": os\.environ\.get\("DJANGO_LOG_FILE", BASE_DIR \/ "django\.log"\)/);
  assert.match(text, /"django\.request": \{"handlers": \["mail_admins"\], "level": "ERROR"/);
  assertParses("mysite/settings.py", text);
  assert.deepEqual(after, []);
  await assertNothingLeftToFix(fixed, "DJP401");
  const noBaseDir = await fixAndRecheck({ "manage.py": "", "mysite/settings.py": TUTORIAL }, "DJP401", isVariant);
  assert.match(noBaseDir.fixed["mysite/settings.py"], /os\.environ\.get\("DJANGO_LOG_FILE", "django\.log"\)/);
  assert.deepEqual(noBaseDir.after, []);
});

test("the LOGGING dict with file and mail_admins is accepted by dictConfig and writes to DJANGO_LOG_FILE or under BASE_DIR", (t) => {
  const block = loggingWithFileAndMailBlock(`BASE_DIR / "django.log"`);
  assertParses("logging.py", `import os\n${block}`);
  const oracle = oraclePython("Django");
  if (!oracle.ok) return t.skip(`${oracle.skip} (only parsed)`);
  const withDjango = oracle.python;
  const dir = mkdtempSync(join(tmpdir(), "djready-log-"));
  try {
    // As in Django's own start-up, settings are configured before LOGGING is applied (AdminEmailHandler reads them).
    const script = `import logging.config, os\nfrom pathlib import Path\nfrom django.conf import settings\nsettings.configure()\nBASE_DIR = Path(${JSON.stringify(dir)})\n${block}\nlogging.config.dictConfig(LOGGING)\nlogging.getLogger("x").warning("written")\n`;
    const { DJANGO_LOG_FILE: _ignored, ...environment } = process.env;
    const run = (env: NodeJS.ProcessEnv) => spawnSync(withDjango, ["-c", script], { encoding: "utf8", env });
    const fromEnv = run({ ...environment, DJANGO_LOG_FILE: join(dir, "from-env.log") });
    assert.equal(fromEnv.status, 0, fromEnv.stderr);
    assert.match(fromEnv.stdout, /WARNING x written/);
    assert.match(readFileSync(join(dir, "from-env.log"), "utf8"), /WARNING x written/);
    const byDefault = run(environment);
    assert.equal(byDefault.status, 0, byDefault.stderr);
    assert.match(readFileSync(join(dir, "django.log"), "utf8"), /WARNING x written/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("DJP403 fix reads the log file path from LOGGING_HANDLERS_<HANDLER>_FILENAME, keeping the path as the default", async () => {
  const settings = `LOGGING = {\n    "version": 1,\n    "disable_existing_loggers": False,\n    "handlers": {"file": {"class": "logging.FileHandler", "filename": "/var/log/mysite/django.log"}},\n}\n`;
  const { fixed, fix, after } = await fixAndRecheck({ "manage.py": "", "mysite/settings.py": settings }, "DJP403");
  assert.equal(fix.safe, true);
  const text = fixed["mysite/settings.py"];
  assert.match(text, /^import os\n/);
  assert.match(text, /"filename": os\.environ\.get\("LOGGING_HANDLERS_FILE_FILENAME", "\/var\/log\/mysite\/django\.log"\)/);
  assert.match(fixed[".env"], /^LOGGING_HANDLERS_FILE_FILENAME=.*\/var\/log\/mysite\/django\.log/m);
  assertParses("mysite/settings.py", text);
  assert.deepEqual(after, []);
  await assertNothingLeftToFix(fixed, "DJP403");
});
