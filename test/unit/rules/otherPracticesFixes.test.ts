import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { applyFileEdits } from "../../../server/src/analysis/fixes/apply";
import { LOGGING_BLOCK, storagesBlock } from "../../../server/src/analysis/fixes/insertSettings";
import { buildPythonModule } from "../../../server/src/analysis/python/module";
import type { Finding } from "../../../server/src/analysis/types";
import { analyzeFiles, brief, type FileMap } from "../../support/memory";
import { oraclePython } from "../../support/python";

const python = oraclePython;

/** Applies the first fix of the rule's first finding; returns the new files and the findings after re-analysis. */
async function fixAndRecheck(files: FileMap, rule: string) {
  const before = await analyzeFiles(files);
  const finding = before.findings.find((f: Finding) => f.rule === rule);
  assert.ok(finding?.fixes?.[0], `${rule} offers a fix`);
  const changed = applyFileEdits((file) => files[file], finding.fixes[0].edits);
  const fixed = { ...files, ...Object.fromEntries(changed) };
  const after = await analyzeFiles(fixed);
  return { fixed, fix: finding.fixes[0], after: brief(after.findings, [rule]) };
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

test("the inserted LOGGING dict is accepted by logging.config.dictConfig", () => {
  const script = `import logging.config, os\n${LOGGING_BLOCK}\nlogging.config.dictConfig(LOGGING)\nlogging.getLogger("x").info("ok")\nprint(logging.getLogger().level)\n`;
  const run = spawnSync(python(), ["-c", script], { encoding: "utf8", env: { ...process.env, DJANGO_LOG_LEVEL: "WARNING" } });
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
  const { findings } = await analyzeFiles({ "manage.py": "", "mysite/settings.py": `DEBUG = False\nX = {"a": [1,\n` });
  const appendable = findings.filter((f) => f.rule === "DJP201" || f.rule === "DJP401");
  assert.equal(appendable.length, 2);
  assert.ok(appendable.every((f) => !f.fixes));
});
