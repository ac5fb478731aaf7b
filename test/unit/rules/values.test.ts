// Issue 13: values and secrets as real code writes them — project helpers, environs, default semantics, the new
// rules DJP110/DJP304/DJP305/DJP330/DJP406, and the smaller causes. Each cause has a positive and a negative case.
import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeFiles, brief, type FileMap } from "../../support/memory";
import type { Finding } from "../../../server/src/analysis/types";
import { applyFileEdits } from "../../../server/src/analysis/fixes/apply";

const PROD = "shop/settings/production.py";
const BASE = "shop/settings/base.py";

function lines(...rows: string[]): string {
  return rows.join("\n") + "\n";
}

/** A split-settings project: base.py (with `extraBase`) and production.py (with `prod`). */
function project(prod: string, extraBase = "", extra: FileMap = {}): FileMap {
  return {
    "manage.py": `import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")\n`,
    "shop/__init__.py": "",
    "shop/settings/__init__.py": "",
    [BASE]: lines("import os", "import environ", "env = environ.Env()", 'INSTALLED_APPS = ["django.contrib.admin"]', 'ROOT_URLCONF = "shop.urls"', extraBase),
    [PROD]: lines("from .base import *", prod),
    ...extra,
  };
}

async function findings(files: FileMap, rules: readonly string[]): Promise<Finding[]> {
  const { findings: all } = await analyzeFiles(files);
  return all.filter((f) => rules.includes(f.rule));
}

async function briefOf(files: FileMap, rules: readonly string[]): Promise<string[]> {
  return brief(await findings(files, rules));
}

// --- DJP304: DEBUG on by default ---

const DEBUG_TRUE_DEFAULTS = [
  'DEBUG = env.bool("DEBUG", default=True)',
  'DEBUG = os.getenv("DEBUG", "True") == "True"',
  'DEBUG = os.environ.get("DJANGO_DEBUG", "1").lower() in ("1", "true", "yes")',
  'DEBUG = os.environ.get("DEBUG", "yes") != "no"',
  'DEBUG = os.environ.get("APP_DEBUG", "YES") == "YES" or TESTING',
  'DEBUG = "PLATFORM_HOST" not in os.environ',
];

test("DJP304: every idiom of a truthy DEBUG default in a deployed module is found", async () => {
  for (const line of DEBUG_TRUE_DEFAULTS) {
    assert.deepEqual(await briefOf(project(line), ["DJP304"]), [`DJP304 ${PROD}:2`], line);
  }
  const decouple = project(lines("from decouple import config", 'DEBUG = config("DEBUG", default=True, cast=bool)'));
  assert.deepEqual(await briefOf(decouple, ["DJP304"]), [`DJP304 ${PROD}:3`]);
  const environs = project(lines("from environs import Env", "envs = Env()", 'DEBUG = envs.bool("DEBUG", True)'));
  assert.deepEqual(await briefOf(environs, ["DJP304"]), [`DJP304 ${PROD}:4`]);
});

test("DJP304: a falsy default, no default, a string compared to another word, or a dev module is not reported", async () => {
  for (const line of [
    'DEBUG = env.bool("DEBUG", default=False)',
    'DEBUG = os.getenv("DEBUG", "False") == "True"',
    'DEBUG = os.environ.get("DEBUG", "0").lower() in ("1", "true")',
    'DEBUG = env.bool("DEBUG")',
    'DEBUG = os.getenv("DEBUG", True) == "True"',
    'DEBUG = os.getenv("DEBUG", "NO") == "YES" or TESTING',
    'DEBUG = "LOCAL_DEV" in os.environ',
  ]) {
    assert.deepEqual(await briefOf(project(line), ["DJP304"]), [], line);
  }
  const dev = { ...project("DEBUG = False"), "shop/settings/dev.py": lines("from .base import *", 'DEBUG = env.bool("DEBUG", default=True)') };
  assert.deepEqual(await briefOf(dev, ["DJP304"]), []);
});

test("DJP304: django-environ's scheme default Env(DEBUG=(bool, True)) counts, and is reported at the DEBUG line", async () => {
  const files = project('DEBUG = env("DEBUG")');
  files[BASE] = files[BASE].replace("env = environ.Env()", "env = environ.Env(DEBUG=(bool, True))");
  assert.deepEqual(await briefOf(files, ["DJP304", "DJP107"]), [`DJP304 ${PROD}:2`]);
  files[BASE] = files[BASE].replace("(bool, True)", "(bool, False)");
  assert.deepEqual(await briefOf(files, ["DJP304", "DJP107"]), []);
});

test("DJP304 through project helpers: defined in a settings module, imported from a project module, star-imported", async () => {
  const helper = lines(
    "def get_bool_from_env(name, default_value=False):",
    "    value = os.environ.get(name)",
    "    if value is None:",
    "        return default_value",
    '    return value.lower() in ("1", "true", "yes")',
  );
  const starImported = project('DEBUG = get_bool_from_env("DEBUG", True)', helper);
  assert.deepEqual(await briefOf(starImported, ["DJP304", "DJP107"]), [`DJP304 ${PROD}:2`]);
  assert.deepEqual(await briefOf(project('DEBUG = get_bool_from_env("DEBUG", False)', helper), ["DJP304", "DJP107"]), []);
  assert.deepEqual(await briefOf(project('DEBUG = get_bool_from_env("DEBUG")', helper), ["DJP304", "DJP107"]), [], "the helper's own default is False");

  const envbool = lines("import os", "", "def envbool(name, default):", '    return os.getenv(name, default) == "True"');
  const imported = project(lines("from shop.envtools import envbool", 'DEBUG = envbool("DEBUG", "True")'), "", { "shop/envtools.py": envbool });
  assert.deepEqual(await briefOf(imported, ["DJP304", "DJP107"]), [`DJP304 ${PROD}:3`]);
  const importedFalse = project(lines("from shop.envtools import envbool", 'DEBUG = envbool("DEBUG", "False")'), "", { "shop/envtools.py": envbool });
  assert.deepEqual(await briefOf(importedFalse, ["DJP304", "DJP107"]), []);
});

test("a function that reads a fixed variable is not a helper: its calls are not env lookups", async () => {
  const notHelper = lines("def debug_flag(default):", '    return os.getenv("DEBUG", default) == "True"');
  assert.deepEqual(await briefOf(project('DEBUG = debug_flag("True")', notHelper), ["DJP304", "DJP107", "DJP301"]), []);
});

// --- DJP305: ALLOWED_HOSTS "*" by default ---

test("DJP305: a split string, a list default, a decouple Csv or a helper defaulting to * is found", async () => {
  for (const line of [
    'ALLOWED_HOSTS = os.getenv("DJANGO_ALLOWED_HOSTS", "*").split(",")',
    'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])',
    'ALLOWED_HOSTS = [h.strip() for h in os.environ.get("HOSTS", "localhost *").split()]',
  ]) {
    assert.deepEqual(await briefOf(project(line), ["DJP305"]), [`DJP305 ${PROD}:2`], line);
  }
  const decouple = project(lines("from decouple import config, Csv", 'ALLOWED_HOSTS = config("ALLOWED_HOSTS", default="*", cast=Csv())'));
  assert.deepEqual(await briefOf(decouple, ["DJP305"]), [`DJP305 ${PROD}:3`]);
  const getList = lines("def get_list(name, default=''):", "    return [x.strip() for x in os.environ.get(name, default).split(',') if x.strip()]");
  assert.deepEqual(await briefOf(project('ALLOWED_HOSTS = get_list("ALLOWED_HOSTS", "*")', getList), ["DJP305", "DJP107"]), [`DJP305 ${PROD}:2`]);
});

test("DJP305: a default without *, no default, or * only as part of a name is not reported", async () => {
  for (const line of [
    'ALLOWED_HOSTS = os.getenv("DJANGO_ALLOWED_HOSTS", "localhost").split(",")',
    'ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")',
    'ALLOWED_HOSTS = os.environ["HOSTS"].split(",")',
    'ALLOWED_HOSTS = os.getenv("HOSTS", "*.example.com").split(",")',
  ]) {
    assert.deepEqual(await briefOf(project(line), ["DJP305"]), [], line);
  }
});

test("converted lookups are parsed: DJP107 does not report a comparison, a split or a bool helper", async () => {
  const helper = lines("def envbool(name, default):", '    return os.getenv(name, default) == "True"');
  const prod = lines('DEBUG = envbool("DEBUG", "False")', 'ALLOWED_HOSTS = os.getenv("HOSTS", "a").split(",")', 'USE_TZ = os.getenv("USE_TZ", "1") == "1"');
  assert.deepEqual(await briefOf(project(prod, helper), ["DJP107"]), []);
  assert.deepEqual(await briefOf(project('DEBUG = os.getenv("DEBUG", "False")'), ["DJP107"]), [`DJP107 ${PROD}:2`]);
});

// --- DJP330: CORS ---

test("DJP330: CORS open to every origin in deployed settings, saying when credentials are allowed too", async () => {
  const [open] = await findings(project(lines("CORS_ORIGIN_ALLOW_ALL = True", "CORS_ALLOW_CREDENTIALS = True")), ["DJP330"]);
  assert.equal(open.rule, "DJP330");
  assert.match(open.message, /CORS_ALLOW_CREDENTIALS is also true/);
  const [fromEnv] = await findings(project('CORS_ALLOW_ALL_ORIGINS = env.bool("CORS_ALLOW_ALL", default=True)'), ["DJP330"]);
  assert.doesNotMatch(fromEnv.message, /CORS_ALLOW_CREDENTIALS/);
  assert.ok(fromEnv.fixes?.some((fix) => /False/.test(fix.title)));
  assert.deepEqual(await briefOf(project("CORS_ALLOW_ALL_ORIGINS = False"), ["DJP330"]), []);
  assert.deepEqual(await briefOf(project('CORS_ALLOW_ALL_ORIGINS = env.bool("CORS_ALLOW_ALL", default=False)'), ["DJP330"]), []);
});

// --- DJP406: EMAIL_BACKEND ---

test("DJP406: a console/locmem/dummy/file mail backend in deployed settings; SMTP and dev modules are fine", async () => {
  const console = project('EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"');
  const [found] = await findings(console, ["DJP406"]);
  assert.equal(found.file, PROD);
  assert.match(found.message, /never leave the server/);
  assert.ok(found.fixes?.length);
  assert.deepEqual(await briefOf(project('EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"'), ["DJP406"]), []);
  const dev = { ...project("DEBUG = False"), "shop/settings/local.py": lines("from .base import *", 'EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"') };
  assert.deepEqual(await briefOf(dev, ["DJP406"]), []);
});

// --- DJP110: generated SECRET_KEY ---

test("DJP110: a SECRET_KEY generated at start-up, directly or as an env default; not in dev modules", async () => {
  const generated = project("", lines("from django.core.management.utils import get_random_secret_key", 'SECRET_KEY = os.environ.get("SECRET_KEY", get_random_secret_key())'));
  assert.deepEqual(await briefOf(generated, ["DJP110", "DJP105"]), [`DJP110 ${BASE}:7`]);
  const direct = project("", lines("import secrets", "SECRET_KEY = secrets.token_urlsafe(50)"));
  assert.deepEqual(await briefOf(direct, ["DJP110"]), [`DJP110 ${BASE}:7`]);
  assert.deepEqual(await briefOf(project("", 'SECRET_KEY = os.environ["SECRET_KEY"]'), ["DJP110"]), []);
  const dev = { ...project("DEBUG = False"), "shop/settings/dev.py": lines("from .base import *", "import uuid", "SECRET_KEY = str(uuid.uuid4())") };
  assert.deepEqual(await briefOf(dev, ["DJP110"]), []);
});

// --- credential names and values that cannot be secrets ---

test("values that cannot be secrets are never DJP102, whatever their name", async () => {
  const files = project(
    lines(
      'OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"',
      'AUTH_TOKEN_CLASSES = ("rest_framework_simplejwt.tokens.AccessToken",)',
      'TOKEN_TYPE_CLAIM = "token_type"',
      'PASSWORD_RESET_PATH = "/password/reset/{uid}/"',
      'RESET_PASSWORD_LOCK_TIME = os.getenv("RESET_PASSWORD_LOCK", "15 minutes")',
      'ACCOUNT_RATE_LIMITS = {"login_failed": "5/m"}',
      'GOOGLE_TOKEN_ENDPOINT = "https://oauth2.googleapis.com/token"',
      'SECRET_TEMPLATE = "emails/secret.html"',
      'API_KEY_RETRIES = "3"',
      'PASSWORD_REQUIRED = "True"',
      'TOKEN_SIGNER = "myapp.auth.tokens.TokenGenerator"',
    ),
  );
  assert.deepEqual(await briefOf(files, ["DJP102", "DJP105"]), []);
});

test("DJP102 still reports real credentials, and a trailing comma (a tuple) is inspected", async () => {
  const files = project(lines('API_KEY = "s3cr3t-Pa55",', 'DB_PASSWORD = "hunter2hunter2"', 'SERVICE_TOKEN = "a1B2c3D4e5F6/g7H8"'));
  assert.deepEqual(await briefOf(files, ["DJP102"]), [`DJP102 ${PROD}:2`, `DJP102 ${PROD}:3`, `DJP102 ${PROD}:4`]);
});

test("placeholders as revised are judged on the whole value", async () => {
  const files = project(lines('EMAIL_HOST_PASSWORD = "put-your-real-password-here"', 'API_KEY = "generate-new-random-key"', 'DB_PASSWORD = "insecure-change-me"'));
  assert.deepEqual(await briefOf(files, ["DJP102"]), []);
  assert.deepEqual(await briefOf(project('DB_PASSWORD = "please-Xk2j9q"'), ["DJP102"]), [`DJP102 ${PROD}:2`]);
});

test("a django-environ scheme default of a credential is DJP105, not DJP102", async () => {
  const files = project("", 'env2 = environ.Env(DB_PASSWORD=(str, "s3cr3t-Pa55"))');
  assert.deepEqual(await briefOf(files, ["DJP102", "DJP105"]), [`DJP105 ${BASE}:6`]);
});

test("DJP104 names a keyword argument as one, under the right DATABASES alias", async () => {
  const files = project(
    lines("import dj_database_url", 'DATABASES = {"default": dj_database_url.config(), "replica": dj_database_url.config(default="postgres://u:s3cr3t-Pa55@db/x")}'),
  );
  const [found] = await findings(files, ["DJP104"]);
  assert.match(found.message, /the default= argument in DATABASES\["replica"\]/);
  assert.doesNotMatch(found.message, /DATABASES\["replica"\]\["default"\]/);
});

test("DJP103 says test-mode for sk_test_ keys and keys named as test keys, live otherwise", async () => {
  const body = "abcdefghijklmnop1234ABCD";
  const [testKey] = await findings(project(`STRIPE_KEY = "sk_${"test"}_${body}"`), ["DJP103"]);
  assert.match(testKey.message, /test-mode credential/);
  const [named] = await findings(project(`STRIPE_TEST_SECRET_KEY = "sk_${"live"}_${body}"`), ["DJP103"]);
  assert.match(named.message, /test-mode credential/);
  const [live] = await findings(project(`STRIPE_SECRET_KEY = "sk_${"live"}_${body}"`), ["DJP103"]);
  assert.match(live.message, /a live credential/);
});

test("DJP106 is not reported on a LocMemCache LOCATION, but is on a Redis one", async () => {
  const locmem = project('CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "unique-snowflake"}}');
  assert.deepEqual(await briefOf(locmem, ["DJP106"]), []);
  const redis = project('CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://cache:6379"}}');
  assert.deepEqual(await briefOf(redis, ["DJP106"]), [`DJP106 ${PROD}:2`]);
});

// --- DJP108: required means it raises ---

test("DJP108: os.environ[...] and env() without default are required; .get/getenv and guarded lookups are not", async () => {
  const files = project(
    lines(
      'A = os.environ["REQUIRED_A"]',
      'B = env("REQUIRED_B")',
      'C = os.environ.get("OPTIONAL_C")',
      'D = os.getenv("OPTIONAL_D")',
      'if "GUARDED_E" in os.environ:',
      '    E = os.environ["GUARDED_E"]',
      'F = os.environ["GUARDED_F"] if os.environ.get("GUARDED_F") else None',
      "try:",
      '    G = os.environ["GUARDED_G"]',
      "except KeyError:",
      "    G = None",
    ),
    "",
    { ".env.example": "OTHER=1\n" },
  );
  const reported = (await findings(files, ["DJP108"])).map((f) => f.message.split(" ")[0]).sort();
  assert.deepEqual(reported, ["REQUIRED_A", "REQUIRED_B"]);
});

test("DJP110: a generated fallback when the variable is unset is reported; a CI-only branch is not", async () => {
  const fallback = project(
    "",
    lines("import random", 'if "DJANGO_SECRET_KEY" in os.environ:', '    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]', "else:", '    SECRET_KEY = "".join(random.choice("abcdef") for _ in range(50))'),
  );
  assert.deepEqual(await briefOf(fallback, ["DJP110"]), [`DJP110 ${BASE}:10`]);
  const ciOnly = project(
    "",
    lines("import secrets", 'if "SECRET_KEY" in os.environ:', '    SECRET_KEY = os.environ["SECRET_KEY"]', 'elif "CI" in os.environ:', "    SECRET_KEY = secrets.token_hex(32)"),
  );
  assert.deepEqual(await briefOf(ciOnly, ["DJP110"]), []);
});

test("DJP304: a comparison without a default runs on None (`os.getenv(\"DEBUG\") != \"FALSE\"` is True when unset)", async () => {
  assert.deepEqual(await briefOf(project('DEBUG = os.getenv("DJANGO_DEBUG") != "FALSE"'), ["DJP304"]), [`DJP304 ${PROD}:2`]);
  assert.deepEqual(await briefOf(project('DEBUG = os.getenv("DJANGO_DEBUG") == "TRUE"'), ["DJP304"]), []);
});

test("DJP305 through environs' FileAwareEnv", async () => {
  const files = project(lines("from environs import FileAwareEnv", "fenv = FileAwareEnv()", 'ALLOWED_HOSTS = fenv.list("ALLOWED_HOSTS", ["*"])'));
  assert.deepEqual(await briefOf(files, ["DJP305"]), [`DJP305 ${PROD}:4`]);
});

test("DJP103 says test-mode for a private key in a test settings module", async () => {
  const pem = ["-----BEGIN PRIVATE KEY-----", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQD8hUeq2Lk0pXnR", "-----END PRIVATE KEY-----"].join("\\n");
  const files = { ...project("DEBUG = False"), "shop/settings/test.py": lines("from .base import *", `RSA_PRIVATE_KEY = "${pem}"`) };
  const [found] = await findings(files, ["DJP103"]);
  assert.equal(found?.file, "shop/settings/test.py");
  assert.match(found?.message ?? "", /test-mode credential/);
});

test("DJP107 on environs: typed methods parse (the default too); env.str hands over the string", async () => {
  const typed = project(lines("from environs import Env", "envs = Env()", 'DEBUG = envs.bool("DEBUG", False)', 'EMAIL_PORT = envs.int("EMAIL_PORT", 25)'));
  assert.deepEqual(await briefOf(typed, ["DJP107"]), []);
  const raw = project(lines("from environs import Env", "envs = Env()", 'DEBUG = envs.str("DEBUG", "False")'));
  assert.deepEqual(await briefOf(raw, ["DJP107"]), [`DJP107 ${PROD}:4`]);
});

test("DJP406 waits while deployed DEBUG is a truthy literal (DJP301 reports the development state first)", async () => {
  const files = project(lines("DEBUG = True", 'EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"'));
  assert.deepEqual(await briefOf(files, ["DJP406", "DJP301"]), [`DJP301 ${PROD}:2`]);
});

test("a helper reading through `from os import environ` and mapping the value is followed", async () => {
  const helper = lines(
    "from os import environ",
    "",
    "def _environ_get_and_map(variable_name, default=None, map_fn=None):",
    "    env_value = environ.get(variable_name, default)",
    "    if env_value is None or not map_fn:",
    "        return env_value",
    "    return map_fn(env_value)",
    "",
    "def _as_list(value):",
    '    return value.split(",")',
  );
  const files = project('ALLOWED_HOSTS = _environ_get_and_map("ALLOWED_HOSTS", ["*"], _as_list)', helper);
  assert.deepEqual(await briefOf(files, ["DJP305", "DJP107"]), [`DJP305 ${PROD}:2`]);
});

test("DJP330's fix on a literal turns it off and reads CORS_ALLOWED_ORIGINS from the environment, offered not applied", async () => {
  const files = project(lines("CORS_ALLOW_ALL_ORIGINS = True", "CORS_ALLOW_CREDENTIALS = True"));
  const [found] = await findings(files, ["DJP330"]);
  const fix = found?.fixes?.[0];
  assert.ok(fix);
  assert.equal(fix.safe, false);
  const fixed = applyFileEdits((file) => files[file], fix.edits).get(PROD) ?? "";
  assert.match(fixed, /^CORS_ALLOW_ALL_ORIGINS = False$/m);
  assert.match(fixed, /^CORS_ALLOWED_ORIGINS = env\.list\("CORS_ALLOWED_ORIGINS"/m);
  assert.deepEqual(await briefOf({ ...files, [PROD]: fixed }, ["DJP330"]), []);
});
