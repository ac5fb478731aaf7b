// DJP109's fix: after it, the project loads its .env (python-dotenv, or django-environ's reader) and DJP109 is gone;
// with a real Python, the loaded settings see the .env's values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { applyFileEdits } from "../../../server/src/analysis/fixes/apply";
import { analyzeFiles, type FileMap } from "../../support/memory";
import { oraclePython } from "../../support/python";

const osProject: FileMap = {
  "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.production")\n',
  "requirements.txt": "Django>=5.2\ngunicorn\n",
  ".env": "API_TOKEN_NAME=from-dotenv\n",
  "mysite/settings/__init__.py": "",
  "mysite/settings/base.py": '"""Base."""\nimport os\nfrom pathlib import Path\n\nNAME = os.environ.get("API_TOKEN_NAME", "unset")\n',
  "mysite/settings/production.py": "from .base import *  # noqa\n",
};

async function fixedByDjp109(files: FileMap): Promise<FileMap> {
  const { findings } = await analyzeFiles(files);
  const finding = findings.find((f) => f.rule === "DJP109");
  assert.ok(finding, "DJP109 is reported");
  const fix = finding.fixes?.[0];
  assert.ok(fix, "DJP109 offers a fix");
  return { ...files, ...Object.fromEntries(applyFileEdits((f) => files[f], fix.edits)) };
}

test("DJP109's fix loads .env with python-dotenv in the base module and declares python-dotenv", async () => {
  const fixed = await fixedByDjp109(osProject);
  assert.match(fixed["mysite/settings/base.py"], /^from dotenv import load_dotenv$/m);
  assert.match(fixed["mysite/settings/base.py"], /^load_dotenv\(os\.path\.join\(os\.path\.dirname\(os\.path\.abspath\(__file__\)\), "\.\.", "\.\.", "\.env"\)\)$/m);
  assert.ok(fixed["mysite/settings/base.py"].indexOf("load_dotenv(") < fixed["mysite/settings/base.py"].indexOf("NAME ="));
  assert.match(fixed["requirements.txt"], /^python-dotenv$/m);
  const again = await analyzeFiles(fixed);
  assert.deepEqual(again.findings.filter((f) => f.rule === "DJP109"), []);
  assert.equal(again.findings.filter((f) => f.file.endsWith(".py") && f.rule === "DJP002").length, 0);
});

test("DJP109's fix uses environ.Env.read_env in a django-environ project", async () => {
  const fixed = await fixedByDjp109({
    "manage.py": "",
    ".env": "DJANGO_DEBUG=on\n",
    "mysite/settings.py": 'import environ\n\nenv = environ.Env()\nDEBUG = env.bool("DJANGO_DEBUG", default=False)\n',
  });
  assert.match(fixed["mysite/settings.py"], /^environ\.Env\.read_env\(os\.path\.join\(os\.path\.dirname\(os\.path\.abspath\(__file__\)\), "\.\.", "\.env"\)\)$/m);
  assert.match(fixed["mysite/settings.py"], /^import os$/m);
  const again = await analyzeFiles(fixed);
  assert.deepEqual(again.findings.filter((f) => f.rule === "DJP109"), []);
});

test("with a real Python, the fixed settings read the value from .env", async (t) => {
  const oracle = oraclePython("python-dotenv");
  if (!oracle.ok) return t.skip(oracle.skip);
  const python = oracle.python;
  const fixed = await fixedByDjp109(osProject);
  const dir = mkdtempSync(join(tmpdir(), "djready-loader-"));
  try {
    for (const [file, text] of Object.entries(fixed)) {
      mkdirSync(join(dir, dirname(file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    const run = spawnSync(python, ["-c", "import mysite.settings.production as s; print(s.NAME)"], { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), "from-dotenv");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
