import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeFiles, brief } from "../support/memory";

const manage = `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.production")\n`;

test("DJP301 reports DEBUG = True in a single settings module at the literal", async () => {
  const { findings } = await analyzeFiles({ "manage.py": manage.replace(".production", ""), "mysite/settings.py": "DEBUG = True\n" });
  const debug = findings.find((f) => f.rule === "DJP301");
  assert.ok(debug);
  assert.deepEqual(debug.range, { start: { line: 0, column: 8 }, end: { line: 0, column: 12 } });
  assert.equal(debug.severity, "error");
});

test("DJP301 follows star imports: a base DEBUG inherited by production is reported once in base.py", async () => {
  const { findings, projects } = await analyzeFiles({
    "manage.py": manage,
    "mysite/settings/__init__.py": "",
    "mysite/settings/base.py": "DEBUG = True\nALLOWED_HOSTS = ['*']\n",
    "mysite/settings/production.py": "from .base import *\n",
    "mysite/settings/staging.py": "from .base import *\n",
    "mysite/settings/dev.py": "from .base import *\nDEBUG = True\n",
  });
  assert.deepEqual(brief(findings, ["DJP301", "DJP303"]), ["DJP301 mysite/settings/base.py:1", "DJP303 mysite/settings/base.py:2"]);
  const roles = Object.fromEntries(projects[0].settings.map((s) => [s.file.split("/").pop(), s.role]));
  assert.deepEqual(roles, { "base.py": "base", "dev.py": "development", "production.py": "production", "staging.py": "production" });
});

test("a later assignment in production overrides base", async () => {
  const { findings } = await analyzeFiles({
    "mysite/settings/base.py": "DEBUG = True\n",
    "mysite/settings/production.py": "from .base import *\nDEBUG = False\n",
  });
  assert.deepEqual(brief(findings, ["DJP301"]), []);
});

test("DEBUG from an env lookup is not a literal", async () => {
  const { findings } = await analyzeFiles({ "mysite/settings.py": "import os\nDEBUG = os.environ.get('DEBUG') == '1'\n" });
  assert.deepEqual(brief(findings, ["DJP301"]), []);
});

test("DJP302 reports template debug at the key; DJP303 an empty ALLOWED_HOSTS", async () => {
  const { findings } = await analyzeFiles({
    "mysite/settings.py": `TEMPLATES = [{"BACKEND": "x", "OPTIONS": {"debug": True}}]\nALLOWED_HOSTS = []\n`,
  });
  assert.deepEqual(brief(findings, ["DJP302", "DJP303"]), ["DJP302 mysite/settings.py:1", "DJP303 mysite/settings.py:2"]);
});

test("noqa silences a finding, and a noqa for a rule that does not fire is a DJP002 hint", async () => {
  const { findings } = await analyzeFiles({ "mysite/settings.py": "DEBUG = True  # noqa: DJP301\nX = 1  # noqa: DJP101\n" });
  assert.deepEqual(brief(findings, ["DJP301", "DJP002"]), ["DJP002 mysite/settings.py:2"]);
});

test("a suppression comment's range stops before the CR of a CRLF line end", async () => {
  const { findings } = await analyzeFiles({ "mysite/settings.py": "#noqa:DJP101\r\nX = 1\r\n" });
  const hint = findings.find((f) => f.rule === "DJP002");
  assert.ok(hint);
  assert.deepEqual(hint.range, { start: { line: 0, column: 0 }, end: { line: 0, column: 12 } });
});
