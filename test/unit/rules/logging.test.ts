import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeFiles, brief } from "../../support/memory";

const LOGGING_RULES = ["DJP401", "DJP402", "DJP403", "DJP404", "DJP405"];

async function logging(files: Record<string, string>, rules = LOGGING_RULES) {
  const { findings } = await analyzeFiles({ "manage.py": "", ...files });
  return brief(findings, rules);
}

const GOOD = `LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(message)s"}},
    "filters": {"no_debug": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_debug"]},
        "buffer": {"class": "logging.handlers.MemoryHandler", "capacity": 10, "target": "console"},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"": {"handlers": ["buffer"]}, "django": {"handlers": ["console"], "filters": ["no_debug"]}},
}
`;

test("a complete, valid LOGGING gives no finding", async () => {
  assert.deepEqual(await logging({ "mysite/settings.py": GOOD }), []);
});

test("DJP401 at line 1 of the deployed module when LOGGING is absent or empty", async () => {
  assert.deepEqual(await logging({ "mysite/settings.py": "DEBUG = False\n" }), ["DJP401 mysite/settings.py:1"]);
  assert.deepEqual(await logging({ "mysite/settings.py": "LOGGING = {}\n" }), ["DJP401 mysite/settings.py:1"]);
  assert.deepEqual(await logging({ "mysite/settings.py": "LOGGING = build_logging()\n" }), []);
});

test("DJP401: LOGGING_CONFIG = None is fine with a setup of its own, also in a star-imported base", async () => {
  const ownSetup = `import logging.config\nLOGGING_CONFIG = None\nlogging.config.dictConfig({"version": 1})\n`;
  assert.deepEqual(await logging({ "mysite/settings.py": ownSetup }), []);
  assert.deepEqual(await logging({ "mysite/settings/base.py": ownSetup, "mysite/settings/prod.py": "from .base import *\n" }), []);
  assert.deepEqual(await logging({ "mysite/settings.py": "LOGGING_CONFIG = None\n" }), ["DJP401 mysite/settings.py:1"]);
});

test("DJP402 at the AdminEmailHandler entry when a logger uses it and ADMINS is empty, absent, or mail is not sent", async () => {
  const config = (extra: string) => `${extra}LOGGING = {\n    "version": 1,\n    "disable_existing_loggers": False,\n    "handlers": {\n        "mail_admins": {"class": "django.utils.log.AdminEmailHandler"},\n    },\n    "loggers": {"django": {"handlers": ["mail_admins"]}},\n}\n`;
  assert.deepEqual(await logging({ "mysite/settings.py": config("ADMINS = []\n") }), ["DJP402 mysite/settings.py:6"]);
  assert.deepEqual(await logging({ "mysite/settings.py": config("") }), ["DJP402 mysite/settings.py:5"]);
  assert.deepEqual(await logging({ "mysite/settings.py": config(`ADMINS = [("Ops", "ops@example.com")]\nEMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"\n`) }), ["DJP402 mysite/settings.py:7"]);
  assert.deepEqual(await logging({ "mysite/settings.py": config(`ADMINS = [("Ops", "ops@example.com")]\n`) }), []);
  assert.deepEqual(await logging({ "mysite/settings.py": config(`import os\nADMINS = os.environ["ADMINS"]\n`) }), []);
  const unused = config("ADMINS = []\n").replace(`"handlers": ["mail_admins"]`, `"level": "INFO"`);
  assert.deepEqual(await logging({ "mysite/settings.py": unused }), []);
});

test("DJP403 at the filename key of a literal absolute path, in every settings module; relative and env paths are fine", async () => {
  const handler = (filename: string) => `import os\nLOGGING = {\n    "version": 1,\n    "disable_existing_loggers": False,\n    "handlers": {"file": {"class": "logging.FileHandler",\n        "filename": ${filename}}},\n}\n`;
  assert.deepEqual(await logging({ "mysite/settings/dev.py": handler(`"/var/log/app.log"`), "mysite/settings/prod.py": GOOD }), ["DJP403 mysite/settings/dev.py:6"]);
  assert.deepEqual(await logging({ "mysite/settings.py": handler(`"C:\\\\logs\\\\app.log"`) }), ["DJP403 mysite/settings.py:6"]);
  assert.deepEqual(await logging({ "mysite/settings.py": handler(`"logs/app.log"`) }), []);
  assert.deepEqual(await logging({ "mysite/settings.py": handler(`os.environ.get("LOG_FILE", "/var/log/app.log")`) }), []);
});

test("DJP404 at the key when True, at the LOGGING assignment when absent; not with incremental", async () => {
  assert.deepEqual(await logging({ "mysite/settings.py": GOOD.replace(`"disable_existing_loggers": False`, `"disable_existing_loggers": True`) }), ["DJP404 mysite/settings.py:3"]);
  assert.deepEqual(await logging({ "mysite/settings.py": `X = 1\n${GOOD.replace(`    "disable_existing_loggers": False,\n`, "")}` }), ["DJP404 mysite/settings.py:2"]);
  assert.deepEqual(await logging({ "mysite/settings.py": `LOGGING = {"version": 1, "incremental": True, "loggers": {"django": {"level": "INFO"}}}\n` }), []);
});

test("DJP404 in a base module that a production module patches later is still reported in base", async () => {
  const found = await logging({
    "mysite/settings/base.py": `LOGGING = {"version": 1, "disable_existing_loggers": True}\n`,
    "mysite/settings/production.py": `from .base import *\nLOGGING["disable_existing_loggers"] = False\n`,
  });
  assert.deepEqual(found, ["DJP404 mysite/settings/base.py:1"]);
});

test("DJP405: no version at the LOGGING assignment, a wrong version at its key; `**` unpacking may supply it", async () => {
  assert.deepEqual(await logging({ "mysite/settings.py": `LOGGING = {\n    "disable_existing_loggers": False,\n}\n` }), ["DJP405 mysite/settings.py:1"]);
  assert.deepEqual(await logging({ "mysite/settings.py": `LOGGING = {\n    "version": 2,\n    "disable_existing_loggers": False,\n}\n` }), ["DJP405 mysite/settings.py:2"]);
  assert.deepEqual(await logging({ "mysite/settings.py": `LOGGING = {"version": True, "disable_existing_loggers": False}\n` }), []);
  assert.deepEqual(await logging({ "mysite/settings.py": `BASE = {"version": 1}\nLOGGING = {**BASE, "disable_existing_loggers": False}\n` }), []);
});

test("DJP405 at each entry that names an undefined handler, formatter, filter or MemoryHandler target", async () => {
  const broken = GOOD.replace(`"formatter": "plain"`, `"formatter": "json"`)
    .replace(`"target": "console"`, `"target": "nowhere"`)
    .replace(`"root": {"handlers": ["console"]`, `"root": {"handlers": ["console", "sentry"]`)
    .replace(`"filters": ["no_debug"]}}`, `"filters": ["missing"]}}`);
  assert.deepEqual(await logging({ "mysite/settings.py": broken }), [
    "DJP405 mysite/settings.py:7",
    "DJP405 mysite/settings.py:8",
    "DJP405 mysite/settings.py:10",
    "DJP405 mysite/settings.py:11",
  ].sort());
});

test("DJP405: an absent section defines nothing; a section built elsewhere or incremental config is not judged", async () => {
  const refs = `"version": 1, "disable_existing_loggers": False, "loggers": {"x": {"handlers": ["console"]}}`;
  assert.deepEqual(await logging({ "mysite/settings.py": `LOGGING = {${refs}}\n` }), ["DJP405 mysite/settings.py:1"]);
  assert.deepEqual(await logging({ "mysite/settings.py": `LOGGING = {${refs}, "handlers": HANDLERS}\n` }), []);
  assert.deepEqual(await logging({ "mysite/settings.py": `LOGGING = {${refs}, "handlers": {**HANDLERS}}\n` }), []);
  assert.deepEqual(await logging({ "mysite/settings.py": `LOGGING = {${refs}, "incremental": True}\n` }), []);
});

test("DJP404 and DJP405 do not apply when LOGGING_CONFIG names another configurator", async () => {
  assert.deepEqual(await logging({ "mysite/settings.py": `LOGGING_CONFIG = "mysite.log.configure"\nLOGGING = {"handlers": {}}\n` }), []);
});
