// DJP107: bool, int and list settings must not take the raw string of an env lookup.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeFiles, brief, type FileMap } from "../../support/memory";

const SETTINGS = "mysite/settings.py";

async function djp107(files: FileMap | string): Promise<string[]> {
  const { findings } = await analyzeFiles(typeof files === "string" ? { [SETTINGS]: files } : files);
  return brief(findings, ["DJP107"]);
}

/** Each row is one settings line after the imports; the result lists the rows (1-based) reported. */
async function reportedRows(rows: string[]): Promise<number[]> {
  const header = ["import os", "import environ", "from decouple import config, Csv", "env = environ.Env()"];
  const found = await djp107([...header, ...rows].join("\n") + "\n");
  return found.map((line) => Number(line.split(":").at(-1)) - header.length).sort((a, b) => a - b);
}

test("DJP107 reports the raw string of an env lookup in every idiom of RULES.md", async () => {
  const rows = [
    'DEBUG = os.environ.get("DEBUG", False)',
    'DEBUG = bool(os.getenv("DEBUG"))',
    'SECURE_HSTS_SECONDS = os.environ.get("HSTS_SECONDS")',
    'ALLOWED_HOSTS = os.getenv("ALLOWED_HOSTS")',
    'DEBUG = config("DEBUG")',
    'DEBUG = config("DEBUG", default=False)',
    'DEBUG = env("DEBUG")',
    'DEBUG = env.bool("DEBUG", default="False")',
    'DEBUG = os.environ["DEBUG"]',
    'SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "True")',
    'CSRF_COOKIE_HTTPONLY = env.str("CSRF_COOKIE_HTTPONLY")',
    'EMAIL_PORT = config("EMAIL_PORT", default=587, cast=str)',
    'INTERNAL_IPS = env("INTERNAL_IPS", default="127.0.0.1")',
    'DATABASES = {"default": {"CONN_MAX_AGE": os.getenv("CONN_MAX_AGE", "60")}}',
    'DATABASES["default"]["CONN_MAX_AGE"] = os.environ.get("CONN_MAX_AGE")',
  ];
  assert.deepEqual(await reportedRows(rows), rows.map((_, i) => i + 1));
});

test("DJP107 accepts the parsing idioms", async () => {
  const rows = [
    'DEBUG = os.environ.get("DEBUG", "False") == "True"',
    'DEBUG = os.environ.get("DEBUG", "false").lower() in ("1", "true", "yes")',
    'SECURE_HSTS_SECONDS = int(os.environ.get("HSTS", "0"))',
    'ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")',
    'DEBUG = env.bool("DEBUG", False)',
    'DEBUG = env("DEBUG", default=False)',
    'EMAIL_PORT = env("EMAIL_PORT", default=587)',
    'DEBUG = env("DEBUG", cast=bool)',
    'DEBUG = config("DEBUG", default=False, cast=bool)',
    'DEBUG = config("DEBUG", default="False", cast=bool)',
    'ALLOWED_HOSTS = config("ALLOWED_HOSTS", cast=Csv())',
    'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])',
    'SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=1209600)',
    'EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")',
    "DEBUG = True",
    'ALLOWED_HOSTS = [os.environ["HOST"]]',
    'ALLOWED_HOSTS.append(os.environ["EXTRA_HOST"])',
  ];
  assert.deepEqual(await reportedRows(rows), []);
});

test("DJP107: a django-environ scheme gives env(\"DEBUG\") its bool cast, even from a star-imported base module", async () => {
  const sameModule = 'import environ\nenv = environ.Env(DEBUG=(bool, False), ALLOWED_HOSTS=(list, []))\nDEBUG = env("DEBUG")\nALLOWED_HOSTS = env("ALLOWED_HOSTS")\n';
  assert.deepEqual(await djp107(sameModule), []);
  const split = {
    "mysite/settings/base.py": "import environ\nenv = environ.Env(DJANGO_DEBUG=(bool, False))\n",
    "mysite/settings/production.py": 'from .base import *\nDEBUG = env("DJANGO_DEBUG")\nSECURE_SSL_REDIRECT = env("SSL_REDIRECT")\n',
  };
  assert.deepEqual(await djp107(split), ["DJP107 mysite/settings/production.py:3"]);
  const stringScheme = 'import environ\nenv = environ.Env(DEBUG=(str, "False"))\nDEBUG = env("DEBUG")\n';
  assert.deepEqual(await djp107(stringScheme), [`DJP107 ${SETTINGS}:3`]);
});

test("DJP107 reports at the value, or at the dict key, with a message naming the setting", async () => {
  const { findings } = await analyzeFiles({ [SETTINGS]: 'import os\nDEBUG = bool(os.getenv("DJANGO_DEBUG"))\nDATABASES = {"default": {"CONN_MAX_AGE": os.getenv("CMA")}}\n' });
  const [debug, connMaxAge] = findings.filter((f) => f.rule === "DJP107");
  assert.deepEqual(debug.range.start, { line: 1, column: 8 });
  assert.match(debug.message, /^DEBUG takes bool\(\) of the raw string of the env variable DJANGO_DEBUG, so any non-empty string, "False" included, is truthy/);
  assert.deepEqual(connMaxAge.range.start, { line: 2, column: 25 });
  assert.match(connMaxAge.message, /^DATABASES\["default"\]\["CONN_MAX_AGE"\] .* needs a number/);
  assert.equal(debug.severity, "error");
});

test("DJP107 judges development modules too, and only settings modules", async () => {
  const files = {
    "mysite/settings/production.py": "DEBUG = False\n",
    "mysite/settings/local.py": 'import os\nDEBUG = os.getenv("DEBUG")\n',
    "mysite/helpers.py": 'import os\nDEBUG = os.getenv("DEBUG")\n',
  };
  assert.deepEqual(await djp107(files), ["DJP107 mysite/settings/local.py:2"]);
});
