// Step 1 of the project model (RULES.md "Settings reference"): every source that names DJANGO_SETTINGS_MODULE,
// what kind of reference it is, and never a commented-out line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { referencesIn, serverModulesNamedIn, type SettingsReference } from "../../../server/src/analysis/project/settingsReferences";

const brief = (refs: SettingsReference[]) => refs.map((r) => `${r.kind} ${r.variable === "DJANGO_SETTINGS_MODULE" ? "" : "config "}${r.name}:${r.line + 1}`);

test("manage.py and wsgi/asgi modules and packages: the default, every name of a conditional one, never a comment", () => {
  const manage = 'import os\n# os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\nos.environ.setdefault(\n    "DJANGO_SETTINGS_MODULE", "shop.settings.dev"\n)\n';
  assert.deepEqual(brief(referencesIn("manage.py", manage)), ["manage shop.settings.dev:4"]);
  const wsgi = 'os.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings.prod" if LIVE else "shop.settings.dev"  # default\n';
  assert.deepEqual(brief(referencesIn("shop/wsgi.py", wsgi)), ["wsgi shop.settings.prod:1", "wsgi shop.settings.dev:1"]);
  assert.deepEqual(brief(referencesIn("shop/asgi/__init__.py", 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n')), ["wsgi shop.settings:1"]);
  assert.deepEqual(brief(referencesIn("shop/views.py", 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n')), []);
});

test("Dockerfile ENV/ARG (continuation lines too) are deployment references; a RUN line is a build step; a .devcontainer Dockerfile is not deployment", () => {
  const dockerfile = "FROM python:3.12\n# ENV DJANGO_SETTINGS_MODULE=shop.settings.old\nARG DJANGO_SETTINGS_MODULE=shop.settings.build\nENV A=1 \\\n    DJANGO_SETTINGS_MODULE=shop.settings.live\nRUN DJANGO_SETTINGS_MODULE=shop.settings.local python manage.py collectstatic\n";
  assert.deepEqual(brief(referencesIn("Dockerfile", dockerfile)), ["deployment shop.settings.build:3", "deployment shop.settings.live:4"]);
  assert.deepEqual(brief(referencesIn(".devcontainer/Dockerfile", "ENV DJANGO_SETTINGS_MODULE=shop.settings.dev\n")), ["other shop.settings.dev:1"]);
});

test("compose files by content: environment: maps and lists; a development compose file is no deployment reference", () => {
  const compose = "services:\n  web:\n    environment:\n      DJANGO_SETTINGS_MODULE: shop.settings.production\n      # DJANGO_SETTINGS_MODULE: shop.settings.old\n  worker:\n    environment:\n      - DJANGO_SETTINGS_MODULE=shop.settings.worker\n      - DJANGO_CONFIGURATION=Live\n";
  assert.deepEqual(brief(referencesIn("production.yml", compose)), ["deployment shop.settings.production:4", "deployment shop.settings.worker:8", "deployment config Live:9"]);
  assert.deepEqual(brief(referencesIn("docker-compose.local.yml", compose)).map((r) => r.split(" ")[0]), ["other", "other", "other"]);
  assert.deepEqual(referencesIn("mkdocs.yml", "site_name: docs\nDJANGO_SETTINGS_MODULE: x.settings\n"), []);
});

test("Procfile, scripts, Makefile and systemd units: VAR=x, --settings=x and --settings x; test scripts are test references", () => {
  assert.deepEqual(brief(referencesIn("Procfile", "web: gunicorn shop.wsgi --settings=shop.settings.heroku\nrelease: python manage.py migrate --settings shop.settings.heroku\n")), ["deployment shop.settings.heroku:1", "deployment shop.settings.heroku:2"]);
  assert.deepEqual(brief(referencesIn("bin/start.sh", "#!/bin/sh\nexport DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-shop.settings.live}\n")), ["deployment shop.settings.live:2"]);
  assert.deepEqual(brief(referencesIn("run_tests.sh", "export DJANGO_SETTINGS_MODULE=shop.settings.ci\n")), ["test shop.settings.ci:1"]);
  assert.deepEqual(brief(referencesIn("Makefile", "test:\n\tDJANGO_SETTINGS_MODULE=shop.settings.test pytest\n")), ["other shop.settings.test:2"]);
  assert.deepEqual(brief(referencesIn("deploy/shop.service", '[Service]\nEnvironment="DJANGO_SETTINGS_MODULE=shop.settings.server"\n')), ["deployment shop.settings.server:2"]);
});

test("application-server configurations (uwsgi, gunicorn) name what the deployed server runs with; a dev one does not", () => {
  assert.deepEqual(brief(referencesIn("uwsgi.ini", "[uwsgi]\nmodule = shop.wsgi:application\n; env = DJANGO_SETTINGS_MODULE=shop.settings.old\nenv = DJANGO_SETTINGS_MODULE=shop.settings.server\n")), ["deployment shop.settings.server:4"]);
  assert.deepEqual(brief(referencesIn("deploy/gunicorn.conf.py", 'bind = "0.0.0.0:8000"\nraw_env = ["DJANGO_SETTINGS_MODULE=shop.settings.web"]\n')), ["deployment shop.settings.web:2"]);
  assert.deepEqual(brief(referencesIn("uwsgi.dev.ini", "[uwsgi]\nenv = DJANGO_SETTINGS_MODULE=shop.settings.local\n")), ["other shop.settings.local:2"]);
});

test(".env files and test-runner configurations (DJANGO_SETTINGS_MODULE = x, --ds=x); ; and # comments are not references", () => {
  assert.deepEqual(brief(referencesIn(".env", "# DJANGO_SETTINGS_MODULE=shop.settings.old\nexport DJANGO_SETTINGS_MODULE=shop.settings.local\n")), ["other shop.settings.local:2"]);
  assert.deepEqual(brief(referencesIn("pytest.ini", "[pytest]\n; DJANGO_SETTINGS_MODULE = shop.settings.old\nDJANGO_SETTINGS_MODULE = shop.settings.test\n")), ["test shop.settings.test:3"]);
  assert.deepEqual(brief(referencesIn("pyproject.toml", '[tool.pytest.ini_options]\naddopts = "--ds=shop.settings.ci --reuse-db"\n')), ["test shop.settings.ci:2"]);
  assert.deepEqual(brief(referencesIn("tox.ini", "[testenv]\nsetenv =\n    DJANGO_SETTINGS_MODULE = shop.settings.tox\n")), ["test shop.settings.tox:3"]);
});

test("server commands name the wsgi/asgi module whose default is then read", () => {
  assert.deepEqual(serverModulesNamedIn("Procfile", "web: gunicorn shop.wsgi:application --workers 3\n# web: gunicorn old.wsgi:application\n"), ["shop.wsgi"]);
  assert.deepEqual(serverModulesNamedIn("Dockerfile", 'CMD ["uvicorn", "shop.asgi:application", "--host", "0.0.0.0"]\n'), ["shop.asgi"]);
  assert.deepEqual(serverModulesNamedIn("uwsgi.ini", "[uwsgi]\nmodule = shop.wsgi:application\n"), ["shop.wsgi"]);
});
