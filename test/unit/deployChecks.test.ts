import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeFiles, brief } from "../support/memory";

const DEPLOY_RULES = Array.from({ length: 13 }, (_, i) => `DJP${310 + i}`);
const ALL_MIDDLEWARE = `MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
`;

test("missing settings are reported at line 1 of the single module, with Django's check id", async () => {
  const { findings } = await analyzeFiles({ "mysite/settings.py": "# settings\nDEBUG = False\n" });
  assert.deepEqual(brief(findings, DEPLOY_RULES), ["DJP310 mysite/settings.py:1", "DJP311 mysite/settings.py:1", "DJP312 mysite/settings.py:1"]);
  assert.deepEqual(findings.find((f) => f.rule === "DJP310")?.range, { start: { line: 0, column: 0 }, end: { line: 0, column: 10 } });
  assert.match(findings.find((f) => f.rule === "DJP312")?.message ?? "", /security\.W003/);
});

test("a middleware missing from a literal MIDDLEWARE is reported at the MIDDLEWARE value; defaults judge the rest", async () => {
  const { findings } = await analyzeFiles({
    "mysite/settings.py": `INSTALLED_APPS = ["django.contrib.sessions"]\nMIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]\n`,
  });
  assert.deepEqual(brief(findings, DEPLOY_RULES), [
    "DJP311 mysite/settings.py:2",
    "DJP312 mysite/settings.py:2",
    "DJP313 mysite/settings.py:1",
    "DJP316 mysite/settings.py:1",
    "DJP317 mysite/settings.py:1",
  ]);
  assert.equal(findings.find((f) => f.rule === "DJP311")?.range.start.column, 13);
  assert.match(findings.find((f) => f.rule === "DJP317")?.message ?? "", /security\.W010\b/);
});

test("an inherited value is reported in base.py, once for two production modules", async () => {
  const { findings } = await analyzeFiles({
    "mysite/settings/base.py": `${ALL_MIDDLEWARE}SECURE_SSL_REDIRECT = False\nX_FRAME_OPTIONS = "SAMEORIGIN"\n`,
    "mysite/settings/production.py": "from .base import *\nSECURE_HSTS_SECONDS = 3600\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n",
    "mysite/settings/staging.py": "from .base import *\nSECURE_HSTS_SECONDS = 0\n",
  });
  assert.deepEqual(brief(findings, DEPLOY_RULES), [
    "DJP313 mysite/settings/staging.py:2",
    "DJP316 mysite/settings/base.py:7",
    "DJP317 mysite/settings/production.py:1",
    "DJP317 mysite/settings/staging.py:1",
    "DJP319 mysite/settings/production.py:1",
    "DJP319 mysite/settings/staging.py:1",
    "DJP320 mysite/settings/base.py:8",
  ]);
});

test("W005 and W021 failing at the same place make one DJP314 finding naming both ids", async () => {
  const { findings } = await analyzeFiles({ "mysite/settings.py": `${ALL_MIDDLEWARE}SECURE_HSTS_SECONDS = 60\n` });
  const hsts = findings.filter((f) => f.rule === "DJP314");
  assert.equal(hsts.length, 1);
  assert.match(hsts[0]?.message ?? "", /security\.W005.*security\.W021/);
});

test("values from env lookups or names are never judged, nor are checks that depend on them", async () => {
  const { findings } = await analyzeFiles({
    "mysite/settings.py": `import os
MIDDLEWARE = os.environ.get("MIDDLEWARE", "").split(",")
SECURE_SSL_REDIRECT = os.environ.get("SSL_REDIRECT") == "1"
SESSION_COOKIE_SECURE = os.environ.get("SECURE_COOKIES", "1") == "1"
SECRET_KEY_FALLBACKS = [os.environ["OLD_KEY"]]
`,
  });
  assert.deepEqual(brief(findings, DEPLOY_RULES), []);
});

test("SILENCED_SYSTEM_CHECKS drops exactly the listed Django ids (W012 silenced does not hide W011)", async () => {
  const { findings } = await analyzeFiles({
    "mysite/settings.py": `${ALL_MIDDLEWARE}SILENCED_SYSTEM_CHECKS = ["security.W004", "security.W012"]\nSECRET_KEY_FALLBACKS = ["short", "django-insecure-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"]\n`,
  });
  assert.deepEqual(brief(findings, DEPLOY_RULES), [
    "DJP316 mysite/settings.py:1",
    "DJP317 mysite/settings.py:1",
    "DJP319 mysite/settings.py:1",
    "DJP322 mysite/settings.py:8",
    "DJP322 mysite/settings.py:8",
  ]);
  assert.match(findings.find((f) => f.rule === "DJP317")?.message ?? "", /security\.W011\b/);
  assert.ok(findings.every((f) => !f.message.includes("django-insecure-0123")), "messages never echo the key");
});

test("a project with no production or single module gets no deploy checks", async () => {
  const { findings } = await analyzeFiles({
    "mysite/settings/base.py": "DEBUG = False\n",
    "mysite/settings/dev.py": "from .base import *\n",
  });
  assert.deepEqual(brief(findings, DEPLOY_RULES), []);
});
