import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeFiles, brief } from "../../support/memory";

const STORAGE_RULES = ["DJP201", "DJP202", "DJP203"];
const S3_STORAGES = `STORAGES = {\n    "default": {"BACKEND": "storages.backends.s3.S3Storage"},\n    "staticfiles": {"BACKEND": "storages.backends.s3.S3Storage"},\n}\n`;

/** DJP201 is only for a project that can receive uploads (a file or image field). */
const UPLOADS = { "gallery/models.py": "from django.db import models\n\n\nclass Photo(models.Model):\n    image = models.ImageField()\n" };

async function storage(files: Record<string, string>) {
  const { findings } = await analyzeFiles({ "manage.py": "", ...UPLOADS, ...files });
  return brief(findings, STORAGE_RULES);
}

test("DJP201 at line 1 of the single module when neither STORAGES default nor DEFAULT_FILE_STORAGE is set", async () => {
  assert.deepEqual(await storage({ "mysite/settings.py": "DEBUG = False\n" }), ["DJP201 mysite/settings.py:1"]);
  assert.deepEqual(await storage({ "mysite/settings.py": `STORAGES = {"staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}\n` }), ["DJP201 mysite/settings.py:1"]);
});

test("DJP201 is judged on deployed settings: production inherits STORAGES from base; a dev module is not judged", async () => {
  const files = {
    "mysite/settings/base.py": S3_STORAGES,
    "mysite/settings/production.py": "from .base import *\n",
    "mysite/settings/dev.py": "from .base import *\nSTORAGES = {}\n",
  };
  assert.deepEqual(await storage(files), []);
  assert.deepEqual(await storage({ ...files, "mysite/settings/base.py": "X = 1\n" }), ["DJP201 mysite/settings/production.py:1"]);
});

test("STORAGES built elsewhere or unpacked from another dict may hold a default: no DJP201", async () => {
  assert.deepEqual(await storage({ "mysite/settings.py": "STORAGES = build_storages()\n" }), []);
  assert.deepEqual(await storage({ "mysite/settings.py": `BASE = {}\nSTORAGES = {**BASE, "staticfiles": {"BACKEND": "x"}}\n` }), []);
});

test("a legacy DEFAULT_FILE_STORAGE counts for DJP201 unless the declared Django is certainly 5.1 or newer", async () => {
  const settings = { "mysite/settings.py": `DEFAULT_FILE_STORAGE = "storages.backends.s3.S3Storage"\n` };
  assert.deepEqual(await storage({ ...settings, "requirements.txt": "Django==4.2.17\n" }), ["DJP202 mysite/settings.py:1"]);
  assert.deepEqual(await storage({ ...settings, "requirements.txt": "Django>=5.1\n" }), ["DJP201 mysite/settings.py:1", "DJP202 mysite/settings.py:1"]);
  assert.deepEqual(await storage({ ...settings, "pyproject.toml": `[project]\ndependencies = ["django==5.2.*"]\n` }), ["DJP201 mysite/settings.py:1", "DJP202 mysite/settings.py:1"]);
  assert.deepEqual(await storage(settings), ["DJP202 mysite/settings.py:1"]);
});

test("DJP202 is version-aware: silent for Django 3.2, reported for 4.2, 5.1, 5.2 and unknown, in every settings module", async () => {
  const files = {
    "mysite/settings/base.py": `STATICFILES_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"\n${S3_STORAGES.replace("STORAGES", "OTHER")}`,
    "mysite/settings/production.py": `from .base import *\n${S3_STORAGES}`,
    "mysite/settings/local.py": `from .base import *\n\nDEFAULT_FILE_STORAGE = "django.core.files.storage.FileSystemStorage"\n`,
  };
  const both = ["DJP202 mysite/settings/base.py:1", "DJP202 mysite/settings/local.py:3"];
  assert.deepEqual(await storage({ ...files, "requirements.txt": "django==3.2.18\n" }), []);
  assert.deepEqual(await storage({ ...files, "requirements.txt": "Django<4.2\n" }), []);
  assert.deepEqual(await storage({ ...files, "requirements.txt": "Django~=4.2\n" }), both);
  assert.deepEqual(await storage({ ...files, "pyproject.toml": `[tool.poetry.dependencies]\ndjango = "^5.1"\n` }), both);
  assert.deepEqual(await storage({ ...files, "requirements.txt": "Django==5.2\n" }), both);
  assert.deepEqual(await storage(files), both);
});

test("DJP202 is reported at the assignment's name and says what the declared version does", async () => {
  const { findings } = await analyzeFiles({ "mysite/settings.py": `${S3_STORAGES}STATICFILES_STORAGE = "x"\n`, "requirements.txt": "Django>=5.1\n" });
  const finding = findings.find((f) => f.rule === "DJP202")!;
  assert.deepEqual(finding.range, { start: { line: 4, column: 0 }, end: { line: 4, column: 19 } });
  assert.match(finding.message, /STATICFILES_STORAGE.*ignores it.*STORAGES\["staticfiles"\]/);
});

test("DJP203 at the BACKEND key of an explicit FileSystemStorage default; whitenoise for static files alone is fine", async () => {
  const settings = `STORAGES = {\n    "default": {\n        "BACKEND": "django.core.files.storage.FileSystemStorage",\n    },\n    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},\n}\n`;
  assert.deepEqual(await storage({ "mysite/settings.py": settings }), ["DJP203 mysite/settings.py:3"]);
  assert.deepEqual(await storage({ "mysite/settings.py": settings.replace("django.core.files.storage.FileSystemStorage", "storages.backends.s3.S3Storage") }), []);
});

test("a cookiecutter-django style project (S3 STORAGES, console LOGGING, gunicorn in requirements/production.txt) is clean", async () => {
  const { findings } = await analyzeFiles({
    "manage.py": `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n`,
    "config/wsgi.py": `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n`,
    "config/settings/__init__.py": "",
    "config/settings/base.py": `import environ\nenv = environ.Env()\nSTATICFILES_DIRS = []\nLOGGING = {\n    "version": 1,\n    "disable_existing_loggers": False,\n    "formatters": {"verbose": {"format": "%(levelname)s %(message)s"}},\n    "handlers": {"console": {"level": "DEBUG", "class": "logging.StreamHandler", "formatter": "verbose"}},\n    "root": {"level": "INFO", "handlers": ["console"]},\n}\n`,
    "config/settings/local.py": `from .base import *  # noqa\nDEBUG = True\n`,
    "config/settings/production.py": `from .base import *  # noqa\nfrom .base import env\nAWS_STORAGE_BUCKET_NAME = env("DJANGO_AWS_STORAGE_BUCKET_NAME")\nSTORAGES = {\n    "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"location": "media", "file_overwrite": False}},\n    "staticfiles": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"location": "static", "default_acl": "public-read"}},\n}\nLOGGING = {\n    "version": 1,\n    "disable_existing_loggers": False,\n    "formatters": {"verbose": {"format": "%(levelname)s %(asctime)s %(module)s %(message)s"}},\n    "handlers": {"console": {"level": "DEBUG", "class": "logging.StreamHandler", "formatter": "verbose"}},\n    "root": {"level": "INFO", "handlers": ["console"]},\n    "loggers": {\n        "django.db.backends": {"level": "ERROR", "handlers": ["console"], "propagate": False},\n        "django.security.DisallowedHost": {"level": "ERROR", "handlers": ["console"], "propagate": False},\n    },\n}\n`,
    "requirements/base.txt": "django==5.2.7  # pyup: < 6.0\ndjango-environ==0.12.0\n",
    "requirements/local.txt": "-r base.txt\nWerkzeug[watchdog]==3.1.3\n",
    "requirements/production.txt": "-r base.txt\n\ngunicorn==23.0.0  # https://github.com/benoitc/gunicorn\npsycopg[c]==3.2.10\ndjango-storages[s3]==1.14.6\n",
    "compose/production/django/start": `#!/bin/bash\nset -o errexit\npython /app/manage.py collectstatic --noinput\nexec /usr/local/bin/gunicorn config.wsgi --bind 0.0.0.0:5000 --chdir=/app\n`,
    "compose/local/django/start": `#!/bin/bash\nset -o errexit\npython manage.py migrate\nexec python manage.py runserver_plus 0.0.0.0:8000\n`,
    "docker-compose.local.yml": `services:\n  django:\n    command: /start\n`,
    "docker-compose.production.yml": `services:\n  django:\n    command: /start\n`,
  });
  assert.deepEqual(brief(findings, [...STORAGE_RULES, "DJP401", "DJP402", "DJP403", "DJP404", "DJP405", "DJP501", "DJP502"]), []);
});
